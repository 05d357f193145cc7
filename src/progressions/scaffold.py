"""Skeleton files for new units and progressions.

A skeleton is a complete file that validates as written: every required
field is present, a unit targets the competencies of its progression at its
level, and it has one readiness item for each prerequisite of those targets.
Every text that the writer must still write starts with the placeholder
marker ``TODO`` and describes what belongs there, so that ``progressions validate``
lists each one (rule ``placeholder-text``) until it is replaced.

The files are written as text rather than dumped from data, so that they carry
comments for the writer and use block style for sentences.
"""

from __future__ import annotations

import difflib
import os
import re
import textwrap
from pathlib import Path

from .content import Content, read_content
from .levels import LevelScale
from .model import Competency
from .rules.checks import direct_prerequisites
from .schemas import SCHEMA_DIR
from .yamlfile import PLACEHOLDER

__all__ = ["ScaffoldError", "check_new_id", "new_progression", "new_unit"]

ID_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9.-]{0,78}[a-z0-9])?$")
"""The id pattern of ``schemas/common.schema.json``."""

WIDTH = 88
"""Maximum length of a written line, comments and folded text included."""

_YAML11_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"}


class ScaffoldError(ValueError):
    """A skeleton that cannot be written as requested. Its message names what to change."""


def _suggest_slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9.-]+", "-", text.lower()).strip("-.")
    return re.sub(r"-{2,}", "-", slug)[:80].strip("-.")


def check_new_id(content: Content, new_id: str, what: str) -> None:
    """Raise ScaffoldError unless ``new_id`` is a valid id that nothing uses yet.

    Parameters
    ----------
    content : Content
        The repository as read, problems and all.
    new_id : str
        The id asked for.
    what : str
        What the id names, such as ``"unit"``, for the message.

    Raises
    ------
    ScaffoldError
        If the id is not a lowercase slug, or a progression, competency or
        unit already uses it (ignoring case).
    """
    key = new_id.casefold()
    for used, document, path in content.id_uses:
        if used.casefold() == key:
            line = document.at(path)[0]
            raise ScaffoldError(
                f"the id '{new_id}' is already used in {document.file}:{line}; "
                "every id must be unique across the repository, so choose another")
    if not ID_PATTERN.match(new_id):
        slug = _suggest_slug(new_id)
        taken = {item.casefold() for item, _, _ in content.id_uses}
        hint = (f", such as '{slug}'" if ID_PATTERN.match(slug) and slug not in taken
                else "")
        raise ScaffoldError(
            f"'{new_id}' is not a valid {what} id: use lowercase letters a-z, digits, "
            f"'-' and '.', starting and ending with a letter or digit{hint}")
    for document in content.documents:
        if document.path.stem.casefold() == key and document.kind != "repository":
            raise ScaffoldError(
                f"{document.file} already exists; choose another id or edit that file")


def _level(levels: LevelScale, value: str) -> str:
    label = levels.parse(value)
    if label is None:
        raise ScaffoldError(f"level '{value}' is not in the repository's level scale "
                            f"({', '.join(levels)})")
    return label


def _schema_line(root: Path, folder: Path, kind: str) -> str:
    """Return the editor line that names the schema, relative to the new file."""
    local = root / "schemas" / f"{kind}.schema.json"
    if local.is_file():
        target = Path(os.path.relpath(local, folder)).as_posix()
    else:
        # A repository without its own copy: point at the installed schemas.
        target = (SCHEMA_DIR / f"{kind}.schema.json").resolve().as_posix()
    return f"# yaml-language-server: $schema={target}"


