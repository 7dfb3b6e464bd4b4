"""Generate src/wire/generated.rs: botocore's Converse shapes as a table the wire layer walks.

`python codegen/gen_wire.py` reads src/wire/service_model.json (botocore's model cut to
Converse, ConverseStream and CountTokens by codegen/service_model.py) and writes one
[`Shape`] per botocore shape: its kind, its members in botocore's order (the order boto3
returns them in and its messages list them in), which are required, and the `min` that
botocore checks before sending. The request encoder and the response decoder in src/wire
walk this table; nothing in it comes from the Rust SDK's types.
It also writes python/fastconverse/_shapes.pyi (TypedDicts of the same shapes; `--no-pyi` skips it).
The output depends only on the model: running it twice gives identical files.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import re
import subprocess
from dataclasses import dataclass
from typing import Any

ROOT = pathlib.Path(__file__).resolve().parent.parent
MODEL_PATH = ROOT / "src" / "wire" / "service_model.json"
OUTPUT = ROOT / "src" / "wire" / "generated.rs"
PYI_OUTPUT = ROOT / "python" / "fastconverse" / "_shapes.pyi"

# The botocore operations and the Python method each one is.
OPERATIONS = {
    "Converse": "converse",
    "ConverseStream": "converse_stream",
    "CountTokens": "count_tokens",
}
# Builtin names the stubs use, qualified when a member of the same name would hide them.
PY_BUILTINS = {"bytes", "bytearray", "str", "int", "float", "bool", "list", "dict"}
# Operation outputs that hold only the event stream: no TypedDict of their own.
SKIPPED_OUTPUTS = {"ConverseStreamResponse"}
# botocore types and the `Kind` variant of each scalar.
SCALARS = {
    "string": "String",
    "integer": "Integer",
    "long": "Long",
    "float": "Float",
    "double": "Double",
    "boolean": "Boolean",
    "blob": "Blob",
}


class GenError(Exception):
    """The model holds something the generator does not handle."""


def constant(name: str) -> str:
    """`ConverseRequest` -> `CONVERSE_REQUEST`."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name).upper()


@dataclass
class Member:
    name: str  # botocore member name
    shape: str
    required: bool


@dataclass
class Shape:
    name: str
    kind: str  # "struct" or "union" (for the stubs)
    members: list[Member]


def min_check(shape: dict[str, Any]) -> str | None:
    """The `Min` botocore checks on a value of this shape before sending, as Rust.

    botocore checks the length of strings and lists and the value of numbers (not blobs,
    not maps); a `min` of 0 on a length checks nothing.
    """
    t = shape["type"]
    if "min" not in shape:
        return None
    n = shape["min"]
    if not isinstance(n, int):
        raise GenError(f"non-integer min {n!r}")
    if t == "string" and n > 0:
        return (
            f'Some(Min::Length({n}, "fastconverse::min::length::{n}", '
            f'"fastconverse::min::key-length::{n}"))'
        )
    if t == "list" and n > 0:
        # Apart from strings: botocore checks a value's type before its length, so a
        # list given for a string (or a string for a list) is a type error.
        return f'Some(Min::Items({n}, "fastconverse::min::items::{n}"))'
    if t in ("integer", "long", "float", "double"):
        return f'Some(Min::Value({n}, "fastconverse::min::value::{n}"))'
    return None


