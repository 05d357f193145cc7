"""Files that writers get wrong in less common ways: placement, encodings, hidden text."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from builders import competency, unit_data, write_yaml
from test_loading import UNIT_FILE, VALID_UNIT, replace_line

import progressions

FRACTIONS = "progressions/fractions.yaml"


def rules_in(problems: list[progressions.Problem], file: str) -> list[str]:
    return [p.rule for p in problems if p.file == file]


def test_progression_in_subfolder_reported(small_repo: Path) -> None:
    (small_repo / "progressions/maths").mkdir()
    (small_repo / FRACTIONS).rename(small_repo / "progressions/maths/fractions.yaml")
    problems = progressions.check(small_repo)
    assert [(p.file, p.rule) for p in problems] == [
        ("progressions/maths/fractions.yaml", "file-name")]


def test_upper_case_extension_reported(small_repo: Path) -> None:
    path = small_repo / "units/fractions/frac-1-halves.yaml"
    path.rename(path.with_name("frac-1-halves.YAML"))
    problems = progressions.check(small_repo)
    assert [(p.file, p.rule) for p in problems] == [
        ("units/fractions/frac-1-halves.YAML", "file-name")]


def test_unreadable_progression_no_cascade(small_repo: Path) -> None:
    path = small_repo / FRACTIONS
    path.write_bytes(path.read_bytes().replace(b"Progression", b"Progressi\xf3n", 1))
    problems = progressions.check(small_repo)
    assert [p.rule for p in problems] == ["encoding"]


def test_broken_unit_no_untaught_warnings(small_repo: Path) -> None:
    (small_repo / UNIT_FILE).write_text(replace_line(VALID_UNIT, 10, "\tminutes: 40\n"))
    problems = progressions.check(small_repo)
    assert [p.rule for p in problems] == ["yaml-tab"]


@pytest.mark.parametrize("text", ["---\n", "null\n", "~\n", "--- ~\n"])
def test_null_document_is_empty(small_repo: Path, text: str) -> None:
    (small_repo / UNIT_FILE).write_text(text)
    problems = progressions.check(small_repo)
    assert [(p.file, p.rule) for p in problems] == [(UNIT_FILE, "empty-file")]


def test_link_loop_read_once(small_repo: Path) -> None:
    os.symlink(small_repo / "units", small_repo / "units/loop")
    assert progressions.check(small_repo) == []


def test_linked_folder_followed(small_repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "shared-units"
    (small_repo / "units/counting").rename(outside)
    os.symlink(outside, small_repo / "units/counting")
    assert progressions.check(small_repo) == []


@pytest.mark.parametrize("summary, line, column", [
    ("|-\n  First line.\n  See [this][js].\n\n  [js]: javascript:alert(1)\n", 11, 9),
    ("|-\n  One line.\n  Read http://example.org/page first.\n", 9, 8),
    ("|-\n  One line.\n  [x](http://example.org)\n", 9, 7),
])
def test_link_reported_at_its_line(small_repo: Path, summary: str, line: int,
                                   column: int) -> None:
    text = VALID_UNIT.replace("summary: Students split shapes into thirds.\n",
                              f"summary: {summary}")
    (small_repo / UNIT_FILE).write_text(text)
    (problem,) = [p for p in progressions.check(small_repo) if p.rule == "link-scheme"]
    assert (problem.line, problem.column) == (line, column)


def test_raw_html_in_block_text_line(small_repo: Path) -> None:
    text = VALID_UNIT.replace("summary: Students split shapes into thirds.\n",
                              "summary: >-\n  One line.\n  Then <b>bold</b>.\n")
    (small_repo / UNIT_FILE).write_text(text)
    (problem,) = progressions.check(small_repo)
    assert (problem.rule, problem.line, problem.column) == ("raw-html", 9, 8)


@pytest.mark.parametrize("value", ['"a \\e[31m b"', '"nul \\0 here"', '"x \\u202e y"'])
def test_control_character_reported(small_repo: Path, value: str) -> None:
    (small_repo / UNIT_FILE).write_text(replace_line(VALID_UNIT, 2, f"title: {value}\n"))
    problems = progressions.check(small_repo)
    assert [(p.rule, p.line) for p in problems] == [("control-character", 2)]


@pytest.mark.parametrize("value, words", [
    ("1e3", "YAML 1.2"), ("0o10", "YAML 1.2"), ("0x1F", "hexadecimal"),
    (".inf", "infinity"), ("-.inf", "infinity"), (".nan", "not a number"),
])
def test_numbers_other_readers_see(small_repo: Path, value: str, words: str) -> None:
    (small_repo / UNIT_FILE).write_text(replace_line(VALID_UNIT, 2, f"title: {value}\n"))
    (problem,) = progressions.check(small_repo)
    assert (problem.rule, problem.line) == ("yaml-ambiguous", 2)
    assert words in problem.message


def test_missing_colon_reported_at_its_line(small_repo: Path) -> None:
    (small_repo / UNIT_FILE).write_text(replace_line(VALID_UNIT, 4,
                                                     "progression fractions\n"))
    (problem,) = progressions.check(small_repo)
    assert (problem.rule, problem.line) == ("yaml-syntax", 4)


def test_invisible_character_in_reference(small_repo: Path) -> None:
    path = small_repo / "units/fractions/frac-1-halves.yaml"
    data = yaml.safe_load(path.read_text())
    data["targets"] = ["frac.1.halves\u00a0"]
    write_yaml(path, data)
    problems = [p for p in progressions.check(small_repo) if p.rule == "unknown-reference"]
    assert problems
    assert "U+00A0 (NO-BREAK SPACE)" in problems[0].message


def test_misspelt_required_field_once(small_repo: Path) -> None:
    text = VALID_UNIT.replace("summary:", "sumary:")
    (small_repo / UNIT_FILE).write_text(text)
    problems = progressions.check(small_repo)
    assert [p.rule for p in problems] == ["unknown-field"]
    assert "did you mean 'summary'" in problems[0].message


def test_duplicate_competency_not_a_cycle(small_repo: Path) -> None:
    path = small_repo / FRACTIONS
    data = yaml.safe_load(path.read_text())
    data["competencies"].append(competency("frac.2.thirds", 2, ["frac.1.halves"]))
    write_yaml(path, data)
    assert [p.rule for p in progressions.check(small_repo)] == ["unique-id"]


def test_invalid_id_no_rename_advice(small_repo: Path) -> None:
    path = small_repo / "units/fractions/frac-1-halves.yaml"
    write_yaml(path, unit_data("Frac 1 halves", 1, "fractions", ["frac.1.halves"]))
    problems = rules_in(progressions.check(small_repo), "units/fractions/frac-1-halves.yaml")
    assert "schema" in problems
    assert "file-name" not in problems


def test_lessons_longer_than_duration(small_repo: Path) -> None:
    path = small_repo / "units/fractions/frac-1-halves.yaml"
    data = yaml.safe_load(path.read_text())
    data["duration"] = {"sessions": 2, "minutes_per_session": 45}
    write_yaml(path, data)
    problems = progressions.check(small_repo)
    assert [(p.rule, p.path) for p in problems] == [("lesson-time", ("duration",))]
    assert "135 minutes" in problems[0].message
