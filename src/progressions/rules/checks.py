"""Repository-wide checks that a JSON Schema cannot express.

Each check is a generator over the whole content; its rule ids are documented
in :mod:`progressions.rules.catalog`.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import networkx as nx

from ..content import Content, Document
from ..graph import effective_prerequisites
from ..problems import Problem, field_name
from ..yamlfile import PLACEHOLDER
from .catalog import RULES

__all__ = ["CHECKS", "run_checks"]

Check = Callable[[Content, dict[str, Document]], Iterator[Problem]]


def _problem(document: Document, path: tuple[str | int, ...], rule: str, message: str,
             key: bool = False) -> Problem:
    line, column = document.at(path, key=key)
    return Problem(document.file, line, column, rule, message,
                   severity=RULES[rule].severity,  # type: ignore[arg-type]
                   path=path)


def _suggest(word: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(options), n=3, cutoff=0.6)
    if not close:
        return ""
    return "; did you mean " + " or ".join(f"'{c}'" for c in close) + "?"


# The id pattern of common.schema.json. The schema reports an id that breaks it,
# so no advice to rename the file after such an id is given.
_ID = re.compile(r"[a-z0-9](?:[a-z0-9.-]{0,78}[a-z0-9])?")


def check_file_names(content: Content, documents: dict[str, Document]) -> Iterator[Problem]:
    """Check that each progression or unit file is named after its id."""
    for document in content.documents:
        data = document.data
        if document.kind == "repository" or not isinstance(data, dict):
            continue
        file_id = data.get("id")
        if (isinstance(file_id, str) and _ID.fullmatch(file_id)
                and document.path.stem != file_id):
            yield _problem(document, ("id",), "file-name",
                           f"the file is named {document.path.name} but its id is "
                           f"'{file_id}'; rename the file to {file_id}.yaml or change "
                           "the id")


def check_unique_ids(content: Content, documents: dict[str, Document]) -> Iterator[Problem]:
    """Check that ids are unique across progressions, competencies and units, ignoring case."""
    first: dict[str, tuple[Document, tuple[str | int, ...]]] = {}
    for item_id, document, path in content.id_uses:
        key = item_id.casefold()
        if key not in first:
            first[key] = (document, path)
            continue
        other, other_path = first[key]
        line = other.at(other_path)[0]
        same = "" if other.data is None else (
            f" (as '{_value_at(other.data, other_path)}')"
            if _value_at(other.data, other_path) != item_id else "")
        yield _problem(document, path, "unique-id",
                       f"the id '{item_id}' is already used{same} in {other.file}:"
                       f"{line}; ids must be unique across the repository")


def _value_at(data: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def _reference_problem(content: Content, document: Document,
                       path: tuple[str | int, ...], ref: str, wanted: str) -> Problem | None:
    """Return a problem if ``ref`` does not name a ``wanted`` (competency/progression)."""
    table = content.competencies if wanted == "competency" else content.progressions
    if ref in table:
        return None
    for kind, other in (("competency", content.competencies),
                        ("progression", content.progressions), ("unit", content.units)):
        if ref in other:
            return _problem(document, path, "unknown-reference",
                            f"'{ref}' is a {kind}, not a {wanted}"
                            f"{_suggest(ref, table)}")
    hidden = [c for c in ref if not c.isprintable() or c.isspace()
              or unicodedata.category(c) == "Cf"]
    if hidden:
        names = ", ".join(f"U+{ord(c):04X} ({unicodedata.name(c, 'unnamed')})"
                          for c in dict.fromkeys(hidden))
        return _problem(document, path, "unknown-reference",
                        f"the id '{ref.encode('unicode_escape').decode()}' contains "
                        f"the invisible character {names}; retype the id"
                        f"{_suggest(ref, table)}")
    return _problem(document, path, "unknown-reference",
                    f"no {wanted} has the id '{ref}'{_suggest(ref, table)}")


def _id_list_paths(data: Any, key: str, base: tuple[str | int, ...] = ()
                   ) -> Iterator[tuple[tuple[str | int, ...], str]]:
    value = data.get(key) if isinstance(data, dict) else None
    if isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, str):
                yield base + (key, index), item


def _competency_items(document: Document) -> Iterator[tuple[int, dict[str, Any]]]:
    items = document.data.get("competencies") if isinstance(document.data, dict) else None
    if isinstance(items, list):
        for index, item in enumerate(items):
            if isinstance(item, dict):
                yield index, item


def check_references(content: Content, documents: dict[str, Document]) -> Iterator[Problem]:
    """Check that every referenced id exists and names the right kind of thing."""
    for document in content.documents:
        data = document.data
        if not isinstance(data, dict):
            continue
        if document.kind == "progression":
            for index, item in _competency_items(document):
                for path, ref in _id_list_paths(item, "prerequisites", ("competencies", index)):
                    problem = _reference_problem(content, document, path, ref, "competency")
                    if problem:
                        yield problem
        elif document.kind == "unit":
            progression = data.get("progression")
            if isinstance(progression, str):
                problem = _reference_problem(content, document, ("progression",),
                                             progression, "progression")
                if problem:
                    yield problem
            for key in ("targets", "prerequisites"):
                for path, ref in _id_list_paths(data, key):
                    problem = _reference_problem(content, document, path, ref, "competency")
                    if problem:
                        yield problem
            readiness = data.get("readiness")
            for index, item in enumerate(readiness if isinstance(readiness, list) else []):
                if isinstance(item, dict) and isinstance(item.get("competency"), str):
                    problem = _reference_problem(content, document,
                                                 ("readiness", index, "competency"),
                                                 item["competency"], "competency")
                    if problem:
                        yield problem


def _prerequisite_edges(content: Content
                        ) -> Iterator[tuple[str, str, Document, tuple[str | int, ...]]]:
    """Yield (prerequisite, competency, document, path of the link) for known ids."""
    for document in content.documents:
        if document.kind != "progression":
            continue
        for index, item in _competency_items(document):
            competency_id = item.get("id")
            if competency_id not in content.competencies:
                continue
            registered = content.competencies[competency_id]
            line = document.at(("competencies", index, "id"))[0]
            if registered.file != document.file or registered.line != line:
                continue  # a duplicate id, reported by unique-id
            for path, ref in _id_list_paths(item, "prerequisites", ("competencies", index)):
                if ref in content.competencies:
                    yield ref, competency_id, document, path


def check_cycles(content: Content, documents: dict[str, Document]) -> Iterator[Problem]:
    """Report each loop of prerequisite links, listed link by link."""
    graph: nx.DiGraph = nx.DiGraph()
    for prerequisite, competency, document, path in _prerequisite_edges(content):
        graph.add_edge(prerequisite, competency, where=(document, path))
    for component in nx.strongly_connected_components(graph):
        if len(component) == 1:
            (node,) = component
            if not graph.has_edge(node, node):
                continue
            cycle = [(node, node)]
        else:
            cycle = nx.find_cycle(graph.subgraph(component))
        # Start the loop at its smallest id, so the report does not depend on
        # the order in which files were read.
        start = min(range(len(cycle)), key=lambda i: cycle[i][0])
        cycle = cycle[start:] + cycle[:start]
        links = []
        for prerequisite, competency in cycle:
            document, path = graph.edges[prerequisite, competency]["where"]
            line = document.at(path)[0]
            links.append(f"'{competency}' needs '{prerequisite}' ({document.file}:{line})")
        first_document, first_path = graph.edges[cycle[0]]["where"]
        if len(cycle) == 1:
            message = f"'{cycle[0][0]}' lists itself as a prerequisite"
        else:
            message = "prerequisites form a loop: " + ", ".join(links)
        yield _problem(first_document, first_path, "prerequisite-cycle", message)

    for unit in content.units.values():
        document = documents[unit.file]
        targets = [t for t in unit.targets if t in graph]
        if not targets:
            continue
        after_targets = set().union(*(nx.descendants(graph, t) for t in targets))
        for path, ref in _id_list_paths(document.data, "prerequisites"):
            if ref in unit.targets or ref in after_targets:
                yield _problem(document, path, "prerequisite-cycle",
                               f"the unit needs '{ref}' first, but '{ref}' builds on "
                               "what the unit itself teaches; remove it from "
                               "prerequisites")


def check_levels(content: Content, documents: dict[str, Document]) -> Iterator[Problem]:
    """Check that prerequisites sit at or below their dependant, and targets at the unit's level."""
    rank = content.levels.rank
    competencies = content.competencies
    for prerequisite, competency_id, document, path in _prerequisite_edges(content):
        needed, competency = competencies[prerequisite], competencies[competency_id]
        if needed.level and competency.level and rank(needed.level) > rank(competency.level):
            yield _problem(document, path, "prerequisite-level",
                           f"'{prerequisite}' (level {needed.level}) is at a higher "
                           f"level than '{competency_id}' (level {competency.level}), "
                           "which needs it")
    for unit in content.units.values():
        if not unit.level:
            continue
        document = documents[unit.file]
        for path, ref in _id_list_paths(document.data, "targets"):
            target = competencies.get(ref)
            if target and target.level and target.level != unit.level:
                yield _problem(document, path, "target-level",
                               f"target '{ref}' is at level {target.level}, but the "
                               f"unit is at level {unit.level}")
        for path, ref in _id_list_paths(document.data, "prerequisites"):
            required = competencies.get(ref)
            if required and required.level and rank(required.level) > rank(unit.level):
                yield _problem(document, path, "prerequisite-level",
                               f"'{ref}' (level {required.level}) is at a higher level "
                               f"than the unit (level {unit.level})")


