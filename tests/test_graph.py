"""The prerequisite graph and the student queries, on a small hand-built repository.

The repository is described in ``builders.graph_repository``. Every expected
list below was worked out by hand from the definitions in
``progressions.queries`` and ``progressions.paths``.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import networkx as nx
import pytest
from builders import (
    competency,
    graph_repository,
    progression_data,
    unit_data,
    write_repository,
)

import progressions
from progressions import Repository, UnknownIdError


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Repository:
    root = graph_repository(tmp_path_factory.mktemp("graph") / "repo")
    return progressions.load(root)


def ids(items) -> list[str]:
    return [item.id for item in items]


# The graph

def test_graph_nodes_carry_kind_and_item(repo: Repository) -> None:
    graph = repo.graph
    assert graph.number_of_nodes() == len(repo.competencies) + len(repo.units)
    assert graph.nodes["frac.3.unit"]["kind"] == "competency"
    assert graph.nodes["frac.3.unit"]["item"] is repo.competencies["frac.3.unit"]
    assert graph.nodes["frac-2-both"]["kind"] == "unit"
    assert graph.nodes["frac-2-both"]["targets"] == ("frac.2.thirds", "frac.2.fourths")
    assert graph.nodes["frac-2-both"]["level"] == "2"


def test_graph_edges_run_from_prerequisite(repo: Repository) -> None:
    graph = repo.graph
    assert graph.edges["count.2.skip", "frac.3.unit"]["kind"] == "prerequisite"
    assert graph.edges["frac.2.thirds", "frac-3"]["kind"] == "needs"
    assert sorted(graph.predecessors("frac-3")) == ["count.2.skip", "frac.2.thirds"]
    assert sorted(graph.predecessors("frac-2-both")) == ["frac.1.halves"]
    assert nx.is_directed_acyclic_graph(graph)


def test_graph_unit_ancestors_are_needs(repo: Repository) -> None:
    assert nx.ancestors(repo.graph, "frac-3") == {
        "frac.2.thirds", "frac.1.halves", "count.2.skip", "count.1.to-120",
        "count.k.to-20"}


def test_graph_built_once(repo: Repository) -> None:
    assert repo.graph is repo.graph


# next_units

def test_next_units_empty_mastered(repo: Repository) -> None:
    ranked = repo.next_units([])
    assert ids(ranked) == ["frac-1", "count-k"]
    assert ranked.unlocks == {"frac-1": 3, "count-k": 1}


def test_next_units_level_closeness_first(repo: Repository) -> None:
    assert ids(repo.next_units([], level="K")) == ["count-k", "frac-1"]
    assert ids(repo.next_units([], level=1)) == ["frac-1", "count-k"]
    assert ids(repo.next_units([], level="12")) == ["frac-1", "count-k"]


def test_next_units_ties_by_level_then_id(repo: Repository) -> None:
    ranked = repo.next_units(["frac.1.halves", "count.1.to-120"])
    assert ids(ranked) == ["frac-2-both", "count-2", "frac-2-fourths", "frac-2-thirds"]
    assert ranked.unlocks == {"frac-2-both": 1, "count-2": 0, "frac-2-fourths": 0,
                              "frac-2-thirds": 0}


def test_next_units_cross_progression_unlock(repo: Repository) -> None:
    # count-2 unlocks frac-3, whose other prerequisite is mastered already.
    ranked = repo.next_units(["frac.2.thirds", "count.1.to-120"])
    assert ids(ranked) == ["count-2", "frac-2-both", "frac-2-fourths"]
    assert ranked.unlocks == {"count-2": 1, "frac-2-both": 1, "frac-2-fourths": 1}


def test_next_units_partly_mastered_unit_ready(repo: Repository) -> None:
    ranked = repo.next_units(["frac.2.thirds"])
    assert "frac-2-both" in ids(ranked)
    assert "frac-2-thirds" not in ids(ranked)


def test_next_units_limit(repo: Repository) -> None:
    assert ids(repo.next_units(["frac.2.thirds", "count.1.to-120"], limit=2)) == [
        "count-2", "frac-2-both"]
    assert ids(repo.next_units([], limit=0)) == []
    with pytest.raises(ValueError, match="limit"):
        repo.next_units([], limit=-1)


def test_next_units_mastered_unit_id(repo: Repository) -> None:
    # A unit id stands for its targets, and their prerequisites are implied.
    ranked = repo.next_units(["frac-2-both", "count-2"])
    assert ids(ranked) == ["frac-3", "frac-3-compare"]
    assert ranked.unlocks == {"frac-3": 0, "frac-3-compare": 0}


def test_next_units_blocked_by_untaught(repo: Repository) -> None:
    # frac-4 needs frac.3.line, which no unit teaches, so it is never ready
    # until the student masters it some other way.
    everything_taught = ["frac.3.unit", "frac.3.compare", "count.2.skip"]
    assert ids(repo.next_units(everything_taught)) == []
    assert ids(repo.next_units(everything_taught + ["frac.3.line"])) == ["frac-4"]


def test_next_units_accepts_single_string(repo: Repository) -> None:
    assert ids(repo.next_units("frac.1.halves", level=2)) == ids(
        repo.next_units(["frac.1.halves"], level=2))


def test_next_units_ignores_file_order(tmp_path: Path) -> None:
    # Natural order puts 3.nf.2 before 3.nf.10; folder names change the order
    # in which the unit files are read.
    fractions = progression_data("fractions", [
        competency("frac.2.parts", 2), competency("frac.3.unit", 3, ["frac.2.parts"])])
    first = [unit_data(uid, 3, "fractions", ["frac.3.unit"], ["frac.2.parts"])
             for uid in ("3.nf.10", "3.nf.2", "frac-3")]
    first.append(unit_data("frac-2", 2, "fractions", ["frac.2.parts"]))
    root = write_repository(tmp_path / "repo", [fractions], first)
    moved = root / "units" / "3.nf.2.yaml"
    (root / "units" / "fractions" / "3.nf.2.yaml").rename(moved)
    repository = progressions.load(root)
    expected = ["3.nf.2", "3.nf.10", "frac-3"]
    assert ids(repository.next_units(["frac.2.parts"])) == expected
    shuffled = Repository.from_objects(
        reversed(list(repository.progressions.values())),
        reversed(list(repository.competencies.values())),
        reversed(list(repository.units.values())))
    assert ids(shuffled.next_units(["frac.2.parts"])) == expected


def test_next_units_level_sorts_by_scale(tmp_path: Path) -> None:
    # Levels sort by the scale (K, 1, 2, ... 10), not as text.
    skills = progression_data("skills", [
        competency("s.k", "K"), competency("s.2", 2), competency("s.10", 10)])
    units = [unit_data("u-10", 10, "skills", ["s.10"]),
             unit_data("u-2", 2, "skills", ["s.2"]),
             unit_data("u-k", "K", "skills", ["s.k"])]
    repository = progressions.load(write_repository(tmp_path / "repo", [skills], units))
    assert ids(repository.next_units([])) == ["u-k", "u-2", "u-10"]
    assert ids(repository.next_units([], level=9)) == ["u-10", "u-2", "u-k"]


# gap_path

def test_gap_path_competency_with_gap(repo: Repository) -> None:
    path = repo.gap_path("frac.4.equiv")
    assert ids(path) == ["count-k", "count-1", "frac-1", "count-2", "frac-2-thirds",
                         "frac-3", "frac-4"]
    assert ids(path.uncovered) == ["frac.3.line"]
    assert path.target == "frac.4.equiv"


def test_gap_path_skips_mastered(repo: Repository) -> None:
    path = repo.gap_path("frac.4.equiv", ["frac.2.thirds"])
    assert ids(path) == ["count-k", "count-1", "count-2", "frac-3", "frac-4"]
    assert ids(path.uncovered) == ["frac.3.line"]


def test_gap_path_unit_target_last(repo: Repository) -> None:
    path = repo.gap_path("frac-3", ["frac.1.halves", "count.1.to-120"])
    assert ids(path) == ["count-2", "frac-2-thirds", "frac-3"]
    assert path.uncovered == ()


def test_gap_path_prefers_unit_teaching_more(repo: Repository) -> None:
    # frac-2-both teaches thirds and fourths, so two units suffice, not three.
    path = repo.gap_path("frac.3.compare", ["frac.1.halves"])
    assert ids(path) == ["frac-2-both", "frac-3-compare"]


def test_gap_path_tie_prefers_fewer_extra_targets(repo: Repository) -> None:
    # frac-2-thirds and frac-2-both both teach thirds; frac-2-both would also
    # teach fourths, which frac.3.unit does not need.
    assert ids(repo.gap_path("frac.2.thirds")) == ["frac-1", "frac-2-thirds"]


def test_gap_path_mastered_target_empty(repo: Repository) -> None:
    assert ids(repo.gap_path("frac.2.thirds", ["frac-2-both"])) == []
    assert ids(repo.gap_path("frac-2-thirds", ["frac.3.compare"])) == []
    assert ids(repo.gap_path("frac-2-both", ["frac.2.thirds"])) == ["frac-2-both"]


def test_gap_path_ready_unit_alone(repo: Repository) -> None:
    assert ids(repo.gap_path("frac-1")) == ["frac-1"]


# units_at

def test_units_at_one_level(repo: Repository) -> None:
    assert ids(repo.units_at(2)) == ["count-2", "frac-2-both", "frac-2-fourths",
                                     "frac-2-thirds"]


def test_units_at_window(repo: Repository) -> None:
    assert ids(repo.units_at("2", window=1)) == [
        "count-1", "frac-1", "count-2", "frac-2-both", "frac-2-fourths",
        "frac-2-thirds", "frac-3", "frac-3-compare"]
    assert ids(repo.units_at("K", window=3)) == ids(repo.units_at(1, window=2))
    assert ids(repo.units_at(12, window=3)) == []


def test_units_at_rejects_bad_input(repo: Repository) -> None:
    with pytest.raises(UnknownIdError, match="did you mean '3'"):
        repo.units_at("grade 3")
    with pytest.raises(ValueError, match="window"):
        repo.units_at(3, window=-1)


# performance_level

@pytest.mark.parametrize(("progression", "mastered", "expected"), [
    ("fractions", [], None),
    ("fractions", ["frac.1.halves"], "1"),
    ("fractions", ["frac.2.thirds"], "1"),
    ("fractions", ["frac-2-both"], "2"),
    ("fractions", ["frac.3.compare", "frac.3.unit"], "2"),
    ("fractions", ["frac.4.equiv", "frac.3.compare"], "4"),
    ("counting", ["count.k.to-20"], "K"),
    ("counting", ["frac.3.unit"], "2"),
])
def test_performance_level(repo: Repository, progression: str, mastered: list[str],
                           expected: str | None) -> None:
    assert repo.performance_level(progression, mastered) == expected


# explain

def test_explain_missing_prerequisites(repo: Repository) -> None:
    explanation = repo.explain("frac-3", [])
    assert explanation.missing == ("count.2.skip", "frac.2.thirds")
    assert explanation.targets_mastered is False
    assert explanation.ready is False


def test_explain_ready_and_mastered(repo: Repository) -> None:
    assert repo.explain("frac-3", ["frac.2.thirds", "count-2"]).ready is True
    done = repo.explain("frac-2-thirds", ["frac.2.thirds"])
    assert done.missing == ()
    assert done.targets_mastered is True
    assert done.ready is False


def test_explain_untaught_prerequisite(repo: Repository) -> None:
    assert repo.explain("frac-4", ["frac.3.unit"]).missing == ("frac.3.line",)


def test_explain_is_frozen(repo: Repository) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        repo.explain("frac-1", []).missing = ()  # type: ignore[misc]


# Unknown ids

def test_unknown_mastered_id_suggests(repo: Repository) -> None:
    with pytest.raises(UnknownIdError) as caught:
        repo.next_units(["frac.1.halfs", "frac.2.thirds"])
    error = caught.value
    assert isinstance(error, KeyError)
    assert error.ids == ("frac.1.halfs",)
    assert "frac.1.halves" in error.suggestions["frac.1.halfs"]
    assert str(error).startswith("unknown competency or unit id 'frac.1.halfs' "
                                 "(did you mean 'frac.1.halves'")


def test_unknown_ids_all_named(repo: Repository) -> None:
    with pytest.raises(UnknownIdError) as caught:
        repo.gap_path("frac.3.unit", ["nothing-like-it", "fractions"])
    assert caught.value.ids == ("nothing-like-it", "fractions")
    assert str(caught.value) == ("unknown competency or unit ids 'nothing-like-it' and "
                                 "'fractions' (it is a progression)")


@pytest.mark.parametrize("call", [
    lambda r: r.gap_path("frac-9"),
    lambda r: r.explain("frac.3.unit", []),
    lambda r: r.performance_level("fraction", []),
    lambda r: r.next_units([], level="13"),
    lambda r: r.units_at("first"),
])
def test_unknown_ids_raise_key_error(repo: Repository, call) -> None:
    with pytest.raises(KeyError) as caught:
        call(repo)
    assert isinstance(caught.value, UnknownIdError)
    assert not isinstance(caught.value, nx.NetworkXException)


def test_unknown_unit_names_other_kind(repo: Repository) -> None:
    with pytest.raises(UnknownIdError, match=r"unknown unit id 'frac.3.unit' "
                       r"\(it is a competency\)"):
        repo.explain("frac.3.unit", [])


def test_unknown_progression_suggests(repo: Repository) -> None:
    with pytest.raises(UnknownIdError, match="did you mean 'fractions'"):
        repo.performance_level("fraction", [])


# Repositories built from objects

def test_from_objects_matches_loaded(repo: Repository) -> None:
    built = Repository.from_objects(repo.progressions.values(),
                                    repo.competencies.values(), repo.units.values())
    assert ids(built.gap_path("frac.4.equiv")) == ids(repo.gap_path("frac.4.equiv"))
    assert built.warnings == []


def test_from_objects_rejects_bad_content(repo: Repository) -> None:
    halves = repo.competencies["frac.1.halves"]
    looping = dataclasses.replace(halves, prerequisites=("frac.2.thirds",))
    competencies = [looping if c.id == halves.id else c
                    for c in repo.competencies.values()]
    with pytest.raises(ValueError, match="prerequisites form a loop"):
        Repository.from_objects(repo.progressions.values(), competencies,
                                repo.units.values())
    broken = dataclasses.replace(repo.units["frac-1"], targets=("frac.1.halfs",))
    with pytest.raises(ValueError, match="the target 'frac.1.halfs' of 'frac-1'"):
        Repository.from_objects(repo.progressions.values(), repo.competencies.values(),
                                [broken])
    with pytest.raises(ValueError, match="the id 'frac-1' is used twice"):
        Repository.from_objects(repo.progressions.values(), repo.competencies.values(),
                                [repo.units["frac-1"], repo.units["frac-1"]])


# Gap paths through units that need more than the target does

@pytest.fixture(scope="module")
def tangled(tmp_path_factory: pytest.TempPathFactory) -> Repository:
    """Units that wait on each other, and a unit needing unrelated material.

    wait-ab teaches a and b but needs d (a's prerequisite); wait-de teaches
    d and e but needs b (e's prerequisite). Each waits on the other, and only
    only-b, which teaches b alone, lets them start. side-cs is the only unit
    teaching c, and it needs x because its other target s does.
    """
    skills = progression_data("skills", [
        competency("t.2.b", 2), competency("t.2.d", 2),
        competency("t.2.a", 2, ["t.2.d"]), competency("t.2.e", 2, ["t.2.b"]),
        competency("t.3.goal", 3, ["t.2.a", "t.2.e"]),
        competency("t.1.x", 1), competency("t.2.c", 2),
        competency("t.2.s", 2, ["t.1.x"]),
        competency("t.3.top", 3, ["t.2.c"]),
    ])
    units = [
        unit_data("wait-ab", 2, "skills", ["t.2.a", "t.2.b"], ["t.2.d"]),
        unit_data("wait-de", 2, "skills", ["t.2.d", "t.2.e"], ["t.2.b"]),
        unit_data("only-b", 2, "skills", ["t.2.b"]),
        unit_data("goal", 3, "skills", ["t.3.goal"], ["t.2.a", "t.2.e"]),
        unit_data("only-x", 1, "skills", ["t.1.x"]),
        unit_data("side-cs", 2, "skills", ["t.2.c", "t.2.s"], ["t.1.x"]),
        unit_data("top", 3, "skills", ["t.3.top"], ["t.2.c"]),
    ]
    root = tmp_path_factory.mktemp("tangled") / "repo"
    return progressions.load(write_repository(root, [skills], units))


def test_gap_path_breaks_waiting_loop(tangled: Repository) -> None:
    path = tangled.gap_path("t.3.goal")
    assert ids(path) == ["only-b", "wait-de", "wait-ab", "goal"]
    assert path.uncovered == ()


def test_gap_path_loop_without_way_in(tangled: Repository) -> None:
    # Without only-b, neither waiting unit can ever start.
    units = [u for u in tangled.units.values() if u.id != "only-b"]
    stuck = Repository.from_objects(tangled.progressions.values(),
                                    tangled.competencies.values(), units)
    path = stuck.gap_path("t.3.goal")
    assert ids(path) == []
    assert ids(path.uncovered) == ["t.2.a", "t.2.b", "t.2.d", "t.2.e", "t.3.goal"]


def test_gap_path_brings_in_unit_needs(tangled: Repository) -> None:
    path = tangled.gap_path("top")
    assert ids(path) == ["only-x", "side-cs", "top"]
    assert path.uncovered == ()


def test_gap_path_stops_at_target_teacher() -> None:
    # u1 and u2 wait on each other (u1 needs c5, which u2 teaches; u2 needs c1,
    # which u1 teaches). Nothing after the first unit teaching c5 helps reach it.
    from progressions import Competency, Progression, Unit

    prerequisites = {"c1": ("c0",), "c5": ("c0",)}
    ids = ["c0", "c1", "c2", "c3", "c4", "c5"]
    competencies = [Competency(c, "K", f"I can {c}.", "p",
                               prerequisites=prerequisites.get(c, ())) for c in ids]
    units = [Unit("u0", "U0", "K", "p", ("c0",)),
             Unit("u1", "U1", "K", "p", ("c1", "c3", "c4"), prerequisites=("c5",)),
             Unit("u2", "U2", "K", "p", ("c5",), prerequisites=("c1",)),
             Unit("u3", "U3", "K", "p", ("c0", "c3", "c5"), prerequisites=("c2",))]
    progression = Progression("p", "P", "mathematics", "Summary.", tuple(ids))
    repository = Repository.from_objects([progression], competencies, units)
    path = repository.gap_path("c5")
    assert path
    assert "c5" in path[-1].targets
