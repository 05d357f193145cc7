"""``progressions path``: the units that take a student to a target, in order."""

from __future__ import annotations

import argparse
import json
from typing import TextIO

from .common import (
    EXIT_STATUS,
    MASTERED_FILE_HELP,
    add_common_arguments,
    add_mastered_arguments,
    competency_record,
    load_repository,
    read_mastered,
    run_query,
    unit_line,
    unit_record,
)

DESCRIPTION = f"""\
List, in teaching order, a small set of units that together teach every
competency TARGET needs that the student has not mastered. TARGET is a unit
(which comes last) or a competency. Each unit comes after the units teaching
its prerequisites. Needed competencies that no unit teaches are listed apart,
as a gap in the content. The units are chosen greedily, so the list is
short but not always the shortest.

{MASTERED_FILE_HELP}

With --format json the output is an object:
  {{"target": ...,
   "units": [{{"id": ..., "title": ..., "level": ..., "progression": ...,
              "targets": [...]}}, ...],
   "uncovered": [{{"id": ..., "level": ..., "progression": ...,
                  "statement": ...}}, ...]}}

{EXIT_STATUS}"""


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "path", help="list the units that lead a student to a target",
        description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("target", metavar="TARGET", help="a unit or competency id")
    add_mastered_arguments(parser, required=False)
    add_common_arguments(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    return run_query("path", err, lambda: _path(args, out))


def _path(args: argparse.Namespace, out: TextIO) -> int:
    mastered = read_mastered(args, args.stdin)
    repository = load_repository(args, out)
    if repository is None:
        return 1
    path = repository.gap_path(args.target, mastered)
    if args.format == "json":
        json.dump({"target": args.target, "units": [unit_record(u) for u in path],
                   "uncovered": [competency_record(c) for c in path.uncovered]},
                  out, indent=2)
        out.write("\n")
        return 0

    if not path and not path.uncovered:
        out.write(f"{args.target} is already mastered: no units are needed.\n")
        return 0
    if path:
        plural = "" if len(path) == 1 else "s"
        out.write(f"Path to {args.target} ({len(path)} unit{plural}):\n")
        out.writelines(f"{position:>3}. {unit_line(unit)}\n" for position, unit in enumerate(path, start=1))
    else:
        out.write(f"No unit can start on the way to {args.target}.\n")
    if path.uncovered:
        out.write("Needed but not taught by any unit in the path:\n")
        out.writelines(f"  - {competency.id} (level {competency.level}, "
                      f"{competency.progression}): {competency.statement}\n" for competency in path.uncovered)
    return 0