def direct_prerequisites(content: Content, unit_targets: Iterable[str],
                         extra: Iterable[str]) -> list[str]:
    """Return a unit's effective prerequisites in first-seen order.

    They are the prerequisites of its targets that are not targets themselves,
    followed by its extra prerequisites.
    """
    return effective_prerequisites(unit_targets, extra, content.competencies)


def check_unit_order(content: Content, documents: dict[str, Document]) -> Iterator[Problem]:
    """Check that some order of units makes every unit ready, starting from nothing.

    The check plays the units forward: a unit is taken once all its effective
    prerequisites are mastered, and taking it masters its targets and, by the
    downward closure of mastery, everything they build on. Competencies that no
    unit teaches count as mastered from the start (untaught-competency warns
    about them), so a unit left over is caught in a loop of units.
    """
    competencies = content.competencies
    units = list(content.units.values())
    taught = {t for unit in units for t in unit.targets if t in competencies}
    mastered: set[str] = set()
    waiting: dict[str, list[int]] = {}
    missing_count: list[int] = []
    needed_of: list[list[str]] = []
    queue: list[int] = []

    def master(competency_id: str) -> None:
        stack = [competency_id]
        while stack:
            current = stack.pop()
            if current in mastered or current not in competencies:
                continue
            mastered.add(current)
            for index in waiting.pop(current, ()):
                missing_count[index] -= 1
                if missing_count[index] == 0:
                    queue.append(index)
            stack.extend(competencies[current].prerequisites)

    for index, unit in enumerate(units):
        needed = direct_prerequisites(content, unit.targets, unit.prerequisites)
        needed_of.append(needed)
        missing_count.append(len(needed))
        for competency_id in needed:
            waiting.setdefault(competency_id, []).append(index)
        if not needed:
            queue.append(index)
    for competency_id in competencies:
        if competency_id not in taught:
            master(competency_id)
    while queue:
        for target in units[queue.pop()].targets:
            master(target)

    stuck = [index for index, unit in enumerate(units) if missing_count[index] > 0
             and not all(t in mastered for t in unit.targets)]
    if not stuck:
        return
    # Link each stuck unit to the stuck units that teach what it waits for.
    # Loops in these links are the faults. Units that only wait on a loop are
    # not reported, because they become ready once the loop is broken.
    teaches: dict[str, set[int]] = {}
    for index in stuck:
        for target in units[index].targets:
            teaches.setdefault(target, set()).add(index)
    waits: nx.DiGraph = nx.DiGraph()
    for index in stuck:
        for competency_id in needed_of[index]:
            if competency_id in mastered:
                continue
            if index in teaches.get(competency_id, ()) or competency_id in _descendants_of(
                    content, units[index].targets):
                waits.add_edge(index, index, needs=competency_id)
            for other in teaches.get(competency_id, ()):
                if not waits.has_edge(index, other):
                    waits.add_edge(index, other, needs=competency_id)
    reported = False
    for component in sorted(nx.strongly_connected_components(waits),
                            key=lambda c: min(units[i].id for i in c)):
        first = min(component, key=lambda i: units[i].id)
        if len(component) == 1 and not waits.has_edge(first, first):
            continue
        loop = (nx.find_cycle(waits.subgraph(component), source=first)
                if len(component) > 1 else [(first, first)])
        links = [f"'{units[u].id}' needs '{waits.edges[u, v]['needs']}', taught in "
                 f"'{units[v].id}'" if u != v else
                 f"'{units[u].id}' needs '{waits.edges[u, v]['needs']}', which builds on "
                 "the unit's own targets" for u, v in loop]
        for index in sorted({u for u, _ in loop}, key=lambda i: units[i].id):
            reported = True
            yield _problem(documents[units[index].file], ("targets",), "unit-cycle",
                           "no order of units makes this unit ready, because units wait "
                           "on each other in a loop: " + "; ".join(links), key=True)
    if not reported:
        first = min(stuck, key=lambda i: units[i].id)
        blocker = next(c for c in needed_of[first] if c not in mastered)
        yield _problem(documents[units[first].file], ("targets",), "unit-cycle",
                       f"no order of units makes this unit ready: it needs '{blocker}', "
                       "which no unit that can be taught first teaches", key=True)


