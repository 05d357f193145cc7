"""``progressions init``: a new repository that validates, and builds, at once."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
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


def test_init_builds_the_site_strictly(tmp_path: Path) -> None:
    root = tmp_path / "school"
    run("init", str(root), "--title", "Escola Sol")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"],
                            cwd=root, capture_output=True, text=True, check=False,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    home = (root / "site/index.html").read_text(encoding="utf-8")
    assert "<title>Escola Sol </title>" in " ".join(home.split())
    for unit in ("time-1-hour-half-hour", "time-2-five-minutes"):
        page = root / "site/units" / unit / "index.html"
        assert "Telling and using time" in page.read_text(encoding="utf-8")


def _site_settings(path: Path) -> dict:
    """Read mkdocs.yml, keeping its python/name tags as plain text."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("tag:yaml.org,2002:python/",
                                 lambda loader, suffix, node: suffix)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)


def test_starter_site_follows_this_repository() -> None:
    ours = _site_settings(REPO_ROOT / "mkdocs.yml")
    starter = _site_settings(REPO_ROOT / "src/progressions/starter/mkdocs.yml")
    ours.pop("site_name")
    starter.pop("site_name")
    assert starter == ours
    override = REPO_ROOT / "src/progressions/starter/overrides-main.html"
    assert override.read_text() == (REPO_ROOT / "overrides/main.html").read_text()

