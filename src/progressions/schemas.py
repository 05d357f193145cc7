"""The JSON Schemas of the content format, and schema errors as problem records."""

from __future__ import annotations

import datetime
import difflib
import functools
import json
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Any

import jsonschema
import referencing

try:
    import jsonschema_rs
except ImportError:  # pragma: no cover - the package is a dependency
    jsonschema_rs = None  # type: ignore[assignment]
from referencing.jsonschema import DRAFT202012

from .problems import Problem
from .problems import field_name as _field_name
from .yamlfile import locate

__all__ = ["SCHEMA_DIR", "SchemaError", "SchemaSet", "load_schemas"]

SCHEMA_DIR = Path(__file__).parent / "schema_files"
"""The schemas shipped with the package (the repository's ``schemas/`` folder)."""

KINDS = ("repository", "progression", "unit")


class SchemaError(Exception):
    """Raised when a schema file is itself broken: a fault in the tool, not the content."""


def _check_date(value: object) -> bool:
    if not isinstance(value, str):
        return True
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


_FORMATS = jsonschema.FormatChecker(formats=())
_FORMATS.checks("date", raises=())(_check_date)


class SchemaSet:
    """Validators for each kind of content file, built from one schema folder.

    ``$ref`` between schemas is resolved from the folder only; a reference to
    anything else fails instead of reaching the network.
    """

    def __init__(self, directory: Path = SCHEMA_DIR) -> None:
        self.directory = directory
        self.schemas: dict[str, dict[str, Any]] = {}
        resources = []
        for path in sorted(directory.glob("*.schema.json")):
            try:
                contents = json.loads(path.read_text(encoding="utf-8"))
                jsonschema.Draft202012Validator.check_schema(contents)
            except (OSError, ValueError, jsonschema.SchemaError) as error:
                raise SchemaError(f"{path}: invalid schema: {error}") from error
            resource = referencing.Resource.from_contents(
                contents, default_specification=DRAFT202012)
            resources.append((contents.get("$id", path.name), resource))
            self.schemas[path.name.removesuffix(".schema.json")] = contents
        missing = [kind for kind in KINDS if kind not in self.schemas]
        if missing:
            raise SchemaError(f"{directory}: missing schema(s): {', '.join(missing)}")
        registry: referencing.Registry = referencing.Registry(  # type: ignore[call-arg]
            retrieve=_refuse_retrieval).with_resources(resources)
        self.validators = {
            kind: jsonschema.Draft202012Validator(
                self.schemas[kind], registry=registry, format_checker=_FORMATS)
            for kind in KINDS
        }
        # jsonschema-rs checks whether a file is valid a few hundred times faster
        # than jsonschema. Most files are valid, and jsonschema explains the ones
        # that are not, so messages do not depend on the fast path.
        self.fast_validators: dict[str, Any] = {}
        if jsonschema_rs is not None:
            try:
                fast_registry = jsonschema_rs.Registry(
                    [(contents.get("$id", name), contents)
                     for name, contents in self.schemas.items()])
                self.fast_validators = {
                    kind: jsonschema_rs.validator_for(
                        self.schemas[kind], registry=fast_registry, validate_formats=True)
                    for kind in KINDS
                }
            except ValueError as error:  # such as a $ref outside the folder
                raise SchemaError(f"{directory}: invalid schema: {error}") from error

    def check(self, kind: str, document: Any, file: str,
              skip: Collection[tuple[str | int, ...]] = ()) -> Iterator[Problem]:
        """Yield a problem for each schema error in ``document``.

        Errors at a path in ``skip`` (values the YAML loader already reported)
        are left out.
        """
        fast = self.fast_validators.get(kind)
        if fast is not None and fast.is_valid(document):
            return
        missing: dict[tuple[str | int, ...], list[str]] = {}
        problems: list[Problem] = []
        for error in self.validators[kind].iter_errors(document):
            if error.validator == "required":
                # One problem per mapping that lacks fields, not one per field.
                path = tuple(error.absolute_path)
                missing.setdefault(path, []).append(_quoted_name(error.message))
                continue
            problems.extend(_problems_for(error, document, file, skip))
        for problem in problems:
            # A misspelt required field is one mistake: report the unknown field
            # with its suggestion, not also the required field as missing.
            if problem.rule == "unknown-field":
                parent, key = problem.path[:-1], str(problem.path[-1])
                close = difflib.get_close_matches(key, missing.get(parent, []), n=1,
                                                  cutoff=0.6)
                if close:
                    missing[parent].remove(close[0])
            yield problem
        for path, names in missing.items():
            if path in skip or not names:
                continue
            line, column = locate(document, path)
            fields = ", ".join(f"'{name}'" for name in names)
            plural = "s" if len(names) > 1 else ""
            yield Problem(file, line, column, "missing-field",
                          f"{_field_name(path)} is missing the required field{plural} "
                          f"{fields}", path=path)


