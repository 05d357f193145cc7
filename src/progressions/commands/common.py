"""Parts shared by the query commands: options, mastered sets, loading and output."""

from __future__ import annotations

import argparse
import csv
import io
import json
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from ..graph import UnknownIdError
from ..model import Competency, Unit
from ..problems import ContentError
from ..reporters import report
from ..repository import Repository, load
from ..yamlfile import load_yaml_text

__all__ = [
    "EXIT_STATUS",
    "MASTERED_FILE_HELP",
    "CommandError",
    "add_common_arguments",
    "add_mastered_arguments",
    "competency_record",
    "count",
    "load_repository",
    "positive_count",
    "read_mastered",
    "run_query",
    "unit_line",
    "unit_record",
]

EXIT_STATUS = textwrap.fill(
    "Exit status: 0 on success, 1 when the content has errors (printed as validate "
    "prints them), 2 on a usage error such as an unknown id or level.", width=76)

MASTERED_FILE_HELP = textwrap.fill(
    "A mastered file lists competency and unit ids (a unit id stands for all its "
    "targets). It may be YAML or JSON (a list of ids, or a mapping whose 'mastered' "
    "key holds the list) or CSV with one column (one id a line; a first line "
    "reading 'id', 'competency' or 'mastered' is a header and lines starting with "
    "'#' are comments). The format follows the file's extension (.yaml, .yml, "
    ".json, .csv); for '-' (standard input) or another extension it is guessed "
    "from the text.", width=76)

_CSV_HEADERS = {"id", "ids", "competency", "competencies", "mastered"}


class CommandError(Exception):
    """A problem with the command line or its input; the command exits with 2."""