def _descendants_of(content: Content, targets: Iterable[str]) -> set[str]:
    """Return the competencies that build on any of ``targets``, directly or not."""
    dependants: dict[str, list[str]] = {}
    for competency in content.competencies.values():
        for prerequisite in competency.prerequisites:
            dependants.setdefault(prerequisite, []).append(competency.id)
    seen: set[str] = set()
    stack = [t for t in targets]
    while stack:
        for dependant in dependants.get(stack.pop(), ()):
            if dependant not in seen:
                seen.add(dependant)
                stack.append(dependant)
    return seen


def _ancestors(content: Content, competency_id: str) -> set[str]:
    """Return every competency that ``competency_id`` builds on, directly or not."""
    seen: set[str] = set()
    stack = list(content.competencies[competency_id].prerequisites)
    while stack:
        current = stack.pop()
        if current not in seen and current in content.competencies:
            seen.add(current)
            stack.extend(content.competencies[current].prerequisites)
    return seen


def check_readiness(content: Content, documents: dict[str, Document]) -> Iterator[Problem]:
    """Check that readiness items name the unit's prerequisites, and each one has an item."""
    for unit in content.units.values():
        document = documents[unit.file]
        needed = direct_prerequisites(content, unit.targets, unit.prerequisites)
        checked: set[str] = set()
        for index, item in enumerate(unit.readiness):
            ref = item.get("competency") if isinstance(item, dict) else None
            if not isinstance(ref, str) or ref not in content.competencies:
                continue
            checked.add(ref)
            if ref not in needed:
                hint = (f"; the unit's prerequisites are {', '.join(needed)}"
                        if needed else "; the unit has no prerequisites")
                yield _problem(document, ("readiness", index, "competency"), "readiness",
                               f"'{ref}' is not a prerequisite of this unit{hint}; "
                               "remove this item or name one of those")
        missing = [p for p in needed if p not in checked]
        if missing:
            yield _problem(document, ("readiness",) if "readiness" in document.data
                           else ("id",), "readiness-coverage",
                           "no readiness check for the prerequisite(s) "
                           + ", ".join(f"'{m}'" for m in missing)
                           + "; add an item with 'competency:' and 'check:' to "
                           "readiness for each", key=True)


