"""Safe YAML loading that keeps the line and column of every value.

Content files are composed into nodes by libyaml (PyYAML's C parser where it is
installed) and turned into plain Python values by our own small constructor,
never by PyYAML's. That gives us four things PyYAML's loaders do not:

* nothing tagged in the file is ever constructed, so ``!!python/object/apply``
  and every other tag outside the core schema is reported, not run;
* anchors and aliases are reported before the file is composed, so an alias
  bomb never expands;
* YAML 1.1 scalars that surprise writers (``NO`` read as false, ``1:30`` read
  as 90, ``010`` read as 8, ``3.10`` read as 3.1) are reported, and dates stay
  text so that a schema's ``type: string`` means what the writer expects;
* each mapping and sequence remembers where its items start, so a problem found
  later by the schema can be reported at the right line and column.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple, cast

import yaml

from .problems import Problem

__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "PLACEHOLDER",
    "Loaded",
    "MarkedDict",
    "MarkedList",
    "load_yaml_file",
    "load_yaml_text",
    "locate",
]

MAX_FILE_BYTES = 1024 * 1024
"""Files larger than this (1 MiB) are rejected unread; a unit is a few KiB."""

MAX_DEPTH = 64
"""Deepest nesting accepted; content needs about six levels."""

PLACEHOLDER = "TODO"
"""The marker that starts text a writer still has to replace, as in skeleton files."""

# Flow brackets allowed before the nesting depth is measured from parser events.
# libyaml's composer recurses in C and crashes the process on very deep flow
# nesting (seen at 300,000 levels with PyYAML 6.0.3), so deep files must be
# caught before composition.
_BRACKET_BUDGET = 2000

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader

_CORE = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT = _CORE + "str", _CORE + "int", _CORE + "float"
_BOOL, _NULL, _TIMESTAMP = _CORE + "bool", _CORE + "null", _CORE + "timestamp"
_MAP, _SEQ, _MERGE = _CORE + "map", _CORE + "seq", _CORE + "merge"
_ALLOWED_TAGS = {_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP, _MAP, _SEQ}

_PLAIN_BOOLS = {"true": True, "True": True, "TRUE": True,
                "false": False, "False": False, "FALSE": False}
_PLAIN_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
# Plain scalars that YAML 1.1 reads as text but YAML 1.2 (the version editors and
# most other readers use) reads as numbers, such as 1e3 and 0o17.
_YAML12_NUMBER = re.compile(
    r"[-+]?(?:0o[0-7]+|0x[0-9a-fA-F]+|[0-9]+(?:\.[0-9]*)?[eE][-+]?[0-9]+)")
# C0 and C1 control characters other than tab and line breaks, and the
# bidirectional overrides and isolates that can make text read differently.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_UTF8_BOM = b"\xef\xbb\xbf"
_OTHER_BOMS = (b"\xff\xfe", b"\xfe\xff")


class MarkedDict(dict):  # type: ignore[type-arg]
    """A mapping read from YAML that remembers where each key and value starts.

    ``marks[key]`` is ``(key_line, key_column, value_line, value_column)``, all
    1-based. ``line`` and ``column`` locate the mapping itself.
    """

    __slots__ = ("column", "line", "marks")

    def __init__(self, line: int = 0, column: int = 0) -> None:
        super().__init__()
        self.marks: dict[str, tuple[int, int, int, int]] = {}
        self.line = line
        self.column = column


class MarkedList(list):  # type: ignore[type-arg]
    """A sequence read from YAML that remembers where each item starts."""

    __slots__ = ("column", "line", "marks")

    def __init__(self, line: int = 0, column: int = 0) -> None:
        super().__init__()
        self.marks: list[tuple[int, int]] = []
        self.line = line
        self.column = column


def locate(document: Any, path: tuple[str | int, ...] | list[str | int],
           key: bool = False) -> tuple[int, int]:
    """Return the 1-based line and column of the value at ``path``.

    With ``key=True`` the position of the last key is returned instead of its
    value, which is where an unknown field should be reported. Where the path
    leaves the document, the position of its deepest existing part is returned.
    """
    line = getattr(document, "line", 1) or 1
    column = getattr(document, "column", 1) or 1
    node = document
    last = len(path) - 1
    for index, part in enumerate(path):
        if isinstance(node, MarkedDict) and isinstance(part, str) and part in node.marks:
            key_line, key_column, value_line, value_column = node.marks[part]
            if key and index == last:
                return key_line, key_column
            line, column = value_line, value_column
            node = node[part]
        elif (isinstance(node, MarkedList) and isinstance(part, int)
              and 0 <= part < len(node.marks)):
            line, column = node.marks[part]
            node = node[part]
        else:
            break
    return line, column


class Loaded(NamedTuple):
    """The result of loading one file.

    ``data`` is None when the file could not be read as one YAML document.
    ``markup`` lists the (path, text) of every string that may hold HTML or a
    link (it contains '<', ']', '://', 'script:' or 'data:'), for the text
    checks. ``placeholders`` lists the (path, text) of every string that
    contains the placeholder marker ``TODO``, for the placeholder check.
    """

    data: Any
    problems: list[Problem]
    markup: Sequence[tuple[tuple[str | int, ...], str]] = ()
    placeholders: Sequence[tuple[tuple[str | int, ...], str]] = ()


class _Builder:
    """Turns composed nodes into MarkedDict, MarkedList and scalars."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.markup: list[tuple[tuple[str | int, ...], str]] = []
        self.placeholders: list[tuple[tuple[str | int, ...], str]] = []

    def problem(self, node: yaml.Node, rule: str, message: str,
                path: tuple[str | int, ...]) -> None:
        mark = node.start_mark
        self.problems.append(
            Problem(self.file, mark.line + 1, mark.column + 1, rule, message, path=path)
        )

    def build(self, node: yaml.Node, path: tuple[str | int, ...]) -> Any:
        if len(path) > MAX_DEPTH:
            self.problem(node, "yaml-too-deep",
                         f"nesting is deeper than {MAX_DEPTH} levels; "
                         "content needs only a few", path)
            return None
        tag = node.tag
        if tag not in _ALLOWED_TAGS:
            self.report_tag(node, path)
            return None
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, path)
        if isinstance(node, yaml.SequenceNode):
            items = MarkedList(node.start_mark.line + 1, node.start_mark.column + 1)
            for index, child in enumerate(node.value):
                items.marks.append((child.start_mark.line + 1, child.start_mark.column + 1))
                items.append(self.build(child, path + (index,)))
            return items
        return self.mapping(cast(yaml.MappingNode, node), path)

    def mapping(self, node: yaml.MappingNode, path: tuple[str | int, ...]) -> MarkedDict:
        result = MarkedDict(node.start_mark.line + 1, node.start_mark.column + 1)
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in (
                    _STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP):
                if key_node.tag == _MERGE or key_node.tag not in _ALLOWED_TAGS:
                    self.report_tag(key_node, path)
                else:
                    self.problem(key_node, "yaml-key",
                                 "a key must be plain text such as 'title'", path)
                continue
            key = self.scalar(key_node, path)
            if key is None:
                self.problem(key_node, "yaml-key",
                             "a key is missing before ':'; write a field name", path)
                continue
            key = str(key).lower() if isinstance(key, bool) else str(key)
            key_mark, value_mark = key_node.start_mark, value_node.start_mark
            if key in result.marks:
                first_line = result.marks[key][0]
                self.problem(key_node, "yaml-duplicate-key",
                             f"duplicate key '{key}': it is already set on line "
                             f"{first_line}; keep one of them", path + (key,))
                continue
            result.marks[key] = (key_mark.line + 1, key_mark.column + 1,
                                 value_mark.line + 1, value_mark.column + 1)
            result[key] = self.build(value_node, path + (key,))
        return result

    def scalar(self, node: yaml.ScalarNode, path: tuple[str | int, ...]) -> Any:
        text = node.value
        tag = node.tag
        if tag == _STR or node.style or tag == _TIMESTAMP:
            # Quoted and block scalars, and plain dates, stay text.
            if ("<" in text or "]" in text or "://" in text or "script:" in text
                    or "data:" in text):
                self.markup.append((path, text))
            control = _CONTROL.search(text)
            if control:
                self.problem(node, "control-character",
                             f"the text contains the invisible control character "
                             f"U+{ord(control.group()):04X}; delete it (retype the "
                             "text around it if you cannot see it)", path)
            if not node.style and tag == _STR and _YAML12_NUMBER.fullmatch(text):
                self.ambiguous(node, path, f"'{text}' is read as a number by YAML 1.2 "
                               f"readers such as editors; quote it (\"{text}\") if "
                               "you mean text")
            if PLACEHOLDER in text:
                self.placeholders.append((path, text))
            return text
        if tag == _NULL:
            return None
        if tag == _BOOL:
            if text in _PLAIN_BOOLS:
                return _PLAIN_BOOLS[text]
            self.ambiguous(node, path, f"'{text}' is read as a boolean by YAML 1.1 "
                           f"readers; quote it (\"{text}\") if you mean the word, "
                           "or write true or false")
            return text
        if tag == _INT:
            if _PLAIN_INT.match(text):
                return int(text)
            if ":" in text:
                why = "as a base-60 number"
            elif text.lstrip("+-").startswith("0"):
                why = "as an octal, hexadecimal or binary number"
            else:
                why = "as a number"
            self.ambiguous(node, path, f"'{text}' is read {why} by YAML 1.1 "
                           f"readers; quote it (\"{text}\") if you mean text, or "
                           "write a plain whole number")
            return text
        # Floats: accepted only when the text is exactly how the number prints,
        # so 3.0 is a number but 3.10 (read as 3.1) and 1.5e+3 are reported.
        try:
            number = float(text)
        except ValueError:
            number = None
        if number is not None and repr(number) == text.lstrip("+"):
            return number
        self.ambiguous(node, path, f"'{text}' is read as the number "
                       f"{_describe_float(text)} by YAML readers; quote it "
                       f"(\"{text}\") if you mean text")
        return text

    def ambiguous(self, node: yaml.Node, path: tuple[str | int, ...], message: str) -> None:
        self.problem(node, "yaml-ambiguous", message, path)

    def report_tag(self, node: yaml.Node, path: tuple[str | int, ...]) -> None:
        if node.tag == _MERGE:
            message = "merge keys ('<<') are not supported; write the fields out"
        else:
            message = (f"the tag '{_short_tag(node.tag)}' is not allowed; content "
                       "files hold only plain text, numbers, lists and mappings")
        self.problem(node, "yaml-tag", message, path)


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_CORE):] if tag.startswith(_CORE) else tag


