"""The ordered level scale that every level label in the content comes from."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

__all__ = ["DEFAULT_LEVELS", "LevelScale", "natural_key"]

DEFAULT_LEVELS: tuple[str, ...] = ("K",) + tuple(str(grade) for grade in range(1, 13))
"""Kindergarten, then grades 1 to 12."""

_NATURAL_SPLIT = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Return a sort key that orders digit runs by value: 3.NF.2 before 3.NF.10."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part)
        for part in _NATURAL_SPLIT.split(text) if part
    )


class LevelScale(Sequence[str]):
    """An ordered list of level labels, lowest first.

    A label written as a whole number in YAML (``level: 3``) means the label
    ``"3"``. Floats, booleans and labels outside the scale are not levels.

    >>> scale = LevelScale()
    >>> scale.parse(3), scale.parse("K"), scale.parse(3.0)
    ('3', 'K', None)
    >>> scale.rank("K") < scale.rank("10")
    True
    """

    def __init__(self, labels: Iterable[str | int] = DEFAULT_LEVELS) -> None:
        self.labels: tuple[str, ...] = tuple(str(label) for label in labels)
        self._ranks = {label: index for index, label in enumerate(self.labels)}

    def __getitem__(self, index):  # type: ignore[no-untyped-def, override]
        return self.labels[index]

    def __len__(self) -> int:
        return len(self.labels)

    def __contains__(self, label: object) -> bool:
        return label in self._ranks

    def __repr__(self) -> str:
        return f"LevelScale({list(self.labels)!r})"

    def parse(self, value: object) -> str | None:
        """Return the label that ``value`` names, or None if it names none."""
        if isinstance(value, bool):
            return None
        if isinstance(value, int):
            value = str(value)
        if isinstance(value, str) and value in self._ranks:
            return value
        return None

    def suggest(self, value: object) -> str | None:
        """Return the label a writer most likely meant by an invalid ``value``."""
        if isinstance(value, float) and value.is_integer():
            candidate = str(int(value))
        elif isinstance(value, str):
            candidate = value.strip()
            words = {"kindergarten": "K", "zero": "K", "one": "1", "two": "2",
                     "three": "3", "four": "4", "five": "5", "six": "6",
                     "seven": "7", "eight": "8", "nine": "9", "ten": "10",
                     "eleven": "11", "twelve": "12"}
            candidate = words.get(candidate.lower(), candidate)
            if candidate.lower().removeprefix("grade ").strip() in self._ranks:
                candidate = candidate.lower().removeprefix("grade ").strip()
            for label in self.labels:
                if label.lower() == candidate.lower():
                    candidate = label
        else:
            return None
        return candidate if candidate in self._ranks else None

    def rank(self, label: str) -> int:
        """Return the position of ``label`` on the scale (0 for the lowest)."""
        return self._ranks[label]

    def window(self, label: str, width: int) -> tuple[str, ...]:
        """Return the labels within ``width`` places of ``label``, lowest first."""
        rank = self.rank(label)
        return self.labels[max(0, rank - width): rank + width + 1]
