"""Bad YAML in a content file gives one clear problem at the right place."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import unit_data, write_yaml

import progressions
from progressions import yamlfile

UNIT_FILE = "units/fractions/frac-2-thirds.yaml"

# A valid unit file as text, so each case can break one line of it.
VALID_UNIT = """\
id: frac-2-thirds
title: Thirds
level: 2
progression: fractions
targets: [frac.2.thirds]
duration: {sessions: 3}
summary: Students split shapes into thirds.
lessons:
  - title: Folding paper
    minutes: 40
    activities:
      - title: Fold
        minutes: 40
        description: Students fold paper strips into three equal parts.
assessment: {kind: test, title: Quiz, description: A short quiz.}
differentiation: {scaffolds: [Use pre-marked strips.], extensions: [Try sixths.]}
readiness:
  - {competency: frac.1.halves, check: Fold a strip in half.}
authors: [Test Writer]
license: CC-BY-4.0
status: published
"""


def replace_line(text: str, line: int, new: str) -> str:
    lines = text.splitlines(keepends=True)
    lines[line - 1] = new
    return "".join(lines)


# (case, file bytes, expected line, expected rule)
CASES = [
    ("malformed", replace_line(VALID_UNIT, 5, "targets: [frac.2.thirds\n").encode(),
     6, "yaml-syntax"),
    ("tab indentation", replace_line(VALID_UNIT, 10, "\tminutes: 40\n").encode(),
     10, "yaml-tab"),
    ("duplicate key", (VALID_UNIT + "title: Again\n").encode(), 22, "yaml-duplicate-key"),
    ("NO as boolean", replace_line(VALID_UNIT, 2, "title: NO\n").encode(),
     2, "yaml-ambiguous"),
    ("off as boolean", replace_line(VALID_UNIT, 2, "title: off\n").encode(),
     2, "yaml-ambiguous"),
    ("yes as boolean", replace_line(VALID_UNIT, 2, "title: yes\n").encode(),
     2, "yaml-ambiguous"),
    ("sexagesimal", replace_line(VALID_UNIT, 10, "    minutes: 1:30\n").encode(),
     10, "yaml-ambiguous"),
    ("leading zero", replace_line(VALID_UNIT, 10, "    minutes: 040\n").encode(),
     10, "yaml-ambiguous"),
    ("float read as 3.1", replace_line(VALID_UNIT, 2, "title: 3.10\n").encode(),
     2, "yaml-ambiguous"),
    ("empty", b"", 1, "empty-file"),
    ("comment only", b"# nothing yet\n\n# still nothing\n", 1, "empty-file"),
    ("two documents", (VALID_UNIT + "---\nid: other\n").encode(),
     22, "yaml-multiple-documents"),
    ("not UTF-8", replace_line(VALID_UNIT, 7, "summary: Caf\xe9 maths.\n")
     .encode("latin-1"), 7, "encoding"),
    ("UTF-16", VALID_UNIT.encode("utf-16"), 1, "encoding"),
    ("python tag", replace_line(
        VALID_UNIT, 2, "title: !!python/object/apply:os.getcwd []\n").encode(),
     2, "yaml-tag"),
    ("custom tag", replace_line(VALID_UNIT, 2, "title: !shout hello\n").encode(),
     2, "yaml-tag"),
    ("anchor", replace_line(VALID_UNIT, 2, "title: &name Thirds\n").encode(),
     2, "yaml-anchor"),
    ("alias", (VALID_UNIT.replace("title: Thirds", "title: &t Thirds")
               + "last_reviewed: *t\n").encode(), 2, "yaml-anchor"),
    ("merge key", replace_line(VALID_UNIT, 6, "<<: {sessions: 3}\n").encode(),
     6, "yaml-tag"),
    ("deep flow nesting", replace_line(
        VALID_UNIT, 2, "title: " + "[" * 100_000 + "]" * 100_000 + "\n").encode(),
     2, "yaml-too-deep"),
    ("control character", replace_line(VALID_UNIT, 2, "title: Thi\x07rds\n").encode(),
     2, "yaml-syntax"),
]


@pytest.mark.parametrize("case, data, line, rule", CASES, ids=[c[0] for c in CASES])
def test_bad_yaml_reported_at_line(small_repo: Path, case: str, data: bytes, line: int,
                                   rule: str) -> None:
    (small_repo / UNIT_FILE).write_bytes(data)
    problems = progressions.check(small_repo)
    found = [p for p in problems if p.file == UNIT_FILE and p.rule == rule]
    assert found, f"no {rule} problem; got {[str(p) for p in problems]}"
    assert found[0].line == line
    assert found[0].severity == "error"


def test_valid_unit_text_is_clean(small_repo: Path) -> None:
    (small_repo / UNIT_FILE).write_text(VALID_UNIT, encoding="utf-8")
    assert progressions.check(small_repo) == []


def test_byte_order_mark_accepted(small_repo: Path) -> None:
    (small_repo / UNIT_FILE).write_bytes(b"\xef\xbb\xbf" + VALID_UNIT.encode())
    assert progressions.check(small_repo) == []


def test_duplicate_key_names_first_line(small_repo: Path) -> None:
    (small_repo / UNIT_FILE).write_text(VALID_UNIT + "title: Again\n", encoding="utf-8")
    (problem,) = [p for p in progressions.check(small_repo)
                  if p.rule == "yaml-duplicate-key"]
    assert "line 2" in problem.message


def test_encoding_problem_has_column(small_repo: Path) -> None:
    text = replace_line(VALID_UNIT, 7, "summary: Caf\xe9 maths.\n")
    (small_repo / UNIT_FILE).write_bytes(text.encode("latin-1"))
    (problem,) = [p for p in progressions.check(small_repo) if p.rule == "encoding"]
    assert (problem.line, problem.column) == (7, 13)


def test_python_tag_never_runs(small_repo: Path, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    payload = f'title: !!python/object/apply:pathlib.Path.touch [!!python/object/apply:pathlib.Path ["{marker}"]]\n'
    (small_repo / UNIT_FILE).write_text(replace_line(VALID_UNIT, 2, payload),
                                        encoding="utf-8")
    problems = progressions.check(small_repo)
    assert any(p.rule == "yaml-tag" for p in problems)
    assert not marker.exists()


def test_alias_bomb_not_expanded(small_repo: Path) -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    (small_repo / UNIT_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = [p for p in progressions.check(small_repo) if p.file == UNIT_FILE]
    assert problems
    assert {p.rule for p in problems} == {"yaml-anchor"}
    assert problems[0].line == 1


def test_file_over_one_mebibyte(small_repo: Path) -> None:
    text = VALID_UNIT + "# padding\n" * (1024 * 1024 // 10 + 1)
    (small_repo / UNIT_FILE).write_text(text, encoding="utf-8")
    (problem,) = [p for p in progressions.check(small_repo) if p.file == UNIT_FILE]
    assert problem.rule == "file-too-large"
    assert problem.line == 0


def test_dates_stay_text(small_repo: Path) -> None:
    text = VALID_UNIT + "last_reviewed: 2026-09-01\n"
    (small_repo / UNIT_FILE).write_text(text, encoding="utf-8")
    assert progressions.check(small_repo) == []
    unit = progressions.load(small_repo).units["frac-2-thirds"]
    assert unit.last_reviewed == "2026-09-01"


def test_impossible_date_reported(small_repo: Path) -> None:
    text = VALID_UNIT + "last_reviewed: 2026-02-30\n"
    (small_repo / UNIT_FILE).write_text(text, encoding="utf-8")
    (problem,) = progressions.check(small_repo)
    assert (problem.line, problem.rule) == (22, "schema")
    assert "2026-02-30" in problem.message


def test_validation_never_writes(small_repo: Path) -> None:
    broken = replace_line(VALID_UNIT, 10, "\tminutes: 40\n").encode()
    (small_repo / UNIT_FILE).write_bytes(broken)
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns)
              for p in small_repo.rglob("*") if p.is_file()}
    progressions.check(small_repo)
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns)
             for p in small_repo.rglob("*") if p.is_file()}
    assert after == before


def test_yml_extension_reported(small_repo: Path) -> None:
    write_yaml(small_repo / "units/fractions/extra.yml",
               unit_data("extra", 2, "fractions", ["frac.2.thirds"]))
    problems = progressions.check(small_repo)
    assert [(p.file, p.rule) for p in problems] == [
        ("units/fractions/extra.yml", "file-name")]


@pytest.mark.parametrize(("text", "line", "hint"), [
    ("title: Phones in class: help or distraction?\n", 1,
     "a colon followed by a space sits inside unquoted text"),
    ("lessons:\n  - title: a\n   minutes: 3\n", 3, "start every item with '- '"),
    ("lessons:\n  title: a\n minutes: 3\n", 3, "line up the fields of one mapping"),
    ('title: "Phones\n', 2, "a quote or bracket is opened above and never closed"),
    ("targets: [a, b\nsummary: c\n", 2, "a bracket opened above is not closed"),
])
def test_syntax_errors_say_what_to_change(text: str, line: int, hint: str) -> None:
    (problem,) = yamlfile.load_yaml_text(text, "unit.yaml").problems
    assert problem.rule == "yaml-syntax"
    assert problem.line == line
    assert hint in problem.message
