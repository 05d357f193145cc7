"""``progressions site``: write the site's pages to a folder."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path
from typing import TextIO

from ..problems import ContentError
from ..reporters import report
from ..repository import load
from ..site import mermaid
from ..site.pages import generate, write_pages


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "site", help="write the site's Markdown pages to a folder",
        description="Generate every page of the site (home, levels, progressions, "
        "units, coverage and reference) as Markdown files under OUT_DIR, with the "
        "Mermaid library the prerequisite maps need, for site generators that read "
        "mkdocs.yml without MkDocs plugins (for example: progressions site docs). "
        "Existing files at the same paths are overwritten; other files are kept. "
        "Exit status: 0 when the pages were written, 1 when the content has errors "
        "(printed as validate prints them), 2 on a usage error.")
    parser.add_argument("out_dir", metavar="OUT_DIR", type=Path,
                        help="the folder to write the pages into (created if missing)")
    parser.add_argument("--root", default=Path("."), type=Path,
                        help="the repository's root folder (default: the current folder)")
    parser.add_argument("--no-mermaid", action="store_true",
                        help=f"do not copy {mermaid.SITE_PATH} into OUT_DIR")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        repository = load(args.root)
    except ContentError as error:
        report(error.problems, out, "text")
        return 1
    pages = generate(repository)
    write_pages(pages, args.out_dir)
    if not args.no_mermaid:
        try:
            source = mermaid.mermaid_js()
        except mermaid.MermaidUnavailable as error:
            err.write(f"progressions site: error: {error}\n")
            return 2
        target = args.out_dir / mermaid.SITE_PATH
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    out.write(f"wrote {len(pages)} pages to {args.out_dir}\n")
    return 0
