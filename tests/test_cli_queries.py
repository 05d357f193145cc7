"""``progressions next``, ``path`` and ``units``: output, mastered files and errors."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import yaml
from builders import graph_repository, write_yaml

from progressions.cli import main


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return graph_repository(tmp_path_factory.mktemp("cli") / "repo")


def run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), stdout=out, stderr=err, stdin=io.StringIO(stdin))
    return status, out.getvalue(), err.getvalue()


# next

def test_next_text(root: Path) -> None:
    status, out, err = run("next", "--root", str(root), "--level", "2",
                           "--mastered", "frac.1.halves, count.1.to-120")
    assert status == 0
    assert err == ""
    assert out.splitlines() == [
        "Ready units for level 2, best first:",
        "  1. frac-2-both: Unit frac-2-both (level 2, fractions), unlocks 1 unit",
        "  2. count-2: Unit count-2 (level 2, counting), unlocks 0 units",
        ("  3. frac-2-fourths: Unit frac-2-fourths (level 2, fractions), "
         "unlocks 0 units"),
        "  4. frac-2-thirds: Unit frac-2-thirds (level 2, fractions), unlocks 0 units",
    ]


def test_next_json(root: Path) -> None:
    status, out, _ = run("next", "--root", str(root), "--mastered", "",
                         "--format", "json", "--limit", "1")
    assert status == 0
    assert json.loads(out) == {"level": None, "units": [{
        "id": "frac-1", "title": "Unit frac-1", "level": "1",
        "progression": "fractions", "targets": ["frac.1.halves"], "unlocks": 3}]}


def test_next_nothing_ready(root: Path) -> None:
    status, out, _ = run("next", "--root", str(root), "--mastered",
                         "frac.3.unit,frac.3.compare")
    assert status == 0
    assert out.startswith("No unit is ready")


def test_next_needs_mastered_option(root: Path) -> None:
    status, _, err = run("next", "--root", str(root))
    assert status == 2
    assert "--mastered" in err


def test_next_rejects_negative_limit(root: Path) -> None:
    status, _, err = run("next", "--root", str(root), "--mastered", "", "--limit", "-1")
    assert status == 2
    assert "-1 is negative" in err


def test_next_unknown_level(root: Path) -> None:
    status, out, err = run("next", "--root", str(root), "--mastered", "",
                           "--level", "three")
    assert status == 2
    assert out == ""
    assert err == ("progressions next: error: unknown level 'three' "
                   "(did you mean '3'?)\n")


# Mastered files

MASTERED = ["frac.1.halves", "count-1"]
EXPECTED_FIRST = "frac-2-both"


def first_unit(*argv: str, stdin: str = "") -> str:
    status, out, err = run("next", *argv, "--format", "json", stdin=stdin)
    assert status == 0, err
    return json.loads(out)["units"][0]["id"]


@pytest.mark.parametrize(("name", "text"), [
    ("mastered.yaml", "- frac.1.halves\n- count-1\n"),
    ("mastered.yml", "mastered:\n  - frac.1.halves\n  - count-1\n"),
    ("mastered.json", json.dumps(MASTERED)),
    ("mastered.csv", "id\nfrac.1.halves\ncount-1\n"),
    ("mastered.csv", "# from the spring check\nfrac.1.halves,\n\ncount-1\n"),
    ("mastered.txt", "frac.1.halves\ncount-1\n"),
    ("mastered.txt", '{"mastered": ["frac.1.halves", "count-1"]}'),
    ("mastered.txt", "- frac.1.halves\n- count-1\n"),
])
def test_mastered_file_formats(root: Path, tmp_path: Path, name: str,
                               text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    first = first_unit("--root", str(root), "--mastered-file", str(path))
    assert first == EXPECTED_FIRST


@pytest.mark.parametrize("text", [
    "frac.1.halves\ncount-1\n",
    "competency\nfrac.1.halves\ncount-1\n",
    '["frac.1.halves", "count-1"]',
    "- frac.1.halves\n- count-1\n",
])
def test_mastered_from_stdin(root: Path, text: str) -> None:
    assert first_unit("--root", str(root), "--mastered-file", "-",
                      stdin=text) == EXPECTED_FIRST


def test_mastered_file_empty_list(root: Path, tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text("[]\n", encoding="utf-8")
    assert first_unit("--root", str(root), "--mastered-file", str(path)) == "frac-1"


@pytest.mark.parametrize(("name", "text"), [
    ("empty.yaml", ""), ("empty.csv", ""), ("comments.yaml", "# nothing\n"),
    ("null.json", "null"), ("null.yaml", "mastered: null\n"), ("stdin", ""),
])
def test_mastered_file_without_ids(root: Path, tmp_path: Path, name: str,
                                   text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    source = "-" if name == "stdin" else str(path)
    status, _, err = run("next", "--root", str(root), "--mastered-file", source,
                         stdin=text)
    assert status == 2
    assert "lists no ids" in err


def test_mastered_csv_with_byte_order_mark(root: Path, tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes("\ufeffid\nfrac.1.halves\n".encode())
    assert first_unit("--root", str(root), "--mastered-file", str(path)) != "frac-1"


def test_limit_zero_rejected(root: Path) -> None:
    status, _, err = run("next", "--root", str(root), "--mastered", "", "--limit", "0")
    assert status == 2
    assert "1 or more" in err


@pytest.mark.parametrize(("name", "text", "message"), [
    ("two.csv", "frac.1.halves,count-1\n", "line 1 of the mastered file"),
    ("number.yaml", "- frac.1.halves\n- 3\n", "item 2 of the mastered file"),
    ("scalar.yaml", "frac.1.halves\n", "must hold a list of ids"),
    ("broken.json", "[\"frac.1.halves\"", "is not valid JSON"),
    ("broken.yaml", "- [frac.1.halves\n", "is not valid YAML"),
    ("time.yaml", "- 1:30\n", "base-60"),
    ("deep.json", "[" * 5000 + "]" * 5000, "nested too deeply"),
    ("deep.yaml", "[" * 5000 + "]" * 5000, "deeper than"),
])
def test_mastered_file_invalid(root: Path, tmp_path: Path, name: str,
                               text: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    status, out, err = run("next", "--root", str(root), "--mastered-file", str(path))
    assert status == 2
    assert out == ""
    assert message in err


def test_mastered_file_missing(root: Path, tmp_path: Path) -> None:
    status, _, err = run("next", "--root", str(root), "--mastered-file",
                         str(tmp_path / "missing.yaml"))
    assert status == 2
    assert "failed to read the mastered file" in err


def test_mastered_options_exclusive(root: Path) -> None:
    status, _, err = run("next", "--root", str(root), "--mastered", "",
                         "--mastered-file", "-")
    assert status == 2
    assert "not allowed with" in err


# Unknown ids and invalid content

def test_unknown_mastered_ids_named(root: Path) -> None:
    status, out, err = run("next", "--root", str(root), "--mastered-file", "-",
                           stdin="frac.1.halfs\nfractions\ncount-1\n")
    assert status == 2
    assert out == ""
    assert err.startswith("progressions next: error: unknown competency or unit ids "
                          "'frac.1.halfs' (did you mean 'frac.1.halves'")
    assert "'fractions' (it is a progression)" in err


def test_unknown_target(root: Path) -> None:
    status, _, err = run("path", "frac-9", "--root", str(root))
    assert status == 2
    assert "unknown competency or unit id 'frac-9'" in err
    assert "did you mean" in err


@pytest.fixture
def broken_root(tmp_path: Path) -> Path:
    root = graph_repository(tmp_path / "repo")
    path = root / "progressions" / "fractions.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["competencies"][1]["prerequisites"] = ["frac.1.hlaves"]
    write_yaml(path, data)
    return root


@pytest.mark.parametrize("argv", [
    ["next", "--mastered", ""],
    ["path", "frac-3"],
    ["units", "--level", "2"],
])
def test_invalid_content_reported(broken_root: Path, argv: list[str]) -> None:
    status, out, _ = run(*argv, "--root", str(broken_root))
    validate_status, validate_out, _ = run("validate", str(broken_root))
    assert status == 1
    assert validate_status == 1
    assert out == validate_out
    assert "unknown-reference" in out


def test_invalid_content_json(broken_root: Path) -> None:
    status, out, _ = run("units", "--level", "2", "--root", str(broken_root),
                         "--format", "json")
    assert status == 1
    rules = [record["rule"] for record in json.loads(out)]
    assert rules == ["unknown-reference", "untaught-competency", "readiness"]


# path

def test_path_text_with_gap(root: Path) -> None:
    status, out, _ = run("path", "frac.4.equiv", "--root", str(root),
                         "--mastered", "frac.2.thirds")
    assert status == 0
    assert out.splitlines() == [
        "Path to frac.4.equiv (5 units):",
        "  1. count-k: Unit count-k (level K, counting)",
        "  2. count-1: Unit count-1 (level 1, counting)",
        "  3. count-2: Unit count-2 (level 2, counting)",
        "  4. frac-3: Unit frac-3 (level 3, fractions)",
        "  5. frac-4: Unit frac-4 (level 4, fractions)",
        "Needed but not taught by any unit in the path:",
        "  - frac.3.line (level 3, fractions): I can show frac.3.line.",
    ]


def test_path_json(root: Path) -> None:
    status, out, _ = run("path", "frac-3", "--root", str(root), "--format", "json",
                         "--mastered-file", "-",
                         stdin="frac.2.thirds\ncount.1.to-120\n")
    assert status == 0
    data = json.loads(out)
    assert data["target"] == "frac-3"
    assert [unit["id"] for unit in data["units"]] == ["count-2", "frac-3"]
    assert data["units"][1] == {"id": "frac-3", "title": "Unit frac-3", "level": "3",
                                "progression": "fractions", "targets": ["frac.3.unit"]}
    assert data["uncovered"] == []


def test_path_json_uncovered(root: Path) -> None:
    _, out, _ = run("path", "frac-4", "--root", str(root), "--format", "json",
                    "--mastered", "frac.3.unit")
    data = json.loads(out)
    assert [unit["id"] for unit in data["units"]] == ["frac-4"]
    assert data["uncovered"] == [{"id": "frac.3.line", "level": "3",
                                  "progression": "fractions",
                                  "statement": "I can show frac.3.line."}]


def test_path_already_mastered(root: Path) -> None:
    status, out, _ = run("path", "frac-1", "--root", str(root), "--mastered", "frac-1")
    assert status == 0
    assert out == "frac-1 is already mastered: no units are needed.\n"


# units

def test_units_text(root: Path) -> None:
    status, out, _ = run("units", "--root", str(root), "--level", "3", "--window", "1")
    assert status == 0
    assert out.splitlines() == [
        "7 units at levels 2 to 4:",
        "Level 2",
        "  count-2: Unit count-2 (counting)",
        "  frac-2-both: Unit frac-2-both (fractions)",
        "  frac-2-fourths: Unit frac-2-fourths (fractions)",
        "  frac-2-thirds: Unit frac-2-thirds (fractions)",
        "Level 3",
        "  frac-3: Unit frac-3 (fractions)",
        "  frac-3-compare: Unit frac-3-compare (fractions)",
        "Level 4",
        "  frac-4: Unit frac-4 (fractions)",
    ]


def test_units_json(root: Path) -> None:
    status, out, _ = run("units", "--root", str(root), "--level", "K",
                         "--format", "json")
    assert status == 0
    assert json.loads(out) == {"level": "K", "window": 0, "levels": ["K"], "units": [
        {"id": "count-k", "title": "Unit count-k", "level": "K",
         "progression": "counting", "targets": ["count.k.to-20"]}]}


def test_units_none(root: Path) -> None:
    _, out, _ = run("units", "--root", str(root), "--level", "12")
    assert out == "No units at level 12.\n"


def test_units_bad_level_and_window(root: Path) -> None:
    status, _, err = run("units", "--root", str(root), "--level", "13")
    assert status == 2
    assert "unknown level '13'" in err
    status, _, err = run("units", "--root", str(root), "--level", "3", "--window", "x")
    assert status == 2
    assert "'x' is not a whole number" in err


@pytest.mark.parametrize("command", ["next", "path", "units"])
def test_help_documents_json(command: str) -> None:
    status, out, _ = run(command, "--help")
    assert status == 0
    assert "--format json the output is an object" in out
    assert '"units": [{"id": ...' in out
    assert "Exit status: 0" in out
