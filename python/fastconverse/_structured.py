"""Structured output: a reply validated into a typed object.

``ChatClient.converse_structured(output_type, **request)`` sends a Converse request that
asks for JSON valid against the schema of ``output_type`` (a pydantic model, a TypedDict,
a dataclass, or a JSON schema dict) and returns ``Structured(value, response, route)``.

The route is the model's, from ``fastconverse.models``: ``outputConfig.textFormat``
(``"native"``) where the model supports structured output, else a forced call of one tool
whose input schema is the output schema (``"tool"``; ``strict`` where the model supports
it). The schema sent is adapted to what Bedrock takes (``additionalProperties: false`` on
every object; bounds Bedrock refuses moved into the description and still checked here);
a schema it cannot take raises ``UnsupportedSchemaError`` before anything is sent. A reply
that does not validate raises ``StructuredOutputError``, or, with ``repair_rounds``, is
sent back with the errors for another try.

pydantic is optional (``pip install fastconverse[structured]``): without it TypedDicts,
dataclasses and JSON schema dicts are validated by a small validator of this module.
"""

from __future__ import annotations

import dataclasses
import enum
import json
import re
import sys
import types
import typing
from collections.abc import AsyncIterator, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar, Union

from fastconverse._partial_json import MISSING, parse_partial
from fastconverse.errors import (
    StructuredOutputError,
    UnsupportedFeatureError,
    UnsupportedSchemaError,
)

if TYPE_CHECKING:
    from fastconverse._client import AsyncConverseStream
    from fastconverse._native import ConverseStream

__all__ = ["OutputSpec", "Structured", "StructuredCall", "StructuredStream"]

T = TypeVar("T")
Route = Literal["native", "tool"]

# JSON Schema keywords Bedrock refuses outright: a schema using one cannot be sent.
_REFUSED = (
    "not",
    "if",
    "then",
    "else",
    "patternProperties",
    "dependentRequired",
    "dependentSchemas",
    "unevaluatedProperties",
    "unevaluatedItems",
    "propertyNames",
    "contains",
    "prefixItems",
)
# Bounds Bedrock does not take: removed from the schema sent, named in its description,
# and still checked on the reply (a reply outside them is a validation error).
_MOVED = (
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minLength",
    "maxLength",
    "maxItems",
    "uniqueItems",
)
_KEPT = ("type", "description", "title", "enum", "const", "default", "pattern", "required")
_FORMATS = (
    "date-time",
    "time",
    "date",
    "duration",
    "email",
    "hostname",
    "uri",
    "ipv4",
    "ipv6",
    "uuid",
)
_UNION_TYPES: tuple[Any, ...] = (Union,) + (
    (types.UnionType,) if sys.version_info >= (3, 10) else ()
)


@dataclasses.dataclass(frozen=True)
class Structured(Generic[T]):
    """The result of a structured-output call.

    Attributes:
        value: the validated instance (of the pydantic model or dataclass; a dict for a
            TypedDict or a JSON schema).
        response: the response dict the value came from, as ``converse`` returns it.
        route: ``"native"`` (``outputConfig.textFormat``) or ``"tool"`` (a forced tool call).
    """

    value: T
    response: dict[str, Any]
    route: Route


