"""Shared test helpers: the service model, example values built from it, and JSON comparisons
(request bodies token for token with `assert_same_tokens`, dicts with `assert_identical`)."""

from __future__ import annotations

import collections
import json
import math
import pathlib
import sys
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
MODEL: dict[str, Any] = json.loads(
    (ROOT / "src" / "wire" / "service_model.json").read_text(encoding="utf-8")
)
SHAPES: dict[str, dict[str, Any]] = MODEL["shapes"]
OPERATIONS: dict[str, dict[str, Any]] = MODEL["operations"]


def posix_only(why: str) -> pytest.MarkDecorator:
    """Skips a test on Windows, which lacks what it needs: Windows cannot send SIGINT to
    another process (Popen.send_signal takes only SIGTERM and the console's Ctrl events
    there), and has no `resource` module."""
    return pytest.mark.skipif(sys.platform == "win32", reason=f"POSIX only: {why}")


# Lines a test module hands to the terminal summary (see pytest_terminal_summary in conftest).
SUMMARY = pytest.StashKey[list[str]]()


# --------------------------------------------------------------------------------------------
# Comparing
# --------------------------------------------------------------------------------------------


class JsonObject(list):  # type: ignore[type-arg]
    """A JSON object as its `(key, value)` pairs, in the order they were written (duplicate
    keys kept): unlike a dict, two objects are equal only with their keys in the same order."""

    def __repr__(self) -> str:
        return "{" + ", ".join(f"{k!r}: {v!r}" for k, v in self) + "}"


def json_tokens(body: bytes | str) -> Any:
    """A JSON body as its tokens: objects as `JsonObject` pairs, ints as `int`, every other
    number as `float` (NaN and the infinities as Python's json reads them)."""
    return json.loads(body, object_pairs_hook=JsonObject)


def _same_token(ours: Any, theirs: Any, where: str) -> None:
    assert type(ours) is type(theirs), f"{where}: {ours!r} (ours) != {theirs!r} (boto3's)"
    if isinstance(theirs, JsonObject):
        assert [k for k, _ in ours] == [k for k, _ in theirs], (
            f"{where}: keys {[k for k, _ in ours]} (ours) != {[k for k, _ in theirs]} (boto3's)"
        )
        for (key, a), (_, b) in zip(ours, theirs):
            _same_token(a, b, f"{where}.{key}")
    elif isinstance(theirs, list):
        assert len(ours) == len(theirs), f"{where}: {ours!r} (ours) != {theirs!r} (boto3's)"
        for i, (a, b) in enumerate(zip(ours, theirs)):
            _same_token(a, b, f"{where}[{i}]")
    elif isinstance(theirs, float):
        assert same_float(ours, theirs), f"{where}: {ours!r} (ours) != {theirs!r} (boto3's)"
    else:
        assert ours == theirs, f"{where}: {ours!r} (ours) != {theirs!r} (boto3's)"


def assert_same_tokens(ours: bytes | str, boto3: bytes | str, where: str = "body") -> None:
    """Two request bodies are the same JSON token for token: the same keys in the same order at
    every level, the same strings, ints where boto3 has ints and floats of exactly its values
    (1 is not 1.0, 0.7 is not 0.699999988079071). Only whitespace and escaping may differ.
    An empty body equals only an empty body."""
    if not ours.strip() or not boto3.strip():
        assert not ours.strip() and not boto3.strip(), f"{where}: {ours!r} != {boto3!r}"
        return
    _same_token(json_tokens(ours), json_tokens(boto3), where)


def same_float(a: float, b: float) -> bool:
    """The same float: equal with the same sign (-0.0 is not 0.0), or both NaN."""
    same = a == b and math.copysign(1, a) == math.copysign(1, b)
    return same or (math.isnan(a) and math.isnan(b))


def assert_identical(
    actual: Any, expected: Any, where: str = "body", *, ordered: bool = False
) -> None:
    """Equal values of equal types all the way down (1 is not 1.0, -0.0 is not 0.0, NaN is
    NaN); with `ordered`, dict keys in the same order too."""
    assert type(actual) is type(expected), f"{where}: {actual!r} != {expected!r}"
    if isinstance(expected, dict):
        if ordered:
            assert list(actual) == list(expected), (
                f"{where}: keys {list(actual)} != {list(expected)}"
            )
        assert actual.keys() == expected.keys(), (
            f"{where}: keys {actual.keys()} != {expected.keys()}"
        )
        for key in expected:
            assert_identical(actual[key], expected[key], f"{where}.{key}", ordered=ordered)
    elif isinstance(expected, list):
        assert len(actual) == len(expected), f"{where}: {actual!r} != {expected!r}"
        for i, (a, b) in enumerate(zip(actual, expected)):
            assert_identical(a, b, f"{where}[{i}]", ordered=ordered)
    elif isinstance(expected, float):
        assert same_float(actual, expected), f"{where}: {actual!r} != {expected!r}"
    else:
        assert actual == expected, f"{where}: {actual!r} != {expected!r}"


