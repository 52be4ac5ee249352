"""The package against the contract: every operation of tests/vectors/api.json
is a function or `Lakse` method (at runtime and in the stubs) with the same
argument names; every record, enum and error code has its Python class; the
generated files are fresh."""

from __future__ import annotations

import ast
import dataclasses
import importlib
import inspect
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import lakse
from conftest import ROOT, load

API = load("api.json")
ERRORS = load("errors.json")
STUB = Path(lakse.__file__).with_name("__init__.pyi")
WRAPPERS = {"Bytes", "IdNumber", "Secret", "EmailAddress"}  # strings or bytes in Python
GENERATED: Any = importlib.import_module("lakse._generated")


def params(fn: Any) -> list[str]:
    return [p for p in inspect.signature(fn).parameters if p not in ("self", "cls")]


def stub_tree() -> ast.Module:
    return ast.parse(STUB.read_text(encoding="utf-8"))


def stub_functions(body: list[ast.stmt]) -> dict[str, list[str]]:
    return {
        node.name: [a.arg for a in node.args.args + node.args.kwonlyargs if a.arg not in ("self", "cls")]
        for node in body
        if isinstance(node, ast.FunctionDef)
    }


@pytest.mark.parametrize("op", API["operations"], ids=lambda op: str(op["name"]))
def test_operation_is_there_with_its_arguments(op: dict[str, Any]) -> None:
    names = [a["name"] for a in op["args"]]
    tree = stub_tree()
    if op["receiver"] == "handle":
        assert params(getattr(lakse.Lakse, op["name"])) == names
        (cls,) = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Lakse"]
        assert stub_functions(cls.body)[op["name"]] == names
    else:
        assert params(getattr(lakse, op["name"])) == names
        assert stub_functions(tree.body)[op["name"]] == names


def test_nothing_beyond_the_contract_on_the_handle() -> None:
    ops = {op["name"] for op in API["operations"] if op["receiver"] == "handle"}
    public = {n for n in vars(lakse.Lakse) if not n.startswith("_")}
    assert public - ops == {"open"}
    assert ops <= public


def schema_kind(schema: dict[str, Any]) -> str:
    variants = schema.get("oneOf")
    if variants and all("const" in v for v in variants):
        return "enum"
    return "union" if variants else "record"


@pytest.mark.parametrize("name", sorted(set(API["types"]) - WRAPPERS))
def test_type_is_there_with_its_fields(name: str) -> None:
    schema = API["types"][name]
    kind = schema_kind(schema)
    if kind == "enum":
        assert [m.value for m in getattr(lakse, name)] == [v["const"] for v in schema["oneOf"]]
        return
    if kind == "union":
        for variant in schema["oneOf"]:
            tag = variant["properties"]["kind"]["const"]
            cls = getattr(lakse, name + "".join(p.capitalize() for p in tag.split("_")))
            fields = {f.name.rstrip("_") for f in dataclasses.fields(cls)}
            assert fields == set(variant["properties"]) - {"kind"}
        return
    cls = getattr(lakse, name)
    if dataclasses.is_dataclass(cls):
        assert {f.name.rstrip("_") for f in dataclasses.fields(cls)} == set(schema["properties"])
    else:  # built by the native module: read-only properties
        for prop in schema["properties"]:
            assert isinstance(inspect.getattr_static(cls, prop), type(lakse.NikRecord.nik)), prop


def test_public_names_are_the_stubs() -> None:
    stubbed = set()
    for node in stub_tree().body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            stubbed.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            stubbed.add(node.target.id)
    assert set(lakse.__all__) == stubbed


def test_every_error_code_has_its_member_and_its_family_class() -> None:
    codes = [e["code"] for e in ERRORS["errors"]]
    assert [c.value for c in lakse.ErrorCode] == codes
    families = {f["family"] for f in ERRORS["families"]}
    classes = [c for c in vars(lakse).values() if isinstance(c, type) and issubclass(c, lakse.LakseError)]
    assert len(classes) == len(families) + 1
    for entry in ERRORS["errors"]:
        (owner,) = [c for c in classes if entry["code"] in c.CODES]
        made = GENERATED._error(entry["code"], entry["field"], "m")
        assert type(made) is owner and isinstance(made, lakse.LakseError)
        assert (made.code, made.number, made.family.value, made.field, made.retryable, made.message_id) == (
            entry["code"],
            entry["number"],
            entry["family"],
            entry["field"],
            entry["retryable"],
            entry["message_id"],
        )
    expected = {
        "input": lakse.InvalidInputError,
        "auth": lakse.AuthError,
        "not_found": lakse.NotFoundError,
        "not_allowed": lakse.NotAllowedError,
        "document": lakse.DocumentError,
        "delivery": lakse.DeliveryError,
        "internal": lakse.InternalError,
    }
    assert set(expected) == families
    for family, cls in expected.items():
        assert cls.CODES == {e["code"] for e in ERRORS["errors"] if e["family"] == family}


def test_generated_files_are_fresh() -> None:
    check = subprocess.run(
        [sys.executable, str(ROOT / "python" / "generate.py"), "--check"], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr
    installed = Path(GENERATED.__file__).read_text(encoding="utf-8")
    assert installed == (ROOT / "python" / "lakse" / "_generated.py").read_text(encoding="utf-8"), (
        "the installed package is older than the sources: rebuild the wheel"
    )
