"""Hostile text in the content reaches the site as text, never as markup."""

from __future__ import annotations

import html
import html.parser
import re
from pathlib import Path

import yaml
from builders import site_repository, write_yaml
from sitetools import REPO_ROOT, build, prepare

from progressions.content import read_content
from progressions.repository import Repository
from progressions.site import generate, write_pages
from progressions.site.text import markdown, mermaid_label, plain, url

# Text the validator accepts but that would be markup if emitted as it is.
ACCEPTED_TITLE = 'Shapes "one" [two] (three) <x> & {: onclick="alert(1)" }'
ACCEPTED_SUMMARY = (
    'Point <x onmouseover="alert(2)">here</x> or there.\n\n'
    'A paragraph with attributes. { onclick="alert(4)" }')
ACCEPTED_STATEMENT = 'I can draw "]; click n0 call alert(5) %% <x> & (n1)-->n2'
# Text the validator rejects, given to the page generator directly.
REJECTED_TITLE = "</title><script>alert(6)</script>"
REJECTED_SUMMARY = ('<img src=x onerror="alert(7)"> [link](javascript:alert(8)) '
                    '<javascript:alert(9)> [data](data:text/html,hi) <!-- hidden --> '
                    '[there][trap].\n\n[trap]: javascript:alert(3)')


