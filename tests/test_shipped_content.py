"""The content shipped in this repository is clean: no errors and no warnings."""

from __future__ import annotations

from conftest import REPO_ROOT

import progressions


def test_shipped_content_has_no_problems() -> None:
    problems = progressions.check(REPO_ROOT)
    assert [str(p) for p in problems] == []


def test_shipped_content_loads() -> None:
    repository = progressions.load(REPO_ROOT)
    assert repository.progressions
    assert repository.units
    taught = {t for unit in repository.units.values() for t in unit.targets}
    assert set(repository.competencies) <= taught


def test_shipped_content_agrees_with_coherence_map() -> None:
    from progressions.audit import audit, read_reference

    reference = REPO_ROOT / "reference/ccss-coherence-map/prerequisites.csv"
    result = audit(progressions.load(REPO_ROOT), read_reference(reference))
    assert result.considered >= 300
    assert result.agreement >= 0.9
    assert [r for r in result.disagreements if not r.explained] == []


def test_every_level_of_each_span_has_a_unit() -> None:
    repository = progressions.load(REPO_ROOT)
    levels = repository.levels
    for progression in repository.progressions.values():
        ranks = [levels.rank(repository.competencies[c].level)
                 for c in progression.competencies]
        taught = {levels.rank(u.level) for u in repository.units.values()
                  if u.progression == progression.id}
        for rank in range(min(ranks), max(ranks) + 1):
            assert rank in taught, f"{progression.id} has no unit at {levels[rank]}"
