"""``progressions validate --changed-since``: the problems of a branch's own files first."""

from __future__ import annotations

import io
import json
import subprocess
from pathlib import Path

import pytest
import yaml
from builders import small_repository, write_yaml

from progressions.cli import main
from progressions.rules import RULES

GIT = ["git", "-c", "user.name=Test Writer", "-c", "user.email=writer@example.org",
       "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"]


def git(root: Path, *args: str) -> str:
    result = subprocess.run([*GIT, "-C", str(root), *args], capture_output=True,
                            text=True, check=True)
    return result.stdout


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


def edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    write_yaml(path, data)


def too_long_lesson(data: dict) -> None:
    """Make the first lesson's activities overrun it: a lesson-time warning."""
    data["lessons"][0]["activities"][0]["minutes"] = 90


def reported(root: Path, *options: str) -> set[tuple[str, str]]:
    status, out, err = run("validate", str(root), "--format", "json", *options)
    assert err == ""
    assert status in (0, 1)
    return {(record["file"], record["rule"]) for record in json.loads(out)}


@pytest.fixture
def branch(tmp_path: Path) -> Path:
    """A git repository on branch 'feature', forked from 'main'.

    Before the fork, frac-1-halves has a lesson-time warning. After the fork,
    main changes that file again; the feature branch does not touch it.
    """
    root = small_repository(tmp_path / "repo")
    edit(root / "units/fractions/frac-1-halves.yaml", too_long_lesson)
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "Add the first units")
    git(root, "branch", "feature")
    edit(root / "units/fractions/frac-1-halves.yaml",
         lambda d: d.update(title="Halves, revised on main"))
    git(root, "commit", "-q", "-am", "Retitle a unit on main")
    git(root, "checkout", "-q", "feature")
    return root


def test_reports_only_changed_files_and_repository_rules(branch: Path) -> None:
    units = branch / "units"
    # Committed on the branch: a schema error in one unit.
    edit(units / "fractions/frac-2-thirds.yaml", lambda d: d.update(level="two"))
    git(branch, "commit", "-q", "-am", "Change a level")
    # Staged, not committed: a lesson-time warning in another unit.
    edit(units / "counting/count-1-to-120.yaml", too_long_lesson)
    git(branch, "add", "units/counting/count-1-to-120.yaml")
    # Neither staged nor tracked: a new file that lacks most fields.
    (units / "fractions/frac-3-draft.yaml").write_text("id: frac-3-draft\n")
    # Changed in the working tree: a prerequisite that no longer exists, which
    # breaks the readiness check of an unchanged unit.
    edit(branch / "progressions/counting.yaml",
         lambda d: d["competencies"][1].update(id="count.2.skip-counting"))

    unchanged_unit = ("units/fractions/frac-1-halves.yaml", "lesson-time")
    assert unchanged_unit in reported(branch)
    assert reported(branch, "--changed-since", "main") == {
        ("units/fractions/frac-2-thirds.yaml", "invalid-level"),
        ("units/counting/count-1-to-120.yaml", "lesson-time"),
        ("units/fractions/frac-3-draft.yaml", "missing-field"),
        ("progressions/counting.yaml", "untaught-competency"),
        # Repository-wide rules, in files the branch did not change.
        ("progressions/fractions.yaml", "unknown-reference"),
        ("units/counting/count-2-skip.yaml", "unknown-reference"),
        ("units/counting/count-2-skip.yaml", "readiness"),
        ("units/fractions/frac-3-unit.yaml", "unknown-reference"),
    }


def test_unchanged_file_problems_do_not_fail_the_branch(branch: Path) -> None:
    edit(branch / "units/fractions/frac-2-thirds.yaml",
         lambda d: d.update(title="Thirds, retitled"))
    status, out, _ = run("validate", str(branch), "--strict", "--changed-since", "main")
    assert (status, out) == (0, "no problems found\n")
    assert run("validate", str(branch), "--strict")[0] == 1


def test_settings_change_reports_every_file(branch: Path) -> None:
    write_yaml(branch / "repository.yaml", {"title": "Our school's progressions"})
    assert reported(branch, "--changed-since", "main") == {
        ("units/fractions/frac-1-halves.yaml", "lesson-time")}


def test_ignored_files_are_not_changes(branch: Path) -> None:
    (branch / ".gitignore").write_text("scratch/\n")
    scratch = branch / "units/scratch/frac-1-halves.yaml"
    scratch.parent.mkdir()
    scratch.write_text((branch / "units/fractions/frac-1-halves.yaml").read_text())
    assert reported(branch, "--changed-since", "main") == {
        # The copy's duplicate id is repository-wide, so it is still reported.
        ("units/scratch/frac-1-halves.yaml", "unique-id")}


def test_root_inside_a_larger_work_tree(tmp_path: Path) -> None:
    project = tmp_path / "project"
    root = small_repository(project / "curriculum")
    (project / "notes.txt").write_text("not content\n")
    git(project, "init", "-q")
    git(project, "add", ".")
    git(project, "commit", "-q", "-m", "Add the curriculum")
    edit(root / "units/fractions/frac-1-halves.yaml", too_long_lesson)
    (project / "notes.txt").write_text("changed, still not content\n")
    assert reported(root, "--changed-since", "HEAD") == {
        ("units/fractions/frac-1-halves.yaml", "lesson-time")}


def test_unknown_ref_is_a_usage_error(branch: Path) -> None:
    status, out, err = run("validate", str(branch), "--changed-since", "origin/main")
    assert status == 2
    assert out == ""
    assert err == ("progressions validate: error: --changed-since: 'origin/main' is not "
                   f"a branch, tag or commit of the repository in {branch}; fetch it "
                   "first, or check the spelling\n")


def test_unrelated_history_is_a_usage_error(branch: Path) -> None:
    git(branch, "checkout", "-q", "--orphan", "elsewhere")
    git(branch, "commit", "-q", "-m", "Start over")
    status, _, err = run("validate", str(branch), "--changed-since", "main")
    assert status == 2
    assert "have no commit in common" in err
    assert "fetch-depth: 0" in err


def test_outside_git_is_a_usage_error(small_repo: Path) -> None:
    status, out, err = run("validate", str(small_repo), "--changed-since", "main")
    assert status == 2
    assert out == ""
    assert err.startswith(f"progressions validate: error: --changed-since: {small_repo} "
                          "is not inside a git repository")


def test_every_rule_has_a_scope() -> None:
    scopes = {rule.id: rule.scope for rule in RULES.values()}
    assert set(scopes.values()) == {"file", "repository"}
    assert scopes["unique-id"] == scopes["prerequisite-cycle"] == "repository"
    assert scopes["untaught-competency"] == scopes["no-content"] == "repository"
    assert scopes["yaml-syntax"] == scopes["lesson-time"] == "file"
    assert scopes["placeholder-text"] == "file"
