"""The MkDocs plugin's hooks, the navigation and the Mermaid file lookup."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import site_repository
from mkdocs.config import load_config
from sitetools import prepare

import progressions
from progressions.site import expand_navigation, mermaid, navigation
from progressions.site.plugin import WATCHED


class RecordingServer:
    """Stands in for MkDocs' live-reload server and records what is watched."""

    def __init__(self) -> None:
        self.watched: list[str] = []

    def watch(self, path: str) -> None:
        self.watched.append(path)


def test_serve_watches_the_content(tmp_path: Path) -> None:
    root = site_repository(tmp_path / "repo")
    config = load_config(config_file=str(prepare(root)))
    config = config.plugins.on_config(config)
    plugin = config.plugins["progressions"]
    server = RecordingServer()
    plugin.on_serve(server, config=config, builder=None)
    assert sorted(Path(path).name for path in server.watched) == sorted(WATCHED)
    assert all(Path(path).parent.resolve() == root.resolve() for path in server.watched)


def test_navigation_expands_levels_and_progressions(small_repo: Path) -> None:
    repository = progressions.load(small_repo)
    nav = expand_navigation([{"Home": "index.md"}, {"Levels": "levels/index.md"},
                             {"Browse": [{"All": "progressions/index.md"}]}], repository)
    assert nav[0] == {"Home": "index.md"}
    assert nav[1]["Levels"][:3] == ["levels/index.md", "levels/level-k.md",
                                    "levels/level-1.md"]
    assert len(nav[1]["Levels"]) == 1 + 13
    assert nav[2] == {"Browse": [{"All": ["progressions/index.md",
                                          "progressions/counting.md",
                                          "progressions/fractions.md"]}]}


def test_navigation_without_a_nav_lists_every_section(small_repo: Path) -> None:
    repository = progressions.load(small_repo)
    nav = expand_navigation(None, repository)
    assert nav == navigation(repository)
    assert [next(iter(entry)) for entry in nav] == [
        "Home", "Levels", "Progressions", "Coverage", "Reference"]
    assert not any("units/" in str(entry) for entry in nav)


def test_mermaid_from_the_environment(tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "mermaid.min.js"
    copy.write_text("// a stand-in", encoding="utf-8")
    monkeypatch.setenv(mermaid.ENVIRONMENT_VARIABLE, str(copy))
    assert mermaid.mermaid_js() == copy
    monkeypatch.setenv(mermaid.ENVIRONMENT_VARIABLE, str(tmp_path / "missing.js"))
    with pytest.raises(mermaid.MermaidUnavailable, match="not a file"):
        mermaid.mermaid_js()


def test_mermaid_missing_without_npm(tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(mermaid.ENVIRONMENT_VARIABLE, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(mermaid.MermaidUnavailable, match="npm is not installed"):
        mermaid.mermaid_js()
    with pytest.raises(mermaid.MermaidUnavailable, match="is not in"):
        mermaid.mermaid_js(fetch=False)


def test_mermaid_altered_cache_rejected(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(mermaid.ENVIRONMENT_VARIABLE, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    cached = tmp_path / "cache" / "progressions" / f"mermaid-{mermaid.MERMAID_VERSION}.min.js"
    cached.parent.mkdir(parents=True)
    cached.write_text("// altered", encoding="utf-8")
    with pytest.raises(mermaid.MermaidUnavailable):
        mermaid.mermaid_js(fetch=False)
