"""Properties of the graph queries on generated acyclic repositories.

Each generated repository lives in memory (``Repository.from_objects``), so
hundreds of examples run in a few seconds. The reference functions below
follow the definitions word for word, with plain sets and no precomputation.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from progressions import Competency, LevelScale, Progression, Repository, Unit
from progressions.levels import natural_key

LEVELS = LevelScale(["K", "1", "2", "3"])
PROGRESSIONS = ("pa", "pb")


MASKS = st.integers(0, 2**12 - 1)
COMPETENCY_ROWS = st.lists(st.tuples(st.integers(0, 3), MASKS, st.booleans()),
                           min_size=1, max_size=12)
UNIT_ROWS = st.lists(st.tuples(st.integers(0, 11), MASKS, MASKS, st.booleans()),
                     max_size=14)


def pick(mask: int, options: list[int], most: int) -> list[int]:
    """Return up to ``most`` of ``options``, chosen by the set bits of ``mask``."""
    return [option for bit, option in enumerate(options) if mask >> bit & 1][:most]


@st.composite
def repositories(draw: st.DrawFn) -> Repository:
    """Draw a repository whose prerequisites point to earlier competencies only.

    Few levels and units with several targets make units that wait on each
    other, and extra prerequisites make units that need more than their
    targets' own prerequisites. Rows of plain integers, read as bit masks,
    keep drawing cheap.
    """
    top = draw(st.integers(0, 3))
    rows = draw(COMPETENCY_ROWS)
    ranks = sorted(rank % (top + 1) for rank, _, _ in rows)
    competencies = []
    below: list[set[int]] = []  # each competency with its prerequisites, transitively
    for index, ((_, mask, second), rank) in enumerate(zip(rows, ranks)):
        prerequisites = pick(mask, list(range(index)), 3)
        below.append({index}.union(*(below[p] for p in prerequisites)))
        competencies.append(Competency(
            id=f"c{index}", level=LEVELS[rank], statement="I can do it.",
            progression=PROGRESSIONS[second], prerequisites=tuple(
                f"c{p}" for p in prerequisites)))

    units = []
    for number, (choice, target_mask, extra_mask, second) in enumerate(draw(UNIT_ROWS)):
        rank = ranks[choice % len(ranks)]
        same_level = [i for i, r in enumerate(ranks) if r == rank]
        targets = pick(target_mask, same_level, 3) or same_level[:1]
        # As validation requires, no extra prerequisite builds on a target.
        allowed = [i for i, r in enumerate(ranks)
                   if r <= rank and not below[i] & set(targets)]
        extra = pick(extra_mask, allowed, 2)
        units.append(Unit(
            id=f"u{number}", title=f"Unit {number}", level=LEVELS[rank],
            progression=PROGRESSIONS[second], targets=tuple(f"c{i}" for i in targets),
            prerequisites=tuple(f"c{i}" for i in extra)))

    progressions = [Progression(p, p, "mathematics", "Generated.",
                                tuple(c.id for c in competencies if c.progression == p))
                    for p in PROGRESSIONS]
    return Repository.from_objects(progressions, competencies, units, levels=LEVELS)


@st.composite
def students(draw: st.DrawFn, repository: Repository) -> list[str]:
    known = sorted(repository.competencies) + sorted(repository.units)
    return draw(st.lists(st.sampled_from(known), unique=True, max_size=6))


# Reference implementations

def closure(repository: Repository, ids: set[str]) -> set[str]:
    result: set[str] = set()
    stack = list(ids)
    while stack:
        item = stack.pop()
        if item in repository.units:
            stack.extend(repository.units[item].targets)
        elif item not in result:
            result.add(item)
            stack.extend(repository.competencies[item].prerequisites)
    return result


def needs(repository: Repository, unit: Unit) -> set[str]:
    from_targets = {p for t in unit.targets
                    for p in repository.competencies[t].prerequisites}
    return (from_targets - set(unit.targets)) | set(unit.prerequisites)


def ready(repository: Repository, mastered: set[str], unit: Unit) -> bool:
    return needs(repository, unit) <= mastered and not set(unit.targets) <= mastered


def unlocks(repository: Repository, mastered: set[str], unit: Unit) -> int:
    after = closure(repository, mastered | set(unit.targets))
    return sum(1 for other in repository.units.values()
               if not ready(repository, mastered, other)
               and ready(repository, after, other))


def reference_next(repository: Repository, mastered_ids: list[str], level: str | None,
                   limit: int | None) -> list[tuple[str, int]]:
    mastered = closure(repository, set(mastered_ids))
    rank = LEVELS.rank

    def key(unit: Unit) -> tuple:
        distance = 0 if level is None else abs(rank(unit.level) - rank(level))
        return (distance, -unlocks(repository, mastered, unit), rank(unit.level),
                natural_key(unit.id))

    candidates = [u for u in repository.units.values()
                  if ready(repository, mastered, u)]
    ranked = sorted(candidates, key=key)[:limit]
    return [(u.id, unlocks(repository, mastered, u)) for u in ranked]


# Properties

@settings(max_examples=300, deadline=None)
@given(st.data())
def test_next_units_match_reference(data: st.DataObject) -> None:
    repository = data.draw(repositories())
    mastered = data.draw(students(repository))
    level = data.draw(st.none() | st.sampled_from(list(LEVELS)))
    limit = data.draw(st.none() | st.integers(0, 4))
    ranked = repository.next_units(mastered, level=level, limit=limit)
    result = [(unit.id, ranked.unlocks[unit.id]) for unit in ranked]
    assert result == reference_next(repository, mastered, level, limit)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_gap_path_properties(data: st.DataObject) -> None:
    repository = data.draw(repositories())
    mastered = closure(repository, set(data.draw(students(repository))))
    target = data.draw(st.sampled_from(sorted(repository.competencies)
                                       + sorted(repository.units)))
    path = repository.gap_path(target, mastered)
    uncovered = {c.id for c in path.uncovered}
    ids = [unit.id for unit in path]
    assert len(ids) == len(set(ids))

    is_unit = target in repository.units
    if is_unit:
        goal = set(repository.units[target].targets)
        needed = closure(repository, needs(repository, repository.units[target]))
    else:
        goal = {target}
        needed = closure(repository, {target})
    needed -= mastered
    if goal <= mastered:
        assert ids == []
        return

    # Each unit can start when its turn comes: every effective prerequisite
    # is mastered, taught by an earlier unit of the path, or a reported gap.
    known = set(mastered)
    for unit in path:
        missing = needs(repository, unit) - closure(repository, known)
        assert missing <= uncovered, unit.id
        known |= set(unit.targets)

    # After the path (and the reported gaps) the target is mastered.
    after = closure(repository, known | uncovered)
    assert goal <= after
    assert needed <= after
    assert not uncovered & mastered
    taught = {t for unit in repository.units.values() for t in unit.targets}
    assert needed - taught <= uncovered

    if is_unit:
        assert ids[-1] == target
        taught_before = {t for unit in path[:-1] for t in unit.targets}
        before = closure(repository, mastered | taught_before)
        if not uncovered:
            # An earlier unit may already teach every target of the last one.
            final = repository.units[target]
            assert ready(repository, before, final) or set(final.targets) <= before
    elif target not in uncovered:
        assert target in path[-1].targets


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_explain_matches_readiness(data: st.DataObject) -> None:
    repository = data.draw(repositories())
    if not repository.units:
        return
    mastered_ids = data.draw(students(repository))
    mastered = closure(repository, set(mastered_ids))
    unit = repository.units[data.draw(st.sampled_from(sorted(repository.units)))]
    explanation = repository.explain(unit.id, mastered_ids)
    assert set(explanation.missing) == needs(repository, unit) - mastered
    assert explanation.targets_mastered == (set(unit.targets) <= mastered)
    assert explanation.ready == ready(repository, mastered, unit)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_performance_level_matches_reference(data: st.DataObject) -> None:
    repository = data.draw(repositories())
    mastered_ids = data.draw(students(repository))
    mastered = closure(repository, set(mastered_ids))
    progression = data.draw(st.sampled_from(PROGRESSIONS))
    members = [c for c in repository.competencies.values()
               if c.progression == progression]
    expected = None
    for level in sorted({c.level for c in members}, key=LEVELS.rank):
        if not all(c.id in mastered for c in members if LEVELS.rank(c.level)
                   <= LEVELS.rank(level)):
            break
        expected = level
    assert repository.performance_level(progression, mastered_ids) == expected


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_units_at_matches_reference(data: st.DataObject) -> None:
    repository = data.draw(repositories())
    level = data.draw(st.sampled_from(list(LEVELS)))
    window = data.draw(st.integers(0, 3))
    expected = sorted(
        (u for u in repository.units.values()
         if abs(LEVELS.rank(u.level) - LEVELS.rank(level)) <= window),
        key=lambda u: (LEVELS.rank(u.level), natural_key(u.progression),
                       natural_key(u.id)))
    assert repository.units_at(level, window) == expected
