"""Questions about one student: which units are ready, what is missing, which level.

Definitions used throughout:

* A student's **mastered set** is a set of competency ids. A unit id in it
  stands for all of that unit's targets. The set is closed downward: a
  student who has mastered a competency has mastered all of its
  prerequisites, so those count as mastered too.
* A unit's **effective prerequisites** are the prerequisites of its targets
  that are not targets themselves, plus the unit's own ``prerequisites``.
* A unit is **ready** when all of its effective prerequisites are mastered
  and at least one of its targets is not (the outer fringe of knowledge
  space theory, taken over units).
* A ready unit **unlocks** the units that are not ready now and would be ready
  once its targets were added to the mastered set. (Adding a ready unit's
  targets keeps the set closed downward, because every prerequisite of a
  target is either another target or an effective prerequisite.)

The functions take an :class:`~progressions.index.Index`; the
:class:`~progressions.Repository` methods of the same names call them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Mapping
from typing import Self

from .index import Index, bit_positions, require_count, require_id
from .levels import natural_key
from .model import Unit

__all__ = [
    "Explanation",
    "RankedUnits",
    "explain",
    "is_ready",
    "next_units",
    "performance_level",
    "units_at",
]


class RankedUnits(tuple[Unit, ...]):
    """Ready units, best first, with what each one unlocks.

    Attributes
    ----------
    unlocks : dict
        For each unit id in the sequence, how many units it unlocks.
    """

    unlocks: dict[str, int]

    def __new__(cls, units: Iterable[Unit], unlocks: Mapping[str, int]) -> Self:
        ranked = super().__new__(cls, units)
        ranked.unlocks = dict(unlocks)
        return ranked


@dataclasses.dataclass(frozen=True, slots=True)
class Explanation:
    """The reason a unit is or is not ready for a student.

    Attributes
    ----------
    unit : str
        The unit's id.
    missing : tuple of str
        The unit's effective prerequisites that the student has not mastered,
        by level and then id.
    targets_mastered : bool
        True when the student has already mastered every target of the unit.
    """

    unit: str
    missing: tuple[str, ...]
    targets_mastered: bool

    @property
    def ready(self) -> bool:
        """True when nothing is missing and some target is still to learn."""
        return not self.missing and not self.targets_mastered


def is_ready(index: Index, group: int, unmastered: int) -> bool:
    """Return True if the units of ``group`` are ready.

    ``unmastered`` is the complement of a downward-closed mastered set, so
    checking the direct effective prerequisites is enough.
    """
    return (not index.group_needs[group] & unmastered
            and bool(index.group_targets[group] & unmastered))


def count_unlocked(index: Index, group: int, unmastered: int) -> int:
    """Return how many units a ready unit of ``group`` unlocks."""
    # A unit that becomes ready needs a competency that this unit teaches and
    # the student lacks, so only the units needing one of those are candidates.
    learned = index.group_targets[group] & unmastered
    after = unmastered & ~learned
    seen: set[int] = set()
    count = 0
    for bit in bit_positions(learned):
        for candidate in index.needers[bit]:
            if candidate in seen:
                continue
            seen.add(candidate)
            if index.group_needs[candidate] & after:
                continue
            if index.group_targets[candidate] & after:
                count += len(index.group_members[candidate])
    return count


def next_units(index: Index, mastered: Iterable[str], level: str | int | None = None,
               limit: int | None = None) -> RankedUnits:
    """Return the units that are ready for a student, best first.

    Parameters
    ----------
    index : Index
    mastered : iterable of str
        Competency and unit ids the student has mastered.
    level : str or int, optional
        The level the student works at. When given, units whose level is
        closer to it come first.
    limit : int, optional
        Return at most this many units.

    Returns
    -------
    RankedUnits
        Ordered by distance of the unit's level from ``level`` (when given),
        then by the number of units each unlocks (more first), then by level
        and then by id in natural order.

    Raises
    ------
    UnknownIdError
        If a mastered id or the level is unknown.
    ValueError
        If ``limit`` is negative.
    TypeError
        If ``limit`` is not a whole number, or ``mastered`` is not a collection
        of ids.
    """
    if limit is not None:
        require_count("limit", limit)
    rank = None if level is None else index.levels.rank(index.level(level))
    mastered_bits = index.mastered(mastered)
    unmastered = index.all_competencies & ~mastered_bits

    # Unlock counts are the costly part, so readiness and unlocks are worked
    # out tier by tier (units at the same distance from ``level``) and only
    # for the nearest tiers that the limit reaches.
    readiness: list[bool | None] = [None] * len(index.group_members)
    unlocks: dict[int, int] = {}
    chosen: list[int] = []
    for tier in _tiers(index, rank):
        if limit is not None and len(chosen) >= limit:
            break
        ready = []
        for number in tier:
            group = index.unit_group[number]
            state = readiness[group]
            if state is None:
                state = readiness[group] = is_ready(index, group, unmastered)
            if state:
                ready.append(number)
                if group not in unlocks:
                    unlocks[group] = count_unlocked(index, group, unmastered)
        chosen.extend(sorted(ready, key=lambda n: (-unlocks[index.unit_group[n]], n)))
    if limit is not None:
        chosen = chosen[:limit]
    units = [index.units[index.unit_ids[n]] for n in chosen]
    counts = {index.unit_ids[n]: unlocks[index.unit_group[n]] for n in chosen}
    return RankedUnits(units, counts)


def _tiers(index: Index, rank: int | None) -> Iterator[range | list[int]]:
    """Yield unit numbers in tiers of equal distance from ``rank``, nearest first.

    Without a rank, all units form one tier.
    """
    if rank is None:
        yield range(len(index.unit_ids))
        return
    ranges = index.rank_ranges
    for distance in range(max(rank, len(index.levels) - rank) + 1):
        below = ranges.get(rank - distance, range(0))
        above = ranges.get(rank + distance, range(0)) if distance else range(0)
        yield [*below, *above]


def units_at(index: Index, level: str | int, window: int = 0) -> list[Unit]:
    """Return the units within ``window`` levels of ``level``.

    Parameters
    ----------
    index : Index
    level : str or int
        A label of the level scale.
    window : int, default 0
        How many levels below and above ``level`` to include.

    Returns
    -------
    list of Unit
        Ordered by level, then progression id, then unit id (natural order).

    Raises
    ------
    UnknownIdError
        If ``level`` is not on the scale.
    ValueError
        If ``window`` is negative.
    TypeError
        If ``window`` is not a whole number.
    """
    require_count("window", window)
    rank = index.levels.rank(index.level(level))
    numbers = [number for number, unit_rank in enumerate(index.unit_ranks)
               if abs(unit_rank - rank) <= window]
    units = [index.units[index.unit_ids[number]] for number in numbers]
    return sorted(units, key=lambda unit: (index.levels.rank(unit.level),
                                           natural_key(unit.progression),
                                           natural_key(unit.id)))


def performance_level(index: Index, progression: str, mastered: Iterable[str]
                      ) -> str | None:
    """Return the highest level of ``progression`` the student has fully mastered.

    Only levels at which the progression has competencies count: the result
    is the highest such level for which every competency of the progression
    at or below it is mastered.

    Parameters
    ----------
    index : Index
    progression : str
        A progression id.
    mastered : iterable of str
        Competency and unit ids the student has mastered.

    Returns
    -------
    str or None
        A level label, or None when the student has not mastered all of the
        progression's lowest level.

    Raises
    ------
    UnknownIdError
        If the progression or a mastered id is unknown.
    """
    require_id("progression", progression)
    if progression not in index.progressions:
        raise index.unknown([progression], "progression")
    mastered_bits = index.mastered(mastered)
    reached = None
    for rank, competencies in index.progression_levels.get(progression, []):
        if competencies & ~mastered_bits:
            break
        reached = index.levels[rank]
    return reached


def explain(index: Index, unit: str, mastered: Iterable[str]) -> Explanation:
    """Return what the student lacks to start ``unit``.

    Parameters
    ----------
    index : Index
    unit : str
        A unit id.
    mastered : iterable of str
        Competency and unit ids the student has mastered.

    Returns
    -------
    Explanation

    Raises
    ------
    UnknownIdError
        If the unit or a mastered id is unknown.
    """
    require_id("unit", unit)
    number = index.unit_numbers.get(unit)
    if number is None:
        raise index.unknown([unit], "unit")
    mastered_bits = index.mastered(mastered)
    missing = index.unit_needs[number] & ~mastered_bits
    ordered = sorted(index.ids(missing), key=lambda cid: (
        index.levels.rank(index.competencies[cid].level)
        if index.competencies[cid].level in index.levels else len(index.levels),
        natural_key(cid)))
    return Explanation(unit, tuple(ordered),
                       not index.unit_targets[number] & ~mastered_bits)
