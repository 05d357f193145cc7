"""Reference pages generated from the JSON Schemas and the rule catalog."""

from __future__ import annotations

import json
from typing import Any

import yaml

from ..rules.catalog import RULES
from ..schemas import load_schemas
from . import paths
from .text import cell, markdown, plain

__all__ = ["format_page", "rules_page"]

# The order and file names of the documents the format describes.
_DOCUMENTS = (
    ("repository", "repository.yaml"),
    ("progression", "progressions/<id>.yaml"),
    ("unit", "units/**/<id>.yaml"),
)
_TYPE_NAMES = {"string": "text", "integer": "whole number", "number": "number",
               "boolean": "true or false", "object": "mapping", "array": "list"}


class _FormatWriter:
    """Turn the schemas into Markdown sections, one table per mapping."""

    def __init__(self) -> None:
        self.schemas = load_schemas().schemas
        self.sections: list[str] = []
        self.anchors: dict[tuple[str, str], str] = {}  # (schema, def name) -> anchor

    def anchor(self, schema: str, name: str) -> str:
        return self.anchors.setdefault((schema, name), f"{schema}-{name}".lower())

    def resolve(self, ref: str, schema: str) -> tuple[str, str, dict[str, Any]]:
        """Return the schema name, definition name and definition ``ref`` points to."""
        document, _, pointer = ref.partition("#")
        owner = document.removesuffix(".schema.json") if document else schema
        name = pointer.rsplit("/", 1)[-1]
        return owner, name, self.schemas[owner]["$defs"][name]

    def kind(self, node: dict[str, Any], schema: str, title: str) -> str:
        """Describe the type of ``node``, queueing a section for inline mappings."""
        if "$ref" in node:
            owner, name, target = self.resolve(node["$ref"], schema)
            return f"[{plain(target.get('title', name))}](#{self.anchor(owner, name)})"
        if "enum" in node:
            return "one of " + ", ".join(f"`{value}`" for value in node["enum"])
        types = node.get("type", [])
        types = [types] if isinstance(types, str) else list(types)
        if "array" in types:
            items = node.get("items", {})
            return "list of " + (self.kind(items, schema, title) if items else "values")
        if "object" in types and "properties" in node:
            name = title.lower().replace(" ", "-")
            self.pending.append((title, schema, name, node))
            return f"[{plain(title)}](#{self.anchor(schema, name)})"
        return " or ".join(_TYPE_NAMES.get(t, t) for t in types) or "any value"

    def table(self, node: dict[str, Any], schema: str) -> str:
        required = set(node.get("required", []))
        rows = ["| Field | Required | Type | Description |", "| --- | --- | --- | --- |"]
        for field, child in node.get("properties", {}).items():
            description = child.get("description", "")
            title = child.get("title", field.replace("_", " ").capitalize())
            if "$ref" in child and not description:
                description = self.resolve(child["$ref"], schema)[2].get("description", "")
            examples = child.get("examples")
            if examples:
                description += " Example: " + ", ".join(
                    f"`{json.dumps(example)}`" for example in examples[:3]) + "."
            rows.append(f"| `{field}` | {'yes' if field in required else 'no'} "
                        f"| {self.kind(child, schema, title)} "
                        f"| {cell(description, rich=True)} |")
        return "\n".join(rows)

    def section(self, title: str, schema: str, name: str, node: dict[str, Any],
                level: str = "###") -> None:
        parts = [f"{level} {plain(title)} {{ #{self.anchor(schema, name)} }}"]
        if node.get("description"):
            parts.append(markdown(node["description"]))
        if "properties" in node:
            parts.append(self.table(node, schema))
        else:
            parts.append(f"Type: {self.kind(node, schema, title)}.")
            facts = [f"{key} `{node[key]}`" for key in
                     ("pattern", "minLength", "maxLength", "minimum", "maximum")
                     if key in node]
            if facts:
                parts.append("Constraints: " + ", ".join(facts) + ".")
            if node.get("examples"):
                parts.append("Examples: " + ", ".join(
                    f"`{json.dumps(example)}`" for example in node["examples"]) + ".")
        self.sections.append("\n\n".join(parts))

    def document(self, kind: str, file: str) -> None:
        schema = self.schemas[kind]
        self.pending: list[tuple[str, str, str, dict[str, Any]]] = []
        self.section(f"{schema.get('title', kind)} ({file})", kind, "document", schema,
                     level="##")
        for example in schema.get("examples", [])[:1]:
            text = yaml.safe_dump(example, sort_keys=False, allow_unicode=True)
            self.sections.append("Example:\n\n```yaml\n" + text + "```")
        while self.pending:
            self.section(*self.pending.pop(0))
        for name, definition in schema.get("$defs", {}).items():
            self.pending = []
            self.section(definition.get("title", name), kind, name, definition)
            while self.pending:
                self.section(*self.pending.pop(0))

    def common(self) -> None:
        schema = self.schemas["common"]
        self.pending = []
        self.sections.append(f"## {plain(schema.get('title', 'Shared definitions'))}")
        if schema.get("description"):
            self.sections.append(markdown(schema["description"]))
        for name, definition in schema.get("$defs", {}).items():
            self.section(definition.get("title", name), "common", name, definition)


def format_page() -> str:
    """Return the content format reference, generated from the JSON Schemas."""
    writer = _FormatWriter()
    for kind, file in _DOCUMENTS:
        writer.document(kind, file)
    writer.common()
    intro = [
        "# Content format",
        "",
        ("The content is YAML, one file per progression and per unit, checked against "
         "the JSON Schemas (draft 2020-12) in the repository's `schemas/` folder. This "
         "page is generated from those schemas: their titles, descriptions and examples. "
         "Besides the schemas, `progressions validate` applies the "
         f"[validation rules]({paths.link(paths.FORMAT, paths.RULES)}) across files."),
        "",
        "Text fields hold Markdown without HTML. Links must use https:// addresses.",
    ]
    return "\n".join(intro) + "\n\n" + "\n\n".join(writer.sections) + "\n"


_GROUPS = {"files": "Files", "yaml": "YAML", "schema": "Schema",
           "references": "References", "graph": "Prerequisite graph",
           "coverage": "Coverage", "units": "Units", "text": "Text"}


def rules_page() -> str:
    """Return the list of validation rules, generated from the rule catalog."""
    groups: dict[str, list[str]] = {}
    for rule in RULES.values():
        groups.setdefault(rule.group, []).append(
            f"### `{rule.id}`\n\n*{plain(rule.severity)}.* {markdown(rule.checks)}\n\n"
            f"**To fix:** {markdown(rule.fix)}")
    parts = [
        "# Validation rules",
        ("`progressions validate` reports every problem as `FILE:LINE:COL: SEVERITY: "
         "MESSAGE [RULE]`. Each rule below says what it checks and how to fix a "
         "problem it reports. Errors stop the site from being built; warnings do so "
         "only with `--strict`."),
    ]
    for group, rules in groups.items():
        parts.append(f"## {plain(_GROUPS.get(group, group.capitalize()))}")
        parts.extend(rules)
    return "\n\n".join(parts) + "\n"
