"""Generate a large, valid synthetic content repository for benchmarks.

The repository has the shape of real content: progressions spanning K to 12
with prerequisites inside and across progressions, and units of about the size
of a real unit (three lessons of timed activities, checks, an assessment,
readiness items, vocabulary). The text is filler made from a fixed word list;
the same seed always gives the same files.

    python benchmarks/synthetic.py OUT_DIR --units 10000 --competencies 2000
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

LEVELS = ["K"] + [str(grade) for grade in range(1, 13)]
WORDS = ["students", "compare", "fractions", "number", "line", "model", "explain", "reasoning", "partner", "share", "strategy", "equal", "parts", "whole", "measure", "estimate", "check", "table", "pattern", "rule", "graph", "write", "claim", "evidence", "reason", "source", "question", "answer", "discuss", "record", "draw", "show"]


def _sentence(rng: random.Random, words: int = 14) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _paragraph(rng: random.Random, sentences: int = 3) -> str:
    return " ".join(_sentence(rng) for _ in range(sentences))


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def make_competencies(rng: random.Random, count: int, progressions: int
                      ) -> dict[str, list[tuple[str, str, list[str]]]]:
    """Return, per progression id, (competency id, level, prerequisites) lists."""
    by_progression: dict[str, list[tuple[str, str, list[str]]]] = {}
    placed: list[tuple[str, int]] = []  # (id, level rank), in creation order
    for index in range(count):
        progression = f"p{index % progressions:03d}"
        rank = (index // progressions) * len(LEVELS) // max(1, count // progressions)
        rank = min(rank, len(LEVELS) - 1)
        competency_id = f"{progression}.{LEVELS[rank].lower()}.c{index:05d}"
        # Prerequisites only among earlier competencies at the same or a lower
        # level, so the graph is acyclic and levels never go up along a link.
        candidates = [c for c, r in placed[-300:] if r <= rank]
        prerequisites = rng.sample(candidates, min(len(candidates), rng.randint(0, 3)))
        by_progression.setdefault(progression, []).append(
            (competency_id, LEVELS[rank], sorted(prerequisites)))
        placed.append((competency_id, rank))
    return by_progression


def write_progression(path: Path, progression: str,
                      competencies: list[tuple[str, str, list[str]]],
                      rng: random.Random) -> None:
    lines = [
        "# yaml-language-server: $schema=../schemas/progression.schema.json",
        f"id: {progression}",
        f"title: Synthetic progression {progression}",
        "subject: mathematics",
        f"summary: {_quote(_paragraph(rng))}",
        "license: CC-BY-4.0",
        "competencies:",
    ]
    for competency_id, level, prerequisites in competencies:
        lines += [
            f"  - id: {competency_id}",
            f"    level: {level}",
            f"    statement: {_quote('I can ' + _sentence(rng, 10).lower())}",
            f"    prerequisites: [{', '.join(prerequisites)}]",
            "    alignments:",
            f"      - {{framework: Synthetic, code: S.{competency_id.upper()}}}",
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_unit(path: Path, unit_id: str, progression: str, level: str,
               targets: list[str], prerequisites: list[str], rng: random.Random) -> None:
    lines = [
        "# yaml-language-server: $schema=../../schemas/unit.schema.json",
        f"id: {unit_id}",
        f"title: Synthetic unit {unit_id}",
        f"level: {level}",
        f"progression: {progression}",
        f"targets: [{', '.join(targets)}]",
        "duration: {sessions: 3, minutes_per_session: 50}",
        f"summary: {_quote(_paragraph(rng))}",
        "lessons:",
    ]
    for lesson in range(3):
        lines += [
            f"  - title: Lesson {lesson + 1}",
            "    minutes: 50",
            f"    goal: {_quote(_sentence(rng))}",
            "    activities:",
        ]
        for activity in range(3):
            lines += [
                f"      - title: Activity {activity + 1}",
                "        minutes: 15",
                f"        description: {_quote(_paragraph(rng))}",
            ]
        lines += [
            "    checks:",
            f"      - prompt: {_quote(_sentence(rng))}",
            f"        answer: {_quote(_sentence(rng, 6))}",
        ]
    lines += [
        "assessment:",
        "  kind: performance-task",
        "  title: Synthetic task",
        f"  description: {_quote(_paragraph(rng))}",
        "  items:",
        f"    - prompt: {_quote(_sentence(rng))}",
        f"      answer: {_quote(_sentence(rng, 6))}",
        "  rubric:",
        "    - criterion: Accuracy",
        f"      evidence: {_quote(_sentence(rng))}",
        "differentiation:",
        f"  scaffolds: [{_quote(_sentence(rng))}]",
        f"  extensions: [{_quote(_sentence(rng))}]",
        "readiness:" if prerequisites else "readiness: []",
    ]
    for prerequisite in prerequisites:
        lines += [
            f"  - competency: {prerequisite}",
            f"    check: {_quote(_sentence(rng, 8))}",
        ]
    lines += [
        "vocabulary:",
        f"  - term: {rng.choice(WORDS)}",
        f"    definition: {_quote(_sentence(rng, 8))}",
        f"materials: [{_quote(_sentence(rng, 5))}]",
        "authors: [Synthetic Writer]",
        "license: CC-BY-4.0",
        "status: published",
        'last_reviewed: "2026-09-01"',
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def generate(root: Path, units: int = 10_000, competencies: int = 2_000,
             progressions: int = 40, seed: int = 7) -> Path:
    """Write a synthetic repository to ``root`` and return ``root``."""
    rng = random.Random(seed)
    (root / "progressions").mkdir(parents=True, exist_ok=True)
    by_progression = make_competencies(rng, competencies, progressions)
    prerequisites_of: dict[str, list[str]] = {}
    for progression, items in sorted(by_progression.items()):
        write_progression(root / "progressions" / f"{progression}.yaml", progression,
                          items, rng)
        for competency_id, _level, prerequisites in items:
            prerequisites_of[competency_id] = prerequisites
    all_items = [(p, item) for p, items in sorted(by_progression.items()) for item in items]
    for index in range(units):
        # Every competency is taught at least once; later units re-teach.
        progression, (competency_id, level, _) = all_items[index % len(all_items)]
        same_level = [c for c, lv, _ in by_progression[progression] if lv == level]
        targets = sorted({competency_id, rng.choice(same_level)})
        needed = sorted({p for t in targets for p in prerequisites_of[t]} - set(targets))
        unit_id = f"u{index:05d}"
        folder = root / "units" / progression
        folder.mkdir(parents=True, exist_ok=True)
        write_unit(folder / f"{unit_id}.yaml", unit_id, progression, level, targets,
                   needed, rng)
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write the repository into")
    parser.add_argument("--units", type=int, default=10_000, help="number of units")
    parser.add_argument("--competencies", type=int, default=2_000,
                        help="number of competencies")
    parser.add_argument("--seed", type=int, default=7, help="random seed")
    args = parser.parse_args()
    generate(args.out, args.units, args.competencies, seed=args.seed)
    print(f"wrote {args.units} units and {args.competencies} competencies to {args.out}")


if __name__ == "__main__":
    main()
