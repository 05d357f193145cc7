"""The static site: Markdown pages generated from a repository.

:mod:`progressions.site.pages` turns a loaded repository into pages; the
MkDocs plugin in :mod:`progressions.site.plugin` adds them to a build, and
``progressions site OUT_DIR`` writes them to a folder.
"""

from .pages import Page, expand_navigation, generate, navigation, write_pages

__all__ = ["Page", "expand_navigation", "generate", "navigation", "write_pages"]
