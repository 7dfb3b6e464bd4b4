"""Generate src/wire/generated.rs: the Converse shapes in boto3's layout and their SDK conversions.

`python codegen/gen_wire.py` reads src/wire/service_model.json (botocore's model cut to
Converse, ConverseStream and CountTokens by codegen/service_model.py) and the sources of
the pinned aws-sdk-bedrockruntime crate (found with `cargo metadata`), and writes one serde
type per botocore shape with `into_sdk`/`from_sdk` conversions, then runs rustfmt on it.
Names, optionality, builder fallibility and union variants come from the SDK's source, never
from guesses; botocore members the SDK lacks become `crate::wire::Unsupported` fields.
It also writes python/fastconverse/_shapes.pyi (TypedDicts of the same shapes; `--no-pyi` skips it).
The output depends only on those inputs: running it twice gives identical files.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import re
import subprocess
import sys
from dataclasses import dataclass, field
from typing import Any

ROOT = pathlib.Path(__file__).resolve().parent.parent
MODEL_PATH = ROOT / "src" / "wire" / "service_model.json"
OUTPUT = ROOT / "src" / "wire" / "generated.rs"
PYI_OUTPUT = ROOT / "python" / "fastconverse" / "_shapes.pyi"
SDK_CRATE = "aws-sdk-bedrockruntime"
SDK = "::aws_sdk_bedrockruntime"
WE = "WireError"  # imported at the top of the generated module, like HashMap
HASHMAP = "HashMap"

# The botocore operations, their SDK module, and whether we generate request/response code.
OPERATIONS = {
    "Converse": "converse",
    "ConverseStream": "converse_stream",
    "CountTokens": "count_tokens",
}
# The event-stream union: generated like a union; its exception members come from the SDK's
# `types::error::ConverseStreamOutputError` rather than from `types::ConverseStreamOutput`.
EVENT_STREAM = "ConverseStreamOutput"
# Builtin names the stubs use, qualified when a member of the same name would hide them.
PY_BUILTINS = {"bytes", "bytearray", "str", "int", "float", "bool", "list", "dict"}
# Operation outputs that hold only the event stream: no type of their own.
SKIPPED_OUTPUTS = {"ConverseStreamResponse"}

RUST_KEYWORDS = {
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use",
    "where", "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final",
    "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try",
}  # fmt: skip


class GenError(Exception):
    """The model and the SDK disagree in a way the generator does not handle."""


# --------------------------------------------------------------------------------------------
# Reading the SDK's source
# --------------------------------------------------------------------------------------------


def find_sdk() -> tuple[pathlib.Path, str]:
    """The src folder and version of the aws-sdk-bedrockruntime crate that Cargo resolved."""
    out = subprocess.run(
        ["cargo", "metadata", "--format-version", "1"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    meta = json.loads(out)
    found = [p for p in meta["packages"] if p["name"] == SDK_CRATE]
    if len(found) != 1:
        raise GenError(f"expected exactly one {SDK_CRATE} in cargo metadata, found {len(found)}")
    manifest = pathlib.Path(found[0]["manifest_path"])
    return manifest.parent / "src", found[0]["version"]


def _match_close(text: str, start: int, open_ch: str, close_ch: str) -> int:
    """Index of the bracket closing the one at text[start]."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] == open_ch:
            depth += 1
        elif text[i] == close_ch:
            depth -= 1
            if depth == 0:
                return i
    raise GenError("unbalanced brackets in SDK source")


def _strip_noise(body: str) -> str:
    """Remove comments and attributes (which may span lines) from an item body."""
    body = re.sub(r"//[^\n]*", "", body)
    while True:
        m = re.search(r"#\s*\[", body)
        if not m:
            return body
        end = _match_close(body, m.end() - 1, "[", "]")
        body = body[: m.start()] + body[end + 1 :]


def _split_top(body: str) -> list[str]:
    """Split on commas that are not inside <>, () or []."""
    parts: list[str] = []
    cur: list[str] = []
    depth = 0
    for ch in body:
        if ch in "<([":
            depth += 1
        elif ch in ">)]":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append("".join(cur).strip())
            cur = []
        else:
            cur.append(ch)
    tail = "".join(cur).strip()
    if tail:
        parts.append(tail)
    return [p for p in parts if p]


def _item_body(text: str, kind: str, name: str) -> str | None:
    m = re.search(rf"\bpub {kind} {name}\s*\{{", text)
    if not m:
        return None
    start = m.end() - 1
    return _strip_noise(text[start + 1 : _match_close(text, start, "{", "}")])


def _impl_body(text: str, name: str) -> str | None:
    m = re.search(rf"\bimpl {name}\s*\{{", text)
    if not m:
        return None
    start = m.end() - 1
    return text[start + 1 : _match_close(text, start, "{", "}")]


_TYPE_PREFIXES = [
    ("::std::option::", ""),
    ("::std::vec::", ""),
    ("::std::string::", ""),
    ("::std::collections::", ""),
    ("::std::boxed::", ""),
    ("crate::types::error::", "error::"),
    ("crate::types::", ""),
    ("::aws_smithy_types::", "smithy::"),
]