def _describe_float(text: str) -> str:
    lowered = text.lower().lstrip("+-")
    if lowered == ".inf":
        return "infinity"
    if lowered == ".nan":
        return "'not a number'"
    try:
        return repr(float(text.replace("_", "")))
    except ValueError:
        return "with a fractional part"


def _problem(file: str, line: int, column: int, rule: str, message: str) -> Problem:
    return Problem(file, line, column, rule, message)


def _failed(file: str, line: int, column: int, rule: str, message: str) -> Loaded:
    return Loaded(None, [_problem(file, line, column, rule, message)])


def _too_large(file: str, size: int) -> Loaded:
    return _failed(file, 0, 0, "file-too-large",
                   f"the file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} "
                   "bytes (1 MiB): split it")


def load_yaml_file(path: Path, file: str) -> Loaded:
    """Read one content file; ``file`` is the name used in problem records.

    The file is only read, never written.
    """
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return _too_large(file, size)
        data = path.read_bytes()
    except OSError as error:
        return _failed(file, 0, 0, "file-unreadable",
                       f"cannot read the file: {error.strerror or error}")
    return load_yaml_bytes(data, file)


def load_yaml_bytes(data: bytes, file: str) -> Loaded:
    """Decode UTF-8 bytes (a leading BOM is accepted) and load them."""
    if len(data) > MAX_FILE_BYTES:
        return _too_large(file, len(data))
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM):]
    elif data.startswith(_OTHER_BOMS):
        return _failed(file, 1, 1, "encoding",
                       "the file is UTF-16 or UTF-32; save it as UTF-8")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        line_start = data.rfind(b"\n", 0, error.start) + 1
        column = len(data[line_start:error.start].decode("utf-8", "replace")) + 1
        return _failed(file, line, column, "encoding",
                       f"byte 0x{data[error.start]:02x} is not valid UTF-8; "
                       "save the file as UTF-8")
    return load_yaml_text(text, file)