def _json_path(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


# --- Python types to JSON schema, without pydantic -------------------------------------


def _is_typeddict(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, dict) and hasattr(tp, "__required_keys__")


def _is_pydantic(tp: Any) -> bool:
    return (
        isinstance(tp, type)
        and hasattr(tp, "model_json_schema")
        and hasattr(tp, "model_validate_json")
    )


def _type_schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    """The JSON schema of a type annotation; classes go to ``defs`` by name."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    simple = {str: "string", int: "integer", float: "number", bool: "boolean", type(None): "null"}
    if tp in simple:
        return {"type": simple[tp]}
    if tp is Any:
        return {}
    if origin is Literal:
        return {"enum": list(args)}
    if origin in _UNION_TYPES:
        return {"anyOf": [_type_schema(arg, defs) for arg in args]}
    if origin in (list, tuple, set, frozenset) or (
        origin is not None and origin.__name__ in ("Sequence", "List")
    ):
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            return {"type": "array", "prefixItems": [_type_schema(a, defs) for a in args]}
        return {"type": "array", "items": _type_schema(args[0], defs) if args else {}}
    if origin is dict or tp is dict:
        return {
            "type": "object",
            "additionalProperties": _type_schema(args[1], defs) if args else {},
        }
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return {"enum": [member.value for member in tp]}
    if dataclasses.is_dataclass(tp) or _is_typeddict(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}  # a placeholder first: a recursive type refers to it by name
            defs[name] = _class_schema(tp, defs)
        return {"$ref": f"#/$defs/{name}"}
    raise UnsupportedSchemaError(f"no JSON schema for the type {tp!r}")


def _class_schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(tp)
    if dataclasses.is_dataclass(tp):
        fields = [f.name for f in dataclasses.fields(tp)]
        required = [
            f.name
            for f in dataclasses.fields(tp)
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        ]
    else:
        fields = list(hints)
        required = [name for name in fields if name in tp.__required_keys__]
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {name: _type_schema(hints[name], defs) for name in fields},
        "required": required,
        # A class takes only its fields.
        "additionalProperties": False,
    }
    doc, name = tp.__doc__, tp.__name__
    # A dataclass without a docstring gets its signature as __doc__: not a description.
    if doc and not (dataclasses.is_dataclass(tp) and doc.startswith(name + "(")):
        schema["description"] = doc.strip()
    return schema


def _build(tp: Any, value: Any) -> Any:
    """A validated JSON value as an instance of the annotation (dataclasses, enums, ...)."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        hints = typing.get_type_hints(tp)
        return tp(**{key: _build(hints.get(key, Any), item) for key, item in value.items()})
    if _is_typeddict(tp):
        hints = typing.get_type_hints(tp)
        return {key: _build(hints.get(key, Any), item) for key, item in value.items()}
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return tp(value)
    if origin in _UNION_TYPES:
        for arg in args:
            if _fits(arg, value):
                return _build(arg, value)
        return value
    if origin in (list, set, frozenset) and args:
        return origin(_build(args[0], item) for item in value)
    if origin is tuple and args:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_build(args[0], item) for item in value)
        return tuple(_build(a, item) for a, item in zip(args, value))
    if origin is dict and args:
        return {key: _build(args[1], item) for key, item in value.items()}
    if tp is float and isinstance(value, int):
        return float(value)
    return value


def _fits(tp: Any, value: Any) -> bool:
    """Whether a JSON value is valid for the annotation (to pick a union's member)."""
    defs: dict[str, Any] = {}
    schema = _type_schema(tp, defs)
    return not _validate_value({**schema, "$defs": defs}, value)


# --- A small JSON Schema validator (what Bedrock's structured output takes) ------------


def _is_integer(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())


_TYPES: dict[str, Any] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: _is_integer(v),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


def _validate_value(root: Mapping[str, Any], value: Any) -> list[str]:
    """The errors of ``value`` against the schema ``root``, each ``"path: message"``."""
    errors: list[str] = []
    _check(root, root, value, "", errors)
    return errors


def _check(root: Mapping[str, Any], schema: Any, value: Any, path: str, errors: list[str]) -> None:
    where = path or "(root)"
    if schema is True or not isinstance(schema, Mapping):
        return
    if "$ref" in schema:
        target = _resolve(root, schema["$ref"])
        _check(root, target, value, path, errors)
    if "const" in schema and value != schema["const"]:
        errors.append(f"{where}: must be {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: must be one of {schema['enum']!r}")
    for key in ("anyOf", "oneOf"):
        if key in schema and not any(_validate_value_in(root, s, value) for s in schema[key]):
            errors.append(f"{where}: matches none of the allowed schemas")
    for sub in schema.get("allOf", ()):
        _check(root, sub, value, path, errors)
    kinds = schema.get("type")
    if kinds is not None:
        kinds = [kinds] if isinstance(kinds, str) else list(kinds)
        if not any(_TYPES[k](value) for k in kinds if k in _TYPES):
            errors.append(f"{where}: must be of type {' or '.join(kinds)}, got {_kind(value)}")
            return
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        for name in schema.get("required", ()):
            if name not in value:
                errors.append(f"{_json_path(path, name)}: is required")
        extra = schema.get("additionalProperties", True)
        for name, item in value.items():
            if name in properties:
                _check(root, properties[name], item, _json_path(path, name), errors)
            elif extra is False:
                errors.append(f"{_json_path(path, name)}: is not an allowed property")
            else:
                _check(root, extra, item, _json_path(path, name), errors)
    elif isinstance(value, list):
        if "items" in schema:
            for i, item in enumerate(value):
                _check(root, schema["items"], item, _json_path(path, i), errors)
        _bound(errors, where, len(value), schema, "minItems", "maxItems", "items")
        if schema.get("uniqueItems") and len({json.dumps(v, sort_keys=True) for v in value}) < len(
            value
        ):
            errors.append(f"{where}: items must be unique")
    elif isinstance(value, str):
        _bound(errors, where, len(value), schema, "minLength", "maxLength", "characters")
        if "pattern" in schema and re.search(schema["pattern"], value) is None:
            errors.append(f"{where}: must match {schema['pattern']!r}")
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        _bound(errors, where, value, schema, "minimum", "maximum", "")
        if "exclusiveMinimum" in schema and value <= schema["exclusiveMinimum"]:
            errors.append(f"{where}: must be greater than {schema['exclusiveMinimum']}")
        if "exclusiveMaximum" in schema and value >= schema["exclusiveMaximum"]:
            errors.append(f"{where}: must be less than {schema['exclusiveMaximum']}")
        step = schema.get("multipleOf")
        if step and (value / step) % 1:
            errors.append(f"{where}: must be a multiple of {step}")


