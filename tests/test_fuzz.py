"""Generated hostile input and hostile servers: a response dict or a typed exception, always.

What these properties prove, each over examples hypothesis generates:

- converse() keywords, free-form (nested dicts, lists, tuples, sets, str with surrogates,
  ints beyond 64 bits, nan and inf, bytes, custom and hostile objects), under random and
  under known keyword names: the call returns boto3's response dict or raises a
  ``BedrockError`` subclass, never anything else, never ``InternalError`` (a caught Rust
  panic), never a hang.
- Requests built from the service model (``tests/helpers.py``), mutated (a required member
  dropped, a wrong type, an unknown key, a union with no member or two, a value below its
  min, a tuple for a list): botocore's own validator is the oracle. What it accepts succeeds
  against LocalBedrock; what it refuses raises ``ParamValidationError`` with botocore's
  message and the path of the bad field.
- Documents up to 100,000 levels deep and documents that contain themselves, in
  additionalModelRequestFields, a toolUse input, a toolResult json and a toolSpec schema,
  through converse, converse_async, converse_stream, count_tokens and converse_many:
  ``ParamValidationError`` naming the path (or success, or LocalBedrock's own refusal of
  JSON nested deeper than it reads), never a crash.
- Hostile response bytes (``tests/raw_server.py``): random statuses, headers, bodies
  (random bytes, truncated and reshaped real responses, huge numbers, 10,000 levels of
  nesting), lying lengths: a dict only for a 2xx, otherwise a typed exception whose
  ``status_code`` is the status sent, within the read_timeout budget.
- Hostile event frames for converse_stream (sync and async): valid frames in random order,
  flipped bits, truncation, random header types, random event and message types, exception
  frames with random names, preludes that lie: the stream ends normally only after
  ``messageStop`` and ``metadata``, otherwise raises a typed exception.

The riskiest cases (depth, cycles, hostile bytes) run in a worker process (``_Worker``):
a crash there is a clean test failure naming the example, and a hang kills the worker
after ``HANG_BOUND`` seconds.

Bugs these properties found (an int too long for Python to print reaching the
unraisable hook, a list given for a string reported as too short, converse_many dropping
a ParamValidationError's path) are fixed, and kept at the end as regression tests.

Example counts are sized for CI (the module takes well under a minute on 2 cores).
``FASTCONVERSE_FUZZ_EXAMPLES`` changes them: an integer (``FASTCONVERSE_FUZZ_EXAMPLES=2000``)
sets every test's ``max_examples``; ``x`` and a factor (``FASTCONVERSE_FUZZ_EXAMPLES=x20``)
multiplies the CI counts.
"""

from __future__ import annotations

import asyncio
import binascii
import collections
import contextlib
import copy
import decimal
import fractions
import json
import os
import select
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from fastconverse import (
    BedrockError,
    ChatClient,
    InternalError,
    ParamValidationError,
)
from fastconverse.testing import LocalBedrock

from . import raw_server
from .conftest import MODEL_ID, user
from .helpers import ROOT, SHAPES, Examples, member_pairs
from .raw_server import RawServer

# A call that has not returned after this long is hung (every timeout configured here is
# 0.5 s with one attempt): a bound against hangs, not a timing.
HANG_BOUND = 20.0
MESSAGES = [user("hi")]


# --------------------------------------------------------------------------------------------
# Example counts
# --------------------------------------------------------------------------------------------


def examples(ci: int) -> int:
    """`ci` examples, or what FASTCONVERSE_FUZZ_EXAMPLES says (``N`` sets, ``xK`` multiplies)."""
    setting = os.environ.get("FASTCONVERSE_FUZZ_EXAMPLES", "").strip().lower()
    if not setting:
        return ci
    if setting.startswith("x"):
        return max(1, round(ci * float(setting[1:])))
    return max(1, int(setting))


def fuzz_settings(ci: int) -> settings:
    return settings(
        max_examples=examples(ci),
        deadline=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
            HealthCheck.large_base_example,
        ],
    )


# A failing example's report reads the typing modules; one of them warns as it is read.
pytestmark = pytest.mark.filterwarnings(
    "ignore:mypy_extensions.TypedDict is deprecated:DeprecationWarning"
)


# --------------------------------------------------------------------------------------------
# Outcomes: a value or an exception, within the hang bound
# --------------------------------------------------------------------------------------------


@dataclass
class Outcome:
    value: Any = None
    error: BaseException | None = None


def bounded(call: Callable[[], Any], what: str) -> Outcome:
    """Runs `call` on a thread; fails if it has not returned within HANG_BOUND."""
    outcome = Outcome()

    def run() -> None:
        try:
            outcome.value = call()
        except BaseException as error:  # everything, so that the test can judge it
            outcome.error = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(HANG_BOUND)
    assert not thread.is_alive(), f"{what} did not return within {HANG_BOUND} s (a hang)"
    return outcome


def assert_typed(outcome: Outcome, what: str) -> None:
    """A response (or a stream's events) or a BedrockError subclass other than InternalError."""
    error = outcome.error
    if error is None:
        return
    assert isinstance(error, BedrockError), (
        f"{what} raised an untyped {type(error).__name__}: {error!r}"
    )
    assert not isinstance(error, InternalError), f"{what} hit a caught Rust panic: {error}"


def drain(stream: Any) -> list[dict[str, Any]]:
    """Every event of a ConverseStream; the stream is closed however it ends."""
    with stream:
        return list(stream)


# --------------------------------------------------------------------------------------------
# Free-form keywords
# --------------------------------------------------------------------------------------------


class Opaque:
    """An object no client knows."""


class BadRepr:
    """An object whose repr and str raise."""

    def __repr__(self) -> str:
        raise RuntimeError("repr refused")

    __str__ = __repr__


class HostileDict(dict):  # type: ignore[type-arg]
    """A dict whose Python-level accessors raise (the C-level storage is intact)."""

    def items(self) -> Any:
        raise RuntimeError("items refused")

    def keys(self) -> Any:
        raise RuntimeError("keys refused")

    def __iter__(self) -> Any:
        raise RuntimeError("iter refused")

    def __len__(self) -> int:
        raise RuntimeError("len refused")


