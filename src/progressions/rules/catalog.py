"""Every rule the validator applies: its id, default severity and documentation.

The site's rule page and ``progressions rules`` are generated from this table,
so a new rule is documented here before it is used.
"""

from __future__ import annotations

import dataclasses

__all__ = ["RULES", "RuleInfo", "rule_info"]


@dataclasses.dataclass(frozen=True, slots=True)
class RuleInfo:
    """One validation rule: what it checks and how a writer fixes a problem.

    ``scope`` is ``"file"`` for a rule that looks at one file alone, and
    ``"repository"`` for one whose problems can appear in a file that did not
    change, because another file did (``validate --changed-since`` keeps those).
    """

    id: str
    severity: str
    group: str
    checks: str
    fix: str
    scope: str = "file"


RULES: dict[str, RuleInfo] = {}

# Groups whose rules compare files with each other.
_REPOSITORY_GROUPS = ("references", "graph", "coverage")


def _add(id: str, severity: str, group: str, checks: str, fix: str,
         scope: str | None = None) -> None:
    if scope is None:
        scope = "repository" if group in _REPOSITORY_GROUPS else "file"
    RULES[id] = RuleInfo(id, severity, group, checks, fix, scope)


def rule_info(rule_id: str) -> RuleInfo:
    """Return the documentation of ``rule_id``; raises KeyError for unknown ids."""
    return RULES[rule_id]


# Reading files.
_add("file-too-large", "error", "files",
     "A content file is at most 1 MiB.",
     "Split the file; a unit is usually a few kilobytes.")
_add("file-unreadable", "error", "files",
     "The file can be opened and read.",
     "Check the file's permissions, or whether it is a broken link.")
_add("encoding", "error", "files",
     "The file is UTF-8 text. A leading byte order mark is accepted.",
     "Save the file as UTF-8 in your editor (often 'Save with encoding').")
_add("file-name", "error", "files",
     "A file's name is its id followed by .yaml, and it sits in the right folder: "
     "progressions in progressions/, units anywhere below units/.",
     "Rename the file, or change its id, so that the two agree.")
_add("no-content", "error", "files",
     "The folder is a content repository: it has a progressions/ or units/ folder.",
     "Run the command from the repository's root, or pass the root as an argument.",
     scope="repository")

# YAML.
_add("yaml-syntax", "error", "yaml",
     "The file is valid YAML.",
     "Look at the line named and the one before it: an unclosed quote or bracket, or "
     "a colon followed by a space inside unquoted text, are the usual causes.")
_add("yaml-tab", "error", "yaml",
     "Indentation uses spaces only; YAML does not allow tabs there.",
     "Replace the tabs at the start of the line with spaces; set your editor to "
     "insert spaces for the Tab key.")
_add("yaml-duplicate-key", "error", "yaml",
     "A field appears once in its mapping. YAML readers silently keep the last one.",
     "Delete one of the two lines, or merge their values.")
_add("yaml-ambiguous", "error", "yaml",
     "Plain values mean the same thing in every YAML reader. YAML 1.1 reads yes, no, "
     "on and off as booleans, 1:30 as 90, 010 as 8, and 3.10 as the number 3.1.",
     "Put the value in quotes, such as \"no\" or \"3.10\".")
_add("yaml-tag", "error", "yaml",
     "No YAML tags (!!python/..., !custom, !!binary) and no merge keys (<<). Tags are "
     "rejected without being run.",
     "Remove the tag and write the plain value.")
_add("yaml-anchor", "error", "yaml",
     "No anchors (&name) or aliases (*name): each value is written where it is used, "
     "and a file cannot expand into something huge.",
     "Write the value out in full in each place.")
_add("control-character", "error", "yaml",
     "Text contains no invisible control characters (such as escape or null) and no "
     "bidirectional overrides, which can hide or reorder what a reader sees.",
     "Delete the character; retype the words around it if your editor does not show it.")
_add("yaml-key", "error", "yaml",
     "Every key is a plain field name.",
     "Write the field name before the colon.")
_add("yaml-too-deep", "error", "yaml",
     "Nesting is at most 64 levels deep.",
     "Check the brackets and indentation; content needs only a few levels.")
