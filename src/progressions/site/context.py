"""The shared input of the page generators: the repository, its indexes and links."""

from __future__ import annotations

from ..levels import natural_key
from ..model import Competency, Progression, Unit
from ..repository import Repository
from . import paths
from .relations import Relations
from .text import plain, url

__all__ = ["Context"]


class Context:
    """The repository with the indexes the pages are built from.

    Units and progressions are grouped and sorted once: units by level, then
    progression, then id in natural order (K < 1 < 2 < 10).
    """

    def __init__(self, repository: Repository) -> None:
        self.repository = repository
        self.levels = repository.levels
        self.level_paths = paths.LevelPaths(repository.levels)
        self.relations = Relations(repository)
        rank = self.levels.rank
        self.progressions: list[Progression] = sorted(
            repository.progressions.values(), key=lambda p: natural_key(p.id))
        self.units: list[Unit] = sorted(
            repository.units.values(),
            key=lambda u: (rank(u.level), natural_key(u.progression), natural_key(u.id)))
        self.units_by_level: dict[str, list[Unit]] = {label: [] for label in self.levels}
        self.units_by_progression: dict[str, list[Unit]] = {
            p.id: [] for p in self.progressions}
        self.units_teaching: dict[str, list[Unit]] = {}
        for unit in self.units:
            self.units_by_level[unit.level].append(unit)
            self.units_by_progression.setdefault(unit.progression, []).append(unit)
            for target in unit.targets:
                self.units_teaching.setdefault(target, []).append(unit)

    # Links, each written from the page ``source``.

    def level_link(self, source: str, label: str) -> str:
        return f"[{plain(label)}]({paths.link(source, self.level_paths[label])})"

    def progression_link(self, source: str, progression_id: str) -> str:
        progression = self.repository.progressions.get(progression_id)
        if progression is None:
            return plain(progression_id)
        target = paths.link(source, paths.progression_path(progression_id))
        return f"[{plain(progression.title)}]({target})"

    def progression_title(self, progression_id: str) -> str:
        """Return the progression's title as literal text, for lists of many units."""
        progression = self.repository.progressions.get(progression_id)
        return plain(progression.title if progression else progression_id)

    def unit_link(self, source: str, unit: Unit) -> str:
        return f"[{plain(unit.title)}]({paths.link(source, paths.unit_path(unit.id))})"

    def competency_link(self, source: str, competency_id: str) -> str:
        """Link to the competency's row on its progression's page."""
        competency = self.repository.competencies.get(competency_id)
        if competency is None:
            return f"`{competency_id}`"
        target = paths.link(source, paths.progression_path(competency.progression),
                            anchor=competency.id)
        return f"[`{competency.id}`]({target})"

    def competency(self, competency_id: str) -> Competency | None:
        return self.repository.competencies.get(competency_id)

    def edit_url(self, file: str) -> str | None:
        """Return the address that opens ``file`` for editing, or None without ``repo_url``."""
        settings = self.repository.settings
        if not settings.repo_url:
            return None
        base = settings.repo_url.rstrip("/")
        return url(f"{base}/edit/{settings.edit_branch}/{file}")

    def span(self, progression: Progression) -> tuple[str, ...]:
        """Return the levels from the progression's lowest to its highest competency."""
        ranks = [self.levels.rank(self.repository.competencies[c].level)
                 for c in progression.competencies if c in self.repository.competencies]
        if not ranks:
            return ()
        return tuple(self.levels[min(ranks): max(ranks) + 1])