def check_coverage(content: Content, documents: dict[str, Document]) -> Iterator[Problem]:
    """Warn about each competency that no unit teaches."""
    taught = {target for unit in content.units.values() for target in unit.targets}
    for competency in content.competencies.values():
        if competency.id not in taught:
            yield Problem(competency.file, competency.line, _id_column(documents, competency),
                          "untaught-competency",
                          f"no unit teaches '{competency.id}' (level {competency.level}); "
                          "add it to a unit's targets",
                          severity="warning")


def _id_column(documents: dict[str, Document], competency: Any) -> int:
    document = documents[competency.file]
    for index, item in _competency_items(document):
        if item.get("id") == competency.id:
            return document.at(("competencies", index, "id"))[1]
    return 1


def check_lesson_time(content: Content, documents: dict[str, Document]) -> Iterator[Problem]:
    """Warn about each lesson whose activities take longer than the lesson."""
    for unit in content.units.values():
        document = documents[unit.file]
        for index, lesson in enumerate(unit.lessons):
            if not isinstance(lesson, dict) or not isinstance(lesson.get("minutes"), int):
                continue
            activities = lesson.get("activities")
            total = sum(a["minutes"] for a in activities if isinstance(a, dict)
                        and isinstance(a.get("minutes"), int)
                        and not isinstance(a["minutes"], bool)) if isinstance(
                            activities, list) else 0
            if total > lesson["minutes"]:
                yield _problem(document, ("lessons", index, "minutes"), "lesson-time",
                               f"the activities take {total} minutes but the lesson "
                               f"has {lesson['minutes']}")
        sessions = unit.duration.get("sessions")
        length = unit.duration.get("minutes_per_session")
        lessons = sum(lesson["minutes"] for lesson in unit.lessons
                      if isinstance(lesson, dict) and isinstance(lesson.get("minutes"), int))
        if isinstance(sessions, int) and isinstance(length, int) and (
                lessons > sessions * length):
            yield _problem(document, ("duration",), "lesson-time",
                           f"the lessons take {lessons} minutes but the duration is "
                           f"{sessions} sessions of {length} minutes ({sessions * length} "
                           "minutes)")


