"""Start a new content repository that validates and builds at once.

``progressions init DIR`` writes the settings, a copy of the schemas (so that
editors check files offline), an MkDocs configuration, and a small example:
the telling-time progression with one unit per level. The example is the one
CONTRIBUTING.md shows.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from .schemas import SCHEMA_DIR

__all__ = ["STARTER_DIR", "InitError", "init_repository"]

STARTER_DIR = Path(__file__).parent / "starter"
"""The files that a new repository starts from."""

# Starter file -> its place in the new repository.
_FILES = {
    "repository.yaml": "repository.yaml",
    "mkdocs.yml": "mkdocs.yml",
    "README.md": "README.md",
    "gitignore": ".gitignore",
    "docs-gitignore": "docs/.gitignore",
    "overrides-main.html": "overrides/main.html",
    "pre-commit-config.yaml": ".pre-commit-config.yaml",
    "telling-time.yaml": "progressions/telling-time.yaml",
    "time-1-hour-half-hour.yaml": "units/telling-time/time-1-hour-half-hour.yaml",
    "time-2-five-minutes.yaml": "units/telling-time/time-2-five-minutes.yaml",
}


class InitError(Exception):
    """A folder that cannot become a new repository: not empty, or not a folder."""


def init_repository(folder: str | os.PathLike[str], title: str | None = None) -> list[Path]:
    """Write a new content repository into ``folder``.

    Parameters
    ----------
    folder : path
        An empty folder, or one that does not exist yet (it is created).
    title : str, optional
        The repository's title, written to ``repository.yaml`` and ``mkdocs.yml``.

    Returns
    -------
    list of Path
        The files written.

    Raises
    ------
    InitError
        If ``folder`` is a file or a folder that is not empty. Nothing is
        written then.
    """
    root = Path(folder)
    if root.exists() and not root.is_dir():
        raise InitError(f"{root} is a file, not a folder")
    if root.is_dir() and any(root.iterdir()):
        raise InitError(f"{root} is not empty; choose a new or empty folder, so that "
                        "no file is overwritten")
    written: list[Path] = []
    for source, target in _FILES.items():
        text = (STARTER_DIR / source).read_text(encoding="utf-8")
        if title and source in ("repository.yaml", "mkdocs.yml"):
            text = _retitle(text, title, "title" if source == "repository.yaml"
                            else "site_name")
        path = root / target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    schemas = root / "schemas"
    schemas.mkdir()
    for schema in sorted(SCHEMA_DIR.glob("*.schema.json")):
        written.append(Path(shutil.copyfile(schema, schemas / schema.name)))
    return written


def _retitle(text: str, title: str, key: str) -> str:
    """Replace the value of the top-level ``key`` line with ``title``, quoted."""
    quoted = '"' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'
    lines = [f"{key}: {quoted}" if line.startswith(f"{key}: ") else line
             for line in text.splitlines()]
    return "\n".join(lines) + "\n"
