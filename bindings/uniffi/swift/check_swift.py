"""Checks the generated Swift without a Swift compiler (none reaches these machines).

1. Parses generated/swift/LakseKit.swift and Package.swift with the real Swift
   grammar (tree-sitter-swift) and fails on any ERROR or MISSING node.
2. Checks the declarations the API needs are there: the Lakse class with every
   handle operation of tests/vectors/api.json as an `async` method, every pure
   operation as a plain top-level function, the LakseError enum, and a struct
   or enum for every record and enum of the manifest.

tree-sitter-swift does not parse `#if … #endif` wrapped around an attribute
(uniffi writes `#if compiler(>=6)` / `#if swift(>=5.8)` blocks); the check
resolves them as a Swift 6 compiler with the FFI module would (every such
block kept, the directive lines blanked, so line numbers stay), and fails on
any `#else`/`#elseif`, whose resolution it does not know.

What this cannot tell: type errors, wrong FFI signatures, a missing import —
anything only swiftc sees. Usage: check_swift.py <bindings/uniffi> <api.json>
"""

import json
import re
import sys
from pathlib import Path

import tree_sitter_swift
from tree_sitter import Language, Parser

PARSER = Parser(Language(tree_sitter_swift.language()))
# Bytes are Data; the privacy wrappers are classes (objects with expose()).
PLAIN = {"Bytes"}
WRAPPERS = {"IdNumber", "Secret", "EmailAddress"}


def resolve_directives(text: str, name: str) -> str:
    out = []
    for number, line in enumerate(text.split("\n"), 1):
        if re.match(r"\s*#(else|elseif)\b", line):
            sys.exit(f"{name}:{number}: #else/#elseif: extend check_swift.py to resolve it")
        out.append("" if re.match(r"\s*#(if|endif)\b", line) else line)
    return "\n".join(out)


def parse(path: Path):
    source = resolve_directives(path.read_text(), path.name).encode()
    tree = PARSER.parse(source)
    errors = []

    def walk(node):
        if node.type == "ERROR" or node.is_missing:
            errors.append(node)
        for child in node.children:
            walk(child)

    walk(tree.root_node)
    for node in errors[:20]:
        row, col = node.start_point
        snippet = source[node.start_byte : node.start_byte + 60].decode(errors="replace")
        print(f"{path}:{row + 1}:{col + 1}: {'missing ' + node.type if node.is_missing else 'syntax error'}: {snippet!r}")
    return tree, source, len(errors)


def declarations(tree, source):
    """(kind, name) of every type, and (enclosing type, name, is_async) of every function."""
    types, functions = set(), set()

    def walk(node, owner):
        if node.type in ("class_declaration", "protocol_declaration"):
            kind = node.child_by_field_name("declaration_kind")
            name = node.child_by_field_name("name")
            kind = kind.text.decode() if kind is not None else "protocol"
            owner = name.text.decode() if name is not None else owner
            if kind != "extension":
                types.add((kind, owner))
        elif node.type in ("function_declaration", "protocol_function_declaration"):
            name = node.child_by_field_name("name")
            body = node.child_by_field_name("body")
            end = body.start_byte if body is not None else node.end_byte
            signature = source[node.start_byte : end].decode()
            is_async = re.search(r"\)\s*async\b", signature) is not None
            functions.add((owner, name.text.decode().strip("`"), is_async))
        for child in node.children:
            walk(child, owner)

    walk(tree.root_node, None)
    return types, functions


def camel(snake: str) -> str:
    head, *rest = snake.split("_")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)


def main() -> int:
    root, manifest = Path(sys.argv[1]), json.loads(Path(sys.argv[2]).read_text())

    # The checker must see a syntax error when there is one.
    broken = PARSER.parse(b"public func f(x: Int -> Int { return x }\nstruct { let }")
    assert broken.root_node.has_error, "tree-sitter-swift accepted broken Swift"

    _, _, failures = parse(root / "Package.swift")
    tree, source, errors = parse(root / "generated/swift/LakseKit.swift")
    failures += errors
    types, functions = declarations(tree, source)

    def expect(condition: bool, what: str):
        nonlocal failures
        if not condition:
            print(f"missing: {what}")
            failures += 1

    expect(("class", "Lakse") in types, "class Lakse")
    expect(("enum", "LakseError") in types, "enum LakseError")
    expect(("Lakse", "open", True) in functions, "static async func Lakse.open(options:)")
    for name, schema in manifest["types"].items():
        if name in PLAIN:
            continue
        kind = "class" if name in WRAPPERS else "struct" if "properties" in schema else "enum"
        expect((kind, name) in types, f"{kind} {name}")
        if name in WRAPPERS:
            expect((name, "expose", False) in functions, f"func {name}.expose()")
    for op in manifest["operations"]:
        name = camel(op["name"])
        if op["receiver"] == "handle":
            expect(("Lakse", name, True) in functions, f"async func Lakse.{name}")
        else:
            expect((None, name, False) in functions, f"func {name} (top level, not async)")

    ops = len(manifest["operations"])
    print(f"Swift check: {len(types)} types, {len(functions)} functions parsed; "
          f"{ops} operations and {len(manifest['types']) - len(PLAIN)} types expected; {failures} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
