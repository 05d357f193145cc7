"""Compare the repository's prerequisite graph with a reference map of standards.

A reference is a list of links ``from_code -> to_code`` between standard codes,
such as the Coherence Map's prerequisite links between Common Core codes.

Definitions, as implemented:

* A competency aligned to code C *covers* C and its sub-standards (codes that
  start with ``C.``), for alignments of the audited framework only.
* A reference link is *considered* when both of its codes are covered and
  differ.
* A considered link *agrees* when some competency covering ``from`` reaches
  some competency covering ``to`` along prerequisite links (prerequisite to
  dependant, across progressions), or one competency covers both codes. It is
  *reversed* when only the opposite path exists, and *missing* otherwise.
* A disagreement is *explained* when the notes of a competency covering
  ``to`` mention both codes.
"""

from __future__ import annotations

import csv
import dataclasses
import os
from collections.abc import Iterable

import networkx as nx

from .levels import natural_key
from .repository import Repository

__all__ = ["AuditResult", "LinkResult", "ReferenceError", "audit", "read_reference"]


class ReferenceError(ValueError):
    """Raised when a reference file cannot be read as a list of links."""


@dataclasses.dataclass(frozen=True, slots=True)
class LinkResult:
    """The verdict on one reference link."""

    from_code: str
    to_code: str
    status: str  # "agree", "reversed" or "missing"
    from_competencies: tuple[str, ...]
    to_competencies: tuple[str, ...]
    explained: bool

    def as_dict(self) -> dict[str, object]:
        return dataclasses.asdict(self)


@dataclasses.dataclass(slots=True)
class AuditResult:
    """All verdicts, with counts."""

    framework: str
    reference_links: int
    covered_codes: int
    results: list[LinkResult]

    @property
    def considered(self) -> int:
        return len(self.results)

    def count(self, status: str) -> int:
        return sum(1 for result in self.results if result.status == status)

    @property
    def agreement(self) -> float:
        """The share of considered links that agree (1.0 when none is considered)."""
        return self.count("agree") / self.considered if self.results else 1.0

    @property
    def disagreements(self) -> list[LinkResult]:
        return [result for result in self.results if result.status != "agree"]

    def as_dict(self) -> dict[str, object]:
        return {
            "framework": self.framework,
            "reference_links": self.reference_links,
            "covered_codes": self.covered_codes,
            "considered": self.considered,
            "agree": self.count("agree"),
            "reversed": self.count("reversed"),
            "missing": self.count("missing"),
            "agreement": round(self.agreement, 4),
            "disagreements": [result.as_dict() for result in self.disagreements],
        }


def read_reference(path: str | os.PathLike[str]) -> list[tuple[str, str]]:
    """Read ``from_code,to_code`` rows from a CSV file with that header.

    Raises
    ------
    ReferenceError
        If the file is missing, unreadable or lacks the two columns.
    """
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            if not reader.fieldnames or not {"from_code", "to_code"} <= set(
                    reader.fieldnames):
                raise ReferenceError(
                    f"{path}: expected a CSV header with from_code and to_code columns")
            links = []
            for row in reader:
                source, target = (row["from_code"] or "").strip(), (row["to_code"] or "").strip()
                if not source or not target:
                    raise ReferenceError(
                        f"{path}:{reader.line_num}: a row lacks from_code or to_code")
                links.append((source, target))
    except OSError as error:
        raise ReferenceError(f"cannot read {path}: {error.strerror or error}") from error
    except (UnicodeDecodeError, csv.Error) as error:
        raise ReferenceError(f"{path}: not a UTF-8 CSV file: {error}") from error
    return links


def _covering(code: str, aligned: dict[str, set[str]]) -> set[str]:
    """Return the competencies whose alignment is ``code`` or a parent of it."""
    found: set[str] = set()
    parts = code.split(".")
    for end in range(len(parts), 0, -1):
        found |= aligned.get(".".join(parts[:end]), set())
    return found


def audit(repository: Repository, links: Iterable[tuple[str, str]],
          framework: str = "CCSS.Math") -> AuditResult:
    """Check each reference link against the repository's prerequisite graph."""
    links = list(links)
    aligned: dict[str, set[str]] = {}
    for competency in repository.competencies.values():
        for alignment in competency.alignments:
            if alignment.framework == framework:
                aligned.setdefault(alignment.code, set()).add(competency.id)

    graph: nx.DiGraph = nx.DiGraph()
    graph.add_nodes_from(repository.competencies)
    for competency in repository.competencies.values():
        graph.add_edges_from((p, competency.id) for p in competency.prerequisites)
    reachable: dict[str, set[str]] = {}

    def reaches(sources: set[str], targets: set[str]) -> bool:
        for source in sources:
            if source not in reachable:
                reachable[source] = nx.descendants(graph, source) | {source}
            if reachable[source] & targets:
                return True
        return False

    codes = {code for link in links for code in link}
    covered = {code for code in codes if _covering(code, aligned)}
    results = []
    for source, target in links:
        if source == target or source not in covered or target not in covered:
            continue
        sources, targets = _covering(source, aligned), _covering(target, aligned)
        if sources & targets or reaches(sources, targets):
            status = "agree"
        elif reaches(targets, sources):
            status = "reversed"
        else:
            status = "missing"
        explained = status != "agree" and any(
            source in (notes := repository.competencies[c].notes or "") and target in notes
            for c in targets)
        results.append(LinkResult(source, target, status,
                                  tuple(sorted(sources, key=natural_key)),
                                  tuple(sorted(targets, key=natural_key)), explained))
    results.sort(key=lambda r: (natural_key(r.from_code), natural_key(r.to_code)))
    return AuditResult(framework, len(links), len(covered), results)