class HostileList(list):  # type: ignore[type-arg]
    """A list whose Python-level accessors raise."""

    def __iter__(self) -> Any:
        raise RuntimeError("iter refused")

    def __len__(self) -> int:
        raise RuntimeError("len refused")

    def __getitem__(self, index: Any) -> Any:
        raise RuntimeError("getitem refused")


class HostileStr(str):
    """A str subclass whose repr raises."""

    __slots__ = ()

    def __repr__(self) -> str:
        raise RuntimeError("repr refused")


class HostileInt(int):
    """An int subclass whose conversions raise."""

    def __index__(self) -> int:
        raise RuntimeError("index refused")

    def __int__(self) -> int:
        raise RuntimeError("int refused")

    def __repr__(self) -> str:
        raise RuntimeError("repr refused")


class HostileFloat(float):
    """A float subclass whose conversions raise."""

    def __float__(self) -> float:
        raise RuntimeError("float refused")

    def __repr__(self) -> str:
        raise RuntimeError("repr refused")


def _generator() -> Iterator[int]:
    yield 1


# Ints whose decimal form is beyond Python's int-to-str limit (4300 digits) have a test of
# their own (test_an_int_python_cannot_print_raises_without_an_unraisable_error).
BIG_INTS = st.sampled_from(
    [2**63 - 1, 2**63, 2**64 - 1, 2**64, -(2**63), -(2**63) - 1, 2**31, -(2**31) - 1, 10**300]
)
ODD_OBJECTS = st.sampled_from(
    [
        Opaque,
        BadRepr,
        lambda: HostileDict(a=1),
        lambda: HostileList([1]),
        lambda: HostileStr("text"),
        lambda: HostileInt(3),
        lambda: HostileFloat(0.5),
        lambda: collections.OrderedDict(a=1),
        lambda: types.MappingProxyType({"a": 1}),
        lambda: collections.UserDict(a=1),
        lambda: collections.UserList([1]),
        lambda: bytearray(b"x"),
        lambda: memoryview(b"x"),
        lambda: range(3),
        _generator,
        lambda: decimal.Decimal("1.5"),
        lambda: fractions.Fraction(1, 3),
        lambda: 1j,
        lambda: Ellipsis,
        lambda: object,
        lambda: print,
    ]
).map(lambda make: make())
SURROGATES = st.text(
    st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF, categories=["Cs"]),
    min_size=1,
    max_size=3,
)
HASHABLE = (
    st.none()
    | st.booleans()
    | st.integers()
    | BIG_INTS
    | st.floats()
    | st.text(max_size=12)
    | SURROGATES
    | st.binary(max_size=12)
)
SCALARS = HASHABLE | ODD_OBJECTS


