"""The query API rejects arguments of the wrong type with a clear TypeError."""

from __future__ import annotations

from pathlib import Path

import pytest

import progressions


@pytest.fixture
def repository(small_repo: Path) -> progressions.Repository:
    return progressions.load(small_repo)


@pytest.mark.parametrize("call, words", [
    (lambda r: r.next_units(None), "mastered must be a collection"),
    (lambda r: r.next_units([1, 2]), "a mastered id must be an id"),
    (lambda r: r.next_units([], limit="3"), "limit must be a whole number"),
    (lambda r: r.next_units([], limit=2.5), "limit must be a whole number"),
    (lambda r: r.gap_path(None), "target must be an id"),
    (lambda r: r.gap_path(5, []), "target must be an id"),
    (lambda r: r.gap_path(["frac-3-unit"], []), "target must be an id"),
    (lambda r: r.gap_path("frac-3-unit", None), "mastered must be a collection"),
    (lambda r: r.explain("frac-3-unit", None), "mastered must be a collection"),
    (lambda r: r.explain(3, []), "unit must be an id"),
    (lambda r: r.performance_level("fractions", None), "mastered must be a collection"),
    (lambda r: r.performance_level(None, []), "progression must be an id"),
    (lambda r: r.units_at("2", window="2"), "window must be a whole number"),
    (lambda r: r.units_at("2", window=None), "window must be a whole number"),
    (lambda r: r.units_at("2", window=1.5), "window must be a whole number"),
])
def test_wrong_argument_type(repository: progressions.Repository, call, words: str) -> None:
    with pytest.raises(TypeError, match=words):
        call(repository)


def test_negative_window_rejected(repository: progressions.Repository) -> None:
    with pytest.raises(ValueError, match="window must be 0 or more"):
        repository.units_at("2", window=-1)
