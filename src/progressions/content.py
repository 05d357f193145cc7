"""Read a content repository from disk into documents and typed objects.

Layout::

    repository.yaml              optional settings, including the level scale
    progressions/<id>.yaml       one progression per file
    units/**/<id>.yaml           one unit per file, in any sub-folders

Reading never raises for bad content: every fault becomes a problem record,
and objects are built from whatever part of a document is usable, so that one
broken file does not hide the problems of the others.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from .levels import DEFAULT_LEVELS, LevelScale
from .model import Alignment, Competency, Progression, Settings, Unit
from .problems import Problem
from .schemas import SchemaSet, load_schemas
from .yamlfile import MarkedDict, load_yaml_file, locate

__all__ = ["SETTINGS_FILE", "Content", "Document", "read_content"]

SETTINGS_FILE = "repository.yaml"


@dataclasses.dataclass(slots=True)
class Document:
    """One content file as read: its kind, name, data and load problems."""

    kind: str
    file: str
    path: Path
    data: Any
    problems: list[Problem]
    # Strings that may hold HTML or links, as (path, text); see yamlfile.Loaded.
    markup: Sequence[tuple[tuple[str | int, ...], str]] = ()
    # Strings that contain the placeholder marker, as (path, text).
    placeholders: Sequence[tuple[tuple[str | int, ...], str]] = ()

    def at(self, path: tuple[str | int, ...], key: bool = False) -> tuple[int, int]:
        """Return the line and column of ``path`` inside this document."""
        if self.data is None:
            return 1, 1
        return locate(self.data, path, key=key)


@dataclasses.dataclass(slots=True)
class Content:
    """Everything read from one repository, before the repository-wide checks."""

    root: Path
    levels: LevelScale
    settings: Settings
    documents: list[Document]
    progressions: dict[str, Progression]
    competencies: dict[str, Competency]
    units: dict[str, Unit]
    problems: list[Problem]
    # Every place an id is defined, in reading order, for the uniqueness check.
    id_uses: list[tuple[str, Document, tuple[str | int, ...]]]


def _relative(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def _content_files(folder: Path, root: Path, problems: list[Problem]) -> list[Path]:
    """Return the YAML files below ``folder``, skipping hidden names.

    Linked folders are followed once each, so a link loop ends. A folder that
    cannot be listed is reported, not skipped in silence.
    """
    found: list[Path] = []
    if not folder.is_dir():
        return found
    seen: set[str] = set()

    def unreadable(error: OSError) -> None:
        name = _relative(Path(error.filename), root) if error.filename else str(folder)
        problems.append(Problem(name, 0, 0, "file-unreadable",
                                f"cannot list the folder: {error.strerror or error}; "
                                "its files were not checked"))

    for directory, subdirectories, files in os.walk(folder, followlinks=True,
                                                    onerror=unreadable):
        real = os.path.realpath(directory)
        if real in seen:
            subdirectories[:] = []
            continue
        seen.add(real)
        subdirectories[:] = sorted(d for d in subdirectories if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith((".yaml", ".yml")):
                found.append(Path(directory) / name)
    return found


@contextlib.contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector, restoring its state afterwards.

    Loading keeps every document, so each automatic collection rescans all the
    objects read so far. The documents are trees without reference cycles, and
    reference counting frees them. On 10,000 synthetic units
    (benchmarks/synthetic.py) this halved the time of a check, 16.9 s to 8.2 s.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_content(root: Path, schemas: SchemaSet | None = None) -> Content:
    """Read and schema-check every content file below ``root``."""
    with _cyclic_gc_paused():
        return _read_content(root, schemas)


def _read_content(root: Path, schemas: SchemaSet | None) -> Content:
    schemas = schemas or load_schemas()
    problems: list[Problem] = []
    documents: list[Document] = []

    settings, levels = Settings(), LevelScale(DEFAULT_LEVELS)
    settings_path = root / SETTINGS_FILE
    if settings_path.is_file():
        document = _read(settings_path, root, "repository", schemas)
        documents.append(document)
        settings, levels = _settings(document, settings, levels)

    progression_dir, unit_dir = root / "progressions", root / "units"
    if not progression_dir.is_dir() and not unit_dir.is_dir():
        problems.append(Problem(
            ".", 0, 0, "no-content",
            f"no progressions/ or units/ folder in {root}; run from the root of a "
            "content repository or pass it as ROOT"))

    for kind, folder in (("progression", progression_dir), ("unit", unit_dir)):
        for path in _content_files(folder, root, problems):
            file = _relative(path, root)
            if path.suffix != ".yaml":
                problems.append(Problem(file, 0, 0, "file-name",
                                        f"content files end in .yaml; rename it to "
                                        f"{path.stem}.yaml"))
                continue
            if kind == "progression" and path.parent != folder:
                problems.append(Problem(file, 0, 0, "file-name",
                                        "progression files sit directly in "
                                        f"progressions/; move it to progressions/"
                                        f"{path.name}"))
                continue
            documents.append(_read(path, root, kind, schemas))

    content = Content(root, levels, settings, documents, {}, {}, {}, problems, [])
    for document in documents:
        problems.extend(document.problems)
        if isinstance(document.data, dict):
            if document.kind == "progression":
                _add_progression(content, document)
            elif document.kind == "unit":
                _add_unit(content, document)
    return content


def _read(path: Path, root: Path, kind: str, schemas: SchemaSet) -> Document:
    file = _relative(path, root)
    data, problems, markup, placeholders = load_yaml_file(path, file)
    if data is not None:
        skip = {p.path for p in problems}
        problems.extend(schemas.check(kind, data, file, skip))
    return Document(kind, file, path, data, problems, markup, placeholders)


def _settings(document: Document, settings: Settings,
              levels: LevelScale) -> tuple[Settings, LevelScale]:
    data = document.data
    if not isinstance(data, dict) or any(p.severity == "error" for p in document.problems):
        return settings, levels
    if data.get("levels"):
        levels = LevelScale(data["levels"])
    return Settings(
        title=data.get("title", settings.title),
        description=data.get("description"),
        license=data.get("license"),
        repo_url=data.get("repo_url"),
        edit_branch=data.get("edit_branch", "main"),
    ), levels


def _text(data: dict[str, Any], key: str, default: str = "") -> str:
    value = data.get(key)
    return value if isinstance(value, str) else default


def _ids(data: Any, key: str) -> tuple[str, ...]:
    value = data.get(key) if isinstance(data, dict) else None
    if not isinstance(value, list):
        return ()
    return tuple(item for item in value if isinstance(item, str))


def _list(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key)
    return value if isinstance(value, list) else []


def _mapping(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    return value if isinstance(value, dict) else {}


def _level(content: Content, document: Document, data: dict[str, Any],
           path: tuple[str | int, ...]) -> str | None:
    """Return the level label at ``path`` or report why it is not one."""
    value = data.get("level")
    if value is None:
        return None  # reported by the schema as a missing field
    label = content.levels.parse(value)
    if label is not None:
        return label
    if any(p.path == path for p in document.problems):
        return None  # already reported while loading, such as an ambiguous scalar
    line, column = document.at(path)
    scale = ", ".join(content.levels)
    if isinstance(value, float):
        why = f"{value!r} is a number, not a level label"
    else:
        why = f"{value!r} is not a level of the scale ({scale})"
    guess = content.levels.suggest(value)
    hint = f"; write {guess}" if guess else f"; use one of {scale}"
    content.problems.append(Problem(document.file, line, column, "invalid-level",
                                    why + hint, path=path))
    return None


def _add_progression(content: Content, document: Document) -> None:
    data: MarkedDict = document.data
    progression_id = data.get("id")
    if not isinstance(progression_id, str):
        return
    line = document.at(("id",))[0]
    competency_ids: list[str] = []
    for index, item in enumerate(_list(data, "competencies")):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            continue
        path = ("competencies", index)
        level = _level(content, document, item, path + ("level",))
        alignments = tuple(
            Alignment(a["framework"], a["code"]) for a in _list(item, "alignments")
            if isinstance(a, dict) and isinstance(a.get("framework"), str)
            and isinstance(a.get("code"), str))
        competency = Competency(
            id=item["id"], level=level or "", statement=_text(item, "statement"),
            progression=progression_id, prerequisites=_ids(item, "prerequisites"),
            alignments=alignments, notes=item.get("notes") if isinstance(
                item.get("notes"), str) else None,
            file=document.file, line=document.at(path + ("id",))[0])
        _register(content, content.competencies, competency, document, path + ("id",))
        competency_ids.append(competency.id)
    progression = Progression(
        id=progression_id, title=_text(data, "title", progression_id),
        subject=_text(data, "subject"), summary=_text(data, "summary"),
        competencies=tuple(competency_ids), authors=_ids(data, "authors"),
        license=data.get("license") if isinstance(data.get("license"), str) else None,
        file=document.file, line=line)
    _register(content, content.progressions, progression, document, ("id",))


def _add_unit(content: Content, document: Document) -> None:
    data: MarkedDict = document.data
    unit_id = data.get("id")
    if not isinstance(unit_id, str):
        return
    level = _level(content, document, data, ("level",))
    unit = Unit(
        id=unit_id, title=_text(data, "title", unit_id), level=level or "",
        progression=_text(data, "progression"), targets=_ids(data, "targets"),
        prerequisites=_ids(data, "prerequisites"), summary=_text(data, "summary"),
        duration=_mapping(data, "duration"), lessons=_list(data, "lessons"),
        assessment=_mapping(data, "assessment"),
        differentiation=_mapping(data, "differentiation"),
        readiness=_list(data, "readiness"), vocabulary=_list(data, "vocabulary"),
        materials=_list(data, "materials"), resources=_list(data, "resources"),
        authors=_ids(data, "authors"),
        license=data.get("license") if isinstance(data.get("license"), str) else None,
        status=data.get("status") if isinstance(data.get("status"), str) else None,
        last_reviewed=data.get("last_reviewed")
        if isinstance(data.get("last_reviewed"), str) else None,
        file=document.file, line=document.at(("id",))[0])
    _register(content, content.units, unit, document, ("id",))


def _register(content: Content, table: dict[str, Any], item: Any,
              document: Document, path: tuple[str | int, ...]) -> None:
    """Add ``item`` to ``table`` unless its id is taken; remember every use."""
    content.id_uses.append((item.id, document, path))
    if item.id not in table:
        table[item.id] = item
