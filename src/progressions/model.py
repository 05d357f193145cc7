"""Typed objects for the content: progressions, competencies and units."""

from __future__ import annotations

import dataclasses
from typing import Any

__all__ = ["Alignment", "Competency", "Progression", "Settings", "Unit"]


@dataclasses.dataclass(frozen=True, slots=True)
class Alignment:
    """A standard a competency serves, such as ``CCSS.Math`` ``3.NF.A.1``."""

    framework: str
    code: str


@dataclasses.dataclass(slots=True)
class Competency:
    """One thing a student can do, at one level of one progression."""

    id: str
    level: str
    statement: str
    progression: str
    prerequisites: tuple[str, ...] = ()
    alignments: tuple[Alignment, ...] = ()
    notes: str | None = None
    file: str = ""
    line: int = 0


@dataclasses.dataclass(slots=True)
class Progression:
    """A strand of learning: competency ids in file order, lowest level first."""

    id: str
    title: str
    subject: str
    summary: str
    competencies: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    license: str | None = None
    file: str = ""
    line: int = 0


@dataclasses.dataclass(slots=True, repr=False)
class Unit:
    """A teaching unit.

    The fields that the tool reasons about are typed; the teaching material
    (``lessons``, ``assessment``, ``differentiation``, ``readiness``,
    ``vocabulary``, ``materials`` and ``resources``) keeps the shape the unit
    schema gives it, as plain lists and mappings.
    """

    id: str
    title: str
    level: str
    progression: str
    targets: tuple[str, ...]
    prerequisites: tuple[str, ...] = ()
    summary: str = ""
    duration: dict[str, Any] = dataclasses.field(default_factory=dict)
    lessons: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    assessment: dict[str, Any] = dataclasses.field(default_factory=dict)
    differentiation: dict[str, Any] = dataclasses.field(default_factory=dict)
    readiness: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    vocabulary: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    materials: list[str] = dataclasses.field(default_factory=list)
    resources: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    authors: tuple[str, ...] = ()
    license: str | None = None
    status: str | None = None
    last_reviewed: str | None = None
    file: str = ""
    line: int = 0

    def __repr__(self) -> str:
        # The teaching material runs to pages, so it is left out.
        return f"Unit(id={self.id!r}, level={self.level!r}, progression={self.progression!r})"


@dataclasses.dataclass(slots=True)
class Settings:
    """The repository's own settings from ``repository.yaml``."""

    title: str = "Progressions"
    description: str | None = None
    license: str | None = None
    repo_url: str | None = None
    edit_branch: str = "main"
