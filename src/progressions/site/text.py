"""Make contributed text safe to place in generated Markdown pages.

Content text is Markdown without raw HTML. The validator rejects HTML tags and
links that are not https, but the site does not rely on that: every field goes
through one of these functions, so that a tag, an event attribute or a
``javascript:`` link reaches the page as visible text, never as markup, with
any Markdown generator that reads the pages.

>>> plain("Fractions <b> & [more]")
'Fractions &lt;b&gt; &amp; \\\\[more\\\\]'
>>> markdown("See [notes](javascript:alert(1)) and <script>")
'See [notes]\\\\(javascript:alert(1)) and &lt;script>'
>>> mermaid_label('Say "hi" (now)')
'Say #34;hi#34; #40;now#41;'
"""

from __future__ import annotations

import re

__all__ = [
    "cell",
    "indent",
    "markdown",
    "markdown_inline",
    "mermaid_label",
    "plain",
    "truncate",
    "url",
]

# Characters that Markdown (with the tables and attr_list extensions) gives a
# meaning inside a line of text; a backslash makes each one literal. Only
# characters that Markdown accepts after a backslash are listed.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#!|])")
# "<" that could open a tag, a comment or a processing instruction; "3 < 5" and
# "<=" cannot, so they are left as they are.
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
# An entity such as &lt; or &#106; written in the text is shown as written.
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# "{ ... }" after an element sets its attributes with attr_list (onclick=...).
_ATTRIBUTES = re.compile(r"\{(?=[^{}\n]*\})")
# The start of an inline link or image target: "](" then the target.
_LINK_TARGET = re.compile(r"\]\((?=\s*<?\s*([^\s)>]*))")
# A reference definition "[name]: target" at the start of a line.
_REFERENCE = re.compile(r"^( {0,3})\[(?=[^\[\]\n]*\]:[ \t]*<?([^\s>]*))", re.MULTILINE)
# The opening line of a fenced code block, with its language.
_FENCE = re.compile(r"^(\s*(?:`{3,}|~{3,}))[^\n`]*$", re.MULTILINE)


def _safe_target(target: str) -> bool:
    return target.lower().startswith("https://")


def plain(text: str) -> str:
    """Return ``text`` as literal inline Markdown: no markup of any kind.

    For titles and other single-line fields. Line breaks become spaces.
    """
    text = " ".join(str(text).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def markdown(text: str) -> str:
    """Return Markdown ``text`` with its formatting kept and anything unsafe disarmed.

    Emphasis, lists and https links stay. Text that would open an HTML tag or
    comment is escaped, as are entities, attribute lists and links or
    reference definitions whose target is not an https address. Fenced code
    loses its language, so text cannot ask for a diagram or other rendering.
    """
    text = str(text).replace("\r\n", "\n").replace("\r", "\n")
    text = _ENTITY.sub("&amp;", text)
    text = _TAG_START.sub("&lt;", text)
    text = _ATTRIBUTES.sub(r"\\{", text)
    text = _LINK_TARGET.sub(
        lambda m: m.group(0) if _safe_target(m.group(1)) else "]\\(", text)
    text = _REFERENCE.sub(
        lambda m: m.group(0) if _safe_target(m.group(2)) else m.group(1) + "\\[", text)
    return _FENCE.sub(r"\1", text).strip()


def markdown_inline(text: str) -> str:
    """Return Markdown ``text`` made safe and folded onto one line."""
    return " ".join(markdown(text).split())


def cell(text: str, *, rich: bool = False) -> str:
    """Return text for one table cell: one line, with ``|`` escaped.

    ``rich`` keeps Markdown formatting (for Markdown fields); otherwise the
    text is literal.
    """
    value = markdown_inline(text) if rich else plain(text)
    if rich:
        value = re.sub(r"(?<!\\)\|", r"\\|", value)
    return value


def indent(text: str, spaces: int = 4) -> str:
    """Indent every line after the first, to continue a list item."""
    pad = " " * spaces
    return "\n".join(line if index == 0 or not line else pad + line
                     for index, line in enumerate(text.split("\n")))


def truncate(text: str, width: int) -> str:
    """Return ``text`` on one line, cut at a word boundary to at most ``width``."""
    words = " ".join(str(text).split())
    if len(words) <= width:
        return words
    cut = words[:width - 1].rsplit(" ", 1)[0]
    return cut + "…"


def mermaid_label(text: str) -> str:
    """Return a Mermaid label in which every character is shown as written.

    Letters, digits and spaces stay; every other character becomes a Mermaid
    entity code (``#40;`` for "("), so quotes, brackets, ``<`` and ``&``
    neither end the label nor become markup.
    """
    return "".join(
        char if char == " " or (char.isalnum() and char.isascii()) else f"#{ord(char)};"
        for char in " ".join(str(text).split()))


_URL_UNSAFE = {" ": "%20", "(": "%28", ")": "%29", "<": "%3C", ">": "%3E",
               '"': "%22", "'": "%27", "`": "%60", "\\": "%5C", "|": "%7C"}


def url(address: str) -> str | None:
    """Return an https address ready for a Markdown link target, or None.

    Anything that is not an absolute https address gives None, so the caller
    shows no link at all.
    """
    address = str(address).strip()
    if not _safe_target(address) or len(address) <= len("https://"):
        return None
    return "".join(_URL_UNSAFE.get(char, char) for char in address)
