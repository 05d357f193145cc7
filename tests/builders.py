"""Build small, valid content repositories on disk for tests.

Each builder writes real YAML files, so tests go through the same loading,
schema and rule code as a writer's repository.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


def progression_data(progression_id: str, competencies: list[dict[str, Any]],
                     **fields: Any) -> dict[str, Any]:
    """Return a valid progression mapping with the given competencies."""
    data: dict[str, Any] = {
        "id": progression_id,
        "title": f"Progression {progression_id}",
        "subject": "mathematics",
        "summary": f"Competencies of {progression_id}, level by level.",
        "competencies": competencies,
    }
    data.update(fields)
    return data


def competency(competency_id: str, level: str | int, prerequisites: list[str] = (),
               **fields: Any) -> dict[str, Any]:
    """Return a valid competency mapping."""
    data: dict[str, Any] = {
        "id": competency_id,
        "level": level,
        "statement": f"I can show {competency_id}.",
    }
    if prerequisites:
        data["prerequisites"] = list(prerequisites)
    data.update(fields)
    return data


def unit_data(unit_id: str, level: str | int, progression: str, targets: list[str],
              readiness: list[str] = (), **fields: Any) -> dict[str, Any]:
    """Return a valid unit mapping; ``readiness`` lists competencies to check."""
    lesson = {
        "title": f"Lesson on {unit_id}",
        "minutes": 45,
        "activities": [{"title": "Work", "minutes": 45,
                        "description": "Students work through the problems in pairs."}],
        "checks": [{"prompt": "What is 2 + 3?", "answer": "5"}],
    }
    data: dict[str, Any] = {
        "id": unit_id,
        "title": f"Unit {unit_id}",
        "level": level,
        "progression": progression,
        "targets": list(targets),
        "duration": {"sessions": 3, "minutes_per_session": 45},
        "summary": f"Students learn {', '.join(targets)}.",
        "lessons": [lesson, dict(lesson, title="Second lesson"),
                    dict(lesson, title="Third lesson")],
        "assessment": {"kind": "test", "title": "End of unit test",
                       "description": "A short written test."},
        "differentiation": {"scaffolds": ["Use counters."],
                            "extensions": ["Write a problem of your own."]},
        "readiness": [{"competency": c, "check": f"Ask about {c}."} for c in readiness],
        "authors": ["Test Writer"],
        "license": "CC-BY-4.0",
        "status": "published",
    }
    data.update(fields)
    return data


def write_yaml(path: Path, data: Any) -> Path:
    """Write ``data`` as YAML (block style, no anchors) to ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)

    class _NoAliases(yaml.SafeDumper):
        def ignore_aliases(self, data: Any) -> bool:
            return True

    path.write_text(yaml.dump(data, Dumper=_NoAliases, sort_keys=False,
                              allow_unicode=True), encoding="utf-8")
    return path


def write_repository(root: Path, progressions: list[dict[str, Any]],
                     units: list[dict[str, Any]], settings: dict[str, Any] | None = None
                     ) -> Path:
    """Write progressions and units under ``root`` in the standard layout."""
    (root / "progressions").mkdir(parents=True, exist_ok=True)
    (root / "units").mkdir(parents=True, exist_ok=True)
    if settings is not None:
        write_yaml(root / "repository.yaml", settings)
    for progression in progressions:
        write_yaml(root / "progressions" / f"{progression['id']}.yaml", progression)
    for unit in units:
        write_yaml(root / "units" / unit["progression"] / f"{unit['id']}.yaml", unit)
    return root


