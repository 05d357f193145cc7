"""Page paths of the generated site, and relative links between pages.

Every page is a Markdown file under the docs folder. Links are written as
relative links to ``.md`` files, which MkDocs and the other generators that read
``mkdocs.yml`` turn into page addresses whether ``use_directory_urls`` is on or
off. Ids keep their dots (``units/frac.3.intro.md``): a page's address is then
``units/frac.3.intro/`` or ``units/frac.3.intro.html``, both of which work.
"""

from __future__ import annotations

import functools
import posixpath

from ..levels import LevelScale

__all__ = [
    "COVERAGE",
    "FORMAT",
    "HOME",
    "LEVELS",
    "PROGRESSIONS",
    "RULES",
    "LevelPaths",
    "link",
    "progression_path",
    "unit_path",
]

HOME = "index.md"
LEVELS = "levels/index.md"
PROGRESSIONS = "progressions/index.md"
COVERAGE = "coverage.md"
FORMAT = "reference/format.md"
RULES = "reference/rules.md"


def _name(item_id: str) -> str:
    # "index" would take the place of a section's index page; "_" is not
    # allowed in ids, so "index_" cannot be another item's name.
    return item_id + "_" if item_id == "index" else item_id


def progression_path(progression_id: str) -> str:
    """Return the page path of a progression."""
    return f"progressions/{_name(progression_id)}.md"


def unit_path(unit_id: str) -> str:
    """Return the page path of a unit."""
    return f"units/{_name(unit_id)}.md"


class LevelPaths:
    """Page paths of the levels of one scale.

    Labels are lowercased for the path; labels that would then collide (a
    scale with both ``a`` and ``A``) get a number.
    """

    def __init__(self, levels: LevelScale) -> None:
        self.slugs: dict[str, str] = {}
        used: set[str] = set()
        for label in levels:
            slug = f"level-{label.lower()}"
            candidate, number = slug, 2
            while candidate in used:
                candidate, number = f"{slug}-{number}", number + 1
            used.add(candidate)
            self.slugs[label] = candidate

    def __getitem__(self, label: str) -> str:
        return f"levels/{self.slugs[label]}.md"

    def slug(self, label: str) -> str:
        """Return the level's name in paths and anchors, such as ``level-k``."""
        return self.slugs[label]


def link(source: str, target: str, anchor: str = "") -> str:
    """Return the relative link from page ``source`` to page ``target``.

    >>> link("units/a.md", "levels/level-3.md")
    '../levels/level-3.md'
    >>> link("index.md", "progressions/p.md", "p.3.x")
    'progressions/p.md#p.3.x'
    """
    relative = _relative(posixpath.dirname(target), posixpath.dirname(source))
    relative = posixpath.basename(target) if relative == "." else (
        f"{relative}/{posixpath.basename(target)}")
    return f"{relative}#{anchor}" if anchor else relative


@functools.cache
def _relative(target_folder: str, source_folder: str) -> str:
    # Pages sit in a handful of folders, so each pair is computed once.
    return posixpath.relpath(target_folder or ".", source_folder or ".")