def parse_type(text: str) -> Any:
    """A Rust type of the SDK as a small tree: ("opt"|"vec"|"map"|"box", t), or a name."""
    t = re.sub(r"\s+", "", text)
    for prefix, repl in _TYPE_PREFIXES:
        t = t.replace(prefix, repl)

    def parse(s: str) -> tuple[Any, str]:
        m = re.match(r"[A-Za-z0-9_:]+", s)
        if not m:
            raise GenError(f"cannot parse SDK type {text!r}")
        name, rest = m.group(0), s[m.end() :]
        if not rest.startswith("<"):
            return name, rest
        args = []
        rest = rest[1:]
        while True:
            arg, rest = parse(rest)
            args.append(arg)
            if rest.startswith(","):
                rest = rest[1:]
                continue
            if rest.startswith(">"):
                rest = rest[1:]
                break
            raise GenError(f"cannot parse SDK type {text!r}")
        kinds = {"Option": "opt", "Vec": "vec", "Box": "box"}
        if name in kinds and len(args) == 1:
            return (kinds[name], args[0]), rest
        if name == "HashMap" and len(args) == 2 and args[0] == "String":
            return ("map", args[1]), rest
        raise GenError(f"unexpected generic {name} in SDK type {text!r}")

    tree, rest = parse(t)
    if rest:
        raise GenError(f"cannot parse SDK type {text!r}")
    return tree


@dataclass
class SdkField:
    name: str  # Rust field name as written, e.g. "r#type"
    optional: bool
    ty: Any  # parse_type tree without the outer Option


@dataclass
class SdkStruct:
    path: str  # fully qualified Rust path of the type
    fields: dict[str, SdkField]  # by normalised name
    setters: set[str]  # builder set_* method names (without "set_")
    fallible: bool  # builder's build() returns Result
    fluent_setters: set[str] = field(default_factory=set)


@dataclass
class SdkUnion:
    path: str
    variants: dict[str, tuple[str, Any]]  # normalised name -> (Rust variant, type tree)
    has_unknown: bool


def norm(name: str) -> str:
    return name.replace("r#", "").replace("_", "").lower()


def parse_struct(text: str, name: str, path: str) -> SdkStruct:
    body = _item_body(text, "struct", name)
    if body is None:
        raise GenError(f"no struct {name} in the SDK source for {path}")
    fields: dict[str, SdkField] = {}
    for item in _split_top(body):
        m = re.fullmatch(r"pub\s+((?:r#)?\w+)\s*:\s*(.+)", item, re.S)
        if not m:
            continue  # pub(crate) meta, _request_id, ...
        tree = parse_type(m.group(2))
        optional = isinstance(tree, tuple) and tree[0] == "opt"
        fields[norm(m.group(1))] = SdkField(m.group(1), optional, tree[1] if optional else tree)
    builder = _impl_body(text, f"{name}Builder")
    if builder is None:
        raise GenError(f"no builder for {name}")
    setters = set(re.findall(r"pub fn set_(\w+)\s*\(", builder))
    m = re.search(r"pub fn build\(\s*self,?\s*\)\s*->\s*([^{]+)\{", builder)
    if not m:
        raise GenError(f"no build() for {name}")
    fallible = re.sub(r"\s+", "", m.group(1)).startswith("::std::result::Result<")
    return SdkStruct(path, fields, setters, fallible)


def parse_union(text: str, name: str, path: str) -> SdkUnion:
    body = _item_body(text, "enum", name)
    if body is None:
        raise GenError(f"no enum {name} in the SDK source for {path}")
    variants: dict[str, tuple[str, Any]] = {}
    has_unknown = False
    for item in _split_top(body):
        m = re.fullmatch(r"(\w+)\s*\((.+)\)", item, re.S)
        if m:
            variants[norm(m.group(1))] = (m.group(1), parse_type(m.group(2)))
        elif item == "Unknown":
            has_unknown = True
        elif re.fullmatch(r"\w+", item):
            variants[norm(item)] = (item, None)
        else:
            raise GenError(f"cannot parse variant {item!r} of {name}")
    return SdkUnion(path, variants, has_unknown)


class SdkSource:
    """Lazy reader of the SDK crate's source files."""

    def __init__(self, src: pathlib.Path) -> None:
        self.src = src
        self.types_index = self._index(src / "types.rs", "crate::types::")
        self.error_index = self._index(src / "types" / "error.rs", "crate::types::error::")

    @staticmethod
    def _index(path: pathlib.Path, prefix: str) -> dict[str, pathlib.Path]:
        text = path.read_text(encoding="utf-8")
        index = {}
        for module, name in re.findall(rf"pub use {re.escape(prefix)}(\w+)::(\w+);", text):
            index[name] = path.parent / path.stem / f"{module}.rs"
        return index

    def type_file(self, name: str) -> str | None:
        path = self.types_index.get(name)
        return path.read_text(encoding="utf-8") if path else None

    def error_file(self, name: str) -> str | None:
        path = self.error_index.get(name)
        return path.read_text(encoding="utf-8") if path else None

    def is_string_enum(self, name: str) -> bool:
        text = self.type_file(name)
        return bool(text and re.search(rf"impl ::std::convert::From<&str> for {name}\b", text))

    def op_file(self, op: str, file: str) -> str:
        return (self.src / "operation" / op / file).read_text(encoding="utf-8")


# --------------------------------------------------------------------------------------------
# The model
# --------------------------------------------------------------------------------------------


def snake(name: str) -> str:
    s = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    s = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", s)
    return s.lower()


def rust_ident(name: str) -> str:
    return f"r#{name}" if name in RUST_KEYWORDS else name


def pascal(name: str) -> str:
    return name[0].upper() + name[1:]