def load_yaml_text(text: str, file: str) -> Loaded:
    """Load one YAML document from ``text``; see :func:`load_yaml_file`."""
    early = _check_events(text, file)
    if early:
        return Loaded(None, early)
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        return Loaded(None, [_syntax_problem(error, text, file)])
    except yaml.reader.ReaderError as error:
        line, column = _offset_to_position(text, error.position)
        char = f"U+{error.character:04X}" if isinstance(error.character, int) else "a character"
        return _failed(file, line, column, "yaml-syntax",
                       f"{char} is a control character that YAML does not "
                       "allow; remove it")
    except yaml.YAMLError as error:
        return _failed(file, 1, 1, "yaml-syntax", f"invalid YAML: {error}")
    if node is None:
        return _failed(file, 1, 1, "empty-file",
                       "the file has no content; write the fields or delete it")
    if isinstance(node, yaml.ScalarNode) and node.tag == _NULL:
        return _failed(file, 1, 1, "empty-file",
                       "the file has no content (only '---', null or ~); write the "
                       "fields or delete it")
    builder = _Builder(file)
    document = builder.build(node, ())
    return Loaded(document, builder.problems, builder.markup, builder.placeholders)


def _check_events(text: str, file: str) -> list[Problem]:
    """Report anchors, aliases and too-deep flow nesting before composing.

    Only files that contain '&' or '*', or many flow brackets, pay for the
    extra pass over parser events.
    """
    needs_anchors = "&" in text or "*" in text
    needs_depth = text.count("[") + text.count("{") > _BRACKET_BUDGET
    if not (needs_anchors or needs_depth):
        return []
    problems: list[Problem] = []
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    line, column = _position(event.start_mark)
                    problems.append(_problem(
                        file, line, column, "yaml-too-deep",
                        f"nesting is deeper than {MAX_DEPTH} levels; content needs "
                        "only a few"))
                    return problems
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            if isinstance(event, yaml.AliasEvent):
                line, column = _position(event.start_mark)
                problems.append(_problem(
                    file, line, column, "yaml-anchor",
                    f"alias '*{event.anchor}' is not allowed; write the value out in full"))
            elif isinstance(event, yaml.NodeEvent) and event.anchor is not None:
                line, column = _position(event.start_mark)
                problems.append(_problem(
                    file, line, column, "yaml-anchor",
                    f"anchor '&{event.anchor}' is not allowed; content files do "
                    "not use anchors or aliases"))
    except yaml.MarkedYAMLError as error:
        # Other syntax errors are reported by the full load that follows, which
        # is only safe once the nesting is known to be shallow enough.
        if needs_depth and not problems:
            return [_syntax_problem(error, text, file)]
    except yaml.YAMLError:
        if needs_depth and not problems:
            return [_problem(file, 1, 1, "yaml-syntax",
                             "invalid YAML with very deep nesting; check the brackets")]
    return problems