def without_metadata(response: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in response.items() if k != "ResponseMetadata"}


def request_json(seen: dict[str, Any]) -> Any:
    """A recorded request's body parsed by Python's json (exact for every float and int)."""
    body = seen["body"]
    return json.loads(body) if body.strip() else {}


# --------------------------------------------------------------------------------------------
# The model
# --------------------------------------------------------------------------------------------


def is_union(name: str) -> bool:
    s = SHAPES[name]
    return bool(s.get("union") or s.get("eventstream"))


def is_document(name: str) -> bool:
    s = SHAPES[name]
    return s["type"] == "structure" and bool(s.get("document"))


def children(name: str) -> list[tuple[str, str]]:
    """`(step, shape)` edges out of a shape: member names, "[]" for list items, "{}" for values."""
    s = SHAPES[name]
    if s["type"] == "structure" and not s.get("document"):
        return [(m, v["shape"]) for m, v in s["members"].items()]
    if s["type"] == "list":
        return [("[]", s["member"]["shape"])]
    if s["type"] == "map":
        return [("{}", s["value"]["shape"])]
    return []


def reachable(root: str) -> list[str]:
    """Shapes reachable from `root`, in breadth-first order."""
    seen = {root: None}
    queue = collections.deque([root])
    while queue:
        name = queue.popleft()
        for _, child in children(name):
            if child not in seen:
                seen[child] = None
                queue.append(child)
    return list(seen)


def member_pairs(root: str) -> list[tuple[str, str]]:
    """Every `(structure, member)` reachable from `root`, sorted."""
    pairs = set()
    for name in reachable(root):
        s = SHAPES[name]
        if s["type"] == "structure" and not s.get("document"):
            pairs.update((name, m) for m in s["members"])
    return sorted(pairs)


# The shapes a member of the three operations is reached from: each operation's input and
# output, the stream's events for ConverseStream's (its `stream` is the HTTP payload itself).
MODEL_ROOTS = (
    "ConverseRequest",
    "ConverseStreamRequest",
    "CountTokensRequest",
    "ConverseResponse",
    "ConverseStreamOutput",
    "CountTokensResponse",
)
# Every `(structure, member)` of botocore's model reachable from Converse, ConverseStream and
# CountTokens: each is carried both ways, as fastconverse writes and reads the bytes itself.
MODEL_MEMBERS: list[tuple[str, str]] = sorted(
    {pair for root in MODEL_ROOTS for pair in member_pairs(root)}
)


def path_to(root: str, target: str) -> list[tuple[str, str]]:
    """The shortest `(shape, step)` path from `root` down to the shape `target`."""
    parent: dict[str, tuple[str, str] | None] = {root: None}
    queue = collections.deque([root])
    while queue:
        name = queue.popleft()
        if name == target:
            break
        for step, child in children(name):
            if child not in parent:
                parent[child] = (name, step)
                queue.append(child)
    assert target in parent, f"{target} is not reachable from {root}"
    path = []
    node = target
    while parent[node] is not None:
        up = parent[node]
        assert up is not None
        path.append(up)
        node = up[0]
    return path[::-1]


# --------------------------------------------------------------------------------------------
# Example values
# --------------------------------------------------------------------------------------------

DOCUMENT_EXAMPLE: Any = {
    "text": "héllo ✓ 日本",
    "list": [1, -2, 0.5, None, True, "x"],
    "nested": {"big": 2**64 - 1, "small": -(2**63), "float": 1e300, "tiny": 5e-324},
}
BLOB_EXAMPLE = b"\x00\x01blob\xff"
# Members LocalBedrock (as Bedrock) needs beyond botocore's required ones: a conversation.
CONVERSATION = {"ConverseRequest", "ConverseStreamRequest", "ConverseTokensRequest"}
# Preferred union members when any will do: the plainest.
PREFERRED = ("text", "converse", "message", "auto", "bytes", "json", "reasoningText")