class _Writer:
    """A YAML file built line by line from comments, scalars and folded text."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def comment(self, indent: int, text: str) -> None:
        prefix = " " * indent + "# "
        for line in textwrap.wrap(text, WIDTH - len(prefix)) or [""]:
            self.lines.append(prefix + line)

    def raw(self, line: str) -> None:
        self.lines.append(line)

    def field(self, indent: int, key: str, value: str, dash: bool = False) -> None:
        """Write ``key: value`` with ``value`` already in YAML form."""
        lead = " " * indent + ("- " if dash else "")
        self.lines.append(f"{lead}{key}: {value}")

    def text(self, indent: int, key: str, value: str, dash: bool = False) -> None:
        """Write a text field, folded over several lines when it is long."""
        lead = " " * indent + ("- " if dash else "")
        single = f"{lead}{key}: {_quote(value)}"
        if len(single) <= WIDTH and "\n" not in value:
            self.lines.append(single)
            return
        self.lines.append(f"{lead}{key}: >-")
        body = " " * (len(lead) + 2)
        self.lines.extend(body + line for line in textwrap.wrap(value, WIDTH - len(body)))

    def item(self, indent: int, value: str) -> None:
        """Write a list item that contains text."""
        lead = " " * indent + "- "
        single = lead + _quote(value)
        if len(single) <= WIDTH:
            self.lines.append(single)
            return
        self.lines.append(lead + ">-")
        body = " " * len(lead)
        self.lines.extend(body + line for line in textwrap.wrap(value, WIDTH - len(body)))

    def blank(self) -> None:
        self.lines.append("")

    def result(self) -> str:
        return "\n".join(self.lines) + "\n"


def _quote(text: str) -> str:
    """Return ``text`` as a double-quoted YAML scalar."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def _level_value(label: str) -> str:
    if label.isdigit() and (label == "0" or not label.startswith("0")):
        return label
    if label.lower() in _YAML11_WORDS or not re.fullmatch(r"[A-Za-z][A-Za-z0-9-]*", label):
        return _quote(label)
    return label


def _todo(text: str) -> str:
    return f"{PLACEHOLDER}: {text}"


def _competencies_at(content: Content, progression: str, level: str) -> list[Competency]:
    ids = content.progressions[progression].competencies
    return [content.competencies[c] for c in ids
            if c in content.competencies and content.competencies[c].level == level]


def _progression_levels(content: Content, progression: str) -> list[str]:
    levels = {content.competencies[c].level
              for c in content.progressions[progression].competencies
              if c in content.competencies}
    return [label for label in content.levels if label in levels]


