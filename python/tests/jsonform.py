"""The journeys' JSON form, both ways, written independently of the package.

`to_python` turns a step's JSON arguments into the native values an
operation's method takes (driven by the schema in tests/vectors/api.json);
`to_json` turns a native result back into the JSON form the patterns are
written in (records as objects, enums as strings, dates `YYYY-MM-DD`,
instants RFC 3339, bytes base64).
"""

from __future__ import annotations

import base64
import dataclasses
import keyword
from datetime import date, datetime, timezone
from enum import Enum
from typing import Any

import lakse
from conftest import load

API: dict[str, Any] = load("api.json")
TYPES: dict[str, Any] = API["types"]
NATIVE = {"NikRecord", "KkRecord", "ErrorInfo", "NikOutcome"}


def attr(key: str) -> str:
    return key + "_" if keyword.iskeyword(key) else key


def neutral(t: str) -> dict[str, Any]:
    """The schema of an api.json argument type."""
    if t.startswith("optional<"):
        return {"anyOf": [neutral(t[9:-1]), {"type": "null"}]}
    if t.startswith("list<"):
        return {"type": "array", "items": neutral(t[5:-1])}
    if t == "date":
        return {"type": "string", "format": "date"}
    if t == "bytes":
        return {"$ref": "#/$defs/Bytes"}
    if t == "string":
        return {"type": "string"}
    if t in TYPES:
        return {"$ref": f"#/$defs/{t}"}
    return {"type": "integer"}


def to_python(schema: dict[str, Any], value: Any) -> Any:
    if value is None:
        return None
    if "$ref" in schema:
        name = schema["$ref"].split("/")[-1]
        target = TYPES[name]
        if name == "Bytes":
            return value if isinstance(value, bytes) else base64.b64decode(value)
        if name in ("IdNumber", "Secret", "EmailAddress"):
            return value
        variants = target.get("oneOf")
        if variants and all("const" in v for v in variants):
            return getattr(lakse, name)(value)
        if variants:
            for v in variants:
                tag = v["properties"]["kind"]["const"]
                if tag == value.get("kind"):
                    cls = getattr(lakse, name + "".join(p.capitalize() for p in tag.split("_")))
                    rest = {k: x for k, x in value.items() if k != "kind"}
                    return cls(**{attr(k): to_python(v["properties"][k], x) for k, x in rest.items()})
            raise AssertionError(f"no {name} variant {value}")
        props = target["properties"]
        return getattr(lakse, name)(**{attr(k): to_python(props[k], x) for k, x in value.items()})
    if "anyOf" in schema:
        inner = [s for s in schema["anyOf"] if s.get("type") != "null"][0]
        return to_python(inner, value)
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = [k for k in kind if k != "null"][0]
    if kind == "string" and schema.get("format") == "date":
        return date.fromisoformat(value)
    if kind == "array":
        return [to_python(schema["items"], v) for v in value]
    return value


def to_json(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, str):
        return value
    if isinstance(value, datetime):
        assert value.tzinfo is not None, "instants are time-zone aware"
        return value.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, list):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    name = type(value).__name__
    if dataclasses.is_dataclass(value):
        out = {f.name.rstrip("_"): to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
        kind = getattr(value, "_KIND", None)
        if kind is not None:
            out["kind"] = kind
        return out
    if name in NATIVE:
        return {k: to_json(getattr(value, attr(k))) for k in TYPES[name]["properties"]}
    raise AssertionError(f"no JSON form for {name}")
