"""The prerequisite graph of a repository, as a networkx ``DiGraph``.

Nodes are competency ids and unit ids (ids are unique across both). Every edge
runs from a prerequisite to what depends on it:

* competency to competency, ``kind="prerequisite"``: the second competency
  lists the first among its prerequisites;
* competency to unit, ``kind="needs"``: the competency is one of the unit's
  effective prerequisites (see :func:`effective_prerequisites`).

A unit's targets are node data, not edges, so the ancestors of a unit in the
graph are exactly the competencies a student must master before starting it,
and the graph of a valid repository is acyclic.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

import networkx as nx

from .model import Competency, Unit

if TYPE_CHECKING:
    from .repository import Repository

__all__ = [
    "UnknownIdError",
    "build_graph",
    "effective_prerequisites",
    "unknown_id_error",
]


class UnknownIdError(KeyError):
    """An id (or level label) that the repository does not define.

    Attributes
    ----------
    ids : tuple of str
        The unknown ids, in the order given.
    kind : str
        What the ids were expected to name, such as ``"competency or unit"``.
    suggestions : dict
        For each unknown id, the known ids closest to it (possibly none).
    message : str
        The message, which names every unknown id and its suggestions.
    """

    def __init__(self, ids: Sequence[str], kind: str,
                 suggestions: Mapping[str, Sequence[str]], message: str) -> None:
        super().__init__(message)
        self.ids = tuple(ids)
        self.kind = kind
        self.suggestions = {key: tuple(value) for key, value in suggestions.items()}
        self.message = message

    def __str__(self) -> str:
        # KeyError would show the message inside quotes, as it does for a key.
        return self.message


def _quoted(items: Sequence[str]) -> str:
    quoted = [f"'{item}'" for item in items]
    if len(quoted) == 1:
        return quoted[0]
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]


def unknown_id_error(ids: Sequence[str], kind: str, choices: Collection[str],
                     other_kinds: Mapping[str, str] | None = None) -> UnknownIdError:
    """Build the error for ``ids`` that name no ``kind`` among ``choices``.

    Parameters
    ----------
    ids : sequence of str
        The unknown ids, in the order the caller gave them.
    kind : str
        What the ids should name, such as ``"competency or unit"``.
    choices : collection of str
        The known ids of that kind; the closest ones are suggested.
    other_kinds : mapping, optional
        For ids that name something of another kind, what that kind is
        (such as ``{"fractions": "progression"}``), which the message names.

    Returns
    -------
    UnknownIdError

    Examples
    --------
    >>> str(unknown_id_error(["frac.1.halfs"], "competency or unit",
    ...                      ["frac.1.halves", "count.1.to-120"]))
    "unknown competency or unit id 'frac.1.halfs' (did you mean 'frac.1.halves'?)"
    """
    other_kinds = other_kinds or {}
    pool = list(choices)
    suggestions: dict[str, list[str]] = {}
    parts = []
    for item in ids:
        notes = []
        if item in other_kinds:
            # The writer named the wrong kind of thing; similar ids would mislead.
            close = []
            notes.append(f"it is a {other_kinds[item]}")
        else:
            close = difflib.get_close_matches(item, pool, n=3, cutoff=0.6)
        suggestions[item] = close
        if close:
            notes.append(f"did you mean {_quoted(close)}?")
        parts.append(f"'{item}'" + (f" ({'; '.join(notes)})" if notes else ""))
    plural = "s" if len(ids) > 1 else ""
    listed = parts[-1]
    if len(parts) > 1:
        listed = ", ".join(parts[:-1]) + " and " + listed
    return UnknownIdError(ids, kind, suggestions, f"unknown {kind} id{plural} {listed}")


def effective_prerequisites(targets: Iterable[str], extra: Iterable[str],
                            competencies: Mapping[str, Competency]) -> list[str]:
    """Return a unit's effective prerequisites in first-seen order.

    Parameters
    ----------
    targets : iterable of str
        The competencies the unit teaches.
    extra : iterable of str
        The unit's own ``prerequisites`` list.
    competencies : mapping
        Every competency by id; ids not in it are left out of the result.

    Returns
    -------
    list of str
        The prerequisites of the targets that are not targets themselves,
        followed by the extra prerequisites, each once.

    Examples
    --------
    >>> halves = Competency("halves", "1", "I can halve.", "fractions")
    >>> thirds = Competency("thirds", "2", "I can split in three.", "fractions",
    ...                     prerequisites=("halves",))
    >>> effective_prerequisites(["thirds"], [], {"halves": halves, "thirds": thirds})
    ['halves']
    """
    target_list = list(targets)
    seen: dict[str, None] = {}
    for target in target_list:
        competency = competencies.get(target)
        if competency is None:
            continue
        for prerequisite in competency.prerequisites:
            if prerequisite not in target_list:
                seen.setdefault(prerequisite, None)
    for prerequisite in extra:
        seen.setdefault(prerequisite, None)
    return [p for p in seen if p in competencies]


def _unit_needs(unit: Unit, competencies: Mapping[str, Competency]) -> list[str]:
    return effective_prerequisites(unit.targets, unit.prerequisites, competencies)


def build_graph(repository: Repository) -> nx.DiGraph:
    """Build the prerequisite graph of ``repository``.

    Parameters
    ----------
    repository : Repository
        A loaded repository.

    Returns
    -------
    networkx.DiGraph
        One node per competency and per unit. Competency nodes carry
        ``kind="competency"``, ``level``, ``progression`` and ``item`` (the
        :class:`Competency`); unit nodes carry ``kind="unit"``, ``level``,
        ``progression``, ``targets`` and ``item`` (the :class:`Unit`). Edges
        carry ``kind``, either ``"prerequisite"`` or ``"needs"`` (see the
        module documentation).

    Examples
    --------
    >>> graph = build_graph(repository)                    # doctest: +SKIP
    >>> sorted(graph.predecessors("frac-3-unit"))          # doctest: +SKIP
    ['count.2.skip', 'frac.2.thirds']
    """
    graph: nx.DiGraph = nx.DiGraph()
    competencies = repository.competencies
    for competency in competencies.values():
        graph.add_node(competency.id, kind="competency", level=competency.level,
                       progression=competency.progression, item=competency)
    for unit in repository.units.values():
        graph.add_node(unit.id, kind="unit", level=unit.level,
                       progression=unit.progression, targets=unit.targets, item=unit)
    for competency in competencies.values():
        for prerequisite in competency.prerequisites:
            if prerequisite in competencies:
                graph.add_edge(prerequisite, competency.id, kind="prerequisite")
    for unit in repository.units.values():
        for prerequisite in _unit_needs(unit, competencies):
            graph.add_edge(prerequisite, unit.id, kind="needs")
    return graph
