"""The JSON Schemas themselves, and schema problems in content files."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from builders import unit_data, write_yaml
from conftest import REPO_ROOT

import progressions
from progressions.schemas import SCHEMA_DIR, SchemaError, SchemaSet

SCHEMA_FILES = sorted((REPO_ROOT / "schemas").glob("*.schema.json"))


def test_package_ships_repository_schemas() -> None:
    assert sorted(p.name for p in SCHEMA_DIR.glob("*.schema.json")) == [
        p.name for p in SCHEMA_FILES]


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=[p.name for p in SCHEMA_FILES])
def test_schema_valid_against_metaschema(path: Path) -> None:
    schema = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith("/" + path.name)
    assert schema.get("title")
    assert schema.get("description")


@pytest.mark.parametrize("kind", ["repository", "progression", "unit"])
def test_schema_examples_are_valid(kind: str) -> None:
    schemas = SchemaSet(REPO_ROOT / "schemas")
    for example in schemas.schemas[kind].get("examples", []):
        assert list(schemas.validators[kind].iter_errors(example)) == []


def test_every_property_documented() -> None:
    def walk(node: object, where: str) -> None:
        if isinstance(node, dict):
            for name, sub in node.get("properties", {}).items():
                assert "title" in sub or "$ref" in sub, f"{where}.{name} has no title"
            for key, sub in node.items():
                walk(sub, f"{where}.{key}")
        elif isinstance(node, list):
            for sub in node:
                walk(sub, where)

    for path in SCHEMA_FILES:
        walk(json.loads(path.read_text(encoding="utf-8")), path.name)


def test_broken_schema_folder_rejected(tmp_path: Path) -> None:
    for path in SCHEMA_FILES:
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"))
    (tmp_path / "unit.schema.json").write_text('{"type": 12}')
    with pytest.raises(SchemaError, match="unit.schema.json"):
        SchemaSet(tmp_path)


def test_remote_ref_never_fetched(tmp_path: Path) -> None:
    for path in SCHEMA_FILES:
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"))
    unit = json.loads((tmp_path / "unit.schema.json").read_text())
    unit["properties"]["title"] = {"$ref": "https://127.0.0.1:9/elsewhere.json"}
    (tmp_path / "unit.schema.json").write_text(json.dumps(unit))
    with pytest.raises(SchemaError, match="elsewhere"):
        SchemaSet(tmp_path)


def unit_problems(repo: Path, **fields: object) -> list[progressions.Problem]:
    unit = unit_data("frac-2-thirds", 2, "fractions", ["frac.2.thirds"], ["frac.1.halves"])
    unit.update(fields)
    write_yaml(repo / "units/fractions/frac-2-thirds.yaml", unit)
    return [p for p in progressions.check(repo) if p.file.endswith("frac-2-thirds.yaml")]


def test_unknown_field_suggests_spelling(small_repo: Path) -> None:
    (problem,) = unit_problems(small_repo, prerequisities=[])
    assert problem.rule == "unknown-field"
    assert "did you mean 'prerequisites'" in problem.message
    text = (small_repo / "units/fractions/frac-2-thirds.yaml").read_text().splitlines()
    assert text[problem.line - 1].startswith("prerequisities:")
    assert problem.column == 1


@pytest.mark.parametrize("url", [
    "http://example.org/strips.pdf",
    "javascript:alert(1)",
    "ftp://example.org/file",
    "https://",
])
def test_resource_url_must_be_https(small_repo: Path, url: str) -> None:
    problems = unit_problems(small_repo, resources=[
        {"title": "Strips", "url": url, "license": "CC-BY-4.0"}])
    assert [p.rule for p in problems] == ["https-url"]
    assert problems[0].path == ("resources", 0, "url")


def test_missing_fields_in_one_problem(small_repo: Path) -> None:
    unit = unit_data("frac-2-thirds", 2, "fractions", ["frac.2.thirds"], ["frac.1.halves"])
    del unit["summary"], unit["status"]
    write_yaml(small_repo / "units/fractions/frac-2-thirds.yaml", unit)
    (problem,) = [p for p in progressions.check(small_repo) if p.rule == "missing-field"]
    assert "'summary'" in problem.message
    assert "'status'" in problem.message
    assert problem.line == 1


def test_wrong_type_message(small_repo: Path) -> None:
    problems = unit_problems(small_repo, duration={"sessions": "three"})
    assert [p.rule for p in problems] == ["schema"]
    assert "whole number" in problems[0].message
    assert problems[0].path == ("duration", "sessions")


def test_status_enum_suggests(small_repo: Path) -> None:
    (problem,) = unit_problems(small_repo, status="publshed")
    assert "did you mean 'published'" in problem.message


@pytest.mark.parametrize("value, hint", [
    (3.0, "write 3"), ("three", "write 3"), (13, "use one of"), ("k", "write K")])
def test_invalid_level(small_repo: Path, value: object, hint: str) -> None:
    unit = unit_data("frac-2-thirds", value, "fractions", ["frac.2.thirds"],
                     ["frac.1.halves"])
    write_yaml(small_repo / "units/fractions/frac-2-thirds.yaml", unit)
    problems = [p for p in progressions.check(small_repo)
                if p.file.endswith("frac-2-thirds.yaml")]
    assert [p.rule for p in problems] == ["invalid-level"]
    assert hint in problems[0].message
    assert problems[0].line == 3


def test_level_scale_from_settings(tmp_path: Path) -> None:
    from builders import competency, progression_data, write_repository
    root = write_repository(
        tmp_path,
        [progression_data("p", [competency("p.a", "A"), competency("p.b", "B", ["p.a"])])],
        [unit_data("u-a", "A", "p", ["p.a"]), unit_data("u-b", "B", "p", ["p.b"], ["p.a"])],
        settings={"title": "Bands", "levels": ["A", "B", "C"]})
    repository = progressions.load(root)
    assert list(repository.levels) == ["A", "B", "C"]
    assert repository.settings.title == "Bands"