# Element names that make text render as markup; "<" in "3 < 5" or "a<b" is not one.
_HTML_TAG = re.compile(
    r"<\s*/?\s*(a|abbr|audio|b|base|blockquote|body|br|button|canvas|code|details|div|em|"
    r"embed|form|frame|frameset|h[1-6]|head|hr|html|i|iframe|img|input|link|li|math|meta|"
    r"object|ol|p|picture|pre|script|section|select|small|source|span|strong|style|sub|"
    r"summary|sup|svg|table|td|template|textarea|th|tr|u|ul|video)(?=[\s/>])[^<>]*>"
    r"|<!--", re.IGNORECASE)
_MARKDOWN_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^>\s]*)>")
# Reference-style link definitions, "[label]: address", at the start of a line.
_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+)", re.MULTILINE)
# Addresses in running text with a scheme that is not https.
_BARE_LINK = re.compile(r"(?<![\w(<])((?:http|ftp|file)://\S+|(?:javascript|vbscript|data):\S+)",
                        re.IGNORECASE)


def check_text(content: Content, documents: dict[str, Document]) -> Iterator[Problem]:
    """Report HTML tags and links other than https in text, which must be Markdown."""
    for document in content.documents:
        if document.data is None or document.kind == "repository":
            continue
        for path, text in document.markup:
            if path and path[-1] == "url":
                continue  # an address field, which the schema checks
            tag = _HTML_TAG.search(text)
            if tag:
                yield _text_problem(document, path, tag.group(0), "raw-html",
                                    f"HTML markup '{tag.group(0)[:40]}' in text; write "
                                    "Markdown instead (it is shown as plain text on "
                                    "the site)")
            links = dict.fromkeys(
                match.group(1)
                for pattern in (_MARKDOWN_LINK, _AUTOLINK, _LINK_DEFINITION, _BARE_LINK)
                for match in pattern.finditer(text))
            for link in links:
                if not link.lower().startswith("https://"):
                    yield _text_problem(document, path, link, "link-scheme",
                                        f"the link '{link[:60]}' is not an "
                                        "https:// address")


