"""``progressions init``: a new repository that validates, and builds, at once."""

from __future__ import annotations

import io
import json
from pathlib import Path

import yaml
from conftest import REPO_ROOT

import progressions
from progressions.cli import main


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


def test_init_writes_a_repository_that_validates(tmp_path: Path) -> None:
    root = tmp_path / "school"
    status, out, err = run("init", str(root))
    assert (status, err) == (0, "")
    files = [p for p in root.rglob("*") if p.is_file()]
    assert out.startswith(f"wrote {len(files)} files in {root}\n")
    assert run("validate", "--strict", str(root)) == (0, "no problems found\n", "")
    repository = progressions.load(root)
    assert list(repository.progressions) == ["telling-time"]
    assert list(repository.units) == ["time-1-hour-half-hour", "time-2-five-minutes"]
    assert list(repository.levels) == ["K"] + [str(n) for n in range(1, 13)]


def test_init_copies_the_schemas_for_editors(tmp_path: Path) -> None:
    run("init", str(tmp_path / "school"))
    schemas = tmp_path / "school/schemas"
    for shipped in (REPO_ROOT / "schemas").glob("*.schema.json"):
        assert json.loads((schemas / shipped.name).read_text()) == json.loads(
            shipped.read_text())
    for content in (tmp_path / "school").glob("**/*.yaml"):
        first = content.read_text().split("\n")[0]
        if first.startswith("# yaml-language-server: $schema="):
            target = content.parent / first.split("=", 1)[1]
            assert target.resolve().is_file(), content


def test_init_sets_the_title(tmp_path: Path) -> None:
    root = tmp_path / "school"
    assert run("init", str(root), "--title", 'Escola "Sol": maths')[0] == 0
    settings = yaml.safe_load((root / "repository.yaml").read_text())
    site = (root / "mkdocs.yml").read_text()
    assert settings["title"] == 'Escola "Sol": maths'
    assert 'site_name: "Escola \\"Sol\\": maths"' in site
    assert run("validate", "--strict", str(root))[0] == 0


def test_init_accepts_an_empty_folder(tmp_path: Path) -> None:
    assert run("init", str(tmp_path))[0] == 0
    assert (tmp_path / "units/telling-time/time-2-five-minutes.yaml").is_file()


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("keep me\n")
    status, out, err = run("init", str(tmp_path))
    assert status == 2
    assert out == ""
    assert "is not empty" in err
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_init_refuses_a_file(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    status, _, err = run("init", str(tmp_path / "file"))
    assert status == 2
    assert "is a file, not a folder" in err


def test_new_unit_in_an_initialised_repository(tmp_path: Path) -> None:
    root = tmp_path / "school"
    run("init", str(root))
    status, _, err = run("new", "unit", "time-2-elapsed", "--level", "2", "--progression",
                         "telling-time", "--root", str(root), "--author", "A Teacher")
    assert (status, err) == (0, "")
    text = (root / "units/telling-time/time-2-elapsed.yaml").read_text()
    assert text.startswith("# yaml-language-server: $schema=../../schemas/unit.schema.json\n")
    problems = progressions.check(root)
    assert {p.rule for p in problems} == {"placeholder-text"}
    assert {p.severity for p in problems} == {"warning"}
