"""The page of one teaching unit."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..model import Unit
from . import paths
from .context import Context
from .relations import WINDOW
from .text import cell, indent, markdown, markdown_inline, plain, url

__all__ = ["unit_page"]


def _items(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _minutes(value: Any) -> str:
    return f"{value} minutes" if isinstance(value, int) else ""


def unit_page(context: Context, unit: Unit) -> str:
    """Return the Markdown page of ``unit``."""
    source = paths.unit_path(unit.id)
    sections = [
        _header(context, unit, source),
        _targets(context, unit, source),
        _prerequisites(context, unit, source),
        _readiness(context, unit, source),
        _builds_on(context, unit, source),
        _leads_to(context, unit, source),
        _lessons(unit),
        _assessment(unit),
        _differentiation(unit),
        _vocabulary(unit),
        _list_section("Materials", [markdown(m) for m in _items(unit.materials)]),
        _resources(unit),
        _credits(context, unit),
    ]
    return "\n\n".join(section for section in sections if section) + "\n"


def _header(context: Context, unit: Unit, source: str) -> str:
    duration = _mapping(unit.duration)
    sessions = duration.get("sessions")
    length = duration.get("minutes_per_session")
    when = f"{sessions} session{'s' if sessions != 1 else ''}" if sessions else ""
    if when and length:
        when += f" of {length} minutes"
    status = plain(unit.status or "")
    if unit.last_reviewed:
        status += f" (last reviewed {plain(unit.last_reviewed)})"
    facts = [
        f"Level {context.level_link(source, unit.level)}",
        context.progression_link(source, unit.progression),
    ]
    if when:
        facts.append(when)
    if status:
        facts.append(status)
    lines = [f"# {plain(unit.title)}", "", " · ".join(facts)]
    if unit.summary:
        lines += ["", markdown(unit.summary)]
    return "\n".join(lines)


def _competency_item(context: Context, source: str, competency_id: str) -> str:
    competency = context.competency(competency_id)
    statement = markdown_inline(competency.statement) if competency else ""
    level = f" (level {plain(competency.level)})" if competency else ""
    return f"- {context.competency_link(source, competency_id)}{level}: {statement}"


def _targets(context: Context, unit: Unit, source: str) -> str:
    items = [_competency_item(context, source, target) for target in unit.targets]
    return "## Targets\n\n" + "\n".join(items)


def _prerequisites(context: Context, unit: Unit, source: str) -> str:
    needed = context.relations.effective_prerequisites(unit)
    if not needed:
        return "## Prerequisites\n\nNone: the unit's targets need nothing taught before."
    intro = ("What students need before the unit: the prerequisites of its targets "
             "and any it adds.")
    items = [_competency_item(context, source, c) for c in needed]
    return f"## Prerequisites\n\n{intro}\n\n" + "\n".join(items)


def _readiness(context: Context, unit: Unit, source: str) -> str:
    items = []
    for item in _items(unit.readiness):
        item = _mapping(item)
        competency = item.get("competency")
        if not isinstance(competency, str):
            continue
        text = (f"1. {context.competency_link(source, competency)}: "
                f"{indent(markdown(item.get('check', '')))}")
        if item.get("answer"):
            text += f"\n\n    *A ready student:* {indent(markdown(item['answer']))}"
        items.append(text)
    if not items:
        return ""
    # Items are separated by a blank line: an item's indented answer paragraph
    # would otherwise swallow the next "1." line as a lazy continuation.
    return "## Readiness checks\n\n" + "\n\n".join(items)


def _builds_on(context: Context, unit: Unit, source: str) -> str:
    rank = context.levels.rank(unit.level)
    start = context.levels[rank - WINDOW] if rank >= WINDOW else None
    builds_on = context.relations.builds_on(unit)
    since = (f"a student who has mastered every competency up to level "
             f"{context.level_link(source, start)}" if start is not None
             else "a student starting at the beginning of the scale")
    lines = ["## Builds on", ""]
    if builds_on.units:
        lines += [f"The units that take {since} to this unit, in teaching order:", ""]
        lines += [f"1. {context.unit_link(source, step)} (level {plain(step.level)}, "
                  f"{context.progression_title(step.progression)})"
                  for step in builds_on.units]
    else:
        lines.append(f"No other unit is needed: {since} is ready for this one.")
    if builds_on.uncovered:
        lines += ["", "Needed on the way but taught by no unit yet: "
                  + ", ".join(context.competency_link(source, c)
                              for c in builds_on.uncovered) + "."]
    return "\n".join(lines)


def _leads_to(context: Context, unit: Unit, source: str) -> str:
    following = context.relations.leads_to(unit)
    if not following:
        return "## Leads to\n\nNo unit needs this unit's targets yet."
    # A paragraph rather than a list: a widely needed unit leads to dozens.
    items = [f"{context.unit_link(source, other)} (level {plain(other.level)}, "
             f"{context.progression_title(other.progression)})"
             for other in following]
    return ("## Leads to\n\nUnits that need what this unit teaches:\n\n"
            + "\n".join(f"- {item}" for item in items))


def _checks(checks: list[Any], answer_label: str = "Answer") -> Iterator[str]:
    for check in checks:
        check = _mapping(check)
        text = f"1. {indent(markdown(check.get('prompt', '')))}"
        if check.get("answer"):
            text += f"\n\n    *{answer_label}:* {indent(markdown(check['answer']))}"
        yield text


def _lessons(unit: Unit) -> str:
    parts = ["## Lessons"]
    for number, lesson in enumerate(_items(unit.lessons), start=1):
        lesson = _mapping(lesson)
        minutes = _minutes(lesson.get("minutes"))
        heading = f"### Lesson {number}: {plain(lesson.get('title', ''))}"
        parts.append(heading + (f" ({minutes})" if minutes else ""))
        if lesson.get("goal"):
            parts.append(f"**Goal:** {markdown(lesson['goal'])}")
        activities = []
        for activity in _items(lesson.get("activities")):
            activity = _mapping(activity)
            time = _minutes(activity.get("minutes"))
            activities.append(
                f"1. **{plain(activity.get('title', ''))}**"
                + (f" ({time})" if time else "")
                + f": {indent(markdown(activity.get('description', '')))}")
        if activities:
            parts.append("\n\n".join(activities))
        checks = list(_checks(_items(lesson.get("checks"))))
        if checks:
            parts.append("**Checks for understanding**\n\n" + "\n\n".join(checks))
    return "\n\n".join(parts)


def _assessment(unit: Unit) -> str:
    assessment = _mapping(unit.assessment)
    if not assessment:
        return ""
    kind = plain(str(assessment.get("kind", "")).replace("-", " "))
    parts = ["## Assessment",
             f"**{plain(assessment.get('title', ''))}**" + (f" ({kind})" if kind else "")]
    if assessment.get("description"):
        parts.append(markdown(assessment["description"]))
    items = list(_checks(_items(assessment.get("items"))))
    if items:
        parts.append("### Items\n\n" + "\n\n".join(items))
    rubric = [_mapping(row) for row in _items(assessment.get("rubric"))]
    if rubric:
        rows = [f"| {cell(row.get('criterion', ''))} | "
                f"{cell(row.get('evidence', ''), rich=True)} |" for row in rubric]
        parts.append("### Rubric\n\n| Criterion | Evidence |\n| --- | --- |\n"
                     + "\n".join(rows))
    return "\n\n".join(parts)


def _differentiation(unit: Unit) -> str:
    differentiation = _mapping(unit.differentiation)
    scaffolds = [markdown(s) for s in _items(differentiation.get("scaffolds"))]
    extensions = [markdown(e) for e in _items(differentiation.get("extensions"))]
    if not scaffolds and not extensions:
        return ""
    parts = ["## Scaffolds and extensions"]
    if scaffolds:
        parts.append("### Scaffolds\n\nFor students working below the unit's level:\n\n"
                     + "\n\n".join(f"- {indent(s)}" for s in scaffolds))
    if extensions:
        parts.append("### Extensions\n\nFor students working above the unit's level:\n\n"
                     + "\n\n".join(f"- {indent(e)}" for e in extensions))
    return "\n\n".join(parts)


def _vocabulary(unit: Unit) -> str:
    items = []
    for entry in _items(unit.vocabulary):
        entry = _mapping(entry)
        items.append(f"- **{plain(entry.get('term', ''))}**: "
                     f"{indent(markdown(entry.get('definition', '')))}")
    return _list_section("Vocabulary", items, formatted=True)


def _list_section(title: str, items: list[str], formatted: bool = False) -> str:
    if not items:
        return ""
    lines = items if formatted else [f"- {indent(item)}" for item in items]
    return f"## {title}\n\n" + "\n".join(lines)


def _resources(unit: Unit) -> str:
    items = []
    for resource in _items(unit.resources):
        resource = _mapping(resource)
        title = plain(resource.get("title", ""))
        address = url(resource.get("url", ""))
        license = f" ({plain(resource['license'])})" if resource.get("license") else ""
        items.append(f"- [{title}](<{address}>){license}" if address
                     else f"- {title}{license}")
    return _list_section("Resources", items, formatted=True)


def _credits(context: Context, unit: Unit) -> str:
    license = unit.license or context.repository.settings.license
    lines = ["## Authors and license", ""]
    if unit.authors:
        lines.append("Written by " + ", ".join(plain(a) for a in unit.authors) + ".")
    if license:
        lines.append(f"Offered under the license {plain(license)}.")
    edit = context.edit_url(unit.file)
    if edit:
        lines += ["", f"[Edit the source file {plain(unit.file)}](<{edit}>)"]
    else:
        lines += ["", f"Source file: {plain(unit.file)}"]
    return "\n".join(lines)
