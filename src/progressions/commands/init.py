"""``progressions init``: start a new content repository."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from ..init import InitError, init_repository


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "init", help="start a new content repository",
        description="Write a new content repository into DIR: repository.yaml with "
        "the level scale, a copy of the schemas for editors, mkdocs.yml for the site, "
        "and an example progression with two units, all of which validate and build "
        "at once. DIR must be empty or not exist yet. Exit status: 0 when the "
        "repository was written, 2 when it was not.")
    parser.add_argument("dir", type=Path, metavar="DIR", help="the new repository's folder")
    parser.add_argument("--title", help="the repository's title, shown on the site")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        written = init_repository(args.dir, args.title)
    except InitError as error:
        err.write(f"progressions init: error: {error}\n")
        return 2
    out.write(f"wrote {len(written)} files in {args.dir}\n"
              f"next: cd {args.dir} && progressions validate && mkdocs serve\n")
    return 0
