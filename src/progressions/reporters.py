"""Output formats for problem records: text, json and GitHub workflow annotations."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TextIO

from .problems import Problem

__all__ = ["FORMATS", "report"]

FORMATS = ("text", "json", "github")


def _printable(text: str) -> str:
    """Escape control characters, so a value from a file cannot colour the terminal
    or break the one-problem-per-line output."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode()
                   for c in text)


def _summary(problems: Sequence[Problem], files: int | None) -> str:
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    checked = f" in {files} file(s)" if files is not None else ""
    if not problems:
        return f"no problems found{checked}"
    return f"{errors} error(s) and {warnings} warning(s) found{checked}"


def _github_escape(text: str, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def report(problems: Sequence[Problem], out: TextIO, format: str = "text",
           files: int | None = None) -> None:
    """Write ``problems`` to ``out`` in ``format``, with a summary for text."""
    if format == "json":
        json.dump([p.as_dict() for p in problems], out, indent=2)
        out.write("\n")
    elif format == "github":
        for p in problems:
            where = f"file={_github_escape(p.file, True)}"
            if p.line:
                where += f",line={p.line},col={max(p.column, 1)}"
            title = _github_escape(p.rule, True)
            out.write(f"::{p.severity} {where},title={title}::"
                      f"{_github_escape(_printable(p.message))}\n")
        out.write(_summary(problems, files) + "\n")
    else:
        for p in problems:
            out.write(f"{_printable(str(p))}\n")
        out.write(_summary(problems, files) + "\n")
