"""``progressions rules``: what each validation rule checks and how to fix a problem."""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable
from typing import TextIO

from ..rules import RULES, RuleInfo

GROUP_TITLES = {
    "files": "Files",
    "yaml": "YAML",
    "schema": "Fields and values",
    "references": "Ids and references",
    "graph": "Prerequisites",
    "coverage": "Coverage",
    "units": "Units",
    "text": "Text",
}
"""Section titles of the rule groups, in the order the catalog lists them."""


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "rules", help="explain the validation rules",
        description="Print what each validation rule checks and how to fix a problem "
        "it reports. The rule id is the last word of each line that progressions "
        "validate prints. Exit status: 0, or 2 for an unknown rule id.")
    parser.add_argument("ids", nargs="*", metavar="RULE",
                        help="the rules to explain (default: all)")
    parser.add_argument("--format", choices=("text", "markdown", "json"), default="text",
                        help="output format (default: text)")
    parser.set_defaults(handler=run)


def markdown(rules: Iterable[RuleInfo], heading: str = "###") -> str:
    """Return the rules as Markdown, one section per group of rules."""
    lines: list[str] = []
    group = None
    for rule in rules:
        if rule.group != group:
            group = rule.group
            lines += [f"{heading} {GROUP_TITLES.get(group, group.capitalize())}", ""]
        lines += [f"- **`{rule.id}`** ({rule.severity}). {rule.checks}", "",
                  f"  *Fix:* {rule.fix}", ""]
    return "\n".join(lines)


def text(rules: Iterable[RuleInfo]) -> str:
    """Return the rules as plain text, one paragraph each."""
    paragraphs = [f"{rule.id} ({rule.severity})\n  checks: {rule.checks}\n"
                  f"  fix: {rule.fix}\n" for rule in rules]
    return "\n".join(paragraphs)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    unknown = [rule_id for rule_id in args.ids if rule_id not in RULES]
    if unknown:
        err.write(f"progressions rules: error: no rule has the id "
                  f"{', '.join(repr(u) for u in unknown)}; run progressions rules to "
                  "list them all\n")
        return 2
    rules = [RULES[rule_id] for rule_id in args.ids] if args.ids else list(RULES.values())
    if args.format == "json":
        json.dump([{"id": r.id, "severity": r.severity, "group": r.group,
                    "scope": r.scope, "checks": r.checks, "fix": r.fix} for r in rules],
                  out, indent=2)
        out.write("\n")
    elif args.format == "markdown":
        out.write(markdown(rules))
    else:
        out.write(text(rules))
    return 0
