"""The pre-commit hooks and GitHub workflows run commands that exist, as intended."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO_ROOT

from progressions.cli import build_parser

WORKFLOWS = sorted((REPO_ROOT / ".github/workflows").glob("*.y*ml"))
CONTENT_FILES = ["progressions/fractions.yaml", "units/fractions/frac-3-unit.yaml",
                 "units/a/b/deep-unit.yaml", "repository.yaml"]
OTHER_FILES = ["README.md", "src/progressions/cli.py", "schemas/unit.schema.json",
               "docs/units/fractions.yaml", "tests/units/x.yaml", "mkdocs.yml"]


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def command_lines(script: str) -> list[list[str]]:
    """Split a shell script into commands, joining lines continued with a backslash."""
    commands = []
    for line in script.replace("\\\n", " ").splitlines():
        for part in re.split(r"&&|\|\||;", line):
            words = shlex.split(part, comments=True)
            if words:
                commands.append(words)
    return commands


def progressions_commands(script: str) -> list[list[str]]:
    return [words[1:] for words in command_lines(script) if words[0] == "progressions"]


def assert_cli_accepts(argv: list[str]) -> None:
    """Parse ``argv`` with the real parser; an unknown command or option fails."""
    args = build_parser().parse_args(argv)
    assert args.command == argv[0]


def workflow_steps() -> list[tuple[str, str, dict[str, Any]]]:
    steps = []
    for path in WORKFLOWS:
        for job_id, job in load(path)["jobs"].items():
            for step in job.get("steps", []):
                steps.append((path.name, job_id, step))
    return steps


def run_scripts() -> list[str]:
    return [step["run"] for _, _, step in workflow_steps() if "run" in step]


# pre-commit hooks


def test_hooks_file_runs_validate_from_python() -> None:
    hooks = load(REPO_ROOT / ".pre-commit-hooks.yaml")
    (hook,) = hooks
    assert hook["id"] == "progressions-validate"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
    assert {"id", "name", "entry", "language", "files"} <= set(hook)


@pytest.mark.parametrize("config", [".pre-commit-hooks.yaml", ".pre-commit-config.yaml"])
def test_hook_entries_parse(config: str) -> None:
    data = load(REPO_ROOT / config)
    hooks = data if isinstance(data, list) else [
        hook for repo in data["repos"] for hook in repo["hooks"]]
    assert hooks
    for hook in hooks:
        words = shlex.split(hook["entry"]) + hook.get("args", [])
        assert words[0] == "progressions"
        assert_cli_accepts(words[1:])


@pytest.mark.parametrize("config", [".pre-commit-hooks.yaml", ".pre-commit-config.yaml"])
def test_hooks_match_content_files_only(config: str) -> None:
    data = load(REPO_ROOT / config)
    hooks = data if isinstance(data, list) else [
        hook for repo in data["repos"] for hook in repo["hooks"]]
    for hook in hooks:
        files = re.compile(hook["files"])
        assert [f for f in CONTENT_FILES if not files.search(f)] == []
        assert [f for f in OTHER_FILES if files.search(f)] == []


def test_local_config_uses_the_installed_tool() -> None:
    (repo,) = load(REPO_ROOT / ".pre-commit-config.yaml")["repos"]
    assert repo["repo"] == "local"
    assert [hook["id"] for hook in repo["hooks"]] == ["progressions-validate"]


# GitHub workflows


def test_workflows_exist_and_parse() -> None:
    assert WORKFLOWS
    for path in WORKFLOWS:
        data = load(path)
        # PyYAML reads the key "on" as the boolean true, as YAML 1.1 specifies.
        triggers = data.get("on", data.get(True))
        assert "pull_request" in triggers, path.name
        assert data["jobs"]


def test_every_progressions_command_exists() -> None:
    commands = [argv for script in run_scripts() for argv in progressions_commands(script)]
    assert commands
    for argv in commands:
        assert_cli_accepts(argv)


def test_pull_requests_get_annotations_and_strict_checks() -> None:
    commands = [argv for script in run_scripts() for argv in progressions_commands(script)]
    validate = [build_parser().parse_args(argv) for argv in commands
                if argv[0] == "validate"]
    assert validate
    assert all(args.format == "github" for args in validate)
    assert all(args.strict for args in validate)
    assert any(args.changed_since for args in validate)


def test_changed_since_has_the_whole_history() -> None:
    for workflow, job_id, step in workflow_steps():
        if "--changed-since" in step.get("run", ""):
            job = load(REPO_ROOT / ".github/workflows" / workflow)["jobs"][job_id]
            checkout = [s for s in job["steps"]
                        if s.get("uses", "").startswith("actions/checkout@")]
            assert checkout[0]["with"]["fetch-depth"] == 0


def test_site_built_strictly_and_tests_run() -> None:
    commands = [words for script in run_scripts() for words in command_lines(script)]
    assert ["mkdocs", "build", "--strict"] in commands
    assert ["bash", ".ci/run"] in commands


def test_site_published_from_main_only() -> None:
    uses = {step.get("uses", "").split("@")[0]: (workflow, job_id, step)
            for workflow, job_id, step in workflow_steps()}
    for action in ("actions/upload-pages-artifact", "actions/deploy-pages"):
        assert action in uses
    workflow, job_id, _ = uses["actions/deploy-pages"]
    job = load(REPO_ROOT / ".github/workflows" / workflow)["jobs"][job_id]
    assert "refs/heads/main" in job["if"]
    assert job["permissions"] == {"pages": "write", "id-token": "write"}
    _, _, upload = uses["actions/upload-pages-artifact"]
    assert "refs/heads/main" in upload["if"]
    assert upload["with"]["path"] == "site"


def test_command_lines_split_scripts() -> None:
    script = "python -m pip install . && progressions validate \\\n  --strict\necho done"
    assert command_lines(script) == [["python", "-m", "pip", "install", "."],
                                     ["progressions", "validate", "--strict"],
                                     ["echo", "done"]]
