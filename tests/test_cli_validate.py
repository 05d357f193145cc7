"""``progressions validate``: output formats and exit status."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import yaml
from builders import competency, write_yaml

from progressions.cli import main

LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): "
                  r"(?P<severity>error|warning): (?P<message>.+) \[(?P<rule>[a-z-]+)\]$")


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


def break_repository(root: Path) -> None:
    """Add one error (unknown prerequisite) and one warning (untaught competency)."""
    path = root / "progressions/fractions.yaml"
    data = yaml.safe_load(path.read_text())
    data["competencies"].append(competency("frac.3.compare", 3, ["frac.3.unit"]))
    data["competencies"][1]["prerequisites"] = ["frac.1.halves", "frac.1.hlaves"]
    write_yaml(path, data)


def test_clean_repository_exit_zero(small_repo: Path) -> None:
    status, out, err = run("validate", str(small_repo))
    assert status == 0
    assert out == "no problems found\n"
    assert err == ""


def test_text_lines_and_summary(small_repo: Path) -> None:
    break_repository(small_repo)
    status, out, _ = run("validate", str(small_repo))
    assert status == 1
    *lines, summary = out.splitlines()
    assert summary == "1 error(s) and 1 warning(s) found"
    parsed = [LINE.match(line) for line in lines]
    assert all(parsed), lines
    assert [m["rule"] for m in parsed] == ["unknown-reference", "untaught-competency"]
    assert parsed[0]["file"] == "progressions/fractions.yaml"


def test_json_format_same_records(small_repo: Path) -> None:
    break_repository(small_repo)
    status, out, _ = run("validate", str(small_repo), "--format", "json")
    assert status == 1
    records = json.loads(out)
    assert [r["rule"] for r in records] == ["unknown-reference", "untaught-competency"]
    assert set(records[0]) == {"file", "line", "column", "severity", "rule", "message",
                               "path"}
    assert records[0]["path"] == "$.competencies[1].prerequisites[1]"


def test_github_annotations(small_repo: Path) -> None:
    break_repository(small_repo)
    _, out, _ = run("validate", str(small_repo), "--format", "github")
    first, second, summary = out.splitlines()
    assert first.startswith("::error file=progressions/fractions.yaml,line=")
    assert ",title=unknown-reference::" in first
    assert second.startswith("::warning file=progressions/fractions.yaml,line=")
    assert summary.startswith("1 error(s)")


def test_warnings_only_exit_zero_unless_strict(small_repo: Path) -> None:
    path = small_repo / "progressions/fractions.yaml"
    data = yaml.safe_load(path.read_text())
    data["competencies"].append(competency("frac.3.compare", 3, ["frac.3.unit"]))
    write_yaml(path, data)
    assert run("validate", str(small_repo))[0] == 0
    assert run("validate", "--strict", str(small_repo))[0] == 1


def test_usage_errors_exit_two(tmp_path: Path) -> None:
    status, _, err = run("validate", "--format", "xml")
    assert status == 2
    assert "invalid choice" in err
    status, _, err = run("validate", str(tmp_path / "missing"))
    assert status == 2
    assert "no such folder" in err
    status, _, err = run("frobnicate")
    assert status == 2


def test_console_script_runs(small_repo: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "progressions.cli", "validate",
                             str(small_repo)], capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert result.stdout == "no problems found\n"


def test_closed_pipe_no_traceback(small_repo: Path) -> None:
    command = (f"{sys.executable} -m progressions.cli units --root {small_repo} "
               "--level 2 --window 12 --format json | head -c 1")
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True,
                            check=False)
    assert result.stdout == "{"
    assert "Traceback" not in result.stderr
    assert "Error" not in result.stderr


def test_subcommand_usage_on_error() -> None:
    status, _, err = run("validate", "--bogus")
    assert status == 2
    assert err.startswith("usage: progressions validate")


def test_help_written_to_stream() -> None:
    status, out, _ = run("validate", "--help")
    assert status == 0
    assert "--changed-since" in out or "--strict" in out


def test_control_characters_escaped_in_output(small_repo: Path) -> None:
    path = small_repo / "units/fractions/frac-1-halves.yaml"
    path.write_text(path.read_text() + '"ti\\ntle": 1\n')
    status, out, _ = run("validate", str(small_repo))
    assert status == 1
    assert "unknown field 'ti\\ntle'" in out
    assert len(out.splitlines()) == 2
