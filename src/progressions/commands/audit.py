"""``progressions audit``: compare prerequisites with a reference map of standards."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TextIO

from ..audit import ReferenceError, audit, read_reference
from ..problems import ContentError
from ..reporters import report
from ..repository import load


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "audit", help="compare the prerequisite graph with a reference map",
        description="For every reference link between two standard codes that the "
        "repository's competencies align to, check that the prerequisite graph has a "
        "path in the same direction, and list the reversed and missing links. A "
        "disagreement counts as explained when the notes of a competency aligned to "
        "the link's second code name both codes. Exit status: 0 when the agreement "
        "reaches --min-agreement and every disagreement is explained, 1 otherwise "
        "or when the content has errors, 2 on a usage error.")
    parser.add_argument("--reference", required=True, type=Path, metavar="FILE",
                        help="CSV file with from_code,to_code columns, such as "
                        "reference/ccss-coherence-map/prerequisites.csv")
    parser.add_argument("--root", default=Path("."), type=Path,
                        help="the repository's root folder (default: the current folder)")
    parser.add_argument("--framework", default="CCSS.Math",
                        help="the alignment framework the codes belong to "
                        "(default: CCSS.Math)")
    parser.add_argument("--min-agreement", type=float, default=0.9, metavar="SHARE",
                        help="the share of considered links that must agree, from 0 to 1 "
                        "(default: 0.9)")
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="output format (default: text)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if not 0 <= args.min_agreement <= 1:
        err.write("progressions audit: error: --min-agreement must be between 0 and 1, "
                  f"not {args.min_agreement}\n")
        return 2
    try:
        links = read_reference(args.reference)
    except ReferenceError as error:
        err.write(f"progressions audit: error: {error}\n")
        return 2
    try:
        repository = load(args.root)
    except ContentError as error:
        report(error.problems, err)
        return 1
    result = audit(repository, links, args.framework)
    if not result.considered:
        err.write(f"progressions audit: error: no link of {args.reference} joins two "
                  f"codes that competencies align to under the framework "
                  f"'{args.framework}'; check --framework and the file\n")
        return 1
    unexplained = [r for r in result.disagreements if not r.explained]
    if args.format == "json":
        json.dump(result.as_dict(), out, indent=2)
        out.write("\n")
    else:
        for link in result.disagreements:
            note = "explained in notes" if link.explained else "NOT explained in notes"
            out.write(f"{link.status}: {link.from_code} -> {link.to_code} "
                      f"({', '.join(link.from_competencies)} -> "
                      f"{', '.join(link.to_competencies)}); {note}\n")
        out.write(
            f"{result.considered} of {result.reference_links} reference links join codes "
            f"the repository covers ({_plural(result.covered_codes, 'code')}): "
            f"{result.count('agree')} agree ({result.agreement:.1%}), "
            f"{result.count('reversed')} reversed, {result.count('missing')} missing, "
            f"{len(unexplained)} unexplained\n")
    passed = result.agreement >= args.min_agreement and not unexplained
    return 0 if passed else 1


def _plural(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
