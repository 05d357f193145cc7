"""Repository-wide rules: ids, references, cycles, levels, readiness and coverage."""

from __future__ import annotations

from pathlib import Path

import yaml
from builders import competency, progression_data, unit_data, write_yaml

import progressions
from progressions.rules import RULES

FRACTIONS = "progressions/fractions.yaml"


def edit_yaml(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    write_yaml(path, data)


def rules_of(problems: list[progressions.Problem]) -> list[str]:
    return [p.rule for p in problems]


def only(problems: list[progressions.Problem], rule: str) -> list[progressions.Problem]:
    return [p for p in problems if p.rule == rule]


def line_of(path: Path, text: str, after: int = 0) -> int:
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        if number > after and text in line:
            return number
    raise AssertionError(f"{text!r} not in {path}")


def test_small_repository_clean(small_repo: Path) -> None:
    assert progressions.check(small_repo) == []


def test_every_rule_documented() -> None:
    for info in RULES.values():
        assert info.checks.endswith(".")
        assert info.fix.endswith(".")
        assert info.severity in ("error", "warning")


def test_duplicate_id_across_kinds(small_repo: Path) -> None:
    unit = unit_data("frac.2.thirds", 2, "fractions", ["frac.2.thirds"], ["frac.1.halves"])
    write_yaml(small_repo / "units/fractions/frac.2.thirds.yaml", unit)
    problems = progressions.check(small_repo)
    assert rules_of(problems) == ["unique-id"]
    assert problems[0].file == "units/fractions/frac.2.thirds.yaml"
    assert f"{FRACTIONS}:" in problems[0].message


def test_ids_differing_in_case_collide(small_repo: Path) -> None:
    # Upper case is invalid in ids, and it still collides with the lower-case id.
    edit_yaml(small_repo / FRACTIONS, lambda d: d["competencies"].append(
        competency("FRAC.1.halves", 1)))
    problems = progressions.check(small_repo)
    assert "unique-id" in rules_of(problems)
    assert "schema" in rules_of(problems)


def test_unknown_prerequisite_suggests(small_repo: Path) -> None:
    edit_yaml(small_repo / FRACTIONS,
              lambda d: d["competencies"][1].update(prerequisites=["frac.1.halfs"]))
    (problem,) = only(progressions.check(small_repo), "unknown-reference")
    assert problem.rule == "unknown-reference"
    assert "did you mean 'frac.1.halves'" in problem.message
    assert problem.line == line_of(small_repo / FRACTIONS, "- frac.1.halfs")


def test_reference_of_wrong_kind(small_repo: Path) -> None:
    edit_yaml(small_repo / FRACTIONS,
              lambda d: d["competencies"][1].update(prerequisites=["frac-1-halves"]))
    problems = only(progressions.check(small_repo), "unknown-reference")
    assert rules_of(problems) == ["unknown-reference"]
    assert "is a unit, not a competency" in problems[0].message


def test_unit_progression_must_exist(small_repo: Path) -> None:
    path = small_repo / "units/fractions/frac-1-halves.yaml"
    edit_yaml(path, lambda d: d.update(progression="fraction"))
    (problem,) = progressions.check(small_repo)
    assert problem.rule == "unknown-reference"
    assert "did you mean 'fractions'" in problem.message
    assert problem.line == line_of(path, "progression:")


def test_self_loop_reported(small_repo: Path) -> None:
    edit_yaml(small_repo / FRACTIONS, lambda d: d["competencies"][0].update(
        prerequisites=["frac.1.halves"]))
    problems = progressions.check(small_repo)
    assert rules_of(problems) == ["prerequisite-cycle"]
    assert "lists itself" in problems[0].message


def test_cycle_listed_link_by_link(small_repo: Path) -> None:
    # frac.1.halves -> frac.2.thirds -> frac.3.unit, then back to frac.1.halves;
    # put all three at level 1 so that only the cycle is wrong.
    def change(data: dict) -> None:
        for item in data["competencies"]:
            item["level"] = 1
        data["competencies"][0]["prerequisites"] = ["frac.3.unit"]
        data["competencies"][2]["prerequisites"] = ["frac.2.thirds"]
    edit_yaml(small_repo / FRACTIONS, change)
    problems = [p for p in progressions.check(small_repo) if p.rule == "prerequisite-cycle"]
    assert len(problems) == 1
    message = problems[0].message
    for link in ("'frac.2.thirds' needs 'frac.1.halves'",
                 "'frac.3.unit' needs 'frac.2.thirds'",
                 "'frac.1.halves' needs 'frac.3.unit'"):
        assert link in message
    assert message.count(f"{FRACTIONS}:") == 3


def test_cycle_across_files(small_repo: Path) -> None:
    counting = small_repo / "progressions/counting.yaml"
    edit_yaml(counting, lambda d: d["competencies"][0].update(
        level=3, prerequisites=["frac.3.unit"]))
    edit_yaml(counting, lambda d: d["competencies"][1].update(level=3))
    problems = [p for p in progressions.check(small_repo) if p.rule == "prerequisite-cycle"]
    assert len(problems) == 1
    assert "progressions/counting.yaml:" in problems[0].message
    assert f"{FRACTIONS}:" in problems[0].message


def test_prerequisite_above_level(small_repo: Path) -> None:
    edit_yaml(small_repo / FRACTIONS,
              lambda d: d["competencies"][0].update(prerequisites=["count.2.skip"]))
    problems = only(progressions.check(small_repo), "prerequisite-level")
    assert rules_of(problems) == ["prerequisite-level"]
    assert problems[0].line == line_of(small_repo / FRACTIONS, "- count.2.skip")


def test_target_at_other_level(small_repo: Path) -> None:
    path = small_repo / "units/fractions/frac-2-thirds.yaml"
    edit_yaml(path, lambda d: d["targets"].append("frac.1.halves"))
    problems = progressions.check(small_repo)
    assert "target-level" in rules_of(problems)


def test_readiness_must_name_prerequisite(small_repo: Path) -> None:
    path = small_repo / "units/fractions/frac-2-thirds.yaml"
    edit_yaml(path, lambda d: d["readiness"].append(
        {"competency": "count.1.to-120", "check": "Count to 120."}))
    problems = progressions.check(small_repo)
    assert rules_of(problems) == ["readiness"]
    assert "frac.1.halves" in problems[0].message
    assert problems[0].message.endswith("; remove this item or name one of those")


def test_missing_readiness_warns(small_repo: Path) -> None:
    path = small_repo / "units/fractions/frac-3-unit.yaml"
    edit_yaml(path, lambda d: d.update(readiness=d["readiness"][:1]))
    problems = progressions.check(small_repo)
    assert rules_of(problems) == ["readiness-coverage"]
    assert problems[0].severity == "warning"
    assert "count.2.skip" in problems[0].message
    assert "add an item with 'competency:' and 'check:' to readiness" in (
        problems[0].message)


def test_untaught_competency_warns(small_repo: Path) -> None:
    edit_yaml(small_repo / FRACTIONS, lambda d: d["competencies"].append(
        competency("frac.3.compare", 3, ["frac.3.unit"])))
    problems = progressions.check(small_repo)
    assert rules_of(problems) == ["untaught-competency"]
    assert problems[0].severity == "warning"
    assert problems[0].line == line_of(small_repo / FRACTIONS, "id: frac.3.compare")


def test_unit_prerequisite_after_own_target(small_repo: Path) -> None:
    path = small_repo / "units/fractions/frac-2-thirds.yaml"
    edit_yaml(path, lambda d: d.update(prerequisites=["frac.2.thirds"]))
    assert "prerequisite-cycle" in rules_of(progressions.check(small_repo))


def test_file_name_matches_id(small_repo: Path) -> None:
    old = small_repo / "units/fractions/frac-1-halves.yaml"
    old.rename(old.with_name("halves.yaml"))
    problems = progressions.check(small_repo)
    assert rules_of(problems) == ["file-name"]
    assert "frac-1-halves.yaml" in problems[0].message


def test_lesson_time_warns(small_repo: Path) -> None:
    path = small_repo / "units/fractions/frac-1-halves.yaml"
    edit_yaml(path, lambda d: d["lessons"][0].update(minutes=30))
    problems = progressions.check(small_repo)
    assert rules_of(problems) == ["lesson-time"]


def test_raw_html_and_link_scheme(small_repo: Path) -> None:
    path = small_repo / "units/fractions/frac-1-halves.yaml"
    edit_yaml(path, lambda d: d.update(
        summary="Fold <script>alert(1)</script> and [click](javascript:alert(1)).",
        title="Halves when 3 < 5 and a<b"))
    problems = progressions.check(small_repo)
    assert sorted(rules_of(problems)) == ["link-scheme", "raw-html"]


def test_no_content_folder(tmp_path: Path) -> None:
    problems = progressions.check(tmp_path)
    assert rules_of(problems) == ["no-content"]


def test_load_raises_content_error(small_repo: Path) -> None:
    edit_yaml(small_repo / FRACTIONS,
              lambda d: d["competencies"][1].update(prerequisites=["nope"]))
    try:
        progressions.load(small_repo)
    except progressions.ContentError as error:
        assert "unknown-reference" in rules_of(error.problems)
    else:
        raise AssertionError("load accepted a broken repository")


def test_load_returns_typed_objects(small_repo: Path) -> None:
    repository = progressions.load(small_repo)
    assert list(repository.levels)[:4] == ["K", "1", "2", "3"]
    assert set(repository.progressions) == {"fractions", "counting"}
    competency_ = repository.competencies["frac.3.unit"]
    assert competency_.level == "3"
    assert competency_.progression == "fractions"
    assert competency_.prerequisites == ("frac.2.thirds", "count.2.skip")
    assert competency_.alignments[0].code == "3.NF.A.1"
    unit = repository.units["frac-3-unit"]
    assert unit.level == "3"
    assert unit.targets == ("frac.3.unit",)
    assert unit.file == "units/fractions/frac-3-unit.yaml"


def test_placeholder_text_warns_in_a_draft(small_repo: Path) -> None:
    path = small_repo / "units/fractions/frac-2-thirds.yaml"
    edit_yaml(path, lambda d: d.update(status="draft",
                                       summary="TODO: one paragraph for teachers."))
    (problem,) = progressions.check(small_repo)
    assert (problem.rule, problem.severity) == ("placeholder-text", "warning")
    assert problem.line == line_of(path, "summary: 'TODO")
    assert problem.column == len("summary: ") + 1
    assert problem.message.startswith("'summary' still contains placeholder text "
                                      "('TODO: one paragraph for teachers.')")


def test_placeholder_text_is_an_error_once_published(small_repo: Path) -> None:
    path = small_repo / "units/fractions/frac-2-thirds.yaml"
    edit_yaml(path, lambda d: d["lessons"][1]["activities"][0].update(
        description="Students work in pairs. TODO add the second half."))
    (problem,) = progressions.check(small_repo)
    assert (problem.rule, problem.severity) == ("placeholder-text", "error")
    assert problem.path == ("lessons", 1, "activities", 0, "description")
    assert problem.message.endswith("before the unit's status is published")


def test_placeholder_text_in_a_progression(small_repo: Path) -> None:
    edit_yaml(small_repo / FRACTIONS, lambda d: d["competencies"][0].update(
        statement="TODO: an 'I can' sentence"))
    (problem,) = progressions.check(small_repo)
    assert (problem.rule, problem.severity) == ("placeholder-text", "warning")
    assert problem.path == ("competencies", 0, "statement")


def test_placeholder_whole_word_only(small_repo: Path) -> None:
    path = small_repo / "units/fractions/frac-2-thirds.yaml"
    edit_yaml(path, lambda d: d.update(
        summary="Students keep a todo list and sort TODOS and MYTODO cards.",
        materials=["A Todo board."]))
    assert progressions.check(small_repo) == []


def loop_repository(root: Path, extra_unit: bool) -> Path:
    """Unit u-ab teaches a and b; b needs x; x (taught by u-x) needs a.

    Without another unit teaching a, u-ab waits on u-x and u-x on u-ab.
    u-later needs b, so it waits on the loop without being part of it.
    """
    from builders import write_repository
    competencies = [
        competency("p.2.a", 2),
        competency("p.2.b", 2, ["p.2.a", "q.2.x"]),
        competency("p.3.c", 3, ["p.2.b"]),
    ]
    others = [competency("q.2.x", 2, ["p.2.a"])]
    units = [
        unit_data("u-ab", 2, "p", ["p.2.a", "p.2.b"], ["q.2.x"]),
        unit_data("u-x", 2, "q", ["q.2.x"], ["p.2.a"]),
        unit_data("u-later", 3, "p", ["p.3.c"], ["p.2.b"]),
    ]
    if extra_unit:
        units.append(unit_data("u-a", 2, "p", ["p.2.a"]))
    return write_repository(root, [progression_data("p", competencies),
                                   progression_data("q", others)], units)


def test_unit_loop_reported(tmp_path: Path) -> None:
    root = loop_repository(tmp_path, extra_unit=False)
    problems = only(progressions.check(root), "unit-cycle")
    assert [p.file for p in problems] == ["units/p/u-ab.yaml"]
    assert "'u-ab' needs 'q.2.x', which builds on the unit's own targets" in (
        problems[0].message)


def test_unit_loop_broken_by_other_unit(tmp_path: Path) -> None:
    root = loop_repository(tmp_path, extra_unit=True)
    assert only(progressions.check(root), "unit-cycle") == []


def test_loop_across_three_units(tmp_path: Path) -> None:
    from builders import write_repository
    # a1 needs b2, b1 needs c2, c1 needs a1: no competency loop, but u-1 waits on
    # u-2 (for b2), u-2 on u-3 (for c2) and u-3 on u-1 (for a1).
    p = progression_data("p", [
        competency("p.1.a1", 1, ["p.1.b2"]),
        competency("p.1.b1", 1, ["p.1.c2"]), competency("p.1.b2", 1),
        competency("p.1.c1", 1, ["p.1.a1"]), competency("p.1.c2", 1)])
    units = [
        unit_data("u-1", 1, "p", ["p.1.a1"], ["p.1.b2"]),
        unit_data("u-2", 1, "p", ["p.1.b1", "p.1.b2"], ["p.1.c2"]),
        unit_data("u-3", 1, "p", ["p.1.c1", "p.1.c2"], ["p.1.a1"]),
    ]
    root = write_repository(tmp_path, [p], units)
    problems = progressions.check(root)
    assert rules_of(problems) == ["unit-cycle"] * 3
    assert [p.file for p in problems] == [f"units/p/u-{n}.yaml" for n in (1, 2, 3)]
    assert ("'u-1' needs 'p.1.b2', taught in 'u-2'; 'u-2' needs 'p.1.c2', taught in "
            "'u-3'; 'u-3' needs 'p.1.a1', taught in 'u-1'") in problems[0].message
