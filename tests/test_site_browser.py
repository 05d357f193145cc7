"""The built site in headless Chromium: navigation, search and the Mermaid map."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator

import pytest
from builders import site_repository
from sitetools import CHROMIUM, Chromium, SiteServer, build, prepare

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.access(CHROMIUM, os.X_OK),
                       reason=f"no Chromium at {CHROMIUM} (apt package chromium)"),
]

# A title and statement that would break a diagram or a page written without
# escaping. The validator accepts both: neither names a known HTML element.
TITLE = 'Measures "A" [B] (C) <D> & E </title><x onmouseover="alert(1)">'
STATEMENT = ('I can find an area {id: "x"} --> end; %% [x](https://a.example.org) '
             '<x> & more (really) #35; `code`')


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = site_repository(tmp_path_factory.mktemp("browser") / "repo", title=TITLE,
                           statement=STATEMENT)
    result = build(prepare(root), root / "site")
    assert result.returncode == 0, result.stderr
    with SiteServer(root / "site") as server:
        yield server.url


@pytest.fixture
def browser() -> Iterator[Chromium]:
    chromium = Chromium()
    try:
        chromium.open_page()
        # Record any call to alert(), which the hostile text tries to make.
        chromium.call("Page.addScriptToEvaluateOnNewDocument", {
            "source": "window.alert = m => { window.alerted = String(m) }"})
        yield chromium
    finally:
        chromium.close()


def heading(browser: Chromium) -> str:
    """Return the page's title as shown, without the permalink sign."""
    return browser.evaluate(
        "document.querySelector('article h1').textContent.replace('\u00b6', '')")


def search(browser: Chromium, text: str) -> list[str]:
    """Type ``text`` into the search box; return the titles of the pages found."""
    # The search box reads "Initializing search" until its index has loaded.
    browser.wait_for("(document.querySelector('.md-search-result__meta') || {})"
                     ".textContent?.trim() !== 'Initializing search'")
    browser.evaluate("document.querySelector('.md-search__input').focus()")
    browser.type_text(text)
    # Results appear while typing; wait for those of the whole text, whose
    # links carry its last word in their highlight parameter.
    last = json.dumps(re.findall(r"[a-z0-9]+", text.lower())[-1])
    try:
        return browser.wait_for(
            "(() => { const a = document.querySelector('.md-search-result__item a');"
            " if (!a) return null;"
            " const h = new URL(a.href).searchParams.get('h') || '';"
            f" if (!h.includes({last})) return null;"
            " return [...document.querySelectorAll('.md-search-result__item h1')]"
            ".map(e => e.textContent.trim()) })()")
    except TimeoutError:
        state = browser.evaluate(
            "[document.querySelector('.md-search__input').value, "
            "document.querySelector('.md-search-result__meta').textContent, "
            "document.activeElement.className, location.href]")
        raise AssertionError(f"no search results; state {state}") from None


def test_level_page_to_unit_page(served: str, browser: Chromium) -> None:
    browser.navigate(served + "levels/level-3/")
    href = browser.wait_for(
        "[...document.querySelectorAll('article a')]"
        ".map(a => a.getAttribute('href')).find(h => h.includes('meas.3.area-models'))")
    browser.evaluate(f"document.querySelector('article a[href=\"{href}\"]').click()")
    browser.wait_for("location.pathname.endsWith('/units/meas.3.area-models/') && "
                     "document.readyState === 'complete'")
    assert heading(browser) == "Unit meas.3.area-models"
    assert browser.console_errors() == []


def test_search_finds_a_unit_by_title(served: str, browser: Chromium) -> None:
    browser.navigate(served)
    titles = search(browser, "Unit count-2-skip")
    assert "Unit count-2-skip" in titles
    link = browser.evaluate(
        "document.querySelector('.md-search-result__item a').getAttribute('href')")
    assert "units/count-2-skip/" in link
    assert browser.console_errors() == []


def test_mermaid_map_renders_offline(served: str, browser: Chromium) -> None:
    browser.navigate(served + "progressions/measurement/")
    browser.wait_for("!document.querySelector('pre.mermaid') && "
                     "document.querySelectorAll('div.mermaid').length === 1")
    assert browser.shadow_svg_count("mermaid") >= 1
    scripts = browser.evaluate(
        "[...document.scripts].map(s => s.src).filter(s => s)")
    assert any(src.endswith("assets/javascripts/mermaid.min.js") for src in scripts)
    assert all(src.startswith(served) for src in scripts), scripts
    assert heading(browser) == TITLE
    assert browser.console_errors() == [], json.dumps(browser.console_errors())


def test_hostile_title_stays_text(served: str, browser: Chromium) -> None:
    browser.navigate(served + "progressions/measurement/")
    assert browser.evaluate("document.title").startswith(TITLE)
    assert browser.evaluate("document.querySelectorAll('x').length") == 0
    titles = search(browser, "Measures")
    assert TITLE in titles
    assert browser.evaluate("document.querySelectorAll('x').length") == 0
    assert browser.evaluate("window.alerted === undefined")
    assert browser.console_errors() == []
