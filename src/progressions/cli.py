"""The ``progressions`` command line.

Exit status: 0 success, 1 problems found, 2 usage error or a fault in the tool.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
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
        raise UsageError(f"{self.format_usage()}{self.prog}: error: {message}")


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


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None,
         stderr: TextIO | None = None, stdin: TextIO | None = None) -> int:
    """Run the command line and return its exit status."""
    out = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr
    parser = build_parser()
    try:
        with contextlib.redirect_stdout(out):  # --help writes to sys.stdout
            args, extras = parser.parse_known_args(argv)
            if extras:
                # Name the subcommand whose options were misspelt in the usage line.
                failing = _subparsers(parser).get(args.command, parser)
                failing.error(f"unrecognized arguments: {' '.join(extras)}")
    except UsageError as error:
        err.write(f"{error}\n")
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
    except BrokenPipeError:
        # The reader stopped early, as `progressions validate | head` does.
        _silence_stdout(out)
        return 1


def _silence_stdout(out: TextIO) -> None:
    """Point the standard output at /dev/null so exiting does not fail again."""
    if out is sys.stdout:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


if __name__ == "__main__":
    sys.exit(main())