def unit_text(content: Content, unit_id: str, level: str, progression: str, *,
              title: str | None = None, author: str | None = None,
              sessions: int = 4, minutes: int = 50) -> str:
    """Return the skeleton of a unit as YAML text; see :func:`new_unit`."""
    label = _level(content.levels, level)
    if progression not in content.progressions:
        close = difflib.get_close_matches(progression, list(content.progressions), n=1)
        hint = (f"; did you mean '{close[0]}'?" if close else
                f" (the repository's progressions: "
                f"{', '.join(sorted(content.progressions)) or 'none yet'})")
        raise ScaffoldError(f"no progression has the id '{progression}'{hint}")
    targets = _competencies_at(content, progression, label)
    if not targets:
        levels = ", ".join(_progression_levels(content, progression)) or "none"
        raise ScaffoldError(
            f"the progression '{progression}' has no competency at level {label} "
            f"(its levels: {levels}); add one to "
            f"{content.progressions[progression].file} first, or pick one of its levels")
    needed = direct_prerequisites(content, [t.id for t in targets], ())

    out = _Writer()
    folder = content.root / "units" / progression
    out.raw(_schema_line(content.root, folder, "unit"))
    out.comment(0, f"A new unit, written by progressions new. Replace every text that "
                f"starts with {PLACEHOLDER} with your own words, and delete optional "
                "items you do not need. Check the file with: progressions validate")
    out.field(0, "id", unit_id)
    out.text(0, "title", title or _todo("the title teachers will see, such as the "
                                        "question the unit answers"))
    out.field(0, "level", _level_value(label))
    out.field(0, "progression", progression)
    out.comment(0, f"The competencies the unit teaches: every competency of "
                f"{progression} at level {label}. Remove any that the unit does not "
                "teach, together with the readiness items that only it needs.")
    out.raw("targets:")
    for target in targets:
        out.comment(2, target.statement)
        out.raw(f"  - {target.id}")
    out.comment(0, "Optional: competencies students need beyond the prerequisites of "
                "the targets. Uncomment and list their ids.")
    out.raw("# prerequisites: []")
    out.field(0, "duration", f"{{sessions: {sessions}, minutes_per_session: {minutes}}}")
    out.text(0, "summary", _todo(
        "one paragraph for teachers on what students learn and do in the unit, "
        "and the task it ends with."))

    out.comment(0, "Lessons in teaching order. Each activity's minutes add up to at most "
                "the lesson's minutes. Add a lesson by copying one.")
    out.raw("lessons:")
    for number in range(1, sessions):
        _lesson(out, number, minutes)

    out.raw("assessment:")
    out.comment(2, "One of: performance-task, test, project, essay, presentation.")
    out.field(2, "kind", "performance-task")
    out.text(2, "title", _todo("name the final task"))
    out.text(2, "description", _todo(
        "what students do, alone or in groups, how long it takes, and what the "
        "teacher looks for."))
    out.raw("  items:")
    out.text(4, "prompt", _todo("a problem or prompt of the assessment."), dash=True)
    out.text(6, "answer", _todo("its answer, or what a complete response contains."))
    out.raw("  rubric:")
    out.text(4, "criterion", _todo("one thing a response is scored on"), dash=True)
    out.text(6, "evidence", _todo("what a response that meets it shows."))

    out.raw("differentiation:")
    out.raw("  scaffolds:")
    out.item(4, _todo("a support for students working below level "
                      f"{label}, such as a worked example or a sentence frame."))
    out.raw("  extensions:")
    out.item(4, _todo(f"a challenge for students working above level {label}."))

    if needed:
        out.comment(0, "One item per prerequisite of the targets, that is per "
                    "competency students need before the unit starts: a quick task "
                    "that tells the teacher whether a student is ready.")
        out.raw("readiness:")
        for prerequisite in needed:
            competency = content.competencies[prerequisite]
            out.field(2, "competency", prerequisite, dash=True)
            out.text(4, "check", _todo(
                f"a quick task that shows whether a student can already say: "
                f"{competency.statement.strip()}"))
            out.text(4, "answer", _todo("what a ready student says or does."))
    else:
        out.comment(0, "The targets have no prerequisites, so there is nothing to check "
                    "before the unit starts.")
        out.raw("readiness: []")

    out.comment(0, "Optional: terms students learn, materials, and openly licensed "
                "resources (https addresses only). Delete what you do not need.")
    out.raw("vocabulary:")
    out.text(2, "term", _todo("a term"), dash=True)
    out.text(4, "definition", _todo("what it means, in words a student understands."))
    out.raw("materials:")
    out.item(2, _todo("what the teacher and students need, one item per line."))
    _authors(out, author)
    out.field(0, "license", _license(content))
    out.comment(0, "draft while you write; review when it is ready for others to "
                "check; published once reviewed.")
    out.field(0, "status", "draft")
    return out.result()


# The activities of a skeleton lesson: name, share of the minutes and what to write.
_ACTIVITIES = (
    ("opening", 0.2,
     "how the lesson starts: what the teacher shows or asks, and what students do."),
    ("main activity", 0.6,
     ("what students work on and how, in full sentences, and what the teacher does "
      "meanwhile.")),
    ("closing check", 0.2,
     "how students show what they learned, such as the checks below."),
)


def _lesson(out: _Writer, number: int, minutes: int) -> None:
    out.text(2, "title", _todo(f"the title of lesson {number}"), dash=True)
    out.field(4, "minutes", str(minutes))
    out.text(4, "goal", _todo("what students can do by the end of the lesson."))
    out.raw("    activities:")
    for name, share, what in _ACTIVITIES:
        out.text(6, "title", _todo(f"name the {name}"), dash=True)
        out.field(8, "minutes", str(int(minutes * share)))
        out.text(8, "description", _todo(what))
    out.raw("    checks:")
    out.text(6, "prompt", _todo("a question or problem that shows whether students met "
                                "the goal."), dash=True)
    out.text(8, "answer", _todo("its answer, or what a good response contains."))


def _authors(out: _Writer, author: str | None) -> None:
    out.raw("authors:")
    out.item(2, author or _todo("your name, as you wish to be credited"))


def _license(content: Content) -> str:
    return content.settings.license or "CC-BY-4.0"


