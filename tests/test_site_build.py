"""Build the site with MkDocs and check its pages, links and search index."""

from __future__ import annotations

import html
import io
import re
import shutil
from pathlib import Path

import pytest
import yaml
from builders import site_repository, write_yaml
from sitetools import REPO_ROOT, build, crawl, prepare, search_titles

import progressions
from progressions.cli import main
from progressions.site import paths


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The site repository and its site, built once with the project's mkdocs.yml."""
    root = site_repository(tmp_path_factory.mktemp("site") / "repo")
    config = prepare(root)
    result = build(config, root / "site")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return root, root / "site"


def page_file(site: Path, page_path: str) -> Path:
    """Return the HTML file of a page path, with use_directory_urls on."""
    stem = page_path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return site / (stem.removesuffix("index") + "index.html")
    return site / stem / "index.html"


def article(path: Path) -> str:
    """Return the HTML of a page's article: its content without the navigation."""
    source = path.read_text(encoding="utf-8")
    return source[source.index("<article"):source.index("</article>")]


def text_of(path: Path) -> str:
    """Return a page's article text, tags removed and entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", " ", article(path)))


def article_links(path: Path) -> set[str]:
    return set(re.findall(r'href="([^"]*)"', article(path)))


def test_every_page_exists(built: tuple[Path, Path]) -> None:
    root, site = built
    repository = progressions.load(root)
    expected = [paths.HOME, paths.LEVELS, paths.PROGRESSIONS, paths.COVERAGE,
                paths.FORMAT, paths.RULES]
    level_paths = paths.LevelPaths(repository.levels)
    expected += [level_paths[label] for label in repository.levels]
    expected += [paths.progression_path(p) for p in repository.progressions]
    expected += [paths.unit_path(u) for u in repository.units]
    missing = [p for p in expected if not page_file(site, p).is_file()]
    assert missing == []
    assert (site / "units" / "meas.1.rulers" / "index.html").is_file()


def test_every_internal_link_works_and_reaches_every_page(
        built: tuple[Path, Path]) -> None:
    root, site = built
    reached, broken = crawl(site)
    assert broken == []
    repository = progressions.load(root)
    for unit_id in repository.units:
        assert page_file(site, paths.unit_path(unit_id)) in reached, unit_id
    for progression_id in repository.progressions:
        assert page_file(site, paths.progression_path(progression_id)) in reached


def test_navigation_lists_levels_and_progressions_but_not_units(
        built: tuple[Path, Path]) -> None:
    _, site = built
    level = (site / "levels" / "level-3" / "index.html").read_text(encoding="utf-8")
    nav = level[level.index('<nav class="md-nav md-nav--primary"'):
                level.index('<div class="md-content"')]
    assert "Level K" in nav
    assert "Level 12" in nav
    progression = (site / "progressions" / "fractions" / "index.html").read_text()
    assert "Progression counting" in progression
    assert "units/" not in nav


def test_every_unit_title_is_in_the_search_index(built: tuple[Path, Path]) -> None:
    root, site = built
    titles = search_titles(site)
    for unit in progressions.load(root).units.values():
        assert unit.title in titles


def test_unit_page_sections(built: tuple[Path, Path]) -> None:
    _, site = built
    text = text_of(site / "units" / "meas.3.area-models" / "index.html")
    for heading in ("Targets", "Prerequisites", "Readiness checks", "Builds on",
                    "Leads to", "Lessons", "Assessment", "Scaffolds", "Extensions",
                    "Vocabulary", "Materials", "Resources", "Authors and license"):
        assert heading in text, heading
    source = (site / "units" / "meas.3.area-models" / "index.html").read_text()
    edit = ("https://code.example.org/curriculum/edit/main/"
            "units/measurement/meas.3.area-models.yaml")
    assert f'href="{edit}"' in source
    assert 'href="https://materials.example.org/area.pdf"' in source
    assert "Test Writer" in text
    assert "CC-BY-4.0" in text


def test_unit_page_builds_on_and_leads_to(built: tuple[Path, Path]) -> None:
    _, site = built
    text = text_of(site / "units" / "meas.3.area-models" / "index.html")
    builds_on = text[text.index("Builds on"):text.index("Leads to")]
    # From level K up: frac.3.unit needs thirds and skip counting, and these
    # need halves and counting to 120; no unit teaches meas.2.units.
    for title in ("Unit frac-1-halves", "Unit frac-2-thirds", "Unit frac-3-unit",
                  "Unit count-1-to-120", "Unit count-2-skip", "Unit meas.1.rulers"):
        assert title in builds_on, title
    assert "taught by no unit" in builds_on
    assert "meas.2.units" in builds_on
    frac_3 = text_of(site / "units" / "frac-3-unit" / "index.html")
    assert "Unit meas.3.area-models" in frac_3[frac_3.index("Leads to"):]
    source = article(site / "units" / "frac-3-unit" / "index.html")
    leads_to = source[source.index('id="leads-to"'):]
    assert "<li>" in leads_to[:leads_to.index("</ul>")]


def test_level_page_links_three_levels_each_way(built: tuple[Path, Path]) -> None:
    _, site = built
    page = site / "levels" / "level-3" / "index.html"
    links = article_links(page)
    for label in ("k", "1", "2", "4", "5", "6"):
        assert f"../level-{label}/" in links, label
    assert "../level-7/" not in links
    text = text_of(page)
    assert "Unit frac-3-unit" in text
    assert "Unit meas.3.area-models" in text
    assert "3 sessions of 45 minutes" in text


def test_progression_page_table_map_and_units(built: tuple[Path, Path]) -> None:
    _, site = built
    page = site / "progressions" / "measurement" / "index.html"
    source = page.read_text(encoding="utf-8")
    assert 'id="meas.2.units"' in source
    assert '<pre class="mermaid">' in source
    diagram = html.unescape(source[source.index('<pre class="mermaid">'):
                                   source.index("</pre>", source.index('class="mermaid"'))])
    assert "flowchart TB" in diagram
    assert "n1 --> n2" in diagram
    assert "No unit yet" in text_of(page)


def test_coverage_marks_gaps(built: tuple[Path, Path]) -> None:
    _, site = built
    page = site / "coverage" / "index.html"
    rows = re.findall(r"<tr>.*?</tr>", article(page), flags=re.DOTALL)
    row = next(row for row in rows if "Measurement" in row)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.DOTALL)
    # Progression, then K, 1, 2, 3, ...: units at 1 and 3, none at 2.
    assert [re.sub(r"<[^>]+>", "", c).strip() for c in cells[1:6]] == [
        "", "1", "gap", "1", ""]
    text = text_of(page)
    gaps = text[text.index("Gaps"):]
    assert "Measurement : level 2" in " ".join(gaps.split())


def test_reference_pages(built: tuple[Path, Path]) -> None:
    _, site = built
    rules = text_of(site / "reference" / "rules" / "index.html")
    for rule in progressions.rules.RULES:
        assert rule in rules
    fields = text_of(site / "reference" / "format" / "index.html")
    for field in ("minutes_per_session", "readiness", "alignments", "edit_branch"):
        assert field in fields


def test_dotted_ids_work_without_directory_urls(tmp_path: Path) -> None:
    root = site_repository(tmp_path / "repo")
    text = (REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = prepare(root, text + "\nuse_directory_urls: false\n")
    result = build(config, root / "site")
    assert result.returncode == 0, result.stderr
    site = root / "site"
    assert (site / "units" / "meas.1.rulers.html").is_file()
    reached, broken = crawl(site)
    assert broken == []
    assert site / "units" / "meas.3.area-models.html" in reached


def test_invalid_content_stops_the_build_with_validate_messages(tmp_path: Path) -> None:
    root = site_repository(tmp_path / "repo")
    path = root / "units" / "fractions" / "frac-2-thirds.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["targets"] = ["frac.2.thrids"]
    write_yaml(path, data)
    config = prepare(root)
    result = build(config, root / "site")
    assert result.returncode != 0
    out = io.StringIO()
    assert main(["validate", str(root)], stdout=out) == 1
    for line in out.getvalue().splitlines():
        assert line in result.stderr


def test_site_command_pages_build_without_the_plugin(tmp_path: Path) -> None:
    root = site_repository(tmp_path / "repo")
    docs = tmp_path / "docs"
    assert main(["site", "--root", str(root), str(docs)]) == 0
    assert (docs / "units" / "meas.1.rulers.md").is_file()
    assert (docs / "assets" / "javascripts" / "mermaid.min.js").is_file()
    text = (REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    plugin = "  - progressions:\n      root: .\n"
    assert plugin in text
    text = text.replace(plugin, "")
    result = build(prepare(tmp_path, text), tmp_path / "site")
    assert result.returncode == 0, result.stderr
    reached, broken = crawl(tmp_path / "site")
    assert broken == []
    assert tmp_path / "site" / "units" / "meas.1.rulers" / "index.html" in reached


@pytest.mark.skipif(not (REPO_ROOT / "progressions").is_dir(),
                    reason="no content in this checkout")
def test_repository_content_builds(tmp_path: Path) -> None:
    root = tmp_path / "content"
    root.mkdir()
    for name in ("progressions", "units", "repository.yaml"):
        source = REPO_ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        elif source.is_file():
            shutil.copy(source, root / name)
    config = prepare(root)
    result = build(config, root / "site")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    reached, broken = crawl(root / "site")
    assert broken == []
    titles = search_titles(root / "site")
    for unit in progressions.load(root).units.values():
        assert page_file(root / "site", paths.unit_path(unit.id)) in reached
        assert html.escape(unit.title, quote=False) in titles or unit.title in titles


def list_items_after(source: str, heading_id: str) -> int:
    """Count the items of the first list after the heading with ``heading_id``."""
    start = source.index(f'id="{heading_id}"')
    end = source.index("</ol>", start)
    return source.count("<li", start, end)


def test_answers_do_not_merge_list_items(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(REPO_ROOT / "progressions", root / "progressions")
    shutil.copytree(REPO_ROOT / "units", root / "units")
    config = prepare(root)
    result = build(config, root / "site")
    assert result.returncode == 0, result.stderr
    for unit in progressions.load(root).units.values():
        if not unit.readiness:
            continue
        page = page_file(root / "site", paths.unit_path(unit.id))
        count = list_items_after(page.read_text(encoding="utf-8"), "readiness-checks")
        assert count == len(unit.readiness), unit.id
