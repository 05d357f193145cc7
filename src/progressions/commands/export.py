"""``progressions export``: the whole repository as JSON or GraphML."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TextIO

from ..export import export_data, graphml_lines
from ..problems import ContentError
from ..reporters import report
from ..repository import Repository, load


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "export", help="write the whole repository as JSON or GraphML",
        description="Write the repository for other systems. json: settings, "
        "progressions, competencies, units and the edges of the prerequisite graph, in "
        "the versioned shape of schemas/export.schema.json (format_version 1). graphml: "
        "the prerequisite graph, with text-only node and edge data. Invalid content is "
        "not exported: its problems are printed as validate prints them. Exit status: "
        "0 when the export was written, 1 when the content has errors, 2 on a usage "
        "error.")
    parser.add_argument("--format", choices=("json", "graphml"), required=True,
                        help="json (documented in README.md, 'Exporting') or graphml")
    parser.add_argument("--root", default=Path("."), type=Path,
                        help="the repository's root folder (default: the current folder)")
    parser.add_argument("-o", "--output", type=Path, metavar="FILE",
                        help="the file to write (default: standard output)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        repository = load(args.root)
    except ContentError as error:
        report(error.problems, err)
        return 1
    if args.output is None:
        _write(repository, args.format, out)
        return 0
    try:
        with args.output.open("w", encoding="utf-8", newline="\n") as file:
            _write(repository, args.format, file)
    except OSError as error:
        err.write(f"progressions export: error: cannot write {args.output}: "
                  f"{error.strerror or error}\n")
        return 2
    return 0


def _write(repository: Repository, format: str, stream: TextIO) -> None:
    if format == "json":
        json.dump(export_data(repository), stream, indent=2, ensure_ascii=False)
        stream.write("\n")
    else:
        stream.writelines(line + "\n" for line in graphml_lines(repository))
