"""Precomputed sets of the prerequisite graph, stored as bitsets in Python ints.

Every competency gets a bit position (competency ids in natural order, so the
numbering does not depend on the order files were read in). A set of
competencies is then an ``int`` whose set bits are its members, and subset,
union and difference tests are single integer operations. The queries in
:mod:`progressions.queries` and :mod:`progressions.paths` work on this index.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from graphlib import CycleError, TopologicalSorter

from .graph import UnknownIdError, effective_prerequisites, unknown_id_error
from .levels import LevelScale, natural_key
from .model import Competency, Progression, Unit

__all__ = ["Index", "bit_positions"]


def require_id(name: str, value: object) -> None:
    """Raise TypeError unless ``value`` is an id, which is always a string."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be an id (a string), not {type(value).__name__} "
                        f"{value!r}")


def require_count(name: str, value: object) -> None:
    """Raise TypeError or ValueError unless ``value`` is a whole number of 0 or more."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be a whole number, not {type(value).__name__} "
                        f"{value!r}")
    if value < 0:
        raise ValueError(f"{name} must be 0 or more, not {value}")


def bit_positions(mask: int) -> list[int]:
    """Return the positions of the set bits of ``mask``, lowest first.

    >>> bit_positions(0b10110)
    [1, 2, 4]
    """
    # Searching the binary text costs one C call per set bit. On CPython 3.11,
    # with hundreds of bits set in a 2,000-bit mask, it takes about half the
    # time of peeling bits off with ``mask & -mask``.
    text = bin(mask)[:1:-1]
    positions = []
    position = text.find("1")
    while position >= 0:
        positions.append(position)
        position = text.find("1", position + 1)
    return positions


class Index:
    """Bitsets for the competencies and units of one repository.

    Units are numbered in ranking order, by level on the scale and then by
    natural order of their ids, so a smaller unit number means "comes first"
    whenever level and id decide. Units with the same targets and the same
    effective prerequisites form a **group**: they are interchangeable for
    every query, so the queries work on groups. Groups are numbered in the
    order of their first member.

    Attributes
    ----------
    competency_ids, unit_ids : list of str
        Competency ids by bit position; unit ids by unit number.
    prerequisites, closure : list of int
        Per competency: its direct prerequisites; itself with everything below it.
    unit_targets, unit_needs, unit_closure : list of int
        Per unit: its targets; its effective prerequisites; the downward
        closure of its targets (what mastering the unit id means).
    unit_ranks : list of int
        Per unit, the rank of its level on the scale.
    progression_levels : dict
        Per progression id, (rank, competencies at that level) pairs, lowest first.
    rank_ranges : dict
        Per level rank, the range of the unit numbers at that level. Units
        whose level is not on the scale get the rank one past the highest.
    unit_group : list of int
        Per unit, its group.
    group_members : list of list of int
        Per group, its unit numbers, lowest first.
    group_targets, group_needs : list of int
        Per group, the targets and effective prerequisites of its units.
    group_teaches : list of int
        Per group, the targets its units can teach: those that none of the
        unit's effective prerequisites builds on.
    teachers, needers : list of list of int
        Per competency, the groups that can teach it and the groups that need it.
    taught : int
        The competencies that some unit can teach.
    """

    def __init__(self, competencies: Mapping[str, Competency],
                 units: Mapping[str, Unit], progressions: Mapping[str, Progression],
                 levels: LevelScale) -> None:
        self.competencies = competencies
        self.units = units
        self.progressions = progressions
        self.levels = levels
        self._number_competencies(competencies)
        self._number_units(units, competencies, levels)

    def _number_competencies(self, competencies: Mapping[str, Competency]) -> None:
        self.competency_ids = sorted(competencies, key=natural_key)
        self.competency_bits = {cid: bit for bit, cid in enumerate(self.competency_ids)}
        self.all_competencies = (1 << len(self.competency_ids)) - 1
        self.prerequisites = [
            self.mask(p for p in competencies[cid].prerequisites if p in competencies)
            for cid in self.competency_ids]

        order = TopologicalSorter({
            bit: bit_positions(self.prerequisites[bit])
            for bit in range(len(self.competency_ids))})
        try:
            ordered = list(order.static_order())
        except CycleError as error:
            loop = " -> ".join(self.competency_ids[bit] for bit in error.args[1])
            raise ValueError(f"prerequisites form a loop: {loop}") from None
        by_rank: dict[str, dict[int, int]] = {}
        for bit, cid in enumerate(self.competency_ids):
            competency = competencies[cid]
            if competency.level in self.levels:
                ranks = by_rank.setdefault(competency.progression, {})
                rank = self.levels.rank(competency.level)
                ranks[rank] = ranks.get(rank, 0) | 1 << bit
        self.progression_levels = {
            progression: sorted(ranks.items())
            for progression, ranks in by_rank.items()}

        self.closure = [0] * len(self.competency_ids)
        for bit in ordered:
            below = 1 << bit
            for prerequisite in bit_positions(self.prerequisites[bit]):
                below |= self.closure[prerequisite]
            self.closure[bit] = below

    def _number_units(self, units: Mapping[str, Unit],
                      competencies: Mapping[str, Competency],
                      levels: LevelScale) -> None:
        def rank(unit: Unit) -> int:
            return levels.rank(unit.level) if unit.level in levels else len(levels)

        self.unit_ids = sorted(
            units, key=lambda uid: (rank(units[uid]), natural_key(uid)))
        self.unit_numbers = {uid: number for number, uid in enumerate(self.unit_ids)}
        self.unit_ranks = [rank(units[uid]) for uid in self.unit_ids]
        self.rank_ranges: dict[int, range] = {}
        for number, unit_rank in enumerate(self.unit_ranks):
            start = self.rank_ranges.get(unit_rank, range(number, number)).start
            self.rank_ranges[unit_rank] = range(start, number + 1)
        self.unit_targets: list[int] = []
        self.unit_needs: list[int] = []
        self.unit_closure: list[int] = []
        self.unit_group: list[int] = []
        groups: dict[tuple[int, int], int] = {}
        self.group_members: list[list[int]] = []
        for number, uid in enumerate(self.unit_ids):
            unit = units[uid]
            targets = self.mask(t for t in unit.targets if t in competencies)
            needs = self.mask(effective_prerequisites(unit.targets, unit.prerequisites,
                                                      competencies))
            self.unit_targets.append(targets)
            self.unit_needs.append(needs)
            self.unit_closure.append(self.close(targets))
            group = groups.setdefault((targets, needs), len(groups))
            if group == len(self.group_members):
                self.group_members.append([])
            self.group_members[group].append(number)
            self.unit_group.append(group)

        self.group_targets = [self.unit_targets[m[0]] for m in self.group_members]
        self.group_needs = [self.unit_needs[m[0]] for m in self.group_members]
        # A unit cannot be the first to teach a target that one of its own
        # prerequisites builds on: it would have to be mastered already.
        self.group_teaches = [
            targets & ~self.close(needs)
            for targets, needs in zip(self.group_targets, self.group_needs)]
        self.teachers: list[list[int]] = [[] for _ in self.competency_ids]
        self.needers: list[list[int]] = [[] for _ in self.competency_ids]
        self.taught = 0
        for group, teaches in enumerate(self.group_teaches):
            self.taught |= teaches
            for bit in bit_positions(teaches):
                self.teachers[bit].append(group)
            for bit in bit_positions(self.group_needs[group]):
                self.needers[bit].append(group)

    def mask(self, competency_ids: Iterable[str]) -> int:
        """Return the bitset of known ``competency_ids``."""
        result = 0
        for cid in competency_ids:
            result |= 1 << self.competency_bits[cid]
        return result

    def close(self, mask: int) -> int:
        """Return ``mask`` with every prerequisite of its members, transitively."""
        result = mask
        for bit in bit_positions(mask):
            result |= self.closure[bit]
        return result

    def ids(self, mask: int) -> list[str]:
        """Return the competency ids in ``mask``, in natural order."""
        return [self.competency_ids[bit] for bit in bit_positions(mask)]

    def mastered(self, ids: Iterable[str]) -> int:
        """Return the downward-closed bitset of a student's mastered ``ids``.

        A unit id stands for all of that unit's targets. A single string is
        taken as one id.

        Raises
        ------
        UnknownIdError
            If some ids name neither a competency nor a unit; it lists them all.
        """
        if isinstance(ids, str):
            ids = [ids]
        elif ids is None or not isinstance(ids, Iterable):
            raise TypeError("mastered must be a collection of competency or unit ids, "
                            f"not {type(ids).__name__}")
        result = 0
        unknown: list[str] = []
        for item in ids:
            require_id("a mastered id", item)
            bit = self.competency_bits.get(item)
            if bit is not None:
                result |= self.closure[bit]
                continue
            number = self.unit_numbers.get(item)
            if number is not None:
                result |= self.unit_closure[number]
                continue
            if item not in unknown:
                unknown.append(item)
        if unknown:
            raise self.unknown(unknown, "competency or unit")
        return result

    def unknown(self, ids: list[str], kind: str) -> UnknownIdError:
        """Return the error for ``ids`` that name no ``kind`` in this repository."""
        choices: Collection[str]
        if kind == "progression":
            choices = list(self.progressions)
        elif kind == "unit":
            choices = self.unit_ids
        elif kind == "competency":
            choices = self.competency_ids
        else:
            choices = self.competency_ids + self.unit_ids
        others = {}
        for item in ids:
            for other, table in (("progression", self.progressions),
                                 ("competency", self.competency_bits),
                                 ("unit", self.unit_numbers)):
                if item in table and other not in kind:
                    others[item] = other
        return unknown_id_error(ids, kind, choices, others)

    def level(self, label: str | int) -> str:
        """Return the scale label ``label`` names.

        Raises
        ------
        UnknownIdError
            If ``label`` is not on the level scale.
        """
        parsed = self.levels.parse(label)
        if parsed is not None:
            return parsed
        guess = self.levels.suggest(label)
        if guess is not None:
            hint = f"did you mean '{guess}'?"
        else:
            hint = f"the levels are {', '.join(self.levels)}"
        suggestions = {str(label): [guess] if guess else []}
        raise UnknownIdError([str(label)], "level", suggestions,
                             f"unknown level '{label}' ({hint})")
