"""Time the graph queries on the synthetic 10,000-unit repository.

Prints the time to build the graph and the bitset index, the median time of
``next_units`` and ``gap_path`` over random students, and the same queries
done the plain way (``networkx.ancestors`` for every unit, plain sets) on a
sample of those students, with the ratio between the two.

    python benchmarks/queries.py                 # generates the repository
    python benchmarks/queries.py --repo DIR      # uses one made by synthetic.py

A random student works at a level L drawn from K to 11. In each progression
the student has mastered every competency up to a level between L - 2 and
L + 1. ``next_units`` is asked for the 10 best units for level L + 1, and
``gap_path`` for a random unit 1 to 3 levels above L.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthetic  # noqa: E402

import progressions  # noqa: E402
from progressions import Repository, Unit  # noqa: E402
from progressions.levels import natural_key  # noqa: E402


@dataclass
class Student:
    mastered: list[str]
    level: str
    target: str


def make_students(repository: Repository, count: int, seed: int) -> list[Student]:
    """Draw ``count`` students as the module documentation describes."""
    rng = random.Random(seed)
    levels = repository.levels
    by_progression: dict[str, list[tuple[int, str]]] = {}
    for competency in repository.competencies.values():
        by_progression.setdefault(competency.progression, []).append(
            (levels.rank(competency.level), competency.id))
    units_by_rank: dict[int, list[str]] = {}
    for unit in repository.units.values():
        units_by_rank.setdefault(levels.rank(unit.level), []).append(unit.id)
    top = len(levels) - 1

    students = []
    for _ in range(count):
        rank = rng.randrange(top)
        mastered = []
        for progression in sorted(by_progression):
            reached = rank + rng.choice((-2, -1, 0, 1))
            mastered += [cid for r, cid in by_progression[progression] if r <= reached]
        goal_rank = min(top, rank + rng.randint(1, 3))
        students.append(Student(mastered, levels[min(top, rank + 1)],
                                rng.choice(units_by_rank[goal_rank])))
    return students


def timed(call: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[float, Any]:
    """Return the seconds ``call(*args, **kwargs)`` took, and its result."""
    start = time.perf_counter()
    result = call(*args, **kwargs)
    return time.perf_counter() - start, result


# The plain way: no precomputation, networkx.ancestors for every unit.

def plain_known(graph: nx.DiGraph, repository: Repository,
                ids: Iterable[str]) -> set[str]:
    known: set[str] = set()
    for item in ids:
        targets = (item,)
        if item in repository.units:
            targets = repository.units[item].targets
        for target in targets:
            known.add(target)
            known |= nx.ancestors(graph, target)
    return known


def plain_next_units(graph: nx.DiGraph, repository: Repository, mastered: list[str],
                     level: str, limit: int) -> list[str]:
    known = plain_known(graph, repository, mastered)
    needs = {uid: nx.ancestors(graph, uid) for uid in repository.units}

    def ready(unit: Unit, known: set[str]) -> bool:
        return needs[unit.id] <= known and not set(unit.targets) <= known

    def unlocks(unit: Unit) -> int:
        after = known | set(unit.targets)
        return sum(1 for other in repository.units.values()
                   if not ready(other, known) and ready(other, after))

    rank = repository.levels.rank
    tiers: dict[int, list[Unit]] = {}
    for unit in repository.units.values():
        if ready(unit, known):
            tiers.setdefault(abs(rank(unit.level) - rank(level)), []).append(unit)
    chosen: list[str] = []
    for distance in sorted(tiers):
        if len(chosen) >= limit:
            break
        counted = [(-unlocks(u), rank(u.level), natural_key(u.id), u.id)
                   for u in tiers[distance]]
        chosen += [key[-1] for key in sorted(counted)]
    return chosen[:limit]


def plain_gap_path(graph: nx.DiGraph, repository: Repository, target: str,
                   mastered: list[str]) -> list[str]:
    """Greedy set cover and ordering with plain sets (no groups, no repairs)."""
    known = plain_known(graph, repository, mastered)
    needed = nx.ancestors(graph, target) - known
    units = repository.units.values()
    candidates = {}
    for unit in units:
        if set(unit.targets) & needed:
            ancestors = nx.ancestors(graph, unit.id)
            if ancestors - known <= needed:
                candidates[unit.id] = (set(unit.targets), ancestors)
    remaining = set(needed)
    chosen = []
    while remaining:
        best = max(candidates, key=lambda uid: len(candidates[uid][0] & remaining),
                   default=None)
        if best is None or not candidates[best][0] & remaining:
            break
        chosen.append(best)
        remaining -= candidates[best][0]
    order = []
    while chosen:
        startable = [uid for uid in chosen if candidates[uid][1] <= known]
        if not startable:
            break
        order.append(startable[0])
        chosen.remove(startable[0])
        known |= candidates[startable[0]][0]
    return [*order, target]


def milliseconds(values: list[float]) -> str:
    ordered = sorted(values)
    p90 = ordered[int(len(ordered) * 0.9)]
    return f"median {statistics.median(values) * 1e3:.2f} ms, p90 {p90 * 1e3:.2f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", type=Path,
                        help="a repository made by synthetic.py "
                        "(default: generate one)")
    parser.add_argument("--students", type=int, default=1000,
                        help="random students for the fast queries (default 1000)")
    parser.add_argument("--plain-students", type=int, default=10,
                        help="of those, how many the plain queries run for "
                        "(default 10); plain next_units takes seconds per student")
    parser.add_argument("--seed", type=int, default=11, help="random seed for students")
    args = parser.parse_args()

    print(f"machine: {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} cores, Python {platform.python_version()}")
    with tempfile.TemporaryDirectory() as scratch:
        root = args.repo
        if root is None:
            root = Path(scratch) / "repo"
            seconds, _ = timed(synthetic.generate, root)
            print(f"generated the synthetic repository in {seconds:.1f} s")
        seconds, repository = timed(progressions.load, root)
    print(f"loaded {len(repository.units)} units and {len(repository.competencies)} "
          f"competencies in {seconds:.1f} s")

    # The first build after loading also triggers a full garbage collection
    # pass over the loaded content; gc.collect() alone takes about 0.6 s here.
    graph_seconds, graph = timed(getattr, repository, "graph")
    index_seconds, _ = timed(getattr, repository, "_index")
    print(f"graph build (networkx DiGraph, {graph.number_of_nodes()} nodes, "
          f"{graph.number_of_edges()} edges): {graph_seconds:.3f} s")
    print(f"index build (bitsets): {index_seconds:.3f} s; "
          f"both together: {graph_seconds + index_seconds:.3f} s")

    students = make_students(repository, args.students, args.seed)
    next_times, path_times, all_times = [], [], []
    for student in students:
        seconds, _ = timed(repository.next_units, student.mastered,
                           level=student.level, limit=10)
        next_times.append(seconds)
        seconds, _ = timed(repository.gap_path, student.target, student.mastered)
        path_times.append(seconds)
        seconds, _ = timed(repository.next_units, student.mastered)
        all_times.append(seconds)
    print(f"next_units(level, limit=10), {len(students)} students: "
          f"{milliseconds(next_times)}")
    print(f"gap_path(unit), {len(students)} students: {milliseconds(path_times)}")
    print(f"next_units() without level or limit: {milliseconds(all_times)}")

    sample = students[:args.plain_students]
    plain_next, plain_path = [], []
    for student in sample:
        seconds, result = timed(plain_next_units, graph, repository, student.mastered,
                                student.level, 10)
        plain_next.append(seconds)
        fast = [unit.id for unit in repository.next_units(
            student.mastered, level=student.level, limit=10)]
        assert result == fast, "the plain and fast next_units disagree"
        seconds, _ = timed(plain_gap_path, graph, repository, student.target,
                           student.mastered)
        plain_path.append(seconds)
    fast_next = statistics.median(next_times[:len(sample)])
    fast_path = statistics.median(path_times[:len(sample)])
    print(f"plain way (networkx.ancestors per unit), first {len(sample)} students:")
    print(f"  next_units: {milliseconds(plain_next)}; "
          f"{statistics.median(plain_next) / fast_next:.0f} times the fast median "
          "on the same students (same results)")
    print(f"  gap_path: {milliseconds(plain_path)}; "
          f"{statistics.median(plain_path) / fast_path:.0f} times the fast median "
          "on the same students")


if __name__ == "__main__":
    main()