def _validate_value_in(root: Mapping[str, Any], schema: Any, value: Any) -> bool:
    errors: list[str] = []
    _check(root, schema, value, "", errors)
    return not errors


def _bound(
    errors: list[str], where: str, size: float, schema: Any, low: str, high: str, unit: str
) -> None:
    unit = f" {unit}" if unit else ""
    if low in schema and size < schema[low]:
        errors.append(f"{where}: must have at least {schema[low]}{unit}")
    if high in schema and size > schema[high]:
        errors.append(f"{where}: must have at most {schema[high]}{unit}")


def _kind(value: Any) -> str:
    for name in ("null", "boolean", "integer", "number", "string", "array", "object"):
        if _TYPES[name](value):
            return name
    return type(value).__name__


def _resolve(root: Mapping[str, Any], ref: str) -> Any:
    if not ref.startswith("#/"):
        raise UnsupportedSchemaError(
            f"$ref {ref!r}: only references inside the schema (#/...) work"
        )
    node: Any = root
    for part in ref[2:].split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        if not isinstance(node, Mapping) or part not in node:
            raise UnsupportedSchemaError(f"$ref {ref!r} does not resolve")
        node = node[part]
    return node


# --- Adapting a schema to what Bedrock takes --------------------------------------------


def adapt_schema(schema: Mapping[str, Any]) -> dict[str, Any]:
    """The schema as Bedrock takes it, or ``UnsupportedSchemaError`` naming what it refuses.

    Objects get ``additionalProperties: false`` (Bedrock requires it); ``oneOf`` becomes
    ``anyOf``; numeric, length and item-count bounds are moved into the description; unknown
    formats and annotations (``$schema``, ``examples``, ...) are dropped. Refused: the
    keywords of ``_REFUSED``, ``additionalProperties`` other than false, references outside
    the schema, recursion, and a top level that is not an object.
    """
    _check_recursion(schema)
    adapted = _adapt(schema, "")
    if adapted.get("type") != "object":
        target = _resolve(schema, schema["$ref"]) if "$ref" in schema else schema
        if target.get("type") != "object" and "properties" not in target:
            raise UnsupportedSchemaError(
                "the top level of the schema must be an object (type: object)", path="(root)"
            )
    return adapted


