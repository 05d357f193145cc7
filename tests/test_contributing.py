"""CONTRIBUTING.md stays true: its rules, its example and its commands."""

from __future__ import annotations

import io
import json
import re
import shlex
from pathlib import Path

import pytest
from conftest import REPO_ROOT

import progressions
from progressions.cli import build_parser, main
from progressions.commands.rules import markdown
from progressions.rules import RULES

GUIDE = (REPO_ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
STARTER = REPO_ROOT / "src/progressions/starter"
RULES_SECTION = re.compile(r"<!-- rules: start -->\n(.*)<!-- rules: end -->", re.DOTALL)


def code_blocks(language: str) -> list[str]:
    return re.findall(rf"^ *```{language}\n(.*?)^ *```$", GUIDE, re.DOTALL | re.MULTILINE)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


def test_every_rule_is_explained() -> None:
    missing = [rule_id for rule_id in RULES if f"`{rule_id}`" not in GUIDE]
    assert missing == []


def test_rules_section_matches_the_catalog() -> None:
    section = RULES_SECTION.search(GUIDE)
    assert section is not None
    # On failure, replace the section with: progressions rules --format markdown
    assert section.group(1) == markdown(RULES.values())


def test_rules_command_prints_the_same_markdown() -> None:
    status, out, _ = run("rules", "--format", "markdown")
    assert status == 0
    assert out == markdown(RULES.values())


def test_rules_command_explains_one_rule() -> None:
    status, out, _ = run("rules", "placeholder-text")
    assert status == 0
    assert out.startswith("placeholder-text (warning)\n  checks: ")
    status, out, _ = run("rules", "--format", "json", "unique-id", "lesson-time")
    assert [rule["id"] for rule in json.loads(out)] == ["unique-id", "lesson-time"]
    assert json.loads(out)[0]["scope"] == "repository"


def test_rules_command_rejects_unknown_ids() -> None:
    status, out, err = run("rules", "placeholder", "unique-id")
    assert status == 2
    assert out == ""
    assert "no rule has the id 'placeholder'" in err


@pytest.mark.parametrize("name", ["telling-time.yaml", "time-2-five-minutes.yaml"])
def test_full_example_is_the_starter_content(name: str) -> None:
    assert (STARTER / name).read_text(encoding="utf-8") in [
        block for block in code_blocks("yaml")]


def test_full_example_validates(tmp_path: Path) -> None:
    blocks = [b for b in code_blocks("yaml") if "\nid: " in b]
    assert len(blocks) >= 2
    (tmp_path / "units/telling-time").mkdir(parents=True)
    (tmp_path / "progressions").mkdir()
    for block in blocks:
        file_id = re.search(r"^id: (\S+)$", block, re.MULTILINE).group(1)
        folder = "progressions" if "progression.schema" in block else "units/telling-time"
        (tmp_path / folder / f"{file_id}.yaml").write_text(block, encoding="utf-8")
    problems = progressions.check(tmp_path)
    # The example unit teaches level 2; its level 1 prerequisite has no unit here.
    assert [(p.rule, p.severity) for p in problems] == [("untaught-competency", "warning")]


def test_every_command_shown_exists() -> None:
    shown = []
    prose = RULES_SECTION.sub("", GUIDE)
    for block in code_blocks("sh") + re.findall(r"`(progressions [^`]+)`", prose):
        for line in block.splitlines():
            words = shlex.split(line, comments=True)
            if words and words[0] == "progressions":
                shown.append(words[1:])
    assert len(shown) >= 5
    for argv in shown:
        args = build_parser().parse_args(argv)
        assert args.command == argv[0]