class Generator:
    def __init__(self, model: dict[str, Any]) -> None:
        self.model = model
        self.shapes_json: dict[str, Any] = model["shapes"]
        self.botocore_version = model["botocore_version"]
        self.names = sorted(self.shapes_json)
        self.index = {name: i for i, name in enumerate(self.names)}
        self.outputs: dict[str, str] = {}
        for op_name, method in OPERATIONS.items():
            op = model["operations"][op_name]
            self.outputs[op["output"]["shape"]] = method
        # Structures and unions reachable from inputs and outputs (not errors), for the stubs.
        self.shapes: dict[str, Shape] = {}
        for name in self.reachable():
            s = self.shapes_json[name]
            if s["type"] != "structure" or s.get("document") or name in SKIPPED_OUTPUTS:
                continue
            required = set(s.get("required", []))
            members = [Member(m, spec["shape"], m in required) for m, spec in s["members"].items()]
            kind = "union" if s.get("union") or s.get("eventstream") else "struct"
            self.shapes[name] = Shape(name, kind, members)

    def reachable(self) -> list[str]:
        """Shapes reachable from the operations' inputs and outputs (errors aside), sorted."""
        seen: set[str] = set()

        def walk(name: str) -> None:
            if name in seen:
                return
            seen.add(name)
            s = self.shapes_json[name]
            for m in s.get("members", {}).values():
                walk(m["shape"])
            for key in ("member", "key", "value"):
                if key in s:
                    walk(s[key]["shape"])

        for op in self.model["operations"].values():
            walk(op["input"]["shape"])
            walk(op["output"]["shape"])
        return sorted(seen)

    def shape_id(self, name: str) -> str:
        return f"ShapeId({self.index[name]})"

    def kind(self, name: str) -> str:
        s = self.shapes_json[name]
        t = s["type"]
        if t in SCALARS:
            return f"Kind::{SCALARS[t]}"
        if t == "list":
            return f"Kind::List {{ member: {self.shape_id(s['member']['shape'])} }}"
        if t == "map":
            key = self.shape_id(s["key"]["shape"])
            value = self.shape_id(s["value"]["shape"])
            return f"Kind::Map {{ key: {key}, value: {value} }}"
        if t != "structure":
            raise GenError(f"{name}: unsupported botocore type {t}")
        if s.get("document"):
            return "Kind::Document"
        members = []
        for member, spec in s["members"].items():
            location = spec.get("location")
            if location not in (None, "uri"):
                raise GenError(f"{name}.{member}: members in {location} are not handled")
            if "locationName" in spec and spec["locationName"] != member:
                raise GenError(f"{name}.{member}: a renamed member is not handled")
            members.append(
                f'Member {{ name: "{member}", shape: {self.shape_id(spec["shape"])}, '
                f"in_uri: {'true' if location == 'uri' else 'false'} }}"
            )
        names = ", ".join(f'"{m}"' for m in s["members"])
        required = ", ".join(f'"{m}"' for m in s.get("required", []))
        if s.get("eventstream"):
            flavor = "Flavor::EventStream"
        elif s.get("union"):
            flavor = "Flavor::Union"
        elif s.get("exception"):
            flavor = "Flavor::Error"
        else:
            flavor = "Flavor::Plain"
        return (
            f"Kind::Structure(&Structure {{ flavor: {flavor}, "
            f"members: &[{', '.join(members)}], names: &[{names}], required: &[{required}] }})"
        )

    def emit(self) -> str:
        out: list[str] = []
        w = out.append
        w(
            f"// @generated by codegen/gen_wire.py from botocore {self.botocore_version}; "
            "do not edit.\n"
        )
        w("//! botocore's Converse shapes as a table; see codegen/gen_wire.py, `super::model`.\n")
        w("use super::model::{Flavor, Kind, Member, Min, Shape, ShapeId, Structure};\n")
        w(
            "/// The botocore version whose service model this table follows.\n"
            f'pub const BOTOCORE_VERSION: &str = "{self.botocore_version}";\n'
        )
        w("/// Every shape reachable from the three operations, sorted by name.")
        w(f"pub static SHAPES: [Shape; {len(self.names)}] = [")
        for name in self.names:
            s = self.shapes_json[name]
            check = min_check(s) or "None"
            w(f'    Shape {{ name: "{name}", kind: {self.kind(name)}, min: {check} }},')
        w("];\n")
        for name in self.names:
            w(f"/// `{name}`.")
            w(f"pub const {constant(name)}: ShapeId = {self.shape_id(name)};")
        return "\n".join(out) + "\n"

    def emit_pyi(self) -> str:
        """Stubs: a TypedDict per generated shape, for type checkers and editors.

        Written in the layout `ruff format` keeps, so that the file passes the project's checks.
        """
        out = [
            '"""TypedDicts of the Converse shapes in boto3\'s dict layout, for type checkers.',
            "",
            "@generated by codegen/gen_wire.py from botocore "
            f"{self.botocore_version}; do not edit.",
            "Structures are total=False with Required[...] for the members botocore requires;",
            "a union is a TypedDict whose members are all optional (give exactly one).",
            "String enums also take any str: values Bedrock adds later pass.",
            "`<Output>TypeDef` is what a call returns: the output and boto3's ResponseMetadata.",
            '"""',
            "",
            "import builtins",
            "from typing import Any, Literal",
            "",
            "from typing_extensions import Required, TypeAlias, TypedDict",
            "",
        ]
        enums: set[str] = set()

        def py_type(shape: str) -> str:
            s = self.shapes_json[shape]
            t = s["type"]
            if t == "string":
                if s.get("enum"):
                    enums.add(shape)
                    return shape
                return "str"
            if t in ("integer", "long"):
                return "int"
            if t in ("float", "double"):
                return "float"
            if t == "boolean":
                return "bool"
            if t == "blob":
                return "bytes | bytearray | str"
            if t == "structure":
                return "Any" if s.get("document") else shape
            if t == "list":
                return f"list[{py_type(s['member']['shape'])}]"
            if t == "map":
                return f"dict[str, {py_type(s['value']['shape'])}]"
            raise GenError(f"unsupported botocore type {t}")

        classes: list[str] = []
        for name, shape in self.shapes.items():
            kind = "union: exactly one member" if shape.kind == "union" else "structure"
            classes.append("")
            classes.append(f"class {name}(TypedDict, total=False):")
            classes.append(f'    """botocore\'s `{name}` ({kind})."""')
            if shape.members:
                classes.append("")
            clashing = {m.name for m in shape.members} & PY_BUILTINS
            for m in shape.members:
                t = py_type(m.shape)
                for b in sorted(clashing):  # a member named `bytes` hides the builtin below it
                    t = re.sub(rf"(?<![\w.\"]){b}\b", f"builtins.{b}", t)
                if m.required and shape.kind != "union":
                    t = f"Required[{t}]"
                classes.append(f"    {m.name}: {t}")
        # What a call returns: the output shape and boto3's ResponseMetadata.
        classes += [
            "",
            "class ResponseMetadataTypeDef(TypedDict):",
            '    """boto3\'s `ResponseMetadata`: request id, HTTP status and headers, retries."""',
            "",
            "    RequestId: str",
            "    HTTPStatusCode: int",
            "    HTTPHeaders: dict[str, str]",
            "    RetryAttempts: int",
        ]
        for output, module in sorted(self.outputs.items()):
            if output in SKIPPED_OUTPUTS:
                continue
            classes += [
                "",
                f"class {output}TypeDef({output}, total=False):",
                f'    """What `{module}` returns: `{output}` and boto3\'s `ResponseMetadata`."""',
                "",
                "    ResponseMetadata: Required[ResponseMetadataTypeDef]",
            ]
        for name in sorted(enums):
            values = self.shapes_json[name]["enum"]
            if len(values) == 1:  # no magic trailing comma in a one-element subscript
                out.append(f"{name}: TypeAlias = Literal[{json.dumps(values[0])}] | str")
                continue
            out.append(f"{name}: TypeAlias = (")
            out.append("    Literal[")
            out.extend(f"        {json.dumps(value)}," for value in values)
            out.append("    ]")
            out.append("    | str")
            out.append(")")
        out.extend(classes)
        out.append("")
        return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--no-pyi", action="store_true", help="do not write python/fastconverse/_shapes.pyi"
    )
    args = parser.parse_args()
    model = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    gen = Generator(model)
    OUTPUT.write_text(gen.emit(), encoding="utf-8")
    subprocess.run(["rustfmt", "--edition", "2021", str(OUTPUT)], check=True)
    if not args.no_pyi:
        PYI_OUTPUT.parent.mkdir(parents=True, exist_ok=True)
        PYI_OUTPUT.write_text(gen.emit_pyi(), encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}: {len(gen.names)} shapes")


if __name__ == "__main__":
    main()