def _adapt(schema: Any, path: str) -> dict[str, Any]:
    where = path or "(root)"
    if schema is True or schema == {}:
        return {}
    if not isinstance(schema, Mapping):
        raise UnsupportedSchemaError(f"{where}: a schema must be an object", path=where)
    out: dict[str, Any] = {}
    moved: list[str] = []
    for key, value in schema.items():
        if key in _REFUSED:
            raise UnsupportedSchemaError(f"{where}: Bedrock does not take {key!r}", path=where)
        if key in _KEPT:
            out[key] = value
        elif key in _MOVED:
            moved.append(f"{key}: {value}")
        elif key == "minItems":
            if value in (0, 1):
                out[key] = value
            else:
                moved.append(f"{key}: {value}")
        elif key == "format":
            if value in _FORMATS:
                out[key] = value
            else:
                moved.append(f"format: {value}")
        elif key == "$ref":
            if not str(value).startswith("#/"):
                raise UnsupportedSchemaError(
                    f"{where}: $ref {value!r} points outside the schema", path=where
                )
            out[key] = value
        elif key in ("$defs", "definitions"):
            out[key] = {name: _adapt(sub, f"{key}.{name}") for name, sub in value.items()}
        elif key == "properties":
            out[key] = {
                name: _adapt(sub, _json_path(f"{path}.properties" if path else "properties", name))
                for name, sub in value.items()
            }
        elif key == "items":
            out[key] = _adapt(value, f"{path}.items" if path else "items")
        elif key in ("anyOf", "oneOf", "allOf"):
            target = "allOf" if key == "allOf" else "anyOf"
            out[target] = [_adapt(sub, f"{where}.{key}[{i}]") for i, sub in enumerate(value)]
        elif key == "additionalProperties" and value is not False:
            raise UnsupportedSchemaError(
                f"{where}: Bedrock takes only additionalProperties: false (a free-form "
                "mapping such as dict[str, X] cannot be sent; use a list of key/value "
                "objects)",
                path=where,
            )
        # Anything else ($schema, $id, examples, discriminator, readOnly...) is an
        # annotation Bedrock does not need: dropped.
    is_object = out.get("type") == "object" or "properties" in out
    if is_object:
        out["additionalProperties"] = False
    if moved:
        note = "(" + ", ".join(moved) + ")"
        out["description"] = f"{out['description']} {note}" if "description" in out else note
    return out


def _check_recursion(schema: Mapping[str, Any]) -> None:
    """Refuses a schema whose ``$ref``s form a cycle."""

    def refs(node: Any) -> Iterator[str]:
        if isinstance(node, Mapping):
            for key, value in node.items():
                if key == "$ref" and isinstance(value, str):
                    if value.startswith("#/"):  # others: refused by _adapt, with the path
                        yield value
                elif key not in ("$defs", "definitions"):
                    yield from refs(value)
        elif isinstance(node, list):
            for item in node:
                yield from refs(item)

    def visit(ref: str, stack: tuple[str, ...]) -> None:
        if ref in stack:
            raise UnsupportedSchemaError(
                f"the schema is recursive ({' -> '.join((*stack, ref))}); Bedrock does not "
                "take recursive schemas",
                path=ref,
            )
        for inner in refs(_resolve(schema, ref)):
            visit(inner, (*stack, ref))

    for ref in refs(schema):
        visit(ref, ())


# --- The output type: schema, name, validation ------------------------------------------