class Examples:
    """Valid values of any shape of the model: required members, one member per union,
    enum values, lengths within min and max, blobs as bytes, documents as nested JSON."""

    def __init__(self, user_text: str = "Hello ✓") -> None:
        self.user_text = user_text

    def value(self, shape: str, member: str = "") -> Any:
        s = SHAPES[shape]
        kind = s["type"]
        if kind == "string":
            if "enum" in s:
                return "user" if shape == "ConversationRole" else s["enum"][0]
            return self.text(s, member or "example")
        if kind in ("integer", "long"):
            return min(max(7, int(s.get("min", 7))), int(s.get("max", 7)))
        if kind in ("float", "double"):
            return 0.5
        if kind == "boolean":
            return True
        if kind == "blob":
            return BLOB_EXAMPLE
        if kind == "structure" and s.get("document"):
            return json.loads(json.dumps(DOCUMENT_EXAMPLE))
        if kind == "list":
            count = max(int(s.get("min", 1)), 1)
            return [self.value(s["member"]["shape"]) for _ in range(count)]
        if kind == "map":
            key = self.text(SHAPES[s["key"]["shape"]], "key")
            return {key: self.value(s["value"]["shape"])}
        if kind == "structure":
            return self.structure(shape)
        raise AssertionError(f"{shape}: unexpected type {kind}")

    @staticmethod
    def text(s: dict[str, Any], seed: str) -> str:
        text = f"{seed} ✓"
        if "max" in s:
            text = text[: int(s["max"])]
        return text.ljust(int(s.get("min", 0)), "x")

    def structure(self, shape: str, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
        """The least valid value of a structure or union, with `overrides` set."""
        s = SHAPES[shape]
        overrides = overrides or {}
        if is_union(shape):
            if overrides:
                return dict(overrides)
            members = list(s["members"])
            member = next((m for m in PREFERRED if m in members), members[0])
            return {member: self.value(s["members"][member]["shape"], member)}
        out: dict[str, Any] = {}
        required = list(s.get("required", []))
        if shape in CONVERSATION:
            required.append("messages")
        for name in required:
            if name not in overrides:
                out[name] = self.member_value(shape, name)
        out.update(overrides)
        return out

    def member_value(self, shape: str, member: str) -> Any:
        member_shape = SHAPES[shape]["members"][member]["shape"]
        if member == "messages" and shape in CONVERSATION:
            return [{"role": "user", "content": [{"text": self.user_text}]}]
        return self.value(member_shape, member)

    def reaching(self, root: str, shape: str, member: str, value: Any = None) -> dict[str, Any]:
        """The least valid value of `root` that holds `shape.member` (set to `value`, or an
        example of it) on the shortest path down to it."""
        if value is None:
            value = self.member_value(shape, member)
        return self.wrap(root, shape, self.structure(shape, {member: value}))

    def wrap(self, root: str, shape: str, node: Any) -> dict[str, Any]:
        """The least valid value of `root` that holds `node`, a value of `shape`."""
        for parent, step in reversed(path_to(root, shape)):
            if step == "[]":
                node = [node]
            elif step == "{}":
                key_shape = SHAPES[SHAPES[parent]["key"]["shape"]]
                node = {self.text(key_shape, "key"): node}
            else:
                node = self.structure(parent, {step: node})
        assert isinstance(node, dict)
        return node


def dig(root: str, value: Any, shape: str) -> Any:
    """The value of `shape` inside `value` (of `root`) on the path `Examples.reaching` takes."""
    node = value
    for _, step in path_to(root, shape):
        if step == "[]":
            node = node[0]
        elif step == "{}":
            node = next(iter(node.values()))
        else:
            node = node[step]
    return node


T = TypeVar("T")


def wait_for(condition: Callable[[], Any], what: str, timeout: float = 10.0) -> None:
    """Polls `condition` until true; fails naming `what` (a bound against hangs, not a timing)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.01)


def python_ticks_during(call: Callable[[], T]) -> tuple[T, int]:
    """Runs `call` while a Python thread counts; returns its result and the count.

    A call that holds the GIL while it waits lets the counter barely move.
    """
    ticks = 0
    stop = threading.Event()

    def count() -> None:
        nonlocal ticks
        while not stop.is_set():
            ticks += 1
            time.sleep(0.001)

    counter = threading.Thread(target=count)
    counter.start()
    try:
        before = ticks
        result = call()
        return result, ticks - before
    finally:
        stop.set()
        counter.join()


# --------------------------------------------------------------------------------------------
# Examples
# --------------------------------------------------------------------------------------------


def run_pipeline_example(script: str, rows: int) -> tuple[dict[str, Any], int]:
    """Runs ``examples/<script>`` as a user runs it, its workers answered by a LocalBedrock
    of the test; returns the JSON summary it prints last and the requests the server got."""
    import subprocess
    import sys

    from fastconverse.testing import LocalBedrock

    with LocalBedrock() as server:
        out = subprocess.run(
            [
                sys.executable,
                str(ROOT / "examples" / script),
                "--endpoint",
                server.endpoint_url,
                "--rows",
                str(rows),
            ],
            capture_output=True,
            text=True,
            timeout=600,
        )
        received = len(server.requests)
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1]), received
