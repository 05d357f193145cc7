"""Problem records: what the validator reports about one place in one file."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Literal

__all__ = ["ContentError", "Problem", "Severity", "field_name", "sort_problems"]

Severity = Literal["error", "warning"]


@dataclasses.dataclass(frozen=True, slots=True)
class Problem:
    """One problem found in the content.

    ``file`` is the path relative to the repository root, with ``/`` separators.
    ``line`` and ``column`` are 1-based; 0 means the problem concerns the whole
    file. ``path`` is the location inside the document as a list of keys and
    indexes, such as ``("lessons", 2, "minutes")``.
    """

    file: str
    line: int
    column: int
    rule: str
    message: str
    severity: Severity = "error"
    path: tuple[str | int, ...] = ()

    @property
    def json_path(self) -> str:
        """The document path written as a JSONPath, such as ``$.lessons[2].minutes``."""
        parts = ["$"]
        for part in self.path:
            parts.append(f"[{part}]" if isinstance(part, int) else f".{part}")
        return "".join(parts)

    def as_dict(self) -> dict[str, object]:
        """Return the record as a JSON-ready mapping."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "rule": self.rule,
            "message": self.message,
            "path": self.json_path,
        }

    def __str__(self) -> str:
        return (
            f"{self.file}:{self.line}:{self.column}: {self.severity}: "
            f"{self.message} [{self.rule}]"
        )


def field_name(path: tuple[str | int, ...]) -> str:
    """Return a document path as messages name it.

    >>> field_name(("lessons", 2, "minutes"))
    "'lessons[2].minutes'"
    >>> field_name(())
    'the file'
    """
    if not path:
        return "the file"
    parts: list[str] = []
    for part in path:
        parts.append(f"[{part}]" if isinstance(part, int) else
                     (f".{part}" if parts else str(part)))
    return "'" + "".join(parts) + "'"


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Return the problems ordered by file, line, column and rule."""
    return sorted(problems, key=lambda p: (p.file, p.line, p.column, p.rule, p.message))


class ContentError(Exception):
    """Raised when the content has errors; ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        first = f": {errors[0]}" if errors else ""
        super().__init__(f"{len(errors)} error(s) in the content{first}")