def _refuse_retrieval(uri: str) -> referencing.Resource:
    raise referencing.exceptions.NoSuchResource(ref=uri)  # type: ignore[call-arg]


@functools.cache
def load_schemas(directory: Path = SCHEMA_DIR) -> SchemaSet:
    """Return the (cached) schema set for ``directory``."""
    return SchemaSet(directory)


def _problems_for(error: jsonschema.ValidationError, document: Any, file: str,
                  skip: Collection[tuple[str | int, ...]]) -> Iterator[Problem]:
    if error.context:
        # anyOf/oneOf: report the alternative that got furthest.
        error = jsonschema.exceptions.best_match(error.context)
    path = tuple(error.absolute_path)
    if path in skip:
        return
    keyword = str(error.validator)
    schema = error.schema if isinstance(error.schema, dict) else {}
    where = _field_name(path)
    if keyword == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        instance: dict[str, Any] = error.instance  # type: ignore[assignment]
        for key in sorted(set(instance) - set(allowed)):
            line, column = locate(document, path + (key,), key=True)
            yield Problem(file, line, column, "unknown-field",
                          f"unknown field '{key}' in {where}{_suggest(key, allowed)}",
                          path=path + (key,))
        return
    line, column = locate(document, path)
    yield Problem(file, line, column, _rule_for(keyword, schema),
                  _message_for(keyword, error, where, schema), path=path)


def _rule_for(keyword: str, schema: dict[str, Any]) -> str:
    if schema.get("title") == "HTTPS URL":
        return "https-url"
    return "schema"


def _message_for(keyword: str, error: jsonschema.ValidationError, where: str,
                 schema: dict[str, Any]) -> str:
    value: Any = error.instance
    expected: Any = error.validator_value
    shown = _show(value)
    title = schema.get("title", "value")
    if keyword == "type":
        expected = [expected] if isinstance(expected, str) else expected
        if value is None:
            return f"{where} is empty; write a value"
        return (f"{where} must be {' or '.join(_TYPE_NAMES.get(t, t) for t in expected)}, "
                f"not {_type_name(value)} {shown}")
    if keyword == "pattern":
        if title == "HTTPS URL":
            return f"{where} {shown} is not an https:// address; only https links are allowed"
        if isinstance(value, str) and not value.strip():
            return f"{where} is blank; write some text"
        return f"{where} {shown} is not a valid {title.lower()}: {schema.get('description', '')}"
    if keyword == "enum":
        options = ", ".join(str(option) for option in expected)
        return f"{where} {shown} is not one of: {options}{_suggest(str(value), options.split(', '))}"
    if keyword in ("minItems", "maxItems"):
        return f"{where} needs {'at least' if keyword == 'minItems' else 'at most'} " \
               f"{error.validator_value} item(s); it has {len(value)}"
    if keyword in ("minLength", "maxLength"):
        if keyword == "minLength":
            return f"{where} is empty; write some text"
        return f"{where} is longer than {error.validator_value} characters; shorten it"
    if keyword in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        bound = "at least" if "inimum" in keyword else "at most"
        return f"{where} must be {bound} {error.validator_value}, not {shown}"
    if keyword == "uniqueItems":
        return f"{where} lists the same item more than once"
    if keyword == "format":
        return f"{where} {shown} is not a real {error.validator_value}"
    return f"{where}: {error.message}"


_TYPE_NAMES = {"string": "text", "integer": "a whole number", "number": "a number",
               "object": "a mapping of fields", "array": "a list", "boolean": "true or false",
               "null": "empty"}


def _type_name(value: object) -> str:
    if isinstance(value, bool):
        return "the boolean"
    if isinstance(value, int):
        return "the whole number"
    if isinstance(value, float):
        return "the number"
    if isinstance(value, str):
        return "the text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "the value"


def _show(value: object) -> str:
    if isinstance(value, (dict, list)):
        return ""
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 60 else text[:57] + "...'"


def _quoted_name(message: str) -> str:
    """Return the field name from a jsonschema "'name' is a required property" message."""
    return message.split("'")[1] if message.count("'") >= 2 else message


def _suggest(word: str, options: list[str]) -> str:
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""