def _containers(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return (
        st.lists(children, max_size=4)
        | st.tuples(children, children)
        | st.dictionaries(st.text(max_size=8), children, max_size=4)
        | st.dictionaries(HASHABLE, children, max_size=3)
        | st.sets(HASHABLE, max_size=3)
        | st.frozensets(HASHABLE, max_size=3)
    )


ANYTHING = st.recursive(SCALARS, _containers, max_leaves=12)
CONVERSE_KEYWORDS = list(SHAPES["ConverseRequest"]["members"])
KEYWORD_NAMES = st.sampled_from(CONVERSE_KEYWORDS) | st.text(max_size=12)


def request_nodes(shape: str, value: Any) -> list[tuple[str, str, Any, Any]]:
    """`(path, shape, container, key)` for every node of `value` (of `shape`) the model
    describes, in botocore's path notation; `container[key]` is the node (the root's
    container is None)."""
    out: list[tuple[str, str, Any, Any]] = []

    def walk(shape: str, value: Any, path: str, container: Any, key: Any) -> None:
        out.append((path, shape, container, key))
        s = SHAPES[shape]
        if s["type"] == "structure" and not s.get("document") and isinstance(value, dict):
            for name, item in value.items():
                member = s["members"].get(name)
                if member is not None:
                    walk(member["shape"], item, f"{path}.{name}" if path else name, value, name)
        elif s["type"] == "list" and isinstance(value, list):
            for i, item in enumerate(value):
                walk(s["member"]["shape"], item, f"{path}[{i}]", value, i)
        elif s["type"] == "map" and isinstance(value, dict):
            for name, item in value.items():
                walk(s["value"]["shape"], item, f"{path}.{name}", value, name)

    walk(shape, value, "", None, None)
    return out


ROOTS = {
    "converse": "ConverseRequest",
    "converse_stream": "ConverseStreamRequest",
    "count_tokens": "CountTokensRequest",
}
PAIRS = {operation: member_pairs(root) for operation, root in ROOTS.items()}


@st.composite
def model_request(draw: st.DrawFn, operations: tuple[str, ...] = tuple(ROOTS)) -> Any:
    """`(operation, request)`: the least valid request holding one member picked at random."""
    operation = draw(st.sampled_from(operations))
    shape, member = draw(st.sampled_from(PAIRS[operation]))
    return operation, Examples().reaching(ROOTS[operation], shape, member)


def call_operation(client: ChatClient, operation: str, request: dict[str, Any]) -> Any:
    if operation == "converse_stream":
        return drain(client.converse_stream(**request))
    return getattr(client, operation)(**request)


@fuzz_settings(ci=100)
@given(
    base=st.fixed_dictionaries(
        {}, optional={"modelId": st.just(MODEL_ID), "messages": st.just(MESSAGES)}
    ),
    extra=st.dictionaries(KEYWORD_NAMES, ANYTHING, max_size=3),
    stream=st.booleans(),
)
def test_free_form_keywords_give_a_response_or_a_typed_error(
    module_server: LocalBedrock, base: dict[str, Any], extra: dict[str, Any], stream: bool
) -> None:
    client = module_server.client(max_attempts=1, read_timeout=5)
    request = {**copy.deepcopy(base), **extra}
    operation = "converse_stream" if stream else "converse"
    outcome = bounded(lambda: call_operation(client, operation, request), operation)
    assert_typed(outcome, operation)
    if outcome.error is None and not stream:
        assert outcome.value["ResponseMetadata"]["HTTPStatusCode"] == 200
        assert outcome.value["output"]["message"]["role"] == "assistant"
    if outcome.error is None and stream:
        assert {"messageStop", "metadata"} <= {key for event in outcome.value for key in event}


@fuzz_settings(ci=60)
@given(built=model_request(), where=st.data(), value=ANYTHING)
def test_free_form_values_grafted_into_a_valid_request_give_a_response_or_a_typed_error(
    module_server: LocalBedrock, built: Any, where: st.DataObject, value: Any
) -> None:
    operation, request = built
    nodes = [node for node in request_nodes(ROOTS[operation], request) if node[2] is not None]
    _, _, container, key = where.draw(st.sampled_from(nodes))
    container[key] = value
    client = module_server.client(max_attempts=1, read_timeout=5)
    outcome = bounded(lambda: call_operation(client, operation, request), operation)
    assert_typed(outcome, operation)


# --------------------------------------------------------------------------------------------
# Model-built requests, mutated; botocore's validator is the oracle
# --------------------------------------------------------------------------------------------

# Values of a type no member of that kind takes, per botocore's validator.
WRONG_TYPES: dict[str, list[Any]] = {
    # [] has a test of its own (test_an_empty_list_for_a_string_is_a_type_error_as_in_botocore).
    "string": [5, 1.5, ["text"], {}, b"bytes"],
    "integer": ["7", 1.5, [], {}],
    "long": ["7", 1.5, [], {}],
    "float": ["0.5", [], {}],
    "double": ["0.5", [], {}],
    "boolean": ["true", 1, [], {}],
    "blob": [5, 1.5, [], {}],
    "timestamp": [[], {}],
    "list": ["text", 5, {}],
    "map": ["text", 5, []],
    "structure": ["text", 5, []],
    "document": [b"bytes", {1, 2}, Opaque()],
}
MUTATIONS = (
    "none",
    "drop_required",
    "wrong_type",
    "extra_key",
    "empty_union",
    "two_member_union",
    "below_min",
    "tuple_for_list",
)


def kind_of(shape: str) -> str:
    s = SHAPES[shape]
    return "document" if s["type"] == "structure" and s.get("document") else s["type"]


def mutate(data: st.DataObject, root: str, request: dict[str, Any]) -> tuple[str, str] | None:
    """Applies a mutation drawn by `data` to `request`; `(mutation, path)` or None if the
    drawn mutation has no place in this request."""
    mutation = data.draw(st.sampled_from(MUTATIONS), label="mutation")
    if mutation == "none":
        return mutation, ""
    nodes = request_nodes(root, request)

    def pick(candidates: list[tuple[str, str, Any, Any]]) -> tuple[str, str, Any, Any] | None:
        if not candidates:
            return None
        return data.draw(st.sampled_from(candidates), label=mutation)

    if mutation == "drop_required":
        node = pick(
            [n for n in nodes if kind_of(n[1]) == "structure" and SHAPES[n[1]].get("required")]
        )
        if node is None:
            return None
        value = node[2][node[3]] if node[2] is not None else request
        present = [m for m in SHAPES[node[1]]["required"] if m in value]
        if not present:
            return None
        del value[data.draw(st.sampled_from(present), label="member")]
        return mutation, node[0]
    if mutation == "wrong_type":
        node = pick([n for n in nodes if n[2] is not None])
        if node is None:
            return None
        node[2][node[3]] = data.draw(st.sampled_from(WRONG_TYPES[kind_of(node[1])]), label="as")
        return mutation, node[0]
    if mutation == "extra_key":
        node = pick([n for n in nodes if kind_of(n[1]) == "structure"])
        if node is None:
            return None
        (node[2][node[3]] if node[2] is not None else request)["notAMember"] = 1
        return mutation, node[0]
    if mutation in ("empty_union", "two_member_union"):
        node = pick(
            [
                n
                for n in nodes
                if SHAPES[n[1]].get("union")
                and n[2] is not None
                and (mutation == "empty_union" or len(SHAPES[n[1]]["members"]) > 1)
            ]
        )
        if node is None:
            return None
        value = node[2][node[3]]
        if mutation == "empty_union":
            value.clear()
        else:
            others = [m for m in SHAPES[node[1]]["members"] if m not in value]
            other = data.draw(st.sampled_from(others), label="second member")
            value[other] = Examples().member_value(node[1], other)
        return mutation, node[0]
    if mutation == "below_min":
        node = pick(
            [
                n
                for n in nodes
                if n[2] is not None
                and kind_of(n[1]) in ("string", "list", "integer", "long")
                and int(SHAPES[n[1]].get("min", 0)) >= 1
                and "enum" not in SHAPES[n[1]]
            ]
        )
        if node is None:
            return None
        s = SHAPES[node[1]]
        below = {"string": "", "list": []}.get(s["type"], int(s["min"]) - 1)
        node[2][node[3]] = below
        return mutation, node[0]
    node = pick([n for n in nodes if kind_of(n[1]) == "list" and n[2] is not None])
    if node is None:
        return None
    node[2][node[3]] = tuple(node[2][node[3]])
    return mutation, node[0]


@pytest.fixture(scope="module")
def botocore_validator() -> Callable[[str, dict[str, Any]], list[str]]:
    """botocore's ParamValidator for an operation: its error lines (none: valid)."""
    import botocore.session
    from botocore.validate import ParamValidator

    model = botocore.session.get_session().get_service_model("bedrock-runtime")
    names = {"converse": "Converse", "converse_stream": "ConverseStream"}
    names["count_tokens"] = "CountTokens"

    def validate(operation: str, request: dict[str, Any]) -> list[str]:
        shape = model.operation_model(names[operation]).input_shape
        report = ParamValidator().validate(request, shape)
        return report.generate_report().splitlines() if report.has_errors() else []

    return validate


@fuzz_settings(ci=150)
@given(built=model_request(), data=st.data())
def test_model_built_requests_are_validated_as_botocore_validates_them(
    module_server: LocalBedrock,
    botocore_validator: Callable[[str, dict[str, Any]], list[str]],
    built: Any,
    data: st.DataObject,
) -> None:
    operation, request = built
    mutated = mutate(data, ROOTS[operation], request)
    assume(mutated is not None)
    assert mutated is not None
    mutation, path = mutated
    event(f"{operation}: {mutation}")
    expected = botocore_validator(operation, request)
    assert (mutation == "none" or mutation == "tuple_for_list") == (not expected), (
        f"the mutation {mutation} at {path!r} was expected to be "
        f"{'valid' if mutation in ('none', 'tuple_for_list') else 'invalid'}: {expected}"
    )
    client = module_server.client(max_attempts=1, read_timeout=5)
    outcome = bounded(lambda: call_operation(client, operation, request), operation)
    assert_typed(outcome, operation)
    if not expected:
        assert outcome.error is None, f"{mutation} at {path!r}: {outcome.error!r}"
        return
    error = outcome.error
    assert isinstance(error, ParamValidationError), f"{mutation} at {path!r}: {error!r}"
    lines = str(error).splitlines()
    assert lines[0] == "Parameter validation failed:"
    assert lines[1] in expected, f"{lines[1]!r} is none of botocore's {expected}"
    assert error.path == path
    if path:
        assert path in str(error)


# --------------------------------------------------------------------------------------------
# The worker process: depth, cycles and hostile bytes, where a crash must not take pytest
# --------------------------------------------------------------------------------------------

GOOD_CONVERSE = {
    "output": {
        "message": {
            "role": "assistant",
            "content": [
                {"text": "ok"},
                {"toolUse": {"toolUseId": "t1", "name": "f", "input": {"a": [1, 2.5, None]}}},
            ],
        }
    },
    "stopReason": "tool_use",
    "usage": {"inputTokens": 1, "outputTokens": 1, "totalTokens": 2},
    "metrics": {"latencyMs": 1},
    "additionalModelResponseFields": {"x": {"y": [True, "z"]}},
}
GOOD_COUNT = {"inputTokens": 7}
DEPTH_PLACES = ("additional", "tool_input", "tool_result", "tool_schema")
ENTRIES = (
    "converse",
    "converse_async",
    "converse_stream",
    "converse_stream_async",
    "count_tokens",
    "converse_many",
)


def build_document(depth: int, kinds: str, cycles: list[tuple[int, int]]) -> Any:
    """`depth + 1` nested containers (kinds[i % len] is "d" for a dict, "l" for a list),
    1 at the bottom, and at level `at` a reference back to level `to` for each cycle."""
    levels: list[Any] = [{} if kinds[i % len(kinds)] == "d" else [] for i in range(depth + 1)]

    def put(container: Any, key: str, value: Any) -> None:
        if isinstance(container, dict):
            container[key] = value
        else:
            container.append(value)

    for upper, lower in zip(levels, levels[1:]):
        put(upper, "a", lower)
    put(levels[-1], "leaf", 1)
    for at, to in cycles:
        put(levels[min(at, depth)], "self", levels[min(to, at, depth)])
    return levels[0]


def deep_request(place: str, document: Any) -> tuple[dict[str, Any], str]:
    """A request holding `document` at `place`, and the path of that place."""
    if place == "additional":
        return {"messages": MESSAGES, "additionalModelRequestFields": document}, (
            "additionalModelRequestFields"
        )
    if place == "tool_input":
        block = {"toolUse": {"toolUseId": "t1", "name": "f", "input": document}}
        return {"messages": [{"role": "user", "content": [block]}]}, (
            "messages[0].content[0].toolUse.input"
        )
    if place == "tool_result":
        result = {"toolResult": {"toolUseId": "t1", "content": [{"json": document}]}}
        return {"messages": [{"role": "user", "content": [result]}]}, (
            "messages[0].content[0].toolResult.content[0].json"
        )
    tool = {"toolSpec": {"name": "f", "inputSchema": {"json": document}}}
    return {"messages": MESSAGES, "toolConfig": {"tools": [tool]}}, (
        "toolConfig.tools[0].toolSpec.inputSchema.json"
    )


def _describe(error: BaseException) -> dict[str, Any]:
    return {
        "error": type(error).__name__,
        "bases": [cls.__name__ for cls in type(error).__mro__],
        "message": str(error)[:3000],
        "path": getattr(error, "path", None),
        "status_code": getattr(error, "status_code", None),
        "events": [sorted(e) for e in getattr(error, "events", None) or []],
    }


def _call_entry(client: ChatClient, entry: str, request: dict[str, Any]) -> Any:
    """Runs `request` (Converse keywords) through `entry`; the response, events or error."""
    if entry == "converse":
        return client.converse(**request)
    if entry == "converse_async":
        return asyncio.run(client.converse_async(**request))
    if entry == "converse_stream":
        return drain(client.converse_stream(**request))
    if entry == "converse_stream_async":

        async def read() -> list[dict[str, Any]]:
            async with await client.converse_stream_async(**request) as stream:
                return [event async for event in stream]

        return asyncio.run(read())
    if entry == "count_tokens":
        keep = ("messages", "system", "toolConfig", "additionalModelRequestFields")
        converse = {k: v for k, v in request.items() if k in keep}
        return client.count_tokens(modelId=request["modelId"], input={"converse": converse})
    results = client.converse_many([request], concurrency=1, max_retries=0)
    if isinstance(results[0], BaseException):
        raise results[0]
    return results[0]


def _raw_head(status: int, headers: list[tuple[str, bytes]], length: int | None) -> bytes:
    """A response head with the headers' raw bytes as given."""
    lines = [f"HTTP/1.1 {status} Whatever".encode(), b"Connection: close"]
    if length is not None:
        lines.append(f"Content-Length: {length}".encode())
    lines += [name.encode() + b": " + value for name, value in headers]
    return b"\r\n".join(lines) + b"\r\n\r\n"


def _response_action(case: dict[str, Any]) -> raw_server.Action:
    status: int = case["status"]
    headers = [(name, bytes.fromhex(value)) for name, value in case["headers"]]
    body = bytes.fromhex(case["body"])
    framing: str = case["framing"]
    interim = f"HTTP/1.1 {case['interim']} Wait\r\n\r\n".encode() if case["interim"] else b""

    def action(conn: socket.socket, stop: threading.Event) -> None:
        if framing == "chunked":
            head = _raw_head(status, [*headers, ("Transfer-Encoding", b"chunked")], None)
            chunks = b"".join(
                f"{len(body[i : i + 700]):x}\r\n".encode() + body[i : i + 700] + b"\r\n"
                for i in range(0, len(body), 700)
            )
            conn.sendall(interim + head + chunks + b"0\r\n\r\n")
        elif framing == "close":  # no length: the body ends with the connection
            conn.sendall(interim + _raw_head(status, headers, None) + body)
        elif framing == "short":  # claims less than it sends
            conn.sendall(interim + _raw_head(status, headers, len(body) // 2) + body)
        elif framing == "long":  # claims more than it sends, then stalls
            conn.sendall(interim + _raw_head(status, headers, len(body) + 10) + body)
            stop.wait()
        else:
            conn.sendall(interim + _raw_head(status, headers, len(body)) + body)

    return action


def _run_case(case: dict[str, Any], server: LocalBedrock, raw: RawServer) -> dict[str, Any]:
    kind = case["kind"]
    options = {"max_attempts": 1, "read_timeout": 0.5, "connect_timeout": 2}
    if kind == "deep":
        request, _ = deep_request(
            case["place"],
            build_document(case["depth"], case["kinds"], [tuple(c) for c in case["cycles"]]),
        )
        client = server.client(**options)
        request["modelId"] = MODEL_ID
    else:
        client = ChatClient(
            region_name="us-east-1",
            endpoint_url=raw.endpoint_url,
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
            **options,
        )
        request = {"modelId": MODEL_ID, "messages": MESSAGES}
        before = raw.requests
        if kind == "response":
            raw.push(_response_action(case))
        else:
            frames = [bytes.fromhex(frame) for frame in case["frames"]]
            raw.push(raw_server.stream(frames, then=case.get("then", "close")))
    try:
        value = _call_entry(client, case["entry"], request)
    except BaseException as error:
        outcome = _describe(error)
    else:
        if isinstance(value, list):
            outcome = {"events": [sorted(event) for event in value]}
        else:
            meta = value.get("ResponseMetadata", {})
            outcome = {"keys": sorted(value), "http_status": meta.get("HTTPStatusCode")}
    if kind != "deep":
        outcome["requests"] = raw.requests - before
    return outcome


def _worker_main() -> None:
    """The worker's loop: a case per line of stdin, its outcome as a line of JSON."""
    protocol = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)  # anything printed goes to stderr, not into the protocol
    with LocalBedrock() as server, RawServer() as raw:
        protocol.write('{"ready": true}\n')
        protocol.flush()
        for line in sys.stdin:
            case = json.loads(line)
            protocol.write(json.dumps(_run_case(case, server, raw)) + "\n")
            protocol.flush()


class _Worker:
    """A process running `_worker_main`; started again after a crash or a hang."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[str] | None = None
        self.log = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 (lives as long as the worker)

    def start(self) -> subprocess.Popen[str]:
        self.log.seek(0)
        self.log.truncate()
        process = subprocess.Popen(
            [sys.executable, "-c", "import tests.test_fuzz as m; m._worker_main()"],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.log,
            text=True,
        )
        self.process = process
        assert self._read(process, 60.0) == {"ready": True}
        return process

    def _read(self, process: subprocess.Popen[str], timeout: float) -> dict[str, Any]:
        assert process.stdout is not None
        ready, _, _ = select.select([process.stdout], [], [], timeout)
        if not ready:
            process.kill()
            self.stop()
            pytest.fail(f"the worker did not answer within {timeout} s (a hang)")
        line = process.stdout.readline()
        if not line:
            returncode = process.wait(10)
            self.stop()
            self.log.seek(0)
            tail = self.log.read()[-4000:]
            pytest.fail(f"the worker died (return code {returncode}):\n{tail}")
        result: dict[str, Any] = json.loads(line)
        return result

    def run(self, case: dict[str, Any]) -> dict[str, Any]:
        process = self.process if self.process and self.process.poll() is None else self.start()
        assert process.stdin is not None
        try:
            process.stdin.write(json.dumps(case) + "\n")
            process.stdin.flush()
        except BrokenPipeError:
            self.stop()
            pytest.fail("the worker died before the case was sent")
        return self._read(process, HANG_BOUND)

    def stop(self) -> None:
        """Kills the worker (after a hang) or lets it end (at the end of the module)."""
        process, self.process = self.process, None
        if process is None:
            return
        assert process.stdin is not None and process.stdout is not None
        with contextlib.suppress(OSError):
            process.stdin.close()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
        process.stdout.close()


@pytest.fixture(scope="module")
def worker() -> Iterator[_Worker]:
    runner = _Worker()
    try:
        yield runner
    finally:
        runner.stop()
        runner.log.close()


def assert_typed_outcome(outcome: dict[str, Any], case: dict[str, Any]) -> None:
    if "error" not in outcome:
        return
    assert "BedrockError" in outcome["bases"], f"untyped {outcome['error']}: {outcome['message']}"
    assert outcome["error"] != "InternalError", f"a caught Rust panic: {outcome['message']}"


# --------------------------------------------------------------------------------------------
# Depth and cycles
# --------------------------------------------------------------------------------------------

# Deeper than this, the client refuses a request (counting from the request's own dict).
NESTING_LIMIT = 272


@st.composite
def deep_cases(draw: st.DrawFn) -> dict[str, Any]:
    depth = draw(
        st.integers(0, 100)
        | st.integers(101, 400)
        | st.integers(401, 100_000)
        | st.sampled_from([100_000, NESTING_LIMIT - 8, NESTING_LIMIT, NESTING_LIMIT + 1])
    )
    kinds = draw(st.text(alphabet="dl", min_size=1, max_size=4))
    at = st.integers(0, depth)
    cycle = at.flatmap(lambda a: st.tuples(st.just(a), st.integers(0, a)))
    # One case in three holds cycles: without them the depth alone decides.
    cycles = draw(st.lists(cycle, min_size=1, max_size=3)) if draw(st.integers(0, 2)) == 0 else []
    return {
        "kind": "deep",
        "entry": draw(st.sampled_from(ENTRIES)),
        "place": draw(st.sampled_from(DEPTH_PLACES)),
        "depth": depth,
        "kinds": kinds,
        "cycles": cycles,
    }


@fuzz_settings(ci=60)
@given(case=deep_cases())
def test_deep_and_self_referential_documents_raise_naming_the_path(
    worker: _Worker, case: dict[str, Any]
) -> None:
    outcome = worker.run(case)
    assert_typed_outcome(outcome, case)
    event(f"{case['entry']}: {outcome.get('error', 'success')}")
    _, path = deep_request(case["place"], None)
    if case["entry"] == "count_tokens":
        path = f"input.converse.{path}"
    deep = case["depth"] >= NESTING_LIMIT
    if case["cycles"] or deep:
        assert outcome.get("error") == "ParamValidationError", outcome
        assert f"parameter {path}" in outcome["message"], outcome
        if case["entry"] != "converse_many":  # its path: test_converse_many_keeps_the_path
            assert outcome["path"].startswith(path), outcome
            assert f"parameter {outcome['path']}" in outcome["message"]
        if not case["cycles"]:
            assert f"nested more than {NESTING_LIMIT} levels deep" in outcome["message"]
        else:
            assert (
                "contains itself" in outcome["message"]
                or "nested more than" in (outcome["message"])
            )
    elif case["depth"] <= 100:
        assert "error" not in outcome, outcome
    elif "error" in outcome:
        # Between: LocalBedrock's JSON reader (about 128 levels) may refuse it, as a service.
        assert outcome["error"] in ("ParamValidationError", "ServiceError", "ValidationException")
        if outcome["error"] != "ParamValidationError":
            assert outcome["status_code"] == 400, outcome


# --------------------------------------------------------------------------------------------
# Hostile response bytes
# --------------------------------------------------------------------------------------------

ERROR_CODES = [
    "ThrottlingException",
    "ValidationException",
    "AccessDeniedException",
    "ModelErrorException",
    "InternalServerException",
    "ServiceUnavailableException",
    "com.amazon.coral#ThrottlingException",
    "ValidationException:http://internal.amazon.com/coral/",
    "SomethingNewException",
    "",
]
_VISIBLE = st.characters(min_codepoint=0x20, max_codepoint=0x7E)
# Header values: visible ASCII mostly, obs-text (bytes 0x80-0xFF, legal but not UTF-8) now and
# then, and rarely control bytes HTTP forbids (the whole response is then unreadable).
HEADER_TEXT = st.one_of(
    st.text(_VISIBLE, max_size=40).map(str.encode),
    st.text(_VISIBLE, max_size=40).map(str.encode),
    st.text(_VISIBLE, max_size=40).map(str.encode),
    st.binary(max_size=20).map(lambda b: bytes(c | 0x80 for c in b)),
    st.binary(max_size=20).filter(lambda b: b"\r" not in b and b"\n" not in b),
)
HEADER_NAMES = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyz-0123456789", min_size=1, max_size=20
).filter(lambda n: n.lower() not in ("content-length", "transfer-encoding", "connection"))


def _deep_json(depth: int) -> bytes:
    return b'{"output": {"message": {"role": "assistant", "content": [{"text": "x"}]}}, ' + (
        b'"additionalModelResponseFields": ' + b'{"a": ' * depth + b"1" + b"}" * depth + b"}"
    )


def _json_values() -> st.SearchStrategy[Any]:
    leaves = (
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats(allow_nan=False, allow_infinity=False)
        | st.text(max_size=10)
    )
    return st.recursive(
        leaves,
        lambda children: (
            st.lists(children, max_size=3)
            | st.dictionaries(st.text(max_size=8), children, max_size=3)
        ),
        max_leaves=10,
    )


@st.composite
def reshaped(draw: st.DrawFn, good: dict[str, Any]) -> bytes:
    """A real response with one node replaced by JSON of some other shape."""
    document = copy.deepcopy(good)
    node: Any = document
    while True:
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        key = draw(st.sampled_from(keys))
        if isinstance(node[key], (dict, list)) and node[key] and draw(st.booleans()):
            node = node[key]
            continue
        node[key] = draw(_json_values())
        return json.dumps(document).encode()


def bodies() -> st.SearchStrategy[bytes]:
    real = json.dumps(GOOD_CONVERSE).encode()
    return st.one_of(
        st.binary(max_size=300),
        st.integers(0, len(real)).map(lambda n: real[:n]),
        st.just(real),
        st.just(json.dumps(GOOD_COUNT).encode()),
        reshaped(GOOD_CONVERSE),
        _json_values().map(lambda v: json.dumps(v).encode()),
        st.builds(
            lambda code, message: json.dumps({"__type": code, "message": message}).encode(),
            st.sampled_from(ERROR_CODES),
            st.text(max_size=20),
        ),
        st.sampled_from(
            [
                b'{"usage": {"inputTokens": 100000000000000000000000000000}}',
                b'{"inputTokens": 1e999}',
                b'{"inputTokens": -1}',
                b'{"inputTokens": 18446744073709551616}',
                b'{"metrics": {"latencyMs": 1.5e308}}',
                b'{"output": {"message": {"role": "assistant", "content": [{"text": "'
                + b"9" * 5000
                + b'"}]}}, "stopReason": "end_turn", "additionalModelResponseFields": '
                + b"1" * 5000
                + b"}",
                b"[" * 10_000 + b"]" * 10_000,
                b'{"a": ' * 10_000 + b"1" + b"}" * 10_000,
                _deep_json(10_000),
                _deep_json(127),
                _deep_json(129),
                b"\xef\xbb\xbf" + real,
                real.replace(b'"ok"', b'"\\ud800"'),
            ]
        ),
    )


@st.composite
def response_cases(draw: st.DrawFn) -> dict[str, Any]:
    if draw(st.integers(0, 9)) == 0:  # a clean answer now and then: it must succeed
        entry = draw(st.sampled_from(["converse", "converse_async", "count_tokens"]))
        body = GOOD_COUNT if entry == "count_tokens" else GOOD_CONVERSE
        return {
            "kind": "response",
            "entry": entry,
            "status": 200,
            "headers": [("Content-Type", b"application/json".hex())],
            "body": json.dumps(body).encode().hex(),
            "framing": draw(st.sampled_from(["length", "chunked", "close"])),
            "interim": draw(st.none() | st.just(100)),
            "clean": True,
        }
    headers: list[tuple[str, bytes]] = []
    content_type = draw(
        st.sampled_from(
            [
                b"application/json",
                b"text/html",
                b"application/vnd.amazon.eventstream",
                b"application/x-amz-json-1.1",
                None,
            ]
        )
        | HEADER_TEXT
    )
    if content_type is not None:
        headers.append(("Content-Type", content_type))
    error_type = draw(st.none() | st.sampled_from(ERROR_CODES).map(str.encode) | HEADER_TEXT)
    if error_type is not None:
        headers.append(("x-amzn-ErrorType", error_type))
    if draw(st.booleans()):
        headers.append(("x-amzn-RequestId", draw(HEADER_TEXT)))
    headers += draw(st.lists(st.tuples(HEADER_NAMES, HEADER_TEXT), max_size=3))
    return {
        "kind": "response",
        "entry": draw(
            st.sampled_from(["converse", "converse_async", "count_tokens", "converse_stream"])
        ),
        "status": draw(st.sampled_from([200, 400, 429, 500, 503]) | st.integers(200, 599)),
        "headers": [(name, value.hex()) for name, value in headers],
        "body": draw(bodies()).hex(),
        # A stall costs the 0.5 s read timeout: rarer than the others.
        "framing": draw(
            st.sampled_from(["length"] * 6 + ["chunked"] * 2 + ["close"] * 2 + ["short", "long"])
        ),
        # An informational answer first, now and then (100 Continue, 102, 103 Early Hints).
        "interim": draw(
            st.sampled_from([100, 102, 103]) if draw(st.integers(0, 9)) == 0 else st.none()
        ),
        "clean": False,
    }


@fuzz_settings(ci=150)
@given(case=response_cases())
def test_hostile_response_bytes_give_a_dict_or_a_typed_error(
    worker: _Worker, case: dict[str, Any]
) -> None:
    outcome = worker.run(case)
    assert_typed_outcome(outcome, case)
    event(f"{case['entry']}: {outcome.get('error', 'success')}")
    assert outcome["requests"] == 1, "one attempt, as max_attempts=1 says"
    status = case["status"]
    if case["clean"]:
        assert "error" not in outcome, f"a clean answer failed: {outcome}"
    if "error" not in outcome:
        assert 200 <= status < 300, f"a {status} answer came back as a success: {outcome}"
        if case["entry"] in ("converse", "converse_async"):
            assert outcome["http_status"] == status
        if case["entry"] == "converse_stream":
            assert {("messageStop",), ("metadata",)} <= {tuple(e) for e in outcome["events"]}
    elif "ServiceError" in outcome["bases"]:
        assert outcome["status_code"] == status, outcome


# --------------------------------------------------------------------------------------------
# Hostile event frames
# --------------------------------------------------------------------------------------------

EVENTS: dict[str, Any] = {
    "messageStart": {"role": "assistant"},
    "contentBlockStart": {
        "contentBlockIndex": 0,
        "start": {"toolUse": {"toolUseId": "t1", "name": "f"}},
    },
    "contentBlockDelta": {"contentBlockIndex": 0, "delta": {"text": "hi"}},
    "contentBlockStop": {"contentBlockIndex": 0},
    "messageStop": {"stopReason": "end_turn"},
    "metadata": {
        "usage": {"inputTokens": 1, "outputTokens": 1, "totalTokens": 2},
        "metrics": {"latencyMs": 1},
    },
}
EXCEPTIONS = [
    "throttlingException",
    "validationException",
    "internalServerException",
    "modelStreamErrorException",
    "serviceUnavailableException",
    "ThrottlingException",
]
COMPLETE = [raw_server.event_frame(name, payload) for name, payload in EVENTS.items()]


def frame(
    headers: list[tuple[bytes, int, bytes]],
    payload: bytes,
    *,
    total: int | None = None,
    headers_length: int | None = None,
) -> bytes:
    """An event-stream frame with raw headers `(name, type, encoded value)`; the lengths of
    its prelude may lie (its CRCs are right for the bytes given)."""
    encoded = b"".join(
        bytes([len(name) & 0xFF]) + name + bytes([kind]) + value for name, kind, value in headers
    )
    real_total = 16 + len(encoded) + len(payload)
    prelude = struct.pack(
        ">II",
        real_total if total is None else total,
        len(encoded) if headers_length is None else headers_length,
    )
    prelude += struct.pack(">I", binascii.crc32(prelude))
    message = prelude + encoded + payload
    return message + struct.pack(">I", binascii.crc32(message))


def string_header(name: str, value: str) -> tuple[bytes, int, bytes]:
    encoded = value.encode()
    return name.encode(), 7, struct.pack(">H", len(encoded)) + encoded


@st.composite
def header_values(draw: st.DrawFn) -> tuple[int, bytes]:
    """A header's type byte and value: each of the ten types, or a type that does not exist."""
    kind = draw(st.integers(0, 12))
    sizes = {0: 0, 1: 0, 2: 1, 3: 2, 4: 4, 5: 8, 8: 8, 9: 16}
    if kind in sizes:
        return kind, draw(st.binary(min_size=sizes[kind], max_size=sizes[kind]))
    if kind in (6, 7):
        data = draw(st.binary(max_size=20) if kind == 6 else st.text(max_size=20).map(str.encode))
        length = draw(st.just(len(data)) | st.integers(0, 0xFFFF))
        return kind, struct.pack(">H", length) + data
    return draw(st.integers(10, 255)), draw(st.binary(max_size=8))


@st.composite
def frames(draw: st.DrawFn) -> bytes:
    choice = draw(st.integers(0, 9))
    if choice <= 2:  # a valid event, known or not
        name = draw(st.sampled_from(list(EVENTS)) | st.text(max_size=12))
        payload = EVENTS.get(name, {}) if draw(st.booleans()) else draw(_json_values())
        return raw_server.event_frame(name, payload)
    if choice == 3:  # an exception, by a known or a random name
        name = draw(st.sampled_from(EXCEPTIONS) | st.text(max_size=12))
        return raw_server.event_frame(name, {"message": draw(st.text(max_size=12))}, "exception")
    if choice == 4:  # random event and message types, random header types
        headers = [
            string_header(":message-type", draw(st.sampled_from(["event", "exception", "error"]))),
            string_header(":event-type", draw(st.text(max_size=12))),
        ]
        if draw(st.booleans()):
            headers.append(string_header(":error-code", draw(st.text(max_size=12))))
            headers.append(string_header(":error-message", draw(st.text(max_size=12))))
        for _ in range(draw(st.integers(0, 3))):
            name = draw(
                st.sampled_from([":event-type", ":content-type", "x"]) | st.text(max_size=8)
            )
            kind, value = draw(header_values())
            headers.insert(draw(st.integers(0, len(headers))), (name.encode(), kind, value))
        body = draw(st.binary(max_size=40) | st.just(json.dumps(EVENTS["messageStart"]).encode()))
        return frame(headers, body)
    good = draw(st.sampled_from(COMPLETE))
    if choice == 5:  # a flipped bit (a bad CRC, or a lying prelude)
        bit = draw(st.integers(0, len(good) * 8 - 1))
        flipped = bytearray(good)
        flipped[bit // 8] ^= 1 << (bit % 8)
        return bytes(flipped)
    if choice == 6:  # truncated
        return good[: draw(st.integers(0, len(good) - 1))]
    # Preludes that lie, with correct CRCs: small, huge, or headers longer than the frame.
    total = draw(st.integers(0, 15) | st.integers(17, 200) | st.integers(2**24, 2**32 - 1))
    headers_length = draw(st.none() | st.integers(0, 2**32 - 1))
    message = frame([string_header(":message-type", "event")], b"{}", total=total)
    if headers_length is not None:
        message = frame([], b"", total=total, headers_length=headers_length)
    return message + draw(st.binary(max_size=64))


@st.composite
def frame_cases(draw: st.DrawFn) -> dict[str, Any]:
    entry = draw(st.sampled_from(["converse_stream", "converse_stream_async"]))
    if draw(st.integers(0, 9)) == 0:  # a clean stream now and then: it must succeed
        return {"kind": "frames", "entry": entry, "frames": [f.hex() for f in COMPLETE]}
    prefix = COMPLETE[: draw(st.integers(0, len(COMPLETE)))] if draw(st.booleans()) else []
    return {
        "kind": "frames",
        "entry": entry,
        "frames": [f.hex() for f in prefix + draw(st.lists(frames(), max_size=6))],
        # A stall costs the 0.5 s read timeout: rarer than the others.
        "then": draw(st.sampled_from(["close"] * 4 + ["reset", "stall"])),
    }


@fuzz_settings(ci=150)
@given(case=frame_cases())
def test_hostile_event_frames_end_the_stream_or_raise_a_typed_error(
    worker: _Worker, case: dict[str, Any]
) -> None:
    outcome = worker.run(case)
    assert_typed_outcome(outcome, case)
    event(f"then {case.get('then', 'clean')}: {outcome.get('error', 'success')}")
    assert outcome["requests"] == 1
    if "then" not in case:
        assert "error" not in outcome, f"a clean stream failed: {outcome}"
    if "error" not in outcome:
        seen = {key for event in outcome["events"] for key in event}
        assert {"messageStop", "metadata"} <= seen, f"a stream without its end: {outcome}"


# --------------------------------------------------------------------------------------------
# Bugs the properties above found, fixed; kept as regression tests
# --------------------------------------------------------------------------------------------


def test_an_int_python_cannot_print_raises_without_an_unraisable_error(
    module_server: LocalBedrock,
) -> None:
    unraisable: list[Any] = []
    hook = sys.unraisablehook
    sys.unraisablehook = unraisable.append
    try:
        with pytest.raises(ParamValidationError, match=r"additionalModelRequestFields\.x"):
            module_server.client(max_attempts=1).converse(
                modelId=MODEL_ID, messages=MESSAGES, additionalModelRequestFields={"x": 10**5000}
            )
    finally:
        sys.unraisablehook = hook
    assert unraisable == [], [str(u.exc_value) for u in unraisable]


def test_an_empty_list_for_a_string_is_a_type_error_as_in_botocore(
    module_server: LocalBedrock,
) -> None:
    with pytest.raises(ParamValidationError) as caught:
        module_server.client(max_attempts=1).converse(modelId=[], messages=MESSAGES)
    expected = (
        "Invalid type for parameter modelId, value: [], type: <class 'list'>, "
        "valid types: <class 'str'>"
    )
    assert str(caught.value).splitlines()[1] == expected


def test_converse_many_keeps_the_path_of_a_param_validation_error(
    module_server: LocalBedrock,
) -> None:
    request = {"modelId": MODEL_ID, "messages": MESSAGES, "inferenceConfig": {"maxTokens": "x"}}
    client = module_server.client(max_attempts=1)
    with pytest.raises(ParamValidationError) as direct:
        client.converse(**request)
    assert direct.value.path == "inferenceConfig.maxTokens"
    (result,) = client.converse_many([request])
    assert isinstance(result, ParamValidationError)
    assert result.path == "inferenceConfig.maxTokens"
