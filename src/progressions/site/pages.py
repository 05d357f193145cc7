"""Generate the site's Markdown pages from a loaded repository.

This module does not depend on MkDocs: a repository goes in, pages come out as
``Page(path, text)`` records with paths relative to the docs folder. The
MkDocs plugin adds them to a build; ``progressions site`` writes them to a
folder that any generator reading ``mkdocs.yml`` can build.

>>> import progressions                                   # doctest: +SKIP
>>> pages = generate(progressions.load("."))              # doctest: +SKIP
>>> [page.path for page in pages][:3]                     # doctest: +SKIP
['index.md', 'levels/index.md', 'levels/level-k.md']
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..levels import natural_key
from ..model import Progression
from ..repository import Repository
from . import paths
from .context import Context
from .progression_page import progression_page
from .reference import format_page, rules_page
from .text import cell, markdown, plain
from .unit_page import unit_page

__all__ = [
    "WINDOW_LEVELS",
    "Page",
    "expand_navigation",
    "generate",
    "navigation",
    "write_pages",
]

WINDOW_LEVELS = 3
"""How many levels below and above a level page links to."""


@dataclasses.dataclass(frozen=True, slots=True)
class Page:
    """One generated page: its path under the docs folder and its Markdown."""

    path: str
    text: str


def generate(repository: Repository) -> list[Page]:
    """Return every page of the site for ``repository``.

    Parameters
    ----------
    repository : Repository
        A loaded (and so valid) repository.

    Returns
    -------
    list of Page
        The home page, the level and progression pages with their index
        pages, one page per unit, the coverage page and the reference pages.
    """
    context = Context(repository)
    return list(_pages(context))


def _pages(context: Context) -> Iterator[Page]:
    yield Page(paths.HOME, home_page(context))
    yield Page(paths.LEVELS, levels_index(context))
    for label in context.levels:
        yield Page(context.level_paths[label], level_page(context, label))
    yield Page(paths.PROGRESSIONS, progressions_index(context))
    for progression in context.progressions:
        yield Page(paths.progression_path(progression.id),
                   progression_page(context, progression))
    for unit in context.units:
        yield Page(paths.unit_path(unit.id), unit_page(context, unit))
    yield Page(paths.COVERAGE, coverage_page(context))
    yield Page(paths.FORMAT, format_page())
    yield Page(paths.RULES, rules_page())


def navigation(repository: Repository) -> list[Any]:
    """Return the site navigation in ``mkdocs.yml`` form.

    Levels and progressions are listed one by one under their index pages;
    units are reached from those pages and through search, so that the
    navigation, which every page carries, stays small.
    """
    return expand_navigation([
        {"Home": paths.HOME},
        {"Levels": paths.LEVELS},
        {"Progressions": paths.PROGRESSIONS},
        {"Coverage": paths.COVERAGE},
        {"Reference": [paths.FORMAT, paths.RULES]},
    ], repository)


def expand_navigation(nav: list[Any] | None, repository: Repository) -> list[Any]:
    """Return ``nav`` with each level and progression page listed.

    An entry that names the levels or progressions index page becomes a
    section holding that page and then every level or progression page, in
    order. Without a ``nav`` the whole :func:`navigation` is returned.
    """
    if not nav:
        return navigation(repository)
    level_paths = paths.LevelPaths(repository.levels)
    children = {
        paths.LEVELS: [level_paths[label] for label in repository.levels],
        paths.PROGRESSIONS: [paths.progression_path(p)
                             for p in sorted(repository.progressions, key=natural_key)],
    }

    def expand(entry: Any) -> Any:
        if isinstance(entry, dict) and len(entry) == 1:
            (title, value), = entry.items()
            if isinstance(value, str) and value in children:
                return {title: [value, *children[value]]}
            if isinstance(value, list):
                return {title: [expand(item) for item in value]}
        return entry

    return [expand(entry) for entry in nav]


def write_pages(pages: list[Page], out_dir: Path) -> list[Path]:
    """Write ``pages`` under ``out_dir`` and return the files written."""
    written = []
    for page in pages:
        target = out_dir / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.text, encoding="utf-8")
        written.append(target)
    return written


# The home page and the index pages.

def home_page(context: Context) -> str:
    repository = context.repository
    settings = repository.settings
    source = paths.HOME
    description = (markdown(settings.description) if settings.description else
                   "Learning progressions and complete teaching units for schools that "
                   "teach by performance level rather than by age.")
    levels = list(context.levels)
    scale = f"{plain(levels[0])} to {plain(levels[-1])}" if levels else ""
    lines = [
        f"# {plain(settings.title)}",
        "",
        description,
        "",
        "| What | Count |",
        "| --- | --- |",
        (f"| [Progressions]({paths.link(source, paths.PROGRESSIONS)}) "
         f"| {len(repository.progressions)} |"),
        f"| Competencies | {len(repository.competencies)} |",
        f"| Units | {len(repository.units)} |",
        f"| [Levels]({paths.link(source, paths.LEVELS)}) ({scale}) | {len(levels)} |",
        "",
        "## How to browse",
        "",
        (f"- **By level.** Each [level]({paths.link(source, paths.LEVELS)}) lists its "
         "units by progression and links to the three levels below and above it, the "
         "span of a class whose students work at different levels."),
        (f"- **By progression.** Each [progression]({paths.link(source, paths.PROGRESSIONS)})"
         " sets out its competencies level by level, maps their prerequisites and lists "
         "the units that teach them."),
        ("- **By unit.** A unit's page has everything needed to teach it: targets, "
         "prerequisites and readiness checks, the units it builds on and leads to, "
         "lessons, assessment, scaffolds and extensions."),
        ("- **Search.** The search box finds units, progressions and competencies by "
         "title or by any word in their text."),
        (f"- **Coverage.** The [coverage matrix]({paths.link(source, paths.COVERAGE)}) "
         "shows how many units each progression has at each level, and where none "
         "has been written yet."),
        "",
        "## Contributing",
        "",
        ("Every page of this site is generated from YAML files: one per progression and "
         "one per unit. The [content format]"
         f"({paths.link(source, paths.FORMAT)}) describes each field, and the "
         f"[validation rules]({paths.link(source, paths.RULES)}) list what "
         "`progressions validate` checks before a change is published."),
    ]
    if settings.license:
        lines += ["", (f"The content is offered under the license "
                       f"{plain(settings.license)} unless a file names its own.")]
    return "\n".join(lines) + "\n"


def levels_index(context: Context) -> str:
    source = paths.LEVELS
    rows = []
    for label in context.levels:
        units = context.units_by_level[label]
        progressions = len({unit.progression for unit in units})
        rows.append(f"| {context.level_link(source, label)} | {len(units)} "
                    f"| {progressions} |")
    return "\n".join([
        "# Levels",
        "",
        ("A level is what a student can do, not an age or a grade. Each level's page "
         f"lists its units by progression and links to the {WINDOW_LEVELS} levels below "
         "and above it."),
        "",
        "| Level | Units | Progressions with units |",
        "| --- | --- | --- |",
        *rows,
    ]) + "\n"


def level_page(context: Context, label: str) -> str:
    source = context.level_paths[label]
    units = context.units_by_level[label]
    lines = [f"# Level {plain(label)}", ""]
    window = context.levels.window(label, WINDOW_LEVELS)
    around = [f"**{plain(other)}**" if other == label else context.level_link(source, other)
              for other in window]
    lines += [f"**Levels {WINDOW_LEVELS} below to {WINDOW_LEVELS} above:** "
              + " · ".join(around), ""]
    if not units:
        lines.append("No unit has been written for this level yet.")
        return "\n".join(lines) + "\n"
    by_progression: dict[str, list[Any]] = {}
    for unit in units:
        by_progression.setdefault(unit.progression, []).append(unit)
    count = len(by_progression)
    lines.append(f"{len(units)} unit{'s' if len(units) != 1 else ''} in {count} "
                 f"progression{'s' if count != 1 else ''}.")
    for progression_id, group in by_progression.items():
        lines += ["", f"## {context.progression_link(source, progression_id)}", ""]
        lines += [f"- {context.unit_link(source, unit)}{_unit_size(unit)}"
                  for unit in group]
    return "\n".join(lines) + "\n"


def _unit_size(unit: Any) -> str:
    """Return ' · N sessions of M minutes' for a level page, or '' without a duration."""
    sessions = unit.duration.get("sessions")
    minutes = unit.duration.get("minutes_per_session")
    if not isinstance(sessions, int) or isinstance(sessions, bool):
        return ""
    size = f" · {sessions} session{'s' if sessions != 1 else ''}"
    if isinstance(minutes, int) and not isinstance(minutes, bool):
        size += f" of {minutes} minutes"
    return size


def progressions_index(context: Context) -> str:
    source = paths.PROGRESSIONS
    rows = []
    for progression in context.progressions:
        span = context.span(progression)
        levels = f"{plain(span[0])} to {plain(span[-1])}" if span else ""
        rows.append(f"| {context.progression_link(source, progression.id)} "
                    f"| {cell(progression.subject)} | {levels} "
                    f"| {len(progression.competencies)} "
                    f"| {len(context.units_by_progression.get(progression.id, []))} |")
    return "\n".join([
        "# Progressions",
        "",
        ("A progression is one strand of learning, such as fractions or argument "
         "writing, set out as competencies from level to level."),
        "",
        "| Progression | Subject | Levels | Competencies | Units |",
        "| --- | --- | --- | --- | --- |",
        *rows,
    ]) + "\n"


# Coverage.

def gaps(context: Context, progression: Progression) -> list[str]:
    """Return the levels inside the progression's span that have no unit."""
    taught = {unit.level for unit in context.units_by_progression.get(progression.id, [])}
    return [label for label in context.span(progression) if label not in taught]


