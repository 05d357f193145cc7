"""``progressions new``: write a skeleton unit or progression for a writer to fill in."""

from __future__ import annotations

import argparse
import subprocess
from pathlib import Path
from typing import TextIO

from ..scaffold import ScaffoldError, new_progression, new_unit
from ..yamlfile import PLACEHOLDER


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "new", help="write a new unit or progression file to fill in",
        description="Write a complete skeleton file that already validates, with "
        f"every text the writer still has to write marked {PLACEHOLDER}. Nothing is "
        "overwritten: the command refuses an id that is not a lowercase slug or that "
        "the repository already uses. Exit status: 0 when the file was written, 2 "
        "when it was not.")
    kinds = parser.add_subparsers(dest="kind", metavar="KIND", required=True,
                                  parser_class=type(parser))

    unit = kinds.add_parser(
        "unit", help="a unit in units/PROGRESSION/ID.yaml",
        description="Write units/PROGRESSION/ID.yaml. The unit targets every "
        "competency of the progression at the level, with a readiness item for each "
        "of their prerequisites; remove the targets it does not teach.")
    unit.add_argument("id", metavar="ID", help="the unit's id, such as frac-3-unit-fractions")
    unit.add_argument("--level", required=True, metavar="L",
                      help="the unit's level, such as 3 or K")
    unit.add_argument("--progression", required=True, metavar="P",
                      help="the id of the progression the unit belongs to")
    _common(unit)
    unit.set_defaults(handler=run_unit)

    progression = kinds.add_parser(
        "progression", help="a progression in progressions/ID.yaml",
        description="Write progressions/ID.yaml with one competency to rename and "
        "fill in.")
    progression.add_argument("id", metavar="ID", help="the progression's id, such as "
                             "fractions-ratios")
    progression.add_argument("--subject", required=True,
                             help="the school subject in lowercase, such as mathematics")
    progression.add_argument("--level", metavar="L",
                             help="the level of the first competency (default: the "
                             "lowest level of the scale)")
    progression.add_argument("--prefix", help="the first part of competency ids, such "
                             "as frac for frac.3.unit-fractions (default: the id)")
    _common(progression)
    progression.set_defaults(handler=run_progression)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--root", default=Path("."), type=Path,
                        help="the repository's root folder (default: the current folder)")
    parser.add_argument("--title", help="the title (default: a placeholder)")
    parser.add_argument("--author", help="the author to credit (default: git's "
                        "user.name, or a placeholder)")


def _git_user(root: Path) -> str | None:
    try:
        result = subprocess.run(["git", "config", "user.name"], cwd=root,
                                capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    name = result.stdout.strip()
    return name or None


def _done(path: Path, out: TextIO, err: TextIO) -> int:
    count = path.read_text(encoding="utf-8").count(f"{PLACEHOLDER}:")
    out.write(f"wrote {path}\n")
    out.write(f"next: replace the {count} text(s) marked {PLACEHOLDER}, then run "
              "progressions validate\n")
    return 0


def run_unit(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        path = new_unit(args.root, args.id, args.level, args.progression,
                        title=args.title, author=args.author or _git_user(args.root))
    except ScaffoldError as error:
        err.write(f"progressions new unit: error: {error}\n")
        return 2
    return _done(path, out, err)


def run_progression(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        path = new_progression(args.root, args.id, args.subject, level=args.level,
                               prefix=args.prefix, title=args.title,
                               author=args.author or _git_user(args.root))
    except ScaffoldError as error:
        err.write(f"progressions new progression: error: {error}\n")
        return 2
    return _done(path, out, err)