def progression_text(content: Content, progression_id: str, subject: str, *,
                     level: str | None = None, prefix: str | None = None,
                     title: str | None = None, author: str | None = None) -> str:
    """Return the skeleton of a progression as YAML text; see :func:`new_progression`."""
    label = _level(content.levels, level) if level is not None else content.levels[0]
    if not ID_PATTERN.match(subject):
        raise ScaffoldError(f"'{subject}' is not a valid subject: write it in lowercase "
                            "with hyphens, such as mathematics or english-language-arts")
    prefix = prefix or progression_id
    competency_id = f"{prefix}.{label.lower()}.first-step"
    check_new_id(content, competency_id, "competency")

    out = _Writer()
    out.raw(_schema_line(content.root, content.root / "progressions", "progression"))
    out.comment(0, f"A new progression, written by progressions new. Replace every text "
                f"that starts with {PLACEHOLDER} with your own words. Check the file "
                "with: progressions validate")
    out.field(0, "id", progression_id)
    out.text(0, "title", title or _todo("the name teachers will see"))
    out.field(0, "subject", subject)
    out.text(0, "summary", _todo(
        "one paragraph on what the progression covers and how its levels build on "
        "each other."))
    _authors(out, author)
    out.field(0, "license", _license(content))
    out.comment(0, "What a student can do at each level, lowest level first. Ids read "
                f"<prefix>.<level>.<topic>, such as {competency_id}: rename this one to "
                "its topic. Add a competency by copying one.")
    out.raw("competencies:")
    out.field(2, "id", competency_id, dash=True)
    out.field(4, "level", _level_value(label))
    out.text(4, "statement", _todo("an 'I can ...' sentence in your own words, never "
                                   "copied from a standard."))
    out.comment(4, "Optional: ids of competencies a student needs first, at this level "
                "or below, and the codes of the standards it serves.")
    out.raw("    # prerequisites: []")
    out.raw("    # alignments:")
    out.raw("    #   - {framework: CCSS.Math, code: 3.NF.A.1}")
    return out.result()


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as file:
            file.write(text)
    except FileExistsError:
        raise ScaffoldError(f"{path} already exists; choose another id or edit that "
                            "file") from None
    return path


def _open(root: str | os.PathLike[str]) -> Content:
    path = Path(root)
    if not path.is_dir():
        raise ScaffoldError(f"no such folder: {path}")
    return read_content(path)


def new_unit(root: str | os.PathLike[str], unit_id: str, level: str, progression: str,
             **options: str | None) -> Path:
    """Write the skeleton of a unit to ``units/<progression>/<unit_id>.yaml``.

    Parameters
    ----------
    root : path
        The repository's root folder.
    unit_id, level, progression : str
        The new unit's id, its level label and the id of its progression.
    **options
        ``title`` and ``author``, written instead of placeholders when given.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    ScaffoldError
        If the id is not valid or already used, the file exists, the progression
        is unknown, the level is not in the scale, or the progression has no
        competency at that level. Nothing is written then.
    """
    content = _open(root)
    check_new_id(content, unit_id, "unit")
    text = unit_text(content, unit_id, level, progression, **options)  # type: ignore[arg-type]
    return _write(content.root / "units" / progression / f"{unit_id}.yaml", text)


def new_progression(root: str | os.PathLike[str], progression_id: str, subject: str,
                    **options: str | None) -> Path:
    """Write the skeleton of a progression to ``progressions/<progression_id>.yaml``.

    Parameters
    ----------
    root : path
        The repository's root folder.
    progression_id, subject : str
        The new progression's id and its subject, such as ``mathematics``.
    **options
        ``level`` of its first competency (default: the lowest of the scale),
        ``prefix`` of competency ids (default: the progression id), ``title``
        and ``author``.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    ScaffoldError
        If an id is not valid or already used, the file exists, or the level is
        not in the scale. Nothing is written then.
    """
    content = _open(root)
    check_new_id(content, progression_id, "progression")
    text = progression_text(content, progression_id, subject, **options)  # type: ignore[arg-type]
    return _write(content.root / "progressions" / f"{progression_id}.yaml", text)

