"""Every shared journey of tests/journeys/ (format in its README), through the
native Python API: arguments become Python values, results are compared in
their JSON form."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

import lakse
from conftest import FIXTURES, JOURNEYS
from jsonform import API, neutral, to_json, to_python

OPS = {op["name"]: op for op in API["operations"]}
FILES = sorted(JOURNEYS.glob("*.json"))


def substitute(value: Any, names: dict[str, Any]) -> Any:
    if isinstance(value, str):
        whole = re.fullmatch(r"\$\{(\w+)\}", value)
        if whole and whole.group(1) in names:
            return names[whole.group(1)]
        for name, v in names.items():
            value = value.replace("${" + name + "}", v if isinstance(v, str) else json.dumps(v))
        return value
    if isinstance(value, dict):
        if set(value) == {"$fixture"}:
            return (FIXTURES / value["$fixture"]).read_bytes()
        return {k: substitute(v, names) for k, v in value.items()}
    if isinstance(value, list):
        return [substitute(v, names) for v in value]
    return value


def mismatch(pattern: Any, found: Any, path: str = "") -> str | None:
    if pattern is None:
        return None
    if isinstance(pattern, dict) and isinstance(found, dict):
        for k, p in pattern.items():
            if k not in found:
                return f"{path}/{k} missing"
            m = mismatch(p, found[k], f"{path}/{k}")
            if m:
                return m
        return None
    if isinstance(pattern, list) and isinstance(found, list) and len(pattern) == len(found):
        for i, (p, f) in enumerate(zip(pattern, found)):
            m = mismatch(p, f, f"{path}/{i}")
            if m:
                return m
        return None
    numbers = (int, float)
    if isinstance(pattern, numbers) and isinstance(found, numbers) and not isinstance(pattern, bool):
        return None if pattern == found and not isinstance(found, bool) else f"{path}: expected {pattern}, found {found}"
    return None if pattern == found else f"{path}: expected {pattern!r}, found {found!r}"


def pointer(doc: Any, ptr: str) -> Any:
    for token in ptr.split("/")[1:] if ptr else []:
        token = token.replace("~1", "/").replace("~0", "~")
        doc = doc[int(token)] if isinstance(doc, list) else doc[token]
    return doc


def capture(spec: Any, result: Any) -> Any:
    if isinstance(spec, str):
        return pointer(result, spec)
    item = next(i for i in reversed(result) if mismatch(spec["where"], i) is None)
    return pointer(item, spec["pick"])


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_journey(path: Path, tmp_path: Path) -> None:
    journey = json.loads(path.read_text(encoding="utf-8"))
    options = to_python({"$ref": "#/$defs/OpenOptions"}, {**journey.get("options", {}), "data_dir": str(tmp_path / "data")})
    names: dict[str, Any] = {}
    with lakse.Lakse(options) as desk:
        for i, step in enumerate(journey["steps"]):
            op = OPS[step["op"]]
            at = f"{path.name} step {i} ({op['name']})"
            args = substitute(step.get("args") or {}, names)
            # Every declared argument is passed; an absent one is None (JSON null).
            kwargs = {a["name"]: to_python(neutral(a["type"]), args.get(a["name"])) for a in op["args"]}
            target: Any = desk if op["receiver"] == "handle" else lakse
            expect = substitute(step.get("expect", {"ok": None}), names)
            try:
                result = getattr(target, op["name"])(**kwargs)
            except lakse.LakseError as e:
                assert "error" in expect, f"{at}: failed with {e.code} ({e})"
                assert e.code == expect["error"], f"{at}: {e!r}"
                if "field" in expect:
                    assert e.field == expect["field"], f"{at}: field of {e!r}"
                continue
            assert "error" not in expect, f"{at}: expected {expect['error']}, got {result!r}"
            found = to_json(result)
            m = mismatch(expect.get("ok"), found)
            assert m is None, f"{at}: {m}"
            for name, spec in (step.get("capture") or {}).items():
                names[name] = capture(spec, found)


def test_the_journeys_are_there() -> None:
    assert len(FILES) >= 6, FILES