class OutputSpec:
    """What a structured call asks for and how its reply is checked: built once per call
    (or per ``converse_many`` run) from the caller's ``output_type``."""

    def __init__(self, output_type: Any) -> None:
        self.output_type = output_type
        self.pydantic = _is_pydantic(output_type)
        if self.pydantic:
            schema = output_type.model_json_schema()
            name = output_type.__name__
            description = schema.get("description")
        elif isinstance(output_type, Mapping):
            schema = dict(output_type)
            name = str(schema.get("title") or "output")
            description = schema.get("description")
        elif dataclasses.is_dataclass(output_type) or _is_typeddict(output_type):
            defs: dict[str, Any] = {}
            schema = dict(_class_schema(output_type, defs))
            if defs:
                schema["$defs"] = defs
            name = output_type.__name__
            description = schema.get("description")
        else:
            raise TypeError(
                "output_type must be a pydantic model, a TypedDict, a dataclass or a JSON "
                f"schema dict, got {output_type!r}"
            )
        self.schema: dict[str, Any] = schema
        self.wire_schema = adapt_schema(schema)
        # Bedrock's tool names: [a-zA-Z0-9_-]{1,64}.
        self.name = re.sub(r"[^a-zA-Z0-9_-]", "_", name)[:64] or "output"
        self.description = description or f"Reply with a {self.name} object."

    def request(self, request: Mapping[str, Any], route: Route, strict: bool) -> dict[str, Any]:
        """The Converse request asking for this output on ``route``."""
        out = dict(request)
        text = json.dumps(self.wire_schema, separators=(",", ":"))
        if route == "native":
            out["outputConfig"] = {
                **(request.get("outputConfig") or {}),
                "textFormat": {
                    "type": "json_schema",
                    "structure": {
                        "jsonSchema": {
                            "schema": text,
                            "name": self.name,
                            "description": self.description,
                        }
                    },
                },
            }
            return out
        spec: dict[str, Any] = {
            "name": self.name,
            "description": self.description,
            "inputSchema": {"json": self.wire_schema},
        }
        if strict:
            spec["strict"] = True
        config = dict(request.get("toolConfig") or {})
        config["tools"] = [*config.get("tools", ()), {"toolSpec": spec}]
        config["toolChoice"] = {"tool": {"name": self.name}}
        out["toolConfig"] = config
        return out

    def raw(self, response: Mapping[str, Any]) -> tuple[Route, str, str | None]:
        """The reply's JSON text, its route, and the tool use id of a tool route."""
        content = response.get("output", {}).get("message", {}).get("content", [])
        for block in content:
            use = block.get("toolUse")
            if use is not None and use.get("name") == self.name:
                return "tool", json.dumps(use.get("input")), use.get("toolUseId")
        text = "".join(block["text"] for block in content if "text" in block)
        return "native", _strip_fence(text), None

    def validate(self, raw_text: str) -> tuple[Any, list[str]]:
        """The instance for the JSON text, or the validation errors."""
        try:
            data = json.loads(raw_text)
        except ValueError as err:
            return None, [f"(root): not valid JSON: {err}"]
        if self.pydantic:
            try:
                return self.output_type.model_validate_json(raw_text), []
            except ValueError as err:  # pydantic's ValidationError is a ValueError
                return None, _pydantic_errors(err)
        errors = _validate_value(self.schema, data)
        if errors:
            return None, errors
        if isinstance(self.output_type, Mapping):
            return data, []
        return _build(self.output_type, data), []

    def parse(self, response: dict[str, Any]) -> Structured[Any]:
        """The validated result of a response, or ``StructuredOutputError``."""
        route, raw_text, _ = self.raw(response)
        value, errors = self.validate(raw_text)
        if errors:
            raise _error(raw_text, errors, response)
        return Structured(value, response, route)


def _strip_fence(text: str) -> str:
    """The JSON inside a Markdown code fence, as some models wrap it."""
    match = re.fullmatch(r"\s*```(?:json)?\s*(.*?)\s*```\s*", text, re.DOTALL)
    return match.group(1) if match else text.strip()


def _pydantic_errors(err: Any) -> list[str]:
    found = []
    for item in err.errors():
        path = ""
        for part in item.get("loc", ()):
            path = _json_path(path, part)
        found.append(f"{path or '(root)'}: {item.get('msg')}")
    return found


def _error(raw_text: str, errors: list[str], response: dict[str, Any]) -> StructuredOutputError:
    listed = "; ".join(errors[:5]) + (f" (and {len(errors) - 5} more)" if len(errors) > 5 else "")
    return StructuredOutputError(
        f"the reply does not match the schema: {listed}",
        raw_text=raw_text,
        errors=errors,
        response=response,
    )


# --- Routes per model ------------------------------------------------------------------


def choose_route(model_id: str, route: Route | None) -> tuple[Route, bool, dict[str, Any]]:
    """The route for a model, whether to mark the tool strict, and the tool choice."""
    from fastconverse import models

    info = models.lookup(model_id) if isinstance(model_id, str) else None
    native = info is not None and info.supports("structured_output") is True
    if route is None:
        route = "native" if native else "tool"
    elif route not in ("native", "tool"):
        raise ValueError(f"route must be 'native', 'tool' or None, got {route!r}")
    choice: dict[str, Any] = {"tool": {}}
    if route == "tool" and info is not None:
        if info.supports("tool_use") is False:
            raise UnsupportedFeatureError(
                f"{model_id} supports neither structured output nor tool use, so it cannot "
                "be asked for a structure"
            )
        if info.tool_choice is not None and "tool" not in info.tool_choice:
            # With one tool, "any" forces the same call.
            choice = {"any": {}}
    return route, native, choice


