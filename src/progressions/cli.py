"""The ``progressions`` command line.

Exit status: 0 success, 1 problems found, 2 usage error or a fault in the tool.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from typing import NoReturn, TextIO

from . import __version__
from .commands import MODULES
from .schemas import SchemaError

__all__ = ["main"]

log = logging.getLogger("progressions")


class UsageError(Exception):
    """A command line that cannot be carried out as written."""


class _Parser(argparse.ArgumentParser):
    """An argument parser that raises instead of exiting, so main() owns the streams."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: error: {message}")


def build_parser() -> argparse.ArgumentParser:
    """Return the parser for every subcommand."""
    parser = _Parser(prog="progressions",
                     description="Validate, query and publish learning progressions "
                     "and teaching units written as YAML.")
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND",
                                       parser_class=_Parser)
    for module in MODULES:
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None,
         stderr: TextIO | None = None, stdin: TextIO | None = None) -> int:
    """Run the command line and return its exit status."""
    out = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except UsageError as error:
        err.write(parser.format_usage() + str(error) + "\n")
        return 2
    except SystemExit as exit:  # --help
        return int(exit.code or 0)
    if args.version:
        out.write(f"progressions {__version__}\n")
        return 0
    if args.command is None:
        err.write(parser.format_help())
        return 2
    args.stdin = stdin if stdin is not None else sys.stdin
    try:
        return int(args.handler(args, out, err))
    except UsageError as error:
        err.write(f"progressions {args.command}: error: {error}\n")
        return 2
    except (FileNotFoundError, NotADirectoryError) as error:
        err.write(f"progressions {args.command}: error: {error}\n")
        return 2
    except SchemaError as error:
        err.write(f"progressions: internal error: {error}\n")
        return 2


if __name__ == "__main__":
    sys.exit(main())
