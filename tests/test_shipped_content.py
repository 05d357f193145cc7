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