class StructuredCall:
    """One structured call, with its repair rounds: shared by the sync and async methods.

    ``request`` is the next request to send; ``accept(response)`` returns the result, or
    None when a repair round is due (``request`` then carries the errors), or raises
    ``StructuredOutputError`` when no round is left.
    """

    def __init__(
        self,
        output_type: Any,
        request: Mapping[str, Any],
        repair_rounds: int,
        route: Route | None,
        base_model: str | None = None,
    ) -> None:
        if (
            isinstance(repair_rounds, bool)
            or not isinstance(repair_rounds, int)
            or repair_rounds < 0
        ):
            raise ValueError(f"repair_rounds must be an int of at least 0, got {repair_rounds!r}")
        self.spec = output_type if isinstance(output_type, OutputSpec) else OutputSpec(output_type)
        model = base_model or request.get("modelId", "")
        self.route, strict, choice = choose_route(model, route)
        self.request = self.spec.request(request, self.route, strict)
        if self.route == "tool" and "any" in choice:
            self.request["toolConfig"]["toolChoice"] = choice
        self.rounds_left = repair_rounds

    def accept(self, response: Any) -> Structured[Any] | None:
        """The result of a response (a ``converse`` response dict), or None when a repair
        round is due; ``StructuredOutputError`` when the reply is invalid and none is left."""
        route, raw_text, tool_use_id = self.spec.raw(response)
        value, errors = self.spec.validate(raw_text)
        if not errors:
            return Structured(value, response, route)
        if self.rounds_left <= 0:
            raise _error(raw_text, errors, response)
        self.rounds_left -= 1
        self.request = {
            **self.request,
            "messages": [
                *self.request.get("messages", ()),
                response.get("output", {}).get("message", {"role": "assistant", "content": []}),
                _repair_message(errors, tool_use_id, self.spec.name),
            ],
        }
        return None


def _repair_message(errors: list[str], tool_use_id: str | None, name: str) -> dict[str, Any]:
    """The user turn that sends the validation errors back."""
    listed = "\n".join(f"- {error}" for error in errors)
    if tool_use_id is None:
        text = (
            f"Your reply does not match the required JSON schema:\n{listed}\n"
            "Reply again with only the corrected JSON."
        )
        return {"role": "user", "content": [{"text": text}]}
    text = (
        f"The input does not match the schema of {name}:\n{listed}\n"
        f"Call {name} again with corrected input."
    )
    result = {"toolUseId": tool_use_id, "content": [{"text": text}], "status": "error"}
    return {"role": "user", "content": [{"toolResult": result}]}


# --- Streaming ---------------------------------------------------------------------------


class _PartialReader:
    """Gathers a structured reply's JSON from stream events; yields each new partial value."""

    def __init__(self, spec: OutputSpec) -> None:
        self.spec = spec
        self.text = ""
        self.last: Any = MISSING

    def feed(self, event: Mapping[str, Any]) -> Any:
        """The partial value after this event, or ``MISSING`` when it did not change."""
        delta = event.get("contentBlockDelta", {}).get("delta", {})
        piece = delta.get("text")
        if piece is None:
            piece = delta.get("toolUse", {}).get("input")
        if not piece:
            return MISSING
        self.text += piece
        try:
            value = parse_partial(_strip_open_fence(self.text))
        except ValueError:
            return MISSING  # not JSON (yet): validation at the end says what is wrong
        if value is MISSING or value == self.last:
            return MISSING
        self.last = value
        return value


def _strip_open_fence(text: str) -> str:
    return re.sub(r"^\s*```(?:json)?\s*", "", text)


class StructuredStream(Generic[T]):
    """Iterate for partial values (plain dicts and lists, as the JSON arrives), then the
    validated instance, last. ``result`` is the ``Structured`` once the stream has ended.
    A reply that does not validate raises ``StructuredOutputError`` at the end."""

    def __init__(self, spec: OutputSpec, stream: ConverseStream | AsyncConverseStream) -> None:
        self._spec = spec
        self._stream = stream
        self.result: Structured[T] | None = None

    def _finish(self, response: dict[str, Any]) -> T:
        self.result = self._spec.parse(response)
        return self.result.value

    def __iter__(self) -> Iterator[Any]:
        reader = _PartialReader(self._spec)
        stream: Any = self._stream
        with stream:
            for event in stream:
                partial = reader.feed(event)
                if partial is not MISSING:
                    yield partial
            yield self._finish(stream.final_response())

    async def __aiter__(self) -> AsyncIterator[Any]:
        reader = _PartialReader(self._spec)
        stream: Any = self._stream
        async with stream:
            async for event in stream:
                partial = reader.feed(event)
                if partial is not MISSING:
                    yield partial
            yield self._finish(await stream.final_response())

    def close(self) -> None:
        """Ends the HTTP response (``ConverseStream.close``)."""
        self._stream.close()  # type: ignore[union-attr]
