"""``progressions validate``: check a content repository."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from ..changes import GitError, changed_files, select_problems
from ..reporters import FORMATS, report
from ..repository import check


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "validate", help="check the content and report every problem",
        description="Check every progression and unit file under ROOT and print each "
        "problem as FILE:LINE:COL: SEVERITY: MESSAGE [RULE]. Exit status: 0 when no "
        "error was found, 1 when errors were found (or warnings, with --strict), "
        "2 on a usage error.")
    parser.add_argument("root", nargs="?", default=".", type=Path,
                        help="the repository's root folder (default: the current folder)")
    parser.add_argument("--format", choices=FORMATS, default="text",
                        help="output format: text (default), json (a list of problem "
                        "records) or github (workflow annotations)")
    parser.add_argument("--strict", action="store_true",
                        help="exit with status 1 on warnings too")
    parser.add_argument(
        "--changed-since", metavar="REF",
        help="still check the whole repository, but report the problems that concern "
        "one file alone (files, YAML, schema, text and lesson-time rules) only for files "
        "changed since the merge base of REF and HEAD, committed or not, and for "
        "untracked files. Problems of repository-wide rules (unique ids, references, "
        "levels, prerequisite cycles, readiness and coverage) are kept for every file, "
        "and a change to repository.yaml keeps everything. ROOT must be in a git work "
        "tree; an unknown REF is a usage error")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    changed = None
    if args.changed_since is not None:
        try:
            changed = changed_files(args.root, args.changed_since)
        except GitError as error:
            err.write(f"progressions validate: error: --changed-since: {error}\n")
            return 2
    problems = check(args.root)
    if changed is not None:
        problems = select_problems(problems, changed)
    report(problems, out, args.format)
    if any(p.severity == "error" for p in problems):
        return 1
    return 1 if args.strict and problems else 0