def _text_problem(document: Document, path: tuple[str | int, ...], needle: str,
                  rule: str, message: str) -> Problem:
    """Return a problem at the line of ``needle`` inside a possibly multi-line text.

    A block scalar starts at its '>-' or '|' marker, so the line is found by
    reading the file from there; it falls back to the start of the text.
    """
    problem = _problem(document, path, rule, message)
    try:
        lines = document.path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return problem
    first = needle.splitlines()[0] if needle else needle
    for number in range(problem.line, min(len(lines), problem.line + 2000) + 1):
        column = lines[number - 1].find(first)
        if column >= 0:
            return dataclasses.replace(problem, line=number, column=column + 1)
    return problem


_FINISHED_STATUSES = ("review", "published")
# The marker as a whole word, so that TODOS or a TODOLIST-like name is not one.
_PLACEHOLDER_WORD = re.compile(rf"\b{PLACEHOLDER}\b")


def check_placeholders(content: Content, documents: dict[str, Document]
                       ) -> Iterator[Problem]:
    """Report each text that still contains the placeholder marker of a skeleton file."""
    for document in content.documents:
        if document.data is None or document.kind == "repository":
            continue
        status = document.data.get("status") if document.kind == "unit" else None
        finished = status in _FINISHED_STATUSES
        for path, text in document.placeholders:
            if not _PLACEHOLDER_WORD.search(text):
                continue
            shown = " ".join(text.split())
            shown = shown if len(shown) <= 50 else shown[:47] + "..."
            message = (f"{field_name(path)} still contains placeholder text ('{shown}'); "
                       "replace it with your own words")
            if finished:
                message += f" before the unit's status is {status}"
            line, column = document.at(path)
            yield Problem(document.file, line, column, "placeholder-text", message,
                          severity="error" if finished else "warning", path=path)



CHECKS: tuple[Check, ...] = (
    check_file_names,
    check_unique_ids,
    check_references,
    check_cycles,
    check_levels,
    check_unit_order,
    check_readiness,
    check_coverage,
    check_lesson_time,
    check_text,
    check_placeholders,
)


# Checks that look at one file at a time, and so stay right when other files
# could not be read.
FILE_CHECKS: tuple[Check, ...] = (check_file_names, check_text, check_placeholders)


def run_checks(content: Content) -> list[Problem]:
    """Run every repository-wide check and return the problems found.

    While some content file could not be read (a YAML error, a bad encoding, a
    misplaced or unreadable file), only the checks of single files run:
    checks across files would report every id that file defines as unknown.
    """
    documents = {document.file: document for document in content.documents}
    incomplete = any(d.data is None for d in content.documents) or any(
        p.line == 0 and p.rule in ("file-name", "file-unreadable")
        for p in content.problems)
    problems: list[Problem] = []
    for check in FILE_CHECKS if incomplete else CHECKS:
        problems.extend(check(content, documents))
    return problems
