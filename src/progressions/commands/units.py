"""``progressions units``: the units at and around one level."""

from __future__ import annotations

import argparse
import json
from typing import TextIO

from .common import (
    EXIT_STATUS,
    add_common_arguments,
    count,
    load_repository,
    run_query,
    unit_line,
    unit_record,
)

DESCRIPTION = f"""\
List the units whose level is within --window levels of --level, ordered
by level, then progression, then id. A window of 3 is the span a teacher
of that level works across.

With --format json the output is an object:
  {{"level": "3", "window": 1, "levels": ["2", "3", "4"],
   "units": [{{"id": ..., "title": ..., "level": ..., "progression": ...,
              "targets": [...]}}, ...]}}

{EXIT_STATUS}"""


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "units", help="list the units at and around a level",
        description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--level", required=True,
                        help="a level of the scale, such as K or 3")
    parser.add_argument("--window", type=count, default=0, metavar="N",
                        help="also list units up to N levels below and above "
                        "(default 0)")
    add_common_arguments(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    return run_query("units", err, lambda: _units(args, out))


def _units(args: argparse.Namespace, out: TextIO) -> int:
    repository = load_repository(args, out)
    if repository is None:
        return 1
    units = repository.units_at(args.level, args.window)
    level = repository.levels.parse(args.level)
    assert level is not None  # units_at rejected any other label
    levels = list(repository.levels.window(level, args.window))
    if args.format == "json":
        json.dump({"level": level, "window": args.window, "levels": levels,
                   "units": [unit_record(unit) for unit in units]}, out, indent=2)
        out.write("\n")
        return 0

    span = f"level {levels[0]}" if len(levels) == 1 else \
        f"levels {levels[0]} to {levels[-1]}"
    if not units:
        out.write(f"No units at {span}.\n")
        return 0
    plural = "" if len(units) == 1 else "s"
    out.write(f"{len(units)} unit{plural} at {span}:\n")
    current = None
    for unit in units:
        if unit.level != current:
            current = unit.level
            out.write(f"Level {current}\n")
        out.write(f"  {unit_line(unit, show_level=False)}\n")
    return 0
