"""The loaded repository: the public entry points ``check`` and ``load``."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

import networkx as nx

from .content import Content, read_content
from .graph import build_graph
from .index import Index
from .levels import DEFAULT_LEVELS, LevelScale
from .model import Competency, Progression, Settings, Unit
from .paths import GapPath, gap_path
from .problems import ContentError, Problem, sort_problems
from .queries import (
    Explanation,
    RankedUnits,
    explain,
    next_units,
    performance_level,
    units_at,
)
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

    @classmethod
    def from_objects(cls, progressions: Iterable[Progression],
                     competencies: Iterable[Competency], units: Iterable[Unit], *,
                     levels: LevelScale | None = None, settings: Settings | None = None,
                     root: str | os.PathLike[str] = ".") -> Repository:
        """Build a repository from objects in memory, without reading files.

        Only what the queries rely on is checked: ids are unique across
        progressions, competencies and units, every reference names a known
        competency or progression, every level is on the scale and
        prerequisites form no loop. The checks that need files (schemas,
        readiness items, text) are not run, so ``warnings`` is empty.

        Parameters
        ----------
        progressions, competencies, units : iterable
            The content, as :class:`Progression`, :class:`Competency` and
            :class:`Unit` objects.
        levels : LevelScale, optional
            The level scale (default K, 1 ... 12).
        settings : Settings, optional
        root : path, default "."
            Recorded as ``root``; nothing is read from it.

        Returns
        -------
        Repository

        Raises
        ------
        ValueError
            If the objects break one of the rules above; the message lists
            every broken rule found.
        """
        levels = levels or LevelScale(DEFAULT_LEVELS)
        content = Content(Path(root), levels, settings or Settings(),
                          [], {}, {}, {}, [], [])
        errors: list[str] = []
        items: list[Progression | Competency | Unit] = [
            *progressions, *competencies, *units]
        for item in items:
            if item.id in content.progressions or item.id in content.competencies \
                    or item.id in content.units:
                errors.append(f"the id '{item.id}' is used twice")
            if isinstance(item, Progression):
                content.progressions[item.id] = item
            elif isinstance(item, Competency):
                content.competencies[item.id] = item
            else:
                content.units[item.id] = item
        errors += _reference_errors(content)
        repository = cls(content, [])
        if not errors:
            try:
                _ = repository._index  # numbering the competencies finds loops
            except ValueError as error:
                errors.append(str(error))
        if errors:
            raise ValueError("invalid content: " + "; ".join(errors))
        return repository

    @functools.cached_property
    def graph(self) -> nx.DiGraph:
        """The prerequisite graph, built on first use and then kept.

        Edges run from prerequisite to dependant: competency to competency
        (``kind="prerequisite"``) and competency to unit (``kind="needs"``,
        for each effective prerequisite of the unit). See
        :func:`progressions.graph.build_graph` for the node data.
        """
        return build_graph(self)

    @functools.cached_property
    def _index(self) -> Index:
        # The bitsets behind the queries, built on first use like the graph.
        return Index(self.competencies, self.units, self.progressions, self.levels)

    def next_units(self, mastered: Iterable[str], *, level: str | int | None = None,
                   limit: int | None = None) -> RankedUnits:
        """Return the units a student is ready for, best first.

        The mastered set is closed downward: a competency counts as mastered
        when it or anything that builds on it is in ``mastered``, and a unit
        id stands for all of its targets. A unit is ready when all of its
        effective prerequisites (its targets' prerequisites that are not
        targets, plus its own ``prerequisites``) are mastered and at least one
        of its targets is not.

        Units are ranked by the distance of their level from ``level`` (when
        given), then by how many units each one unlocks, more first, then by
        level and then by id in natural order (3.NF.2 before 3.NF.10). A unit
        unlocks the units that are not ready now and would be ready once its
        targets were added to the mastered set. The order does not depend on
        the order the files were read in.

        Parameters
        ----------
        mastered : iterable of str
            Competency and unit ids the student has mastered.
        level : str or int, optional
            The level the student works at.
        limit : int, optional
            Return at most this many units.

        Returns
        -------
        RankedUnits
            A tuple of :class:`Unit`; its ``unlocks`` maps each unit id to the
            number of units it unlocks.

        Raises
        ------
        UnknownIdError
            If a mastered id or ``level`` is unknown.
        ValueError
            If ``limit`` is negative.
        TypeError
            If ``limit`` is not a whole number, or ``mastered`` is not a
            collection of ids.

        Examples
        --------
        >>> repository.next_units(["frac.1.halves"], level=2)   # doctest: +SKIP
        (Unit(id='frac-2-thirds', ...), Unit(id='count-1-to-120', ...))
        """
        return next_units(self._index, mastered, level, limit)

    def gap_path(self, target: str, mastered: Iterable[str] = ()) -> GapPath:
        """Return the units that teach what ``target`` needs, in teaching order.

        The needed competencies are the unmastered ones among a competency
        target and its prerequisites, or among a unit target's effective
        prerequisites and theirs. The units are chosen by greedy set cover
        (the unit teaching the most needed competencies first), so the path
        is short but not always the shortest; :mod:`progressions.paths`
        states the algorithm and its bound. Every unit comes after the units
        that teach its prerequisites, and the target (a unit, or the unit
        teaching a competency target) comes last.

        Parameters
        ----------
        target : str
            A competency or unit id.
        mastered : iterable of str, optional
            Competency and unit ids the student has mastered.

        Returns
        -------
        GapPath
            A tuple of :class:`Unit`, empty when the target is mastered. Its
            ``uncovered`` lists needed competencies that no unit teaches, so
            a gap in the content shows (see :class:`GapPath`).

        Raises
        ------
        UnknownIdError
            If ``target`` or a mastered id is unknown.
        """
        return gap_path(self._index, target, mastered)

    def units_at(self, level: str | int, window: int = 0) -> list[Unit]:
        """Return the units whose level is within ``window`` levels of ``level``.

        ``window=3`` is the span a teacher of that level works across. Units
        are ordered by level, then progression id, then unit id.

        Raises
        ------
        UnknownIdError
            If ``level`` is not on the scale.
        ValueError
            If ``window`` is negative.
        TypeError
            If ``window`` is not a whole number.
        """
        return units_at(self._index, level, window)

    def performance_level(self, progression: str, mastered: Iterable[str]
                          ) -> str | None:
        """Return the highest level of ``progression`` the student fully masters.

        The result is the highest level that has competencies in the
        progression and at or below which every competency of the
        progression is mastered, or None if there is no such level.

        Raises
        ------
        UnknownIdError
            If the progression or a mastered id is unknown.
        """
        return performance_level(self._index, progression, mastered)

    def explain(self, unit: str, mastered: Iterable[str]) -> Explanation:
        """Return what a student lacks to start ``unit``.

        The result lists the unit's effective prerequisites that are not
        mastered and reports whether all of its targets are mastered already;
        the unit is ready exactly when neither is the case.

        Raises
        ------
        UnknownIdError
            If ``unit`` or a mastered id is unknown.
        """
        return explain(self._index, unit, mastered)


def _reference_errors(content: Content) -> list[str]:
    errors = []
    for competency in content.competencies.values():
        errors += _missing(competency.id, "progression", [competency.progression],
                           content.progressions)
        errors += _missing(competency.id, "prerequisite", competency.prerequisites,
                           content.competencies)
        if competency.level not in content.levels:
            errors.append(f"'{competency.id}' has the level '{competency.level}', "
                          "which is not on the scale")
    for unit in content.units.values():
        errors += _missing(unit.id, "progression", [unit.progression],
                           content.progressions)
        errors += _missing(unit.id, "target", unit.targets, content.competencies)
        errors += _missing(unit.id, "prerequisite", unit.prerequisites,
                           content.competencies)
        if unit.level not in content.levels:
            errors.append(f"'{unit.id}' has the level '{unit.level}', "
                          "which is not on the scale")
    return errors


def _missing(owner: str, role: str, ids: Iterable[str], table: Mapping[str, object]
             ) -> list[str]:
    return [f"the {role} '{ref}' of '{owner}' is not defined" for ref in ids
            if ref not in table]


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