class _Markup(html.parser.HTMLParser):
    """Collect what would run or link from a page: scripts, handlers, link targets."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("x", "img") or (tag == "script" and not dict(attrs).get("src")):
            self.in_script = tag == "script"
            if tag != "script":
                self.problems.append(f"element <{tag}>")
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on") and "alert" in value:
                self.problems.append(f"handler {name}={value}")
            if name in ("href", "src") and value.startswith(("javascript:", "data:")):
                self.problems.append(f"{name}={value}")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script and "alert(" in data:
            self.problems.append(f"script {data.strip()[:40]}")


def markup_problems(site: Path) -> list[str]:
    problems = []
    for page in sorted(site.rglob("*.html")):
        parser = _Markup()
        parser.feed(page.read_text(encoding="utf-8"))
        problems += [f"{page.relative_to(site)}: {p}" for p in parser.problems]
    return problems


def page_text(path: Path) -> str:
    source = path.read_text(encoding="utf-8")
    article = source[source.index("<article"):source.index("</article>")]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", article)).split())


def mermaid_sources(path: Path) -> list[str]:
    source = path.read_text(encoding="utf-8")
    return [html.unescape(block) for block in re.findall(
        r'<pre class="mermaid"><code>(.*?)</code></pre>', source, flags=re.DOTALL)]


def set_field(path: Path, **fields: object) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(fields)
    write_yaml(path, data)


def test_accepted_hostile_text_is_shown_as_text(tmp_path: Path) -> None:
    root = site_repository(tmp_path / "repo", title=ACCEPTED_TITLE,
                           statement=ACCEPTED_STATEMENT)
    unit = root / "units" / "measurement" / "meas.1.rulers.yaml"
    set_field(unit, title=ACCEPTED_TITLE, summary=ACCEPTED_SUMMARY)
    result = build(prepare(root), root / "site")
    assert result.returncode == 0, result.stderr
    site = root / "site"
    assert markup_problems(site) == []

    text = page_text(site / "units" / "meas.1.rulers" / "index.html")
    assert ACCEPTED_TITLE in text
    assert 'Point <x onmouseover="alert(2)">here</x>' in text
    assert '{ onclick="alert(4)" }' in text

    progression = site / "progressions" / "measurement" / "index.html"
    assert ACCEPTED_TITLE in page_text(progression)
    assert ACCEPTED_STATEMENT in page_text(progression)
    (diagram,) = mermaid_sources(progression)
    labels = re.findall(r'\["([^"]*)"\]', diagram)
    assert len(labels) == 3 + 4  # three levels, three own and one other competency
    assert all(re.fullmatch(r"[A-Za-z0-9 #;]*", label) for label in labels), labels
    assert mermaid_label(ACCEPTED_STATEMENT.split(" <")[0]) in diagram
    assert "click" not in diagram.replace(mermaid_label("click"), "")


def test_rejected_hostile_text_is_shown_as_text(tmp_path: Path) -> None:
    root = site_repository(tmp_path / "repo")
    unit = root / "units" / "measurement" / "meas.1.rulers.yaml"
    set_field(unit, title=REJECTED_TITLE, summary=REJECTED_SUMMARY)
    set_field(root / "progressions" / "counting.yaml", title=REJECTED_TITLE)
    # The validator rejects this content, so build the pages from it unchecked.
    repository = Repository(read_content(root), [])
    docs = tmp_path / "out" / "docs"
    write_pages(generate(repository), docs)
    config = (REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  - progressions:\n      root: .\n", "")
    config = config.replace("extra_javascript:\n  - assets/javascripts/mermaid.min.js\n",
                            "")
    result = build(prepare(tmp_path / "out", config), tmp_path / "out" / "site",
                   strict=False)
    assert result.returncode == 0, result.stderr
    site = tmp_path / "out" / "site"
    assert markup_problems(site) == []

    text = page_text(site / "units" / "meas.1.rulers" / "index.html")
    assert REJECTED_TITLE in text
    assert '<img src=x onerror="alert(7)">' in text
    assert "[link](javascript:alert(8))" in text
    assert "<javascript:alert(9)>" in text
    assert "<!-- hidden -->" in text
    assert "[trap]: javascript:alert(3)" in text
    level = page_text(site / "levels" / "level-1" / "index.html")
    assert REJECTED_TITLE in level
    source = (site / "units" / "meas.1.rulers" / "index.html").read_text()
    (window_title,) = re.findall(r"<title>(.*?)</title>", source, flags=re.DOTALL)
    assert html.unescape(" ".join(window_title.split())).startswith(REJECTED_TITLE)


def test_plain_escapes_markup_and_markdown() -> None:
    assert plain("<b>*x*</b> & [y](z) `c` # {: .k }") == (
        r"&lt;b&gt;\*x\*&lt;/b&gt; &amp; \[y\]\(z\) \`c\` \# \{: .k \}")
    assert plain("two\nlines") == "two lines"


def test_markdown_keeps_formatting_and_https_links() -> None:
    text = "Use *strips* and [a guide](https://example.org/guide). 3 < 5 and 5 > 3."
    assert markdown(text) == text


def test_markdown_neutralises_other_link_targets() -> None:
    assert markdown("[a](javascript:alert(1))") == r"[a]\(javascript:alert(1))"
    assert markdown("[a]( JAVASCRIPT:x)") == r"[a]\( JAVASCRIPT:x)"
    assert markdown("[a](<data:x>)") == r"[a]\(&lt;data:x>)"
    assert markdown("[a](https://ok.example.org)") == "[a](https://ok.example.org)"
    assert markdown("[r]: javascript:x") == r"\[r]: javascript:x"
    assert markdown("[r]: https://ok.example.org") == "[r]: https://ok.example.org"


def test_markdown_escapes_tags_entities_attributes_and_fences() -> None:
    assert markdown("<script>x</script>") == "&lt;script>x&lt;/script>"
    assert markdown("<!-- c -->") == "&lt;!-- c -->"
    assert markdown("&#106;avascript") == "&amp;#106;avascript"
    assert markdown("Text { onclick=x }") == r"Text \{ onclick=x }"
    assert markdown("```mermaid\ngraph\n```") == "```\ngraph\n```"


def test_mermaid_label_and_url() -> None:
    assert mermaid_label('a"b[c]<d>&e(f)') == "a#34;b#91;c#93;#60;d#62;#38;e#40;f#41;"
    assert url("javascript:alert(1)") is None
    assert url("http://example.org") is None
    assert url("https://example.org/a b(c)") == "https://example.org/a%20b%28c%29"
