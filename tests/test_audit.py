"""``progressions audit`` against a reference map of standard codes."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from builders import competency, progression_data, unit_data, write_repository

import progressions
from progressions.audit import ReferenceError, audit, read_reference
from progressions.cli import main


def aligned(code: str) -> list[dict[str, str]]:
    return [{"framework": "CCSS.Math", "code": code}]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """a (2.A.1) -> b (3.B.1) -> c (3.B.2, with sub-standards); d (4.D.1) has no links."""
    competencies = [
        competency("m.2.a", 2, alignments=aligned("2.A.1")),
        competency("m.3.b", 3, ["m.2.a"], alignments=aligned("3.B.1")),
        competency("m.3.c", 3, ["m.3.b"], alignments=aligned("3.B.2"),
                   notes="The map links 4.D.1 to 3.B.2; we keep them apart on purpose."),
        competency("m.4.d", 4, alignments=aligned("4.D.1")),
    ]
    units = [unit_data(f"u-{c['id'].replace('.', '-')}", c["level"], "m", [c["id"]],
                       c.get("prerequisites", [])) for c in competencies]
    return write_repository(tmp_path / "repo", [progression_data("m", competencies)], units)


def write_reference(path: Path, rows: list[tuple[str, str]]) -> Path:
    path.write_text("from_code,to_code\n" + "".join(f"{a},{b}\n" for a, b in rows))
    return path


def test_verdicts(repo: Path, tmp_path: Path) -> None:
    reference = write_reference(tmp_path / "ref.csv", [
        ("2.A.1", "3.B.2.a"),   # agree through m.3.b; sub-standard of 3.B.2
        ("3.B.2", "2.A.1"),     # reversed
        ("4.D.1", "3.B.2"),     # missing, explained in m.3.c's notes
        ("4.D.1", "3.B.1"),     # missing, unexplained
        ("9.Z.9", "3.B.1"),     # not considered: 9.Z.9 is not covered
    ])
    result = audit(progressions.load(repo), read_reference(reference))
    verdicts = [(r.from_code, r.to_code, r.status, r.explained) for r in result.results]
    assert verdicts == [
        ("2.A.1", "3.B.2.a", "agree", False),
        ("3.B.2", "2.A.1", "reversed", False),
        ("4.D.1", "3.B.1", "missing", False),
        ("4.D.1", "3.B.2", "missing", True),
    ]
    assert result.reference_links == 5
    assert result.agreement == 0.25


def test_cli_exit_status(repo: Path, tmp_path: Path) -> None:
    good = write_reference(tmp_path / "good.csv", [("2.A.1", "3.B.1"), ("4.D.1", "3.B.2")])
    out, err = io.StringIO(), io.StringIO()
    status = main(["audit", "--root", str(repo), "--reference", str(good),
                   "--min-agreement", "0.5"], stdout=out, stderr=err)
    assert status == 0, out.getvalue() + err.getvalue()
    assert "missing: 4.D.1 -> 3.B.2" in out.getvalue()
    status = main(["audit", "--root", str(repo), "--reference", str(good)],
                  stdout=io.StringIO(), stderr=io.StringIO())
    assert status == 1  # 50% is below the default 90%


def test_cli_json(repo: Path, tmp_path: Path) -> None:
    reference = write_reference(tmp_path / "ref.csv", [("3.B.2", "2.A.1")])
    out = io.StringIO()
    main(["audit", "--root", str(repo), "--reference", str(reference), "--format", "json"],
         stdout=out, stderr=io.StringIO())
    data = json.loads(out.getvalue())
    assert (data["considered"], data["reversed"]) == (1, 1)
    assert data["disagreements"][0]["to_competencies"] == ["m.2.a"]


@pytest.mark.parametrize("text", ["a,b\n1,2\n", "from_code,to_code\n1.A.1,\n", "\xff\xfe"])
def test_bad_reference_file(repo: Path, tmp_path: Path, text: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(text.encode("latin-1"))
    with pytest.raises(ReferenceError):
        read_reference(path)
    err = io.StringIO()
    status = main(["audit", "--root", str(repo), "--reference", str(path)],
                  stdout=io.StringIO(), stderr=err)
    assert status == 2
    assert "bad.csv" in err.getvalue()


def test_missing_reference_file(repo: Path, tmp_path: Path) -> None:
    err = io.StringIO()
    assert main(["audit", "--root", str(repo), "--reference", str(tmp_path / "none.csv")],
                stdout=io.StringIO(), stderr=err) == 2
    assert "cannot read" in err.getvalue()


@pytest.mark.parametrize("rows, framework", [
    ([("2.A.1", "3.B.1")], "nope"),
    ([], "CCSS.Math"),
    ([("3.B.1", "3.B.1")], "CCSS.Math"),
])
def test_audit_with_nothing_considered_fails(repo: Path, tmp_path: Path, rows: list,
                                             framework: str) -> None:
    reference = write_reference(tmp_path / "ref.csv", rows)
    err = io.StringIO()
    status = main(["audit", "--root", str(repo), "--reference", str(reference),
                   "--framework", framework], stdout=io.StringIO(), stderr=err)
    assert status == 1
    assert "no link" in err.getvalue()
