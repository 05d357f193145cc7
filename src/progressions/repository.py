"""The loaded repository: the public entry points ``check`` and ``load``."""

from __future__ import annotations

import os
from pathlib import Path

from .content import Content, read_content
from .levels import LevelScale
from .model import Competency, Progression, Settings, Unit
from .problems import ContentError, Problem, sort_problems
from .rules import run_checks

__all__ = ["Repository", "check", "load"]


class Repository:
    """A content repository that passed validation.

    Attributes
    ----------
    root : Path
        The folder the content was read from.
    levels : LevelScale
        The ordered level scale, lowest first.
    settings : Settings
        Title, description, license and source address from ``repository.yaml``.
    progressions, competencies, units : dict
        Mappings from id to :class:`Progression`, :class:`Competency` and
        :class:`Unit`, in the order the files were read.
    warnings : list of Problem
        The warnings found while loading (errors prevent loading).
    """

    def __init__(self, content: Content, warnings: list[Problem]) -> None:
        self.root: Path = content.root
        self.levels: LevelScale = content.levels
        self.settings: Settings = content.settings
        self.progressions: dict[str, Progression] = content.progressions
        self.competencies: dict[str, Competency] = content.competencies
        self.units: dict[str, Unit] = content.units
        self.warnings = warnings

    def __repr__(self) -> str:
        return (f"<Repository {str(self.root)!r}: {len(self.progressions)} progressions, "
                f"{len(self.competencies)} competencies, {len(self.units)} units>")


def _problems(content: Content) -> list[Problem]:
    return sort_problems(content.problems + run_checks(content))


def _root(root: str | os.PathLike[str]) -> Path:
    path = Path(root)
    if not path.exists():
        raise FileNotFoundError(f"no such folder: {path}")
    if not path.is_dir():
        raise NotADirectoryError(f"not a folder: {path}")
    return path


def check(root: str | os.PathLike[str] = ".") -> list[Problem]:
    """Validate the repository at ``root`` and return every problem found.

    Problems are sorted by file, line and column. The content is only read.

    Raises
    ------
    FileNotFoundError, NotADirectoryError
        If ``root`` is not a folder.
    """
    return _problems(read_content(_root(root)))


def load(root: str | os.PathLike[str] = ".") -> Repository:
    """Validate and load the repository at ``root``.

    Raises
    ------
    ContentError
        If any error was found; its ``problems`` lists every problem.
    FileNotFoundError, NotADirectoryError
        If ``root`` is not a folder.
    """
    content = read_content(_root(root))
    problems = _problems(content)
    if any(problem.severity == "error" for problem in problems):
        raise ContentError(problems)
    return Repository(content, problems)
