"""The whole repository in a form other systems read: versioned JSON and GraphML.

The JSON shape is documented in README.md ("Exporting") and described by
``schemas/export.schema.json``. ``format_version`` changes only when a field
is removed or changes meaning; new fields may appear within a version.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import networkx as nx

from . import __version__
from .graph import effective_prerequisites

if TYPE_CHECKING:
    from .repository import Repository

__all__ = ["FORMAT_VERSION", "export_data", "export_graph", "graphml_lines"]

FORMAT_VERSION = 1
"""The version of the JSON shape that :func:`export_data` returns."""

# Unit fields in the order of the unit schema, then where the unit was read.
_UNIT_FIELDS = (
    "id", "title", "level", "progression", "targets", "prerequisites", "duration",
    "summary", "lessons", "assessment", "differentiation", "readiness", "vocabulary",
    "materials", "resources", "authors", "license", "status", "last_reviewed",
    "file", "line",
)


def _plain(value: Any) -> Any:
    """Return ``value`` with tuples as lists and mappings as plain dicts."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


def _edges(repository: Repository) -> Iterator[dict[str, str]]:
    for competency in repository.competencies.values():
        for prerequisite in competency.prerequisites:
            if prerequisite in repository.competencies:
                yield {"from": prerequisite, "to": competency.id, "kind": "prerequisite"}
    for unit in repository.units.values():
        for prerequisite in effective_prerequisites(unit.targets, unit.prerequisites,
                                                    repository.competencies):
            yield {"from": prerequisite, "to": unit.id, "kind": "needs"}


def export_data(repository: Repository) -> dict[str, Any]:
    """Return the repository as JSON-ready data, ``format_version`` 1.

    Parameters
    ----------
    repository : Repository
        A loaded (valid) repository.

    Returns
    -------
    dict
        ``format_version``, ``generator``, ``repository`` (settings and the level
        scale), ``progressions``, ``competencies`` and ``units`` (lists in the order
        the files were read), and ``edges``. Each edge runs from a prerequisite to
        its dependant: ``kind`` is ``"prerequisite"`` between competencies and
        ``"needs"`` from a competency to a unit that needs it first. Optional fields
        that a file leaves out are ``null`` or empty lists.

    Examples
    --------
    >>> data = export_data(progressions.load("."))   # doctest: +SKIP
    >>> data["format_version"], data["units"][0]["id"]  # doctest: +SKIP
    (1, 'arg-2-class-pet')
    """
    settings = repository.settings
    return {
        "format_version": FORMAT_VERSION,
        "generator": f"progressions {__version__}",
        "repository": {
            "title": settings.title,
            "description": settings.description,
            "license": settings.license,
            "repo_url": settings.repo_url,
            "edit_branch": settings.edit_branch,
            "levels": list(repository.levels),
        },
        "progressions": [
            {
                "id": p.id, "title": p.title, "subject": p.subject, "summary": p.summary,
                "competencies": list(p.competencies), "authors": list(p.authors),
                "license": p.license, "file": p.file, "line": p.line,
            }
            for p in repository.progressions.values()
        ],
        "competencies": [
            {
                "id": c.id, "level": c.level, "progression": c.progression,
                "statement": c.statement, "prerequisites": list(c.prerequisites),
                "alignments": [dataclasses.asdict(a) for a in c.alignments],
                "notes": c.notes, "file": c.file, "line": c.line,
            }
            for c in repository.competencies.values()
        ],
        "units": [
            {name: _plain(getattr(unit, name)) for name in _UNIT_FIELDS}
            for unit in repository.units.values()
        ],
        "edges": list(_edges(repository)),
    }


_GRAPHML_TYPES = (str, int, float, bool)


def _graphml_value(value: Any) -> str | int | float | bool | None:
    """Return ``value`` as a type GraphML can hold, or None to leave it out."""
    if isinstance(value, _GRAPHML_TYPES):
        return value
    if isinstance(value, (list, tuple)):
        return " ".join(str(item) for item in value)
    return None


def export_graph(repository: Repository) -> nx.DiGraph:
    """Return the prerequisite graph with GraphML-safe node and edge data only.

    Parameters
    ----------
    repository : Repository
        A loaded repository.

    Returns
    -------
    networkx.DiGraph
        The nodes and edges of ``repository.graph``. Every attribute is text, a
        whole number, a number or a boolean: lists such as a unit's ``targets``
        become space-separated ids, and each node gains its ``title`` (a
        competency's statement) and ``file``. Python objects are left out.
    """
    source = repository.graph
    graph: nx.DiGraph = nx.DiGraph()
    for node, data in source.nodes(data=True):
        attributes = {key: _graphml_value(value) for key, value in data.items()}
        item = data.get("item")
        if item is not None:
            attributes["title"] = getattr(item, "title", None) or getattr(
                item, "statement", None)
            attributes["file"] = item.file
        graph.add_node(node, **{k: v for k, v in attributes.items() if v is not None})
    for start, end, data in source.edges(data=True):
        attributes = {key: _graphml_value(value) for key, value in data.items()}
        graph.add_edge(start, end, **{k: v for k, v in attributes.items()
                                      if v is not None})
    return graph


def graphml_lines(repository: Repository) -> Iterator[str]:
    """Yield the GraphML document of :func:`export_graph`, line by line."""
    yield from nx.generate_graphml(export_graph(repository), prettyprint=True)