def _position(mark: Any) -> tuple[int, int]:
    """Return the 1-based line and column of a PyYAML mark (1, 1 without one)."""
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _syntax_problem(error: yaml.MarkedYAMLError, text: str, file: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    if "could not find expected ':'" in (error.problem or "") and error.context_mark:
        # The parser notices on the next line; the line lacking ':' is where the
        # key it was reading starts.
        mark = error.context_mark
    line = mark.line + 1 if mark else 1
    column = mark.column + 1 if mark else 1
    what = error.problem or "invalid YAML"
    if "nesting depth" in what:
        return _problem(file, line, column, "yaml-too-deep",
                        "nesting is deeper than YAML readers allow; content needs "
                        "only a few levels")
    if isinstance(error, yaml.composer.ComposerError) and "another document" in (
            error.problem or ""):
        return _problem(file, line, column, "yaml-multiple-documents",
                        "the file holds more than one YAML document; keep one "
                        "document per file and remove the '---' line")
    line_text = text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""
    indent = line_text[: len(line_text) - len(line_text.lstrip(" \t"))]
    if "\t" in indent or "'\\t'" in what:
        tab_column = indent.find("\t") + 1 if "\t" in indent else column
        return _problem(file, line, tab_column, "yaml-tab",
                        "a tab is used for indentation; YAML indents with spaces only")
    context = f" ({error.context})" if error.context else ""
    hint = next((hint for phrase, hint in _SYNTAX_HINTS if phrase in what), "")
    return _problem(file, line, column, "yaml-syntax",
                    f"invalid YAML: {what}{context}{hint}")


# Hints appended to the parser's most frequent messages: the usual cause and the fix,
# in a writer's words. The first phrase found in the message wins.
_SYNTAX_HINTS = (
    ("mapping values are not allowed",
     ("; either a colon followed by a space sits inside unquoted text (put the whole "
     "text in double quotes, or write it as a block: >- then the text on indented "
     "lines), or this line is indented further than the field above it")),
    ("expected '-' indicator",
     ("; this line is indented differently from the list around it: start every item "
     "with '- ' at the same indentation, and line up the fields inside an item")),
    ("did not find expected key",
     ("; this line is indented differently from the fields around it: line up the "
     "fields of one mapping, and indent a list or block under its field")),
    ("could not find expected ':'",
     ("; a line in a mapping needs 'field: value', or it continues text that should be "
     "a block (>- then the text on indented lines)")),
    ("found unexpected end of stream",
     "; a quote or bracket is opened above and never closed"),
    ("did not find expected node content",
     "; a bracket or quote opened above is not closed, or a value is missing"),
    ("did not find expected ',' or",
     ("; a bracket opened above is not closed, or two of its items lack a comma "
     "between them")),
    ("cannot start any token",
     "; text cannot start with this character unless it is in double quotes"),
)


def _offset_to_position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column
