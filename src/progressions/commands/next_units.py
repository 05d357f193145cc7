"""``progressions next``: the units a student is ready for, best first."""

from __future__ import annotations

import argparse
import json
from typing import TextIO

from .common import (
    EXIT_STATUS,
    MASTERED_FILE_HELP,
    add_common_arguments,
    add_mastered_arguments,
    load_repository,
    positive_count,
    read_mastered,
    run_query,
    unit_line,
    unit_record,
)

DESCRIPTION = f"""\
List the units a student is ready for: all of a unit's prerequisites are
mastered and at least one of its targets is not. Mastering a competency
implies mastering its prerequisites. Units come ranked by how close their
level is to --level (when given), then by how many more units each one
unlocks, then by level and id.

{MASTERED_FILE_HELP}

With --format json the output is an object:
  {{"level": "3" or null,
   "units": [{{"id": ..., "title": ..., "level": ..., "progression": ...,
              "targets": [...], "unlocks": 2}}, ...]}}

{EXIT_STATUS}"""


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "next", help="list the units a student is ready for",
        description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_mastered_arguments(parser, required=True)
    parser.add_argument("--level", help="the level the student works at; nearer "
                        "levels rank first")
    parser.add_argument("--limit", type=positive_count, metavar="N",
                        help="list at most N units")
    add_common_arguments(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    return run_query("next", err, lambda: _next(args, out))


def _next(args: argparse.Namespace, out: TextIO) -> int:
    mastered = read_mastered(args, args.stdin)
    repository = load_repository(args, out)
    if repository is None:
        return 1
    ranked = repository.next_units(mastered, level=args.level, limit=args.limit)
    level = None if args.level is None else repository.levels.parse(args.level)
    if args.format == "json":
        units = [dict(unit_record(unit), unlocks=ranked.unlocks[unit.id])
                 for unit in ranked]
        json.dump({"level": level, "units": units}, out, indent=2)
        out.write("\n")
        return 0

    if not ranked:
        out.write("No unit is ready: each unit is either mastered or still needs "
                  "prerequisites.\n")
        return 0
    heading = "Ready units" + (f" for level {level}" if level else "") + ", best first:"
    out.write(heading + "\n")
    for position, unit in enumerate(ranked, start=1):
        unlocks = ranked.unlocks[unit.id]
        plural = "" if unlocks == 1 else "s"
        out.write(f"{position:>3}. {unit_line(unit)}, unlocks {unlocks} unit{plural}\n")
    return 0
