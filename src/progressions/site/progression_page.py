"""The page of one progression: competencies by level, their map, and units."""

from __future__ import annotations

from ..model import Competency, Progression
from . import paths
from .context import Context
from .text import cell, markdown, mermaid_label, plain, truncate

__all__ = ["prerequisite_map", "progression_page"]

LABEL_WIDTH = 60
"""Statements in the map are cut to about this many characters."""


def progression_page(context: Context, progression: Progression) -> str:
    """Return the Markdown page of ``progression``."""
    source = paths.progression_path(progression.id)
    competencies = _competencies(context, progression)
    span = context.span(progression)
    units = context.units_by_progression.get(progression.id, [])

    facts = [f"- **Subject:** {plain(progression.subject)}"]
    if span:
        facts.append(f"- **Levels:** {context.level_link(source, span[0])} to "
                     f"{context.level_link(source, span[-1])}")
    facts.append(f"- **Competencies:** {len(competencies)}; **units:** {len(units)}")
    if progression.authors:
        facts.append("- **Authors:** " + ", ".join(plain(a) for a in progression.authors))
    license = progression.license or context.repository.settings.license
    if license:
        facts.append(f"- **License:** {plain(license)}")
    edit = context.edit_url(progression.file)
    if edit:
        facts.append(f"- **Source:** [edit {plain(progression.file)}](<{edit}>)")

    parts = [
        f"# {plain(progression.title)}",
        markdown(progression.summary) if progression.summary else "",
        "\n".join(facts),
        "## Competencies by level",
        _competency_table(context, source, competencies),
        "## Map of prerequisites",
        ("Each row is a level, lowest first; an arrow runs from a prerequisite to the "
         "competency that needs it. Dashed boxes belong to other progressions."),
        prerequisite_map(context, competencies),
        "## Units by level",
        _units_by_level(context, source, progression, span),
    ]
    return "\n\n".join(part for part in parts if part) + "\n"


def _competencies(context: Context, progression: Progression) -> list[Competency]:
    rank = context.levels.rank
    items = [context.repository.competencies[c] for c in progression.competencies
             if c in context.repository.competencies]
    order = {c.id: index for index, c in enumerate(items)}
    return sorted(items, key=lambda c: (rank(c.level), order[c.id]))


def _competency_table(context: Context, source: str, competencies: list[Competency]
                      ) -> str:
    rows = ["| Level | Competency | Statement | Needs | Taught in |",
            "| --- | --- | --- | --- | --- |"]
    for competency in competencies:
        needs = ", ".join(context.competency_link(source, p)
                          for p in competency.prerequisites)
        units = ", ".join(context.unit_link(source, unit)
                          for unit in context.units_teaching.get(competency.id, []))
        statement = cell(competency.statement, rich=True)
        if competency.alignments:
            statement += " (" + ", ".join(
                f"{cell(a.framework)} {cell(a.code)}" for a in competency.alignments) + ")"
        rows.append(f"| {context.level_link(source, competency.level)} "
                    f"| **`{competency.id}`**{{ #{competency.id} }} | {statement} "
                    f"| {needs} | {units or '*none yet*'} |")
    return "\n".join(rows)


def prerequisite_map(context: Context, competencies: list[Competency]) -> str:
    """Return a Mermaid flowchart of the competencies and their prerequisites.

    Levels are rows, lowest first. Node ids are generated (``n0``, ``n1``, ...)
    and every label goes through :func:`mermaid_label`, so no content text can
    change the diagram's structure.
    """
    if not competencies:
        return ""
    own = {c.id for c in competencies}
    shown: list[Competency] = list(competencies)
    for competency in competencies:
        for prerequisite in competency.prerequisites:
            other = context.competency(prerequisite)
            if other is not None and other.id not in own and other not in shown:
                shown.append(other)
    node = {c.id: f"n{index}" for index, c in enumerate(shown)}
    lines = ["```mermaid", "flowchart TB"]
    for row, label in enumerate(context.levels):
        members = [c for c in shown if c.level == label]
        if not members:
            continue
        lines.append(f'  subgraph L{row}["{mermaid_label("Level " + label)}"]')
        lines.append("    direction LR")
        for competency in members:
            text = f"{competency.id}: {truncate(competency.statement, LABEL_WIDTH)}"
            if competency.id not in own:
                progression = context.repository.progressions.get(competency.progression)
                text = (f"{competency.id} ({progression.title if progression else ''})")
            lines.append(f'    {node[competency.id]}["{mermaid_label(text)}"]')
        lines.append("  end")
    for competency in competencies:
        for prerequisite in competency.prerequisites:
            if prerequisite in node:
                lines.append(f"  {node[prerequisite]} --> {node[competency.id]}")
    outside = [node[c.id] for c in shown if c.id not in own]
    if outside:
        lines.append("  classDef outside stroke-dasharray: 5 5")
        lines.append(f"  class {','.join(outside)} outside")
    lines.append("```")
    return "\n".join(lines)


def _units_by_level(context: Context, source: str, progression: Progression,
                    span: tuple[str, ...]) -> str:
    units = context.units_by_progression.get(progression.id, [])
    by_level: dict[str, list[str]] = {}
    for unit in units:
        by_level.setdefault(unit.level, []).append(
            f"- {context.unit_link(source, unit)}")
    parts = []
    for label in context.levels:
        if label not in by_level and label not in span:
            continue
        anchor = "units-" + context.level_paths.slug(label)
        parts.append(f"### Level {plain(label)} {{ #{anchor} }}")
        parts.append("\n".join(by_level[label]) if label in by_level
                     else "No unit yet: a **gap** in this progression's coverage.")
    return "\n\n".join(parts) if parts else "No unit has been written yet."
