"""``progressions new``: skeleton units and progressions that validate as written."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
import yaml
from builders import competency, progression_data, write_yaml
from conftest import REPO_ROOT

import progressions
from progressions import scaffold
from progressions.cli import main
from progressions.scaffold import ScaffoldError, new_unit


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


def new_unit_cli(root: Path, unit_id: str, level: str = "3",
                 progression: str = "fractions", *extra: str) -> tuple[int, str, str]:
    return run("new", "unit", unit_id, "--level", level, "--progression", progression,
               "--root", str(root), "--author", "Test Writer", *extra)


def by_rule(problems: list[progressions.Problem]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for problem in problems:
        counts[problem.rule] = counts.get(problem.rule, 0) + 1
    return counts


def test_new_unit_writes_a_valid_draft(small_repo: Path) -> None:
    status, out, err = new_unit_cli(small_repo, "frac-3-on-lines")
    path = small_repo / "units/fractions/frac-3-on-lines.yaml"
    assert (status, err) == (0, "")
    assert out.startswith(f"wrote {path}\n")
    assert "replace the" in out
    assert "progressions validate" in out
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["status"] == "draft"
    assert data["targets"] == ["frac.3.unit"]
    assert [item["competency"] for item in data["readiness"]] == [
        "frac.2.thirds", "count.2.skip"]
    assert data["authors"] == ["Test Writer"]
    problems = progressions.check(small_repo)
    assert [p for p in problems if p.severity == "error"] == []
    assert set(by_rule(problems)) == {"placeholder-text"}
    assert all(p.file == "units/fractions/frac-3-on-lines.yaml" for p in problems)


def test_new_unit_without_prerequisites_has_empty_readiness(small_repo: Path) -> None:
    assert new_unit_cli(small_repo, "count-1-again", "1", "counting")[0] == 0
    data = yaml.safe_load((small_repo / "units/counting/count-1-again.yaml").read_text())
    assert data["readiness"] == []
    assert not any(p.severity == "error" for p in progressions.check(small_repo))


def test_new_unit_targets_every_competency_at_the_level(small_repo: Path) -> None:
    path = small_repo / "progressions/fractions.yaml"
    data = yaml.safe_load(path.read_text())
    data["competencies"].append(competency("frac.3.compare", 3, ["frac.3.unit"]))
    write_yaml(path, data)
    assert new_unit_cli(small_repo, "frac-3-both")[0] == 0
    unit = yaml.safe_load((small_repo / "units/fractions/frac-3-both.yaml").read_text())
    assert unit["targets"] == ["frac.3.unit", "frac.3.compare"]
    problems = progressions.check(small_repo)
    assert not any(p.severity == "error" for p in problems)
    # The new competency is now taught, so no coverage warning is left.
    assert "untaught-competency" not in by_rule(problems)


def test_schema_line_is_relative_to_the_file(small_repo: Path) -> None:
    shutil.copytree(REPO_ROOT / "schemas", small_repo / "schemas")
    new_unit_cli(small_repo, "frac-3-on-lines")
    first = (small_repo / "units/fractions/frac-3-on-lines.yaml").read_text().split("\n")[0]
    assert first == "# yaml-language-server: $schema=../../schemas/unit.schema.json"
    run("new", "progression", "geometry", "--subject", "mathematics",
        "--root", str(small_repo))
    first = (small_repo / "progressions/geometry.yaml").read_text().split("\n")[0]
    assert first == "# yaml-language-server: $schema=../schemas/progression.schema.json"


def test_schema_line_without_local_schemas_names_installed_ones(small_repo: Path) -> None:
    new_unit_cli(small_repo, "frac-3-on-lines")
    first = (small_repo / "units/fractions/frac-3-on-lines.yaml").read_text().split("\n")[0]
    target = Path(first.removeprefix("# yaml-language-server: $schema="))
    assert target.is_absolute()
    assert target.is_file()


def test_refuses_to_overwrite(small_repo: Path) -> None:
    path = small_repo / "units/fractions/frac-3-unit.yaml"
    before = path.read_text()
    status, out, err = new_unit_cli(small_repo, "frac-3-unit")
    assert status == 2
    assert out == ""
    assert "already used in units/fractions/frac-3-unit.yaml" in err
    assert path.read_text() == before


def test_refuses_a_file_that_exists_under_another_id(small_repo: Path) -> None:
    # A broken file still claims its name, even when its id cannot be read.
    broken = small_repo / "units/fractions/frac-3-broken.yaml"
    broken.write_text("id: [\n")
    status, _, err = new_unit_cli(small_repo, "frac-3-broken")
    assert status == 2
    assert "units/fractions/frac-3-broken.yaml already exists" in err
    assert broken.read_text() == "id: [\n"


def test_refuses_when_the_file_appears_meanwhile(small_repo: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    target = small_repo / "units/fractions/frac-3-late.yaml"

    def checks_then_file_appears(*args: object) -> None:
        target.write_text("written by someone else\n")

    monkeypatch.setattr(scaffold, "check_new_id", checks_then_file_appears)
    with pytest.raises(ScaffoldError, match="already exists"):
        new_unit(small_repo, "frac-3-late", "3", "fractions")
    assert target.read_text() == "written by someone else\n"


@pytest.mark.parametrize(("bad_id", "expected"), [
    ("Frac-3-Lines", "such as 'frac-3-lines'"),
    ("frac_3_lines", "such as 'frac-3-lines'"),
    ("frac-3-", "not a valid unit id"),
    ("3/frac", "such as '3-frac'"),
    ("frac 3 lines", "such as 'frac-3-lines'"),
    ("", "not a valid unit id"),
    ("FRAC.3.UNIT", "already used in progressions/fractions.yaml"),
    ("frac.3.unit", "already used in progressions/fractions.yaml"),
    ("fractions", "already used in progressions/fractions.yaml"),
])
def test_bad_ids_are_refused(small_repo: Path, bad_id: str, expected: str) -> None:
    before = sorted(p.name for p in (small_repo / "units").rglob("*"))
    status, out, err = new_unit_cli(small_repo, bad_id)
    assert status == 2
    assert out == ""
    assert expected in err
    assert sorted(p.name for p in (small_repo / "units").rglob("*")) == before


@pytest.mark.parametrize(("level", "progression", "expected"), [
    ("13", "fractions", "level '13' is not in the repository's level scale"),
    ("3.0", "fractions", "level '3.0' is not in"),
    ("3", "fraction", "no progression has the id 'fraction'; did you mean 'fractions'?"),
    ("K", "fractions", "'fractions' has no competency at level K (its levels: 1, 2, 3)"),
])
def test_bad_references_are_refused(small_repo: Path, level: str, progression: str,
                                    expected: str) -> None:
    status, _, err = new_unit_cli(small_repo, "frac-new", level, progression)
    assert status == 2
    assert expected in err
    assert not list((small_repo / "units").rglob("frac-new.yaml"))


def test_missing_root_is_refused(tmp_path: Path) -> None:
    status, _, err = new_unit_cli(tmp_path / "missing", "frac-3-x")
    assert status == 2
    assert "no such folder" in err


def test_missing_options_are_usage_errors(small_repo: Path) -> None:
    assert run("new", "unit", "frac-3-x", "--root", str(small_repo))[0] == 2
    assert run("new")[0] == 2


def test_custom_level_scale_and_title(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    write_yaml(root / "repository.yaml", {"levels": ["pre-a", "a", "b", "yes"]})
    write_yaml(root / "progressions/reading.yaml", progression_data("reading", [
        competency("read.yes.letters", "yes")], subject="english-language-arts"))
    status, _, err = new_unit_cli(root, "read-yes-letters", "yes", "reading",
                                  "--title", 'Letters: "A" to "Z"')
    assert (status, err) == (0, "")
    text = (root / "units/reading/read-yes-letters.yaml").read_text()
    assert 'level: "yes"' in text
    assert yaml.safe_load(text)["title"] == 'Letters: "A" to "Z"'
    assert not any(p.severity == "error" for p in progressions.check(root))


def test_new_progression_validates(small_repo: Path) -> None:
    status, out, err = run("new", "progression", "geometry", "--subject", "mathematics",
                           "--prefix", "geo", "--level", "2", "--root", str(small_repo),
                           "--author", "Test Writer")
    assert (status, err) == (0, "")
    data = yaml.safe_load((small_repo / "progressions/geometry.yaml").read_text())
    assert data["competencies"][0]["id"] == "geo.2.first-step"
    assert data["competencies"][0]["level"] == 2
    problems = progressions.check(small_repo)
    assert not any(p.severity == "error" for p in problems)
    assert set(by_rule(problems)) == {"placeholder-text", "untaught-competency"}
    # The new progression's competency can at once be the target of a new unit.
    assert new_unit_cli(small_repo, "geo-2-shapes", "2", "geometry")[0] == 0
    assert not any(p.severity == "error" for p in progressions.check(small_repo))


def test_new_progression_refuses_used_ids(small_repo: Path) -> None:
    status, _, err = run("new", "progression", "counting", "--subject", "mathematics",
                         "--root", str(small_repo))
    assert status == 2
    assert "already used" in err
    geometry = ("--subject", "mathematics", "--prefix", "geo", "--root", str(small_repo))
    assert run("new", "progression", "geometry", *geometry)[0] == 0
    status, _, err = run("new", "progression", "geometry-two", *geometry)
    assert status == 2
    assert "the id 'geo.k.first-step' is already used" in err
    assert not (small_repo / "progressions/geometry-two.yaml").exists()
    status, _, err = run("new", "progression", "algebra", "--subject", "Maths",
                         "--root", str(small_repo))
    assert status == 2
    assert "not a valid subject" in err


def test_new_unit_in_the_shipped_repository_validates(tmp_path: Path) -> None:
    root = tmp_path / "copy"
    for folder in ("progressions", "units", "schemas"):
        shutil.copytree(REPO_ROOT / folder, root / folder)
    progression = next(iter(progressions.load(root).progressions.values()))
    competency_ = progressions.load(root).competencies[progression.competencies[-1]]
    status, _, err = new_unit_cli(root, "new-unit-from-skeleton", competency_.level,
                                  progression.id)
    assert (status, err) == (0, "")
    problems = progressions.check(root)
    assert [str(p) for p in problems if p.rule != "placeholder-text"] == []