def coverage_page(context: Context) -> str:
    source = paths.COVERAGE
    levels = list(context.levels)
    header = "| Progression | " + " | ".join(plain(label) for label in levels) + " |"
    rule = "| --- | " + " | ".join("---:" for _ in levels) + " |"
    rows, gap_lines = [], []
    for progression in context.progressions:
        span = set(context.span(progression))
        counts: dict[str, int] = {}
        for unit in context.units_by_progression.get(progression.id, []):
            counts[unit.level] = counts.get(unit.level, 0) + 1
        cells = []
        for label in levels:
            anchor = "units-" + context.level_paths.slug(label)
            target = paths.link(source, paths.progression_path(progression.id), anchor)
            if counts.get(label):
                cells.append(f"[{counts[label]}]({target})")
            elif label in span:
                cells.append("**gap**")
            else:
                cells.append("")
        rows.append(f"| {context.progression_link(source, progression.id)} | "
                    + " | ".join(cells) + " |")
        missing = gaps(context, progression)
        if missing:
            gap_lines.append(f"- {context.progression_link(source, progression.id)}: "
                             f"level{'s' if len(missing) > 1 else ''} "
                             + ", ".join(plain(label) for label in missing))
    lines = [
        "# Coverage",
        "",
        ("The number of units each progression has at each level. A progression's span "
         "runs from the level of its lowest competency to that of its highest; a "
         "**gap** is a level inside the span with no unit. Empty cells lie outside the "
         "span."),
        "",
        header,
        rule,
        *rows,
        "",
        "## Gaps",
        "",
    ]
    lines += gap_lines or ["Every progression has a unit at every level of its span."]
    return "\n".join(lines) + "\n"