def small_repository(root: Path) -> Path:
    """Write a clean two-progression repository used by many tests.

    fractions: frac.1.halves (1) -> frac.2.thirds (2) -> frac.3.unit (3)
    counting:  count.1.to-120 (1) -> count.2.skip (2), and frac.3.unit also
    needs count.2.skip (a link across progressions).
    """
    fractions = progression_data("fractions", [
        competency("frac.1.halves", 1),
        competency("frac.2.thirds", 2, ["frac.1.halves"]),
        competency("frac.3.unit", 3, ["frac.2.thirds", "count.2.skip"],
                   alignments=[{"framework": "CCSS.Math", "code": "3.NF.A.1"}]),
    ])
    counting = progression_data("counting", [
        competency("count.1.to-120", 1),
        competency("count.2.skip", 2, ["count.1.to-120"]),
    ])
    units = [
        unit_data("frac-1-halves", 1, "fractions", ["frac.1.halves"]),
        unit_data("frac-2-thirds", 2, "fractions", ["frac.2.thirds"], ["frac.1.halves"]),
        unit_data("frac-3-unit", 3, "fractions", ["frac.3.unit"],
                  ["frac.2.thirds", "count.2.skip"]),
        unit_data("count-1-to-120", 1, "counting", ["count.1.to-120"]),
        unit_data("count-2-skip", 2, "counting", ["count.2.skip"], ["count.1.to-120"]),
    ]
    return write_repository(root, [fractions, counting], units)




def graph_repository(root: Path) -> Path:
    """Write a repository for the query tests, with gaps, ties and shared units.

    counting:  count.k.to-20 (K) -> count.1.to-120 (1) -> count.2.skip (2)
    fractions: frac.1.halves (1) -> frac.2.thirds (2) and frac.2.fourths (2);
               frac.3.unit (3) needs frac.2.thirds and count.2.skip (a link
               across progressions); frac.3.compare (3) needs both thirds and
               fourths; frac.3.line (3) needs frac.3.unit and no unit teaches
               it; frac.4.equiv (4) needs frac.3.line.

    Each unit teaches one competency, except frac-2-both, which teaches
    frac.2.thirds and frac.2.fourths.
    """
    counting = progression_data("counting", [
        competency("count.k.to-20", "K"),
        competency("count.1.to-120", 1, ["count.k.to-20"]),
        competency("count.2.skip", 2, ["count.1.to-120"]),
    ])
    fractions = progression_data("fractions", [
        competency("frac.1.halves", 1),
        competency("frac.2.thirds", 2, ["frac.1.halves"]),
        competency("frac.2.fourths", 2, ["frac.1.halves"]),
        competency("frac.3.unit", 3, ["frac.2.thirds", "count.2.skip"]),
        competency("frac.3.compare", 3, ["frac.2.thirds", "frac.2.fourths"]),
        competency("frac.3.line", 3, ["frac.3.unit"]),
        competency("frac.4.equiv", 4, ["frac.3.line"]),
    ])
    units = [
        unit_data("count-k", "K", "counting", ["count.k.to-20"]),
        unit_data("count-1", 1, "counting", ["count.1.to-120"], ["count.k.to-20"]),
        unit_data("count-2", 2, "counting", ["count.2.skip"], ["count.1.to-120"]),
        unit_data("frac-1", 1, "fractions", ["frac.1.halves"]),
        unit_data("frac-2-thirds", 2, "fractions", ["frac.2.thirds"],
                  ["frac.1.halves"]),
        unit_data("frac-2-fourths", 2, "fractions", ["frac.2.fourths"],
                  ["frac.1.halves"]),
        unit_data("frac-2-both", 2, "fractions", ["frac.2.thirds", "frac.2.fourths"],
                  ["frac.1.halves"]),
        unit_data("frac-3", 3, "fractions", ["frac.3.unit"],
                  ["frac.2.thirds", "count.2.skip"]),
        unit_data("frac-3-compare", 3, "fractions", ["frac.3.compare"],
                  ["frac.2.thirds", "frac.2.fourths"]),
        unit_data("frac-4", 4, "fractions", ["frac.4.equiv"], ["frac.3.line"]),
    ]
    return write_repository(root, [counting, fractions], units)
