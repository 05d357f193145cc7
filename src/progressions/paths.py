"""Gap-filling paths: the units that bring a student to a target, in teaching order.

The **needed** competencies of a target are those the student has not mastered
among, for a competency, the competency itself and all its prerequisites, and
for a unit, its effective prerequisites and all their prerequisites (the unit
then teaches its own targets, as the last step of the path).

Units with the same targets and effective prerequisites are interchangeable,
and the one with the lowest level and then the smallest id stands for them all.
A unit can teach only those of its targets that none of its effective
prerequisites builds on, because the others must be mastered before it starts.

Choosing the units is a set cover problem, which is NP-hard, so the path is
built greedily, in four steps:

1. **Cover.** Repeatedly take the unit that teaches the most needed
   competencies not yet taught. Ties go to the unit teaching the fewest
   competencies outside the needed set, then to the lower level, then to the
   smaller id in natural order. Only units whose effective prerequisites are
   all mastered or needed take part, so a path does not send a student after
   unrelated material. When a needed competency is taught only by units that
   need more, the unit bringing in the fewest further competencies is taken,
   and what it needs becomes needed too.
2. **Prune.** Drop each chosen unit, the last chosen first, whose needed
   competencies other chosen units teach.
3. **Order.** Take the chosen units one at a time, each as soon as all of its
   effective prerequisites are mastered or taught earlier in the path: lowest
   level first, and units teaching the target competency last. Competencies
   that no unit teaches count as taught here. When the units left wait on
   each other in a loop, the unit that can start now and teaches the most of
   what is still needed joins the path; when no unit can start, the needs
   of the unit adding the fewest competencies become needed, as in step 1.
4. **Drop.** Remove, last first, each unit whose needed competencies other
   units of the path teach, when the rest of the path can still start in
   order without it.

Guarantees:

* Each unit of the path can start when its turn comes: each of its effective
  prerequisites is mastered, taught by an earlier unit or listed in
  ``uncovered``.
* When ``uncovered`` is empty, the target is mastered after the whole path,
  and a unit target is ready when its turn comes.
* When steps 1 and 3 add no units, the path has at most ``H(d) * OPT`` units
  besides a unit target. ``OPT`` is the fewest units that take part in step 1
  and together teach every needed competency, ``d`` is the largest number of
  needed competencies one of them teaches, and
  ``H(d) = 1 + 1/2 + ... + 1/d <= 1 + ln d``. This is the bound of greedy set
  cover; the path is not always the shortest.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence
from typing import Self

from .index import Index, bit_positions, require_id
from .model import Competency, Unit

__all__ = ["GapPath", "gap_path"]


class GapPath(tuple[Unit, ...]):
    """Units in teaching order, with the needed competencies no unit of it teaches.

    Attributes
    ----------
    target : str
        The competency or unit id the path leads to.
    uncovered : tuple of Competency
        Needed competencies the path does not teach, by level and id: those
        that no unit teaches (or only units that need them first) and, where
        units need each other in a loop that none can start, those that no
        order of units reaches.
    """

    target: str
    uncovered: tuple[Competency, ...]

    def __new__(cls, units: Iterable[Unit], target: str,
                uncovered: Iterable[Competency] = ()) -> Self:
        path = super().__new__(cls, units)
        path.target = target
        path.uncovered = tuple(uncovered)
        return path


def gap_path(index: Index, target: str, mastered: Iterable[str] = ()) -> GapPath:
    """Return the units that teach a student what ``target`` needs.

    See the module documentation for the algorithm and what it guarantees.

    Parameters
    ----------
    index : Index
    target : str
        A competency or unit id.
    mastered : iterable of str
        Competency and unit ids the student has mastered.

    Returns
    -------
    GapPath
        Empty when the target is already mastered (for a unit, all its
        targets). For a unit target the unit itself comes last.

    Raises
    ------
    UnknownIdError
        If the target or a mastered id is unknown.
    """
    require_id("target", target)
    final = index.unit_numbers.get(target)
    bit = index.competency_bits.get(target)
    if final is None and bit is None:
        raise index.unknown([target], "competency or unit")
    mastered_bits = index.mastered(mastered)

    goal = 0
    if final is not None:
        if not index.unit_targets[final] & ~mastered_bits:
            return GapPath((), target)
        needed = index.close(index.unit_needs[final]) & ~mastered_bits
    elif bit is not None:
        if mastered_bits >> bit & 1:
            return GapPath((), target)
        needed = index.closure[bit] & ~mastered_bits
        goal = 1 << bit

    chosen, needed = _cover(index, needed, mastered_bits)
    chosen = _prune(index, chosen, needed)
    order, known, needed = _order(index, chosen, needed, mastered_bits, goal)
    numbers = [index.group_members[group][0] for group in order]
    if final is not None:
        # In odd content a unit can teach part of its own prerequisites; it
        # still appears once, as the last step.
        final_group = index.unit_group[final]
        numbers = [n for n, group in zip(numbers, order) if group != final_group]
        numbers.append(final)
    elif goal:
        # Units after the first one that teaches the target cannot help reach
        # it. Units that wait on each other in a loop (which the validator
        # rejects in files) can leave such a unit at the end.
        teaching = [position for position, n in enumerate(numbers)
                    if index.unit_targets[n] & goal]
        if teaching:
            numbers = numbers[:teaching[0] + 1]
    missing = (needed & ~known) | (needed & ~index.taught)
    uncovered = sorted(bit_positions(missing), key=lambda b: _level_key(index, b))
    return GapPath((index.units[index.unit_ids[n]] for n in numbers), target,
                   (index.competencies[index.competency_ids[b]] for b in uncovered))


def _level_key(index: Index, bit: int) -> tuple[int, int]:
    level = index.competencies[index.competency_ids[bit]].level
    rank = index.levels.rank(level) if level in index.levels else len(index.levels)
    return rank, bit


def _teachers(index: Index, competencies: int) -> list[int]:
    """Return the groups that can teach some of ``competencies``, lowest first."""
    groups: set[int] = set()
    for bit in bit_positions(competencies):
        groups.update(index.teachers[bit])
    return sorted(groups)


def _cover(index: Index, needed: int, mastered: int) -> tuple[list[int], int]:
    """Choose groups teaching every needed competency that some unit can teach.

    Returns the chosen groups in the order chosen and the needed set, which
    grows when a unit that needs more had to be taken.
    """
    chosen: list[int] = []
    remaining = needed & index.taught
    while remaining:
        allowed = mastered | needed
        candidates = _teachers(index, remaining)
        heap = []
        for group in candidates:
            if index.group_needs[group] & ~allowed:
                continue
            covered = (index.group_teaches[group] & remaining).bit_count()
            outside = (index.group_targets[group] & ~allowed).bit_count()
            heap.append((-covered, outside, group))
        heapq.heapify(heap)

        # Lazy greedy: coverage only shrinks, so a popped group whose
        # recounted coverage is unchanged is still the best one.
        while heap and remaining:
            negative, outside, group = heapq.heappop(heap)
            covered = (index.group_teaches[group] & remaining).bit_count()
            if covered == 0:
                continue
            if covered != -negative:
                heapq.heappush(heap, (-covered, outside, group))
                continue
            chosen.append(group)
            remaining &= ~index.group_teaches[group]
        if not remaining:
            break

        # Every unit that can teach what remains needs something more: take
        # the one bringing in the fewest further competencies.
        extension = _cheapest_extension(index, candidates, remaining, allowed)
        # No candidate can be inside the needed set here, so each adds needs.
        assert extension is not None
        group, extra = extension
        chosen.append(group)
        needed |= extra
        remaining = (remaining | (extra & index.taught)) & ~index.group_teaches[group]
        for earlier in chosen:
            remaining &= ~index.group_teaches[earlier]
    return chosen, needed


def _cheapest_extension(index: Index, candidates: Sequence[int], remaining: int,
                        known: int) -> tuple[int, int] | None:
    """Return the group teaching some of ``remaining`` that adds the fewest needs.

    A group's added needs are the prerequisites of its units, transitively,
    that are not in ``known``. Groups adding none are skipped, so the result
    is None when no candidate adds anything.
    """
    best: tuple[int, int, int] | None = None
    best_extra = 0
    for group in candidates:
        covered = (index.group_teaches[group] & remaining).bit_count()
        if not covered:
            continue
        extra = index.close(index.group_needs[group]) & ~known
        if not extra:
            continue
        key = (extra.bit_count(), -covered, group)
        if best is None or key < best:
            best, best_extra = key, extra
    return None if best is None else (best[2], best_extra)


def _prune(index: Index, chosen: list[int], needed: int) -> list[int]:
    """Drop chosen groups whose needed competencies other chosen groups teach."""
    counts: dict[int, int] = {}
    for group in chosen:
        for bit in bit_positions(index.group_teaches[group] & needed):
            counts[bit] = counts.get(bit, 0) + 1
    kept = list(chosen)
    for group in reversed(chosen):
        bits = bit_positions(index.group_teaches[group] & needed)
        if all(counts[bit] > 1 for bit in bits):
            kept.remove(group)
            for bit in bits:
                counts[bit] -= 1
    return kept


def _order(index: Index, chosen: list[int], needed: int, mastered: int,
           goal: int) -> tuple[list[int], int, int]:
    """Put the chosen groups in teaching order, adding groups where they wait.

    Returns the order, the competencies known after it and the needed set,
    which grows when a loop of waiting groups is broken by a unit that needs
    more.
    """
    # Competencies that no unit teaches count as known for the order, as if
    # the teacher filled those gaps: the units after them still get placed,
    # and the gaps are reported as uncovered.
    known = mastered | (needed & ~index.taught)
    order: list[int] = []
    ready: list[tuple[bool, int]] = []
    waiting: dict[int, list[int]] = {}

    def place(group: int) -> None:
        # Wait on the lowest missing prerequisite, or become ready.
        missing = index.group_needs[group] & ~known
        if missing:
            waiting.setdefault((missing & -missing).bit_length() - 1, []).append(group)
        else:
            heapq.heappush(ready, (bool(index.group_targets[group] & goal), group))

    def learn(group: int) -> None:
        nonlocal known
        order.append(group)
        learned = index.group_targets[group] & ~known
        known |= learned
        for bit in bit_positions(learned):
            for other in waiting.pop(bit, []):
                place(other)

    for group in chosen:
        place(group)
    while True:
        while ready:
            learn(heapq.heappop(ready)[1])
        remaining = needed & ~known & index.taught
        if not remaining:
            break

        # The chosen groups left wait on each other in a loop. Break it with
        # the group that can start now and teaches the most of what remains.
        candidates = _teachers(index, remaining)
        startable = [g for g in candidates if not index.group_needs[g] & ~known]
        if startable:
            learn(min(startable, key=lambda g: (
                -(index.group_teaches[g] & remaining).bit_count(), g)))
            continue

        # No group can start: bring in the needs of the cheapest one, with
        # groups that teach them.
        extension = _cheapest_extension(index, candidates, remaining, known | needed)
        if extension is None:
            break  # the groups left need each other, so none can ever start
        group, extra = extension
        more, extra = _cover(index, extra, known | needed)
        needed |= extra
        known |= extra & ~index.taught
        for other in [group, *more]:
            place(other)
    gaps = needed & ~index.taught
    return _drop_redundant(index, order, needed, mastered | gaps), known, needed


def _drop_redundant(index: Index, order: list[int], needed: int,
                    mastered: int) -> list[int]:
    """Drop groups, last first, whose needed competencies others in ``order`` teach.

    A group stays when a later group relies on something only it teaches.
    """
    counts: dict[int, int] = {}
    for group in order:
        for bit in bit_positions(index.group_teaches[group] & needed):
            counts[bit] = counts.get(bit, 0) + 1
    kept = list(order)
    for position in range(len(kept) - 1, -1, -1):
        bits = bit_positions(index.group_teaches[kept[position]] & needed)
        if any(counts[bit] < 2 for bit in bits):
            continue
        trial = kept[:position] + kept[position + 1:]
        if _executable(index, trial, mastered):
            kept = trial
            for bit in bits:
                counts[bit] -= 1
    return kept


def _executable(index: Index, order: list[int], mastered: int) -> bool:
    """Return True if each group in ``order`` can start after those before it."""
    known = mastered
    for group in order:
        if index.group_needs[group] & ~known:
            return False
        known |= index.group_targets[group]
    return True
