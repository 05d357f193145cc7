"""The MkDocs plugin: load the content, add the generated pages, watch the YAML.

The plugin stays a thin layer over :mod:`progressions.site.pages`, which does
the work and also serves ``progressions site`` for generators without MkDocs
plugins. In ``mkdocs.yml``::

    plugins:
      - search
      - progressions:
          root: .        # the content repository, relative to mkdocs.yml
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as options
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from ..problems import ContentError
from ..reporters import report
from ..repository import Repository, load
from . import mermaid
from .pages import expand_navigation, generate

__all__ = ["WATCHED", "ProgressionsConfig", "ProgressionsPlugin"]

log = get_plugin_logger(__name__)

WATCHED = ("progressions", "units", "repository.yaml")
"""The content paths, relative to the root, whose changes rebuild ``mkdocs serve``."""


class ProgressionsConfig(base.Config):
    """The plugin's options."""

    root = options.Type(str, default=".")
    """The content repository's root folder, relative to ``mkdocs.yml``."""


class ProgressionsPlugin(BasePlugin[ProgressionsConfig]):
    """Generate the site's pages from a content repository."""

    def __init__(self) -> None:
        self.root: Path | None = None
        self.repository: Repository | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = (Path(config.config_file_path or ".").parent / self.config.root)
        try:
            self.repository = load(self.root)
        except (FileNotFoundError, NotADirectoryError) as error:
            raise PluginError(f"progressions: {error}") from error
        except ContentError as error:
            raise PluginError(_report(error)) from error
        if self.repository.warnings:
            # Warnings (such as an untaught competency) do not make the content
            # invalid; `progressions validate --strict` is where they fail.
            log.info("the content has %d warning(s); `progressions validate %s` "
                     "lists them", len(self.repository.warnings), self.config.root)
        config.nav = expand_navigation(config.nav, self.repository)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.repository is not None
        for page in generate(self.repository):
            inclusion = (InclusionLevel.NOT_IN_NAV if page.path.startswith("units/")
                         else InclusionLevel.UNDEFINED)
            _replace(files, File.generated(config, page.path, content=page.text,
                                           inclusion=inclusion))
        if mermaid.SITE_PATH in [str(script) for script in config.extra_javascript]:
            try:
                source = mermaid.mermaid_js()
            except mermaid.MermaidUnavailable as error:
                raise PluginError(f"progressions: {error}") from error
            _replace(files, File.generated(config, mermaid.SITE_PATH,
                                           abs_src_path=str(source)))
        return files

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig,
                 builder: Any) -> LiveReloadServer:
        assert self.root is not None
        for name in WATCHED:
            path = self.root / name
            if path.exists():
                server.watch(str(path))
        return server


def _replace(files: Files, file: File) -> None:
    """Add ``file``, replacing a file of the docs folder at the same path.

    The docs folder may hold pages that ``progressions site`` wrote earlier;
    the pages generated now take their place.
    """
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(file)


def _report(error: ContentError) -> str:
    """Describe the content's problems exactly as ``progressions validate`` does."""
    out = io.StringIO()
    report(error.problems, out, "text")
    return "the content has errors; fix them to build the site:\n" + out.getvalue()