def add_common_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``--root`` and ``--format`` to a query command."""
    parser.add_argument("--root", default=".", type=Path,
                        help="the repository's root folder "
                        "(default: the current folder)")
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="output format: text (default) or json")


def add_mastered_arguments(parser: argparse.ArgumentParser, required: bool) -> None:
    """Add the mutually exclusive ``--mastered`` and ``--mastered-file`` options."""
    group = parser.add_mutually_exclusive_group(required=required)
    group.add_argument("--mastered", metavar="ID[,ID...]",
                       help="ids the student has mastered, separated by commas")
    group.add_argument("--mastered-file", metavar="FILE",
                       help="a file of mastered ids, or '-' for standard input")


def read_mastered(args: argparse.Namespace, stdin: TextIO) -> list[str]:
    """Return the mastered ids given by ``--mastered`` or ``--mastered-file``.

    Raises
    ------
    CommandError
        If the file cannot be read or does not hold a list of ids.
    """
    if args.mastered is not None:
        return [item.strip() for item in args.mastered.split(",") if item.strip()]
    if args.mastered_file is None:
        return []
    name = args.mastered_file
    if name == "-":
        text, suffix = stdin.read().removeprefix("\ufeff"), ""
    else:
        try:
            # utf-8-sig drops the byte order mark that spreadsheet programs write.
            text = Path(name).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            message = f"failed to read the mastered file {name}: {error}"
            raise CommandError(message) from None
        suffix = Path(name).suffix.lower()
    where = "standard input" if name == "-" else name
    ids = _parse_mastered(text, suffix, where)
    if not ids and not _explicitly_empty(text):
        raise CommandError(f"the mastered file {where} lists no ids; to mean that "
                           "nothing is mastered, pass --mastered ''")
    return ids


def _explicitly_empty(text: str) -> bool:
    """Return whether ``text`` is an empty JSON or YAML list, such as ``[]``."""
    return any(line.strip() in ("[]", "mastered: []", '{"mastered": []}')
               for line in text.splitlines())


def _parse_mastered(text: str, suffix: str, where: str) -> list[str]:
    kind = {".json": "json", ".yaml": "yaml", ".yml": "yaml", ".csv": "csv"}.get(suffix)
    if kind is None:
        kind = _guess_format(text)
    if kind == "csv":
        return _parse_csv(text, where)
    if kind == "json":
        try:
            data = json.loads(text)
        except ValueError as error:
            raise CommandError(f"the mastered file {where} is not valid JSON: "
                               f"{str(error).splitlines()[0]}") from None
        except RecursionError:
            raise CommandError(f"the mastered file {where} is nested too deeply; "
                               "write a list of ids") from None
    else:
        # The content loader reports YAML 1.1 surprises (such as 1:30 read as 90)
        # and rejects tags, anchors and deep nesting, as it does for content.
        loaded = load_yaml_text(text, where)
        data = loaded.data
        errors = [p for p in loaded.problems if p.rule != "empty-file"]
        if errors:
            first = errors[0]
            raise CommandError(f"the mastered file {where} is not valid YAML: line "
                               f"{first.line}: {first.message}")
    if isinstance(data, dict) and "mastered" in data:
        data = data["mastered"]
    if data is None:
        return []
    if not isinstance(data, list):
        raise CommandError(f"the mastered file {where} must hold a list of ids or a "
                           f"mapping with a 'mastered' list, not {type(data).__name__}")
    for index, item in enumerate(data, start=1):
        if not isinstance(item, str):
            raise CommandError(f"item {index} of the mastered file {where} is "
                               f"{item!r}, not an id; write ids as text (quote "
                               "them in YAML)")
    return [item.strip() for item in data if item.strip()]


def _guess_format(text: str) -> str:
    """Guess json, yaml or csv from the first line that is not blank or a comment."""
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped[0] in "[{":
            return "json"
        if stripped.startswith("- ") or stripped == "-" or ": " in stripped \
                or stripped.endswith(":") or stripped == "---":
            return "yaml"
        return "csv"
    return "csv"


def _parse_csv(text: str, where: str) -> list[str]:
    ids: list[str] = []
    first = True
    for number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        cells = [cell.strip() for cell in row]
        filled = [cell for cell in cells if cell]
        if not filled or filled[0].startswith("#"):
            continue
        if len(filled) > 1:
            raise CommandError(f"line {number} of the mastered file {where} has "
                               f"{len(filled)} columns; write one id a line")
        if first and filled[0].lower() in _CSV_HEADERS:
            first = False
            continue
        first = False
        ids.append(filled[0])
    return ids


def load_repository(args: argparse.Namespace, out: TextIO) -> Repository | None:
    """Load the repository at ``args.root``; on content errors, report them.

    Returns None when the content has errors, after writing every problem
    to ``out`` in ``args.format`` just as ``validate`` would.
    """
    try:
        return load(args.root)
    except ContentError as error:
        report(error.problems, out, args.format)
        return None


def run_query(command: str, err: TextIO, query: Callable[[], int]) -> int:
    """Call ``query()`` and turn unknown ids and bad input into exit status 2."""
    try:
        return query()
    except (UnknownIdError, CommandError) as error:
        err.write(f"progressions {command}: error: {error}\n")
        return 2


def count(text: str) -> int:
    """Parse a whole number of 0 or more, for ``--window``."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{value} is negative; give 0 or more")
    return value


def positive_count(text: str) -> int:
    """Parse a whole number of 1 or more, for ``--limit``."""
    value = count(text)
    if value == 0:
        raise argparse.ArgumentTypeError("0 would list nothing; give 1 or more")
    return value


def unit_record(unit: Unit) -> dict[str, Any]:
    """Return the JSON fields of ``unit`` that the query commands print."""
    return {"id": unit.id, "title": unit.title, "level": unit.level,
            "progression": unit.progression, "targets": list(unit.targets)}


def competency_record(competency: Competency) -> dict[str, Any]:
    """Return the JSON fields of ``competency`` that the query commands print."""
    return {"id": competency.id, "level": competency.level,
            "progression": competency.progression, "statement": competency.statement}


def unit_line(unit: Unit, show_level: bool = True) -> str:
    """Return ``unit`` as one line of text for a teacher."""
    where = unit.progression
    if show_level:
        where = f"level {unit.level}, {where}"
    return f"{unit.id}: {unit.title} ({where})"
