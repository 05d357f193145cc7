"""``progressions export``: versioned JSON and GraphML of the whole repository."""

from __future__ import annotations

import io
import json
from pathlib import Path

import jsonschema
import networkx as nx
import pytest
import referencing
import yaml
from builders import write_yaml
from conftest import REPO_ROOT
from referencing.jsonschema import DRAFT202012

import progressions
from progressions.cli import main
from progressions.export import FORMAT_VERSION

SCHEMAS = REPO_ROOT / "schemas"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


def export_validator() -> jsonschema.Draft202012Validator:
    resources = []
    for path in SCHEMAS.glob("*.schema.json"):
        contents = json.loads(path.read_text(encoding="utf-8"))
        resources.append((contents["$id"], referencing.Resource.from_contents(
            contents, default_specification=DRAFT202012)))
    registry = referencing.Registry().with_resources(resources)
    schema = json.loads((SCHEMAS / "export.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, registry=registry)


def exported(root: Path) -> dict:
    status, out, err = run("export", "--format", "json", "--root", str(root))
    assert (status, err) == (0, "")
    return json.loads(out)


@pytest.mark.parametrize("which", ["small", "shipped"])
def test_json_export_matches_its_schema(which: str, small_repo: Path) -> None:
    data = exported(small_repo if which == "small" else REPO_ROOT)
    errors = [f"{list(e.absolute_path)}: {e.message}"
              for e in export_validator().iter_errors(data)]
    assert errors == []


def test_json_export_holds_the_whole_repository(small_repo: Path) -> None:
    data = exported(small_repo)
    repository = progressions.load(small_repo)
    assert data["format_version"] == FORMAT_VERSION == 1
    assert data["generator"] == f"progressions {progressions.__version__}"
    assert data["repository"]["levels"] == list(repository.levels)
    assert [p["id"] for p in data["progressions"]] == list(repository.progressions)
    assert [c["id"] for c in data["competencies"]] == list(repository.competencies)
    assert [u["id"] for u in data["units"]] == list(repository.units)
    unit = next(u for u in data["units"] if u["id"] == "frac-3-unit")
    assert unit["targets"] == ["frac.3.unit"]
    assert unit["file"] == "units/fractions/frac-3-unit.yaml"
    assert unit["lessons"][0]["activities"][0]["minutes"] == 45
    assert unit["resources"] == []
    assert unit["last_reviewed"] is None
    competency = next(c for c in data["competencies"] if c["id"] == "frac.3.unit")
    assert competency["alignments"] == [{"framework": "CCSS.Math", "code": "3.NF.A.1"}]
    assert competency["level"] == "3"


def test_json_units_carry_every_field_of_the_format(small_repo: Path) -> None:
    unit_schema = json.loads((SCHEMAS / "unit.schema.json").read_text(encoding="utf-8"))
    for unit in exported(small_repo)["units"]:
        assert list(unit) == [*unit_schema["properties"], "file", "line"]


def test_json_edges_are_the_graph_edges(small_repo: Path) -> None:
    graph = progressions.load(small_repo).graph
    edges = {(e["from"], e["to"], e["kind"]) for e in exported(small_repo)["edges"]}
    assert edges == {(a, b, kind) for a, b, kind in graph.edges(data="kind")}
    assert ("frac.2.thirds", "frac.3.unit", "prerequisite") in edges
    assert ("count.2.skip", "frac-3-unit", "needs") in edges


def test_json_export_is_stable(small_repo: Path) -> None:
    first = run("export", "--format", "json", "--root", str(small_repo))
    assert run("export", "--format", "json", "--root", str(small_repo)) == first


def test_graphml_round_trip(small_repo: Path, tmp_path: Path) -> None:
    target = tmp_path / "graph.graphml"
    status, out, err = run("export", "--format", "graphml", "--root", str(small_repo),
                           "-o", str(target))
    assert (status, out, err) == (0, "", "")
    read = nx.read_graphml(target)
    graph = progressions.load(small_repo).graph
    assert set(read.nodes) == set(graph.nodes)
    assert set(read.edges) == set(graph.edges)
    assert read.nodes["frac-3-unit"] == {
        "kind": "unit", "level": "3", "progression": "fractions",
        "targets": "frac.3.unit", "title": "Unit frac-3-unit",
        "file": "units/fractions/frac-3-unit.yaml"}
    assert read.nodes["frac.1.halves"]["title"] == "I can show frac.1.halves."
    assert read.edges["count.2.skip", "frac-3-unit"] == {"kind": "needs"}
    for _, data in [*read.nodes(data=True), *((e, d) for *e, d in read.edges(data=True))]:
        assert all(isinstance(value, str) for value in data.values())


def test_graphml_to_standard_output(small_repo: Path) -> None:
    status, out, _ = run("export", "--format", "graphml", "--root", str(small_repo))
    assert status == 0
    assert out.startswith("<graphml ")
    assert out.rstrip().endswith("</graphml>")


def test_invalid_content_is_not_exported(small_repo: Path, tmp_path: Path) -> None:
    path = small_repo / "units/fractions/frac-2-thirds.yaml"
    data = yaml.safe_load(path.read_text())
    data["targets"] = ["frac.2.thrids"]
    write_yaml(path, data)
    target = tmp_path / "out.json"
    status, out, err = run("export", "--format", "json", "--root", str(small_repo),
                           "-o", str(target))
    assert status == 1
    assert out == ""
    assert "did you mean 'frac.2.thirds'" in err
    assert err.endswith("error(s) and 1 warning(s) found\n")
    assert not target.exists()


def test_usage_errors(small_repo: Path, tmp_path: Path) -> None:
    assert run("export", "--root", str(small_repo))[0] == 2
    assert run("export", "--format", "csv", "--root", str(small_repo))[0] == 2
    status, _, err = run("export", "--format", "json", "--root", str(small_repo),
                         "-o", str(tmp_path / "missing/out.json"))
    assert status == 2
    assert "cannot write" in err