_add("yaml-multiple-documents", "error", "yaml",
     "A file holds one YAML document.",
     "Remove the '---' line and move the second document into its own file.")
_add("empty-file", "error", "yaml",
     "A content file is not empty or only comments.",
     "Write the file's fields, or delete the file.")

# Schema.
_add("missing-field", "error", "schema",
     "Every required field is present.",
     "Add the field named; the content format reference lists what it holds.")
_add("unknown-field", "error", "schema",
     "Every field is part of the format; a misspelt field would otherwise be ignored.",
     "Fix the spelling (the message suggests the closest field) or remove the field.")
_add("https-url", "error", "schema",
     "Web addresses start with https://. Plain http, javascript: and other schemes "
     "are rejected.",
     "Use the https:// address of the resource, or remove it.")
_add("schema", "error", "schema",
     "Every value has the type and form the content format gives it.",
     "Change the value as the message says; the content format reference has an "
     "example for each field.")
_add("invalid-level", "error", "schema",
     "A level is a label of the repository's scale (by default K, 1, ... 12), written "
     "as 3 or K, not 3.0 or three.",
     "Write the level as it appears in the scale.")

# Repository-wide checks.
_add("unique-id", "error", "references",
     "Every id is unique across progressions, competencies and units; ids that "
     "differ only in case collide.",
     "Rename one of the two; the message names the first use.")
_add("unknown-reference", "error", "references",
     "Every referenced id exists and is of the right kind: prerequisites, targets and "
     "readiness checks name competencies, and a unit's progression names a progression.",
     "Correct the id (the message suggests the closest one) or add what it refers to.")
_add("prerequisite-cycle", "error", "graph",
     "Prerequisites never loop back: no competency is, directly or through others, "
     "its own prerequisite.",
     "The message lists every link of the loop with its file and line; remove the "
     "link that is wrong.")
_add("prerequisite-level", "error", "graph",
     "A prerequisite is not at a higher level than the competency or unit that "
     "needs it.",
     "Remove the prerequisite, or correct one of the two levels.")
_add("unit-cycle", "error", "graph",
     "Units never wait on each other in a loop: starting from nothing, some order of "
     "units makes every unit ready. A loop arises when a unit needs a competency that "
     "builds on one of the unit's own targets, and only the unit teaches that target.",
     "Split the unit so the target that others build on is taught in an earlier unit, "
     "or move the competency that closes the loop into the unit's targets.")
_add("target-level", "error", "references",
     "A unit's targets sit at the unit's level.",
     "Change the unit's level, or target competencies of that level.")
_add("readiness", "error", "references",
     "Each readiness check names a prerequisite of the unit: a prerequisite of one of "
     "its targets (other than the targets themselves) or one of its extra prerequisites.",
     "Name the prerequisite the item checks, or remove the item.")
_add("readiness-coverage", "warning", "coverage",
     "Each direct prerequisite of a unit has a readiness check, so a teacher can tell "
     "whether a student is ready.",
     "Add a readiness item for the prerequisite named.")
_add("untaught-competency", "warning", "coverage",
     "Every competency is a target of at least one unit.",
     "Write a unit that teaches it, or add it to the targets of a unit at its level.")
_add("lesson-time", "warning", "units",
     "A lesson's activities fit in the lesson's minutes, and the lessons fit in the "
     "unit's duration (sessions times minutes per session).",
     "Shorten the activities or lessons, or lengthen the lesson or the duration.")
_add("placeholder-text", "warning", "text",
     "No text still holds the placeholder marker TODO that `progressions new` puts "
     "where the writer has to write. A warning while the unit is a draft, and "
     "in a progression; an error once a unit's status is review or published.",
     "Replace the whole placeholder, TODO included, with your own words: the "
     "placeholder says what belongs there. Delete optional items you do not need.")
_add("raw-html", "error", "text",
     "Text is Markdown without HTML tags; tags are shown as text on the site.",
     "Use Markdown: *emphasis*, **bold**, [link text](https://...).")
_add("link-scheme", "error", "text",
     "Links in text point to https:// addresses.",
     "Use the https:// address, or remove the link.")