@dataclass
class Member:
    name: str  # botocore member name
    shape: str
    required: bool
    rust: str  # Rust field or variant name
    sdk: SdkField | tuple[str, Any] | None  # None when the SDK lacks it
    error_variant: bool = False  # event-stream exception member

    @property
    def supported(self) -> bool:
        return self.sdk is not None

    def variant(self) -> tuple[str, Any]:
        """(SDK variant name, SDK type) of a supported union member."""
        assert isinstance(self.sdk, tuple)
        return self.sdk


@dataclass
class Shape:
    name: str
    kind: str  # "struct", "union", "exception", "input", "output"
    members: list[Member]
    sdk_path: str
    fallible: bool = False
    op: str | None = None  # SDK operation module for inputs/outputs
    sdk_error_union: str | None = None


class Generator:
    def __init__(self, model: dict[str, Any], sdk: SdkSource, sdk_version: str) -> None:
        self.model = model
        self.shapes_json: dict[str, Any] = model["shapes"]
        self.sdk = sdk
        self.sdk_version = sdk_version
        self.botocore_version = model["botocore_version"]
        self.shapes: dict[str, Shape] = {}
        self.unsupported: list[tuple[str, str]] = []
        self.carried: list[tuple[str, str]] = []
        self.notes: list[str] = []
        self.check_fns: list[tuple[str, str, str]] = []  # (name, return type, body)
        self.inputs: dict[str, str] = {}
        self.outputs: dict[str, str] = {}
        for op_name, module in OPERATIONS.items():
            op = model["operations"][op_name]
            self.inputs[op["input"]["shape"]] = module
            self.outputs[op["output"]["shape"]] = module

    # -- reachability ---------------------------------------------------------------------

    def reachable(self) -> list[str]:
        """Structure shapes to generate, sorted: reachable from inputs and outputs, not errors."""
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
        out = []
        for name in sorted(seen):
            s = self.shapes_json[name]
            if s["type"] != "structure" or s.get("document") or name in SKIPPED_OUTPUTS:
                continue
            out.append(name)
        return out

    # -- SDK matching ---------------------------------------------------------------------

    def build(self) -> None:
        for name in self.reachable():
            self.shapes[name] = self.load_shape(name)
        for shape in self.shapes.values():
            for m in shape.members:
                (self.carried if m.supported else self.unsupported).append((shape.name, m.name))
        self.unsupported.sort()
        self.carried.sort()

    def load_shape(self, name: str) -> Shape:
        s = self.shapes_json[name]
        required = set(s.get("required", []))
        if name in self.inputs or name in self.outputs:
            module = self.inputs.get(name) or self.outputs[name]
            is_input = name in self.inputs
            rust_name = "".join(pascal(p) for p in module.split("_")) + (
                "Input" if is_input else "Output"
            )
            text = self.sdk.op_file(module, f"_{module}_{'input' if is_input else 'output'}.rs")
            path = f"{SDK}::operation::{module}::{rust_name}"
            st = parse_struct(text, rust_name, path)
            if is_input:
                fluent = _impl_body(
                    self.sdk.op_file(module, "builders.rs"), f"{rust_name[:-5]}FluentBuilder"
                )
                if fluent is None:
                    raise GenError(f"no fluent builder for {module}")
                st.fluent_setters = set(re.findall(r"pub fn set_(\w+)\s*\(", fluent))
            members = self.struct_members(name, s, required, st)
            return Shape(
                name, "input" if is_input else "output", members, path, st.fallible, op=module
            )
        if s.get("exception"):
            error_text = self.sdk.error_file(name)
            if error_text is None:
                raise GenError(f"no SDK error type {name}")
            st = parse_struct(error_text, name, f"{SDK}::types::error::{name}")
            members = self.struct_members(name, s, required, st)
            return Shape(name, "exception", members, st.path, st.fallible)
        type_text = self.sdk.type_file(name)
        if type_text is None:
            raise GenError(f"no SDK type {name}")
        text = type_text
        path = f"{SDK}::types::{name}"
        if s.get("union") or s.get("eventstream"):
            un = parse_union(text, name, path)
            if not un.has_unknown:
                raise GenError(f"SDK union {name} has no Unknown variant")
            error_union = None
            err_variants: dict[str, tuple[str, Any]] = {}
            if s.get("eventstream"):
                error_union = f"{SDK}::types::error::{name}Error"
                err_text = (self.sdk.src / "types" / "error.rs").read_text(encoding="utf-8")
                err_variants = parse_union(err_text, f"{name}Error", error_union).variants
                err_variants.pop("unhandled", None)
            members = []
            used = set()
            for mname, m in s["members"].items():
                is_exc = bool(self.shapes_json[m["shape"]].get("exception"))
                table = err_variants if (is_exc and error_union) else un.variants
                v = table.get(norm(mname))
                if v is None:
                    members.append(Member(mname, m["shape"], False, pascal(mname), None))
                else:
                    if v[1] is None:
                        raise GenError(f"SDK variant {name}::{v[0]} holds no value")
                    self.check_type(m["shape"], v[1], f"{name}.{mname}")
                    used.add(norm(mname))
                    members.append(
                        Member(
                            mname, m["shape"], False, v[0], v, error_variant=table is err_variants
                        )
                    )
            extra = sorted(set(un.variants) - used)
            if extra:
                self.notes.append(f"SDK union {name} has variants botocore lacks: {extra}")
            return Shape(name, "union", members, path, sdk_error_union=error_union)
        st = parse_struct(text, name, path)
        return Shape(name, "struct", self.struct_members(name, s, required, st), path, st.fallible)

    def struct_members(
        self, name: str, s: dict[str, Any], required: set[str], st: SdkStruct
    ) -> list[Member]:
        members = []
        used = set()
        for mname, m in s["members"].items():
            f = st.fields.get(norm(mname))
            if f is None:
                members.append(
                    Member(mname, m["shape"], mname in required, rust_ident(snake(mname)), None)
                )
                if mname in required:
                    self.notes.append(
                        f"{name}.{mname} is required by botocore but absent from the SDK"
                    )
                continue
            used.add(norm(mname))
            setter = f.name.replace("r#", "")
            if setter not in st.setters:
                raise GenError(f"{name}: builder has no set_{setter}")
            if st.fluent_setters and setter not in st.fluent_setters:
                raise GenError(f"{name}: fluent builder has no set_{setter}")
            self.check_type(m["shape"], f.ty, f"{name}.{mname}")
            if mname in required and f.optional:
                self.notes.append(f"required {name}.{mname} is Option in the SDK")
            if mname not in required and not f.optional:
                self.notes.append(f"optional {name}.{mname} is not Option in the SDK")
            members.append(Member(mname, m["shape"], mname in required, f.name, f))
        extra = sorted(set(st.fields) - used)
        if extra:
            self.notes.append(f"SDK {name} has fields botocore lacks: {extra}")
        rust_names = [m.rust for m in members]
        if len(set(rust_names)) != len(rust_names):
            raise GenError(f"{name}: clashing Rust field names {rust_names}")
        return members

    def check_type(self, shape: str, ty: Any, where: str) -> None:
        """Fail unless the SDK type `ty` is what the botocore shape maps to."""
        s = self.shapes_json[shape]
        t = s["type"]
        simple = {
            "integer": "i32",
            "long": "i64",
            "float": "f32",
            "double": "f64",
            "boolean": "bool",
            "blob": "smithy::Blob",
        }
        ok: bool
        if t in simple:
            ok = ty == simple[t]
        elif t == "string":
            ok = ty == "String" or (
                bool(s.get("enum")) and isinstance(ty, str) and self.sdk.is_string_enum(ty)
            )
        elif t == "structure" and s.get("document"):
            ok = ty == "smithy::Document"
        elif t == "structure":
            ok = ty in (shape, f"error::{shape}")
        elif t == "list":
            ok = isinstance(ty, tuple) and ty[0] == "vec"
            if ok:
                self.check_type(s["member"]["shape"], ty[1], where + "[]")
        elif t == "map":
            ok = isinstance(ty, tuple) and ty[0] == "map"
            if ok:
                self.check_type(s["value"]["shape"], ty[1], where + "{}")
        else:
            raise GenError(f"{where}: unsupported botocore type {t}")
        if not ok:
            raise GenError(f"{where}: botocore shape {shape} ({t}) does not match SDK type {ty!r}")

    # -- Rust types -----------------------------------------------------------------------

    def wire_type(self, shape: str) -> str:
        s = self.shapes_json[shape]
        t = s["type"]
        simple = {
            "string": "String",
            "integer": "i32",
            "long": "i64",
            "float": "f32",
            "double": "f64",
            "boolean": "bool",
            "blob": "crate::wire::Blob",
        }
        if t in simple:
            return simple[t]
        if t == "structure":
            return "crate::wire::Document" if s.get("document") else shape
        if t == "list":
            return f"Vec<{self.wire_type(s['member']['shape'])}>"
        if t == "map":
            return f"{HASHMAP}<String, {self.wire_type(s['value']['shape'])}>"
        raise GenError(f"unsupported botocore type {t}")

    # -- conversions ----------------------------------------------------------------------
    # A conversion is (kind, text, fallible): kind "id" (nothing to do), "fn" (a callable path)
    # or "expr" (text with "$" standing for the value). Fallible ones give Result<_, WireError>.

    def conv(self, shape: str, ty: Any, to_sdk: bool, depth: int) -> tuple[str, str, bool]:
        s = self.shapes_json[shape]
        t = s["type"]
        if t == "string":
            if ty == "String":
                return ("id", "", False)
            if to_sdk:
                return ("expr", f"{SDK}::types::{ty}::from($.as_str())", False)
            return ("expr", "$.as_str().to_owned()", False)
        if t in ("integer", "long", "float", "double", "boolean"):
            return ("id", "", False)
        if t == "blob":
            return ("fn", "crate::wire::Blob::" + ("into_sdk" if to_sdk else "from_sdk"), False)
        if t == "structure" and s.get("document"):
            return ("fn", "crate::wire::Document::" + ("into_sdk" if to_sdk else "from_sdk"), False)
        if t == "structure":
            return ("fn", f"{shape}::" + ("into_sdk" if to_sdk else "from_sdk"), True)
        v, k = f"v{depth}", f"k{depth}"
        if t == "list":
            inner = self.conv(s["member"]["shape"], ty[1], to_sdk, depth + 1)
            if inner[0] == "id":
                return inner
            clos = self.closure(inner, depth + 1)
            if inner[2]:
                return (
                    "expr",
                    f"$.into_iter().map({clos}).collect::<Result<Vec<_>, {WE}>>()",
                    True,
                )
            return ("expr", f"$.into_iter().map({clos}).collect::<Vec<_>>()", False)
        if t == "map":
            inner = self.conv(s["value"]["shape"], ty[1], to_sdk, depth + 1)
            if inner[0] == "id":
                return inner
            applied = self.apply(inner, v)
            if inner[2]:
                x = f"x{depth}"
                return (
                    "expr",
                    f"$.into_iter().map(|({k}, {v})| {applied}.map(|{x}| ({k}, {x})))"
                    f".collect::<Result<{HASHMAP}<_, _>, {WE}>>()",
                    True,
                )
            return (
                "expr",
                f"$.into_iter().map(|({k}, {v})| ({k}, {applied})).collect::<{HASHMAP}<_, _>>()",
                False,
            )
        raise GenError(f"unsupported botocore type {t}")

    @staticmethod
    def apply(c: tuple[str, str, bool], x: str) -> str:
        kind, text, _ = c
        if kind == "id":
            return x
        if kind == "fn":
            return f"{text}({x})"
        return text.replace("$", x)

    @staticmethod
    def closure(c: tuple[str, str, bool], depth: int) -> str:
        kind, text, _ = c
        if kind == "fn":
            return text
        v = f"v{depth}"
        return f"|{v}| " + text.replace("$", v)

    def value_expr(self, c: tuple[str, str, bool], x: str) -> str:
        """The converted value of a present (non-Option) x, with `?` when fallible."""
        e = self.apply(c, x)
        return f"{e}?" if c[2] else e

    def option_expr(self, c: tuple[str, str, bool], x: str) -> str:
        """The converted value of an Option x."""
        if c[0] == "id":
            return x
        e = f"{x}.map({self.closure(c, 0)})"
        return f"{e}.transpose()?" if c[2] else e

    # -- emitting -------------------------------------------------------------------------

    def field_is_option(self, m: Member) -> bool:
        if not m.supported:
            return True
        assert isinstance(m.sdk, SdkField)
        return not (m.required and not m.sdk.optional)

    def unsupported_fn(self, shape: str, member: str) -> str:
        return f"unsupported_{snake(shape)}_{snake(member)}"

    def min_hint(self, shape: str) -> str | None:
        """The hint name of botocore's `min` check on a value of `shape` itself, if any.

        botocore checks the length of strings and lists and the value of numbers (not blobs,
        not maps); a `min` of 0 on a length checks nothing.
        """
        s = self.shapes_json[shape]
        t = s["type"]
        if "min" not in s:
            return None
        n = s["min"]
        if not isinstance(n, int):
            raise GenError(f"{shape}: non-integer min {n!r}")
        if t == "string" and n > 0:
            return f"fastconverse::min::length::{n}"
        if t == "list" and n > 0:
            # Apart from strings: botocore checks a value's type before its length, so a
            # list given for a string (or a string for a list) is a type error.
            return f"fastconverse::min::items::{n}"
        if t in ("integer", "long", "float", "double"):
            return f"fastconverse::min::value::{n}"
        return None

    def member_check(self, shape: str) -> tuple[str, str] | None:
        """`(helper in crate::wire::check, hint)` for a member of `shape` that botocore checks.

        The value's own `min`, else its list items' or its map keys' (botocore validates
        each item and key against its shape).
        """
        s = self.shapes_json[shape]
        checks = []
        own = self.min_hint(shape)
        if own:
            checks.append(("min", own))
        if s["type"] == "list":
            item = self.min_hint(s["member"]["shape"])
            if item:
                checks.append(("min_items", item))
            if self.shapes_json[s["member"]["shape"]]["type"] in ("list", "map"):
                raise GenError(f"{shape}: nested containers are not handled by member_check")
        if s["type"] == "map":
            key = self.min_hint(s["key"]["shape"])
            if key:
                checks.append(("min_keys", key.replace("::length::", "::key-length::")))
            if self.min_hint(s["value"]["shape"]):
                raise GenError(f"{shape}: a min on map values is not handled")
        if len(checks) > 1:
            raise GenError(f"{shape}: several checks on one member are not handled: {checks}")
        return checks[0] if checks else None

    def check_fn(self, shape: str, member: str) -> str:
        return f"check_{snake(shape)}_{snake(member)}"

    def member_deserializer(self, shape: Shape, m: Member, ty: str) -> str | None:
        """The `deserialize_with` function of a supported member whose input needs more
        than its type's own Deserialize (botocore's `min` checks, documents given as None);
        generated functions are queued in `self.check_fns`."""
        s = self.shapes_json[m.shape]
        if s["type"] == "structure" and s.get("document"):
            if shape.kind == "union" or (m.required and not ty.startswith("Option<")):
                return None  # None is the JSON null, which Document takes as it is
            if shape.kind == "input":
                return "crate::wire::check::null_as_absent"
            return "crate::wire::check::nullable"
        check = self.member_check(m.shape)
        if check is None:
            return None
        helper, hint = check
        call = f'crate::wire::check::{helper}(deserializer, "{hint}")'
        if ty.startswith("Option<"):
            call += ".map(Some)"
        name = self.check_fn(shape.name, m.name)
        self.check_fns.append((name, ty, call))
        return name

    def emit(self) -> str:
        out: list[str] = []
        w = out.append
        w(
            f"// @generated by codegen/gen_wire.py from botocore {self.botocore_version} "
            f"and aws-sdk-bedrockruntime {self.sdk_version}; do not edit.\n"
        )
        w(
            "//! The Converse shapes in boto3's dict layout (one serde type per botocore shape) "
            "and their"
        )
        w(
            "//! conversions to and from the types of aws-sdk-bedrockruntime; "
            "see codegen/gen_wire.py.\n"
        )
        w(
            "#![allow(clippy::large_enum_variant, clippy::enum_variant_names, "
            "clippy::upper_case_acronyms)]"
        )
        w(
            "#![allow(clippy::type_complexity, clippy::too_many_lines, clippy::result_large_err, "
            "missing_docs)]\n"
        )
        w("use std::collections::HashMap;\n")
        w("use crate::wire::WireError;\n")
        w(
            "/// The botocore version whose service model these shapes follow.\n"
            f'pub const BOTOCORE_VERSION: &str = "{self.botocore_version}";'
        )
        w(
            "/// The aws-sdk-bedrockruntime version these conversions were generated against.\n"
            f'pub const SDK_VERSION: &str = "{self.sdk_version}";'
        )
        w(
            "/// `(shape, member)` pairs of botocore that the pinned SDK cannot carry; "
            "they are refused on input."
        )
        w("pub const UNSUPPORTED_MEMBERS: &[(&str, &str)] = &[")
        for shape, member in self.unsupported:
            w(f'    ("{shape}", "{member}"),')
        w("];")
        w("/// `(shape, member)` pairs of botocore that are carried both ways.")
        w("pub const CARRIED_MEMBERS: &[(&str, &str)] = &[")
        for shape, member in self.carried:
            w(f'    ("{shape}", "{member}"),')
        w("];")
        w("/// The names of the generated shapes (structures, unions and stream events).")
        w("pub const SHAPES: &[&str] = &[")
        for name in self.shapes:
            w(f'    "{name}",')
        w("];\n")
        for item in self.shapes.values():
            if item.kind == "union":
                self.emit_union(w, item)
            else:
                self.emit_struct(w, item)
        for shape, member in self.unsupported:
            s = self.shapes[shape]
            msg = (
                f"{shape}.{member} is not supported by this version of fastconverse "
                f"(aws-sdk-bedrockruntime {self.sdk_version})"
            )
            ret = (
                "Option<crate::wire::Unsupported>"
                if s.kind != "union"
                else "crate::wire::Unsupported"
            )
            w(
                f"fn {self.unsupported_fn(shape, member)}<'de, D: serde::Deserializer<'de>>"
                f"(deserializer: D) -> Result<{ret}, D::Error> {{"
            )
            w(f'    crate::wire::unsupported::reject(deserializer, "{msg}")')
            w("}\n")
        for name, ty, call in self.check_fns:
            w(
                f"fn {name}<'de, D: serde::Deserializer<'de>>"
                f"(deserializer: D) -> Result<{ty}, D::Error> {{"
            )
            w(f"    {call}")
            w("}\n")
        self.emit_roundtrip(w)
        return "\n".join(out) + "\n"

    def emit_struct(self, w: Any, shape: Shape) -> None:
        name = shape.name
        all_option = all(self.field_is_option(m) for m in shape.members)
        derives = "Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize"
        if all_option:
            derives = "Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize"
        w(f"/// botocore's `{name}` in boto3's dict layout.")
        w(f"#[derive({derives})]")
        w("#[serde(deny_unknown_fields)]")
        w(f"pub struct {name} {{")
        for m in shape.members:
            wt = self.wire_type(m.shape) if m.supported else "crate::wire::Unsupported"
            attrs = [f'rename = "{m.name}"']
            # A member that is null is left out of boto3's dict: a document may be null.
            skip = (
                "crate::wire::Document::is_absent"
                if wt == "crate::wire::Document"
                else "Option::is_none"
            )
            if not m.supported:
                attrs += [
                    "default",
                    f'deserialize_with = "{self.unsupported_fn(name, m.name)}"',
                    'skip_serializing_if = "Option::is_none"',
                ]
                ty = f"Option<{wt}>"
            elif not self.field_is_option(m):
                ty = wt
                custom = self.member_deserializer(shape, m, ty)
                if custom:
                    attrs.append(f'deserialize_with = "{custom}"')
                if wt == "crate::wire::Document":
                    attrs.append('skip_serializing_if = "crate::wire::Document::is_null"')
            elif m.required:
                ty = f"Option<{wt}>"
                custom = self.member_deserializer(shape, m, ty) or "crate::wire::required"
                attrs += [f'deserialize_with = "{custom}"', f'skip_serializing_if = "{skip}"']
            else:
                ty = f"Option<{wt}>"
                custom = self.member_deserializer(shape, m, ty)
                attrs.append("default")
                if custom:
                    attrs.append(f'deserialize_with = "{custom}"')
                attrs.append(f'skip_serializing_if = "{skip}"')
            w(f"    #[serde({', '.join(attrs)})]")
            w(f"    pub {m.rust}: {ty},")
        w("}\n")
        w(f"impl {name} {{")
        self.emit_struct_into(w, shape)
        self.emit_struct_from(w, shape)
        if shape.kind == "input":
            self.emit_apply(w, shape)
        w("}\n")

    def _setter_args(self, shape: Shape, src: str) -> list[tuple[str, str]]:
        out = []
        for m in shape.members:
            if not m.supported:
                continue
            assert isinstance(m.sdk, SdkField)
            c = self.conv(m.shape, m.sdk.ty, True, 1)
            x = f"{src}.{m.rust}"
            arg = (
                self.option_expr(c, x)
                if self.field_is_option(m)
                else f"Some({self.value_expr(c, x)})"
            )
            out.append((m.sdk.name.replace("r#", ""), arg))
        return out

    def emit_struct_into(self, w: Any, shape: Shape) -> None:
        sdk_path = shape.sdk_path
        setters = self._setter_args(shape, "self")
        exception = shape.kind == "exception"
        w(f"    /// Converts to the SDK's `{sdk_path.removeprefix(SDK + '::')}`.")
        w(f"    pub fn into_sdk(self) -> Result<{sdk_path}, {WE}> {{")
        mut = "mut " if setters or exception else ""
        w(f"        let {mut}builder = {sdk_path}::builder();")
        for setter, arg in setters:
            w(f"        builder = builder.set_{setter}({arg});")
        if exception:
            meta = (
                f'::aws_smithy_types::error::ErrorMetadata::builder().code("{shape.name}").build()'
            )
            w(f"        builder = builder.meta({meta});")
        if shape.fallible:
            w(f"        builder.build().map_err({WE}::from)")
        else:
            w("        Ok(builder.build())")
        w("    }")

    def struct_fields(self, shape: Shape, src: str) -> tuple[list[tuple[str, str]], bool]:
        """The `(field, expression)`s of `Self { .. }` built from `src`; whether any uses `?`."""
        parts = []
        fallible = False
        for m in shape.members:
            if not m.supported:
                parts.append((m.rust, "None"))
                continue
            assert isinstance(m.sdk, SdkField)
            c = self.conv(m.shape, m.sdk.ty, False, 1)
            x = f"{src}.{m.sdk.name}"
            fallible |= c[2]
            wire_opt = self.field_is_option(m)
            if m.sdk.optional and wire_opt:
                e = self.option_expr(c, x)
            elif m.sdk.optional:
                fallible = True
                missing = f'{WE}::MissingMember {{ shape: "{shape.name}", member: "{m.name}" }}'
                x = f"{x}.ok_or({missing})?"
                e = self.value_expr(c, x)
            elif wire_opt:
                e = f"Some({self.value_expr(c, x)})"
            else:
                e = self.value_expr(c, x)
            parts.append((m.rust, e))
        return parts, fallible

    def emit_struct_from(self, w: Any, shape: Shape) -> None:
        sdk_path = shape.sdk_path
        uses_value = any(m.supported for m in shape.members)
        arg = "value" if uses_value else "_value"
        fields, _ = self.struct_fields(shape, arg)
        w(
            f"    /// Converts from the SDK's `{sdk_path.removeprefix(SDK + '::')}`, "
            "moving its fields."
        )
        w(f"    pub fn from_sdk({arg}: {sdk_path}) -> Result<Self, {WE}> {{")
        for rust, e in fields:
            if e != "None":
                w(f"        let {rust} = {e};")
        inits = [rust if e != "None" else f"{rust}: None" for rust, e in fields]
        w(f"        Ok(Self {{ {', '.join(inits)} }})")
        w("    }")

    def emit_apply(self, w: Any, shape: Shape) -> None:
        op = shape.op
        assert op is not None
        fluent = "".join(pascal(p) for p in op.split("_")) + "FluentBuilder"
        path = f"{SDK}::operation::{op}::builders::{fluent}"
        setters = self._setter_args(shape, "self")
        w(
            f"    /// Sets every member on the SDK's fluent builder for `{op}` "
            f"(e.g. `client.{op}()`)."
        )
        w(
            f"    pub fn apply(self, {'mut ' if setters else ''}builder: {path}) "
            f"-> Result<{path}, {WE}> {{"
        )
        for setter, arg in setters:
            w(f"        builder = builder.set_{setter}({arg});")
        w("        Ok(builder)")
        w("    }")

    def emit_union(self, w: Any, shape: Shape) -> None:
        name = shape.name
        w(f"/// botocore's union `{name}` in boto3's dict layout: exactly one member.")
        w("#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]")
        w(f"pub enum {name} {{")
        names = [m.rust for m in shape.members]
        if len(set(names)) != len(names):
            raise GenError(f"{name}: clashing variant names")
        for m in shape.members:
            attrs = [f'rename = "{m.name}"']
            if not m.supported:
                attrs.append(f'deserialize_with = "{self.unsupported_fn(name, m.name)}"')
                wt = "crate::wire::Unsupported"
            else:
                wt = self.wire_type(m.shape)
                custom = self.member_deserializer(shape, m, wt)
                if custom:
                    attrs.append(f'deserialize_with = "{custom}"')
            w(f"    #[serde({', '.join(attrs)})]")
            w(f"    {m.rust}({wt}),")
        w("}\n")
        w(f"impl {name} {{")
        events = [m for m in shape.members if m.supported and not m.error_variant]
        errors = [m for m in shape.members if m.error_variant]
        sdk_path = shape.sdk_path
        # into_sdk
        if shape.sdk_error_union:
            ret = f"Result<{sdk_path}, {shape.sdk_error_union}>"
            w(
                "    /// Converts to the SDK's event (`Ok`) or, for an exception member, "
                "its stream error (`Err`)."
            )
        else:
            ret = sdk_path
            w(f"    /// Converts to the SDK's `{sdk_path.removeprefix(SDK + '::')}`.")
        w(f"    pub fn into_sdk(self) -> Result<{ret}, {WE}> {{")
        w(f"        use {sdk_path} as Sdk;")
        if shape.sdk_error_union:
            w(f"        use {shape.sdk_error_union} as SdkError;")
        w("        Ok(match self {")
        for m in shape.members:
            if not m.supported:
                w(f"            Self::{m.rust}(never) => match never {{}},")
                continue
            c = self.conv(m.shape, m.variant()[1], True, 1)
            e = self.value_expr(c, "v")
            if m.error_variant:
                w(f"            Self::{m.rust}(v) => Err(SdkError::{m.variant()[0]}({e})),")
            elif shape.sdk_error_union:
                w(f"            Self::{m.rust}(v) => Ok(Sdk::{m.variant()[0]}({e})),")
            else:
                w(f"            Self::{m.rust}(v) => Sdk::{m.variant()[0]}({e}),")
        w("        })")
        w("    }")
        # from_sdk
        w(
            f"    /// Converts from the SDK's `{sdk_path.removeprefix(SDK + '::')}`; "
            "its `Unknown` member is an error."
        )
        w(f"    pub fn from_sdk(value: {sdk_path}) -> Result<Self, {WE}> {{")
        w(f"        use {sdk_path} as Sdk;")
        w("        Ok(match value {")
        for m in events:
            c = self.conv(m.shape, m.variant()[1], False, 1)
            w(f"            Sdk::{m.variant()[0]}(v) => Self::{m.rust}({self.value_expr(c, 'v')}),")
        w(f'            _ => return Err({WE}::UnknownUnionMember {{ shape: "{name}" }}),')
        w("        })")
        w("    }")
        if shape.sdk_error_union:
            w(
                "    /// Converts a modeled exception event of the stream; "
                "any other error is handed back."
            )
            w(
                f"    pub fn from_sdk_error(error: {shape.sdk_error_union}) "
                f"-> Result<Self, {shape.sdk_error_union}> {{"
            )
            w(f"        use {shape.sdk_error_union} as SdkError;")
            w("        match error {")
            for m in errors:
                fields, fallible = self.struct_fields(self.shapes[m.shape], "e")
                if fallible:
                    raise GenError(f"{m.shape}: exception conversion must be infallible")
                lit = f"{m.shape} {{ " + ", ".join(f"{rust}: {e}" for rust, e in fields) + " }"
                w(f"            SdkError::{m.variant()[0]}(e) => Ok(Self::{m.rust}({lit})),")
            w("            other => Err(other),")
            w("        }")
            w("    }")
        w("}\n")

    def emit_roundtrip(self, w: Any) -> None:
        """A test-only dispatcher: JSON -> wire -> SDK -> wire -> JSON, for any generated shape."""
        w(
            "/// Test support: deserializes `value` as `shape`, converts it to the SDK and back, "
            "and serializes it."
        )
        w("#[cfg(test)]")
        w(
            "pub(crate) fn roundtrip_json(shape: &str, value: serde_json::Value) "
            "-> Result<serde_json::Value, String> {"
        )
        w(
            "    fn de<T: serde::de::DeserializeOwned>(value: serde_json::Value) "
            "-> Result<T, String> {"
        )
        w(
            "        serde_path_to_error::deserialize(value)"
            '.map_err(|e| format!("{}: {}", e.path(), e.inner()))'
        )
        w("    }")
        w("    fn ser<T: serde::Serialize>(value: &T) -> Result<serde_json::Value, String> {")
        w("        serde_json::to_value(value).map_err(|e| e.to_string())")
        w("    }")
        w("    match shape {")
        for name, shape in self.shapes.items():
            if shape.sdk_error_union:
                body = (
                    f"{{ let sdk = de::<{name}>(value)?.into_sdk().map_err(|e| e.to_string())?;"
                    f" let back = match sdk {{"
                    f" Ok(event) => {name}::from_sdk(event).map_err(|e| e.to_string())?,"
                    f" Err(error) => {name}::from_sdk_error(error)"
                    f'.map_err(|e| format!("unhandled: {{e:?}}"))? }};'
                    f" ser(&back) }}"
                )
            else:
                body = (
                    f"{{ let sdk = de::<{name}>(value)?.into_sdk().map_err(|e| e.to_string())?;"
                    f" ser(&{name}::from_sdk(sdk).map_err(|e| e.to_string())?) }}"
                )
            w(f'        "{name}" => {body}')
        w('        other => Err(format!("no generated shape {other}")),')
        w("    }")
        w("}")

    # -- Python stubs ---------------------------------------------------------------------

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
    src, version = find_sdk()
    gen = Generator(model, SdkSource(src), version)
    gen.build()
    OUTPUT.write_text(gen.emit(), encoding="utf-8")
    subprocess.run(["rustfmt", "--edition", "2021", str(OUTPUT)], check=True)
    if not args.no_pyi:
        PYI_OUTPUT.parent.mkdir(parents=True, exist_ok=True)
        PYI_OUTPUT.write_text(gen.emit_pyi(), encoding="utf-8")
    for note in gen.notes:
        print(f"note: {note}", file=sys.stderr)
    total = len(gen.carried) + len(gen.unsupported)
    unsupported = ", ".join(f"{s}.{m}" for s, m in gen.unsupported) or "none"
    print(f"wrote {OUTPUT.relative_to(ROOT)}: {len(gen.shapes)} shapes")
    print(f"members carried: {len(gen.carried)}/{total} (unsupported: {unsupported})")


if __name__ == "__main__":
    main()
