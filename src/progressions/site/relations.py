"""How units relate across levels: what a unit builds on and what it leads to.

Both come from the repository's prerequisite graph:

- A unit **builds on** the units of its gap path from three levels below. That
  is the path :meth:`Repository.gap_path` returns for a student who has
  mastered every competency at or below the unit's level minus three (none,
  for the lowest three levels). Competencies on that path that no unit
  teaches are listed too.
- A unit **leads to** the units whose effective prerequisites (their targets'
  prerequisites, less their own targets, plus their extra prerequisites)
  include one of its targets: in :attr:`Repository.graph`, the units at the
  end of a ``needs`` edge from one of its targets.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from ..graph import effective_prerequisites
from ..levels import natural_key
from ..model import Unit
from ..repository import Repository

__all__ = ["WINDOW", "BuildsOn", "Relations"]

WINDOW = 3
"""How many levels below a unit its "builds on" section starts."""


@dataclasses.dataclass(frozen=True, slots=True)
class BuildsOn:
    """The units a unit builds on, in teaching order, and untaught competencies."""

    units: tuple[Unit, ...]
    uncovered: tuple[str, ...]


class Relations:
    """The "builds on" and "leads to" lists of every unit of one repository.

    The mastered set of each level is computed once.
    """

    def __init__(self, repository: Repository) -> None:
        self.repository = repository
        levels = repository.levels
        by_rank: dict[int, list[str]] = {}
        for competency in repository.competencies.values():
            by_rank.setdefault(levels.rank(competency.level), []).append(competency.id)
        self._mastered: dict[str, tuple[str, ...]] = {}
        below: list[str] = []
        for rank, label in enumerate(levels):
            if rank - WINDOW >= 0:
                below.extend(by_rank.get(rank - WINDOW, ()))
            self._mastered[label] = tuple(below)

    def effective_prerequisites(self, unit: Unit) -> list[str]:
        """Return the unit's effective prerequisites, in first-seen order."""
        return effective_prerequisites(unit.targets, unit.prerequisites,
                                       self.repository.competencies)

    def mastered_below(self, unit: Unit) -> Sequence[str]:
        """Return every competency at or below the unit's level minus three."""
        return self._mastered[unit.level]

    def builds_on(self, unit: Unit) -> BuildsOn:
        """Return the gap path to ``unit`` from three levels below, without the unit."""
        path = self.repository.gap_path(unit.id, mastered=self.mastered_below(unit))
        units = tuple(step for step in path if step.id != unit.id)
        return BuildsOn(units, tuple(competency.id for competency in path.uncovered))

    def leads_to(self, unit: Unit) -> list[Unit]:
        """Return the units that need one of ``unit``'s targets, by level then id."""
        graph = self.repository.graph
        found = {following for target in unit.targets if target in graph
                 for following in graph.successors(target)
                 if graph.nodes[following]["kind"] == "unit" and following != unit.id}
        units = [self.repository.units[unit_id] for unit_id in found]
        rank = self.repository.levels.rank
        return sorted(units, key=lambda u: (rank(u.level), natural_key(u.id)))
