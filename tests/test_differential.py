"""Differential property tests: requests generated from the service model, boto3 beside us.

Valid requests (required members, enums, one member per union, length and range limits,
JSON documents with unicode, ints beyond 64 bits and floats) must reach LocalBedrock as the
same path and the same body token for token (helpers.assert_same_tokens: key order, ints
and exact floats) and come back as equal dicts; responses generated the same way must parse
to equal dicts; invalid requests of the kinds botocore refuses must be refused by both
before sending, with fastconverse's `ParamValidationError.path` naming the field.

Examples per test: 500 (at least), or FASTCONVERSE_HYPOTHESIS_EXAMPLES.
"""

from __future__ import annotations

import copy
import functools
import os
from collections.abc import Iterator
from typing import Any, Callable

import pytest
from botocore.exceptions import ParamValidationError as BotoParamValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fastconverse import ChatClient, ParamValidationError
from fastconverse.testing import LocalBedrock

from .conftest import MODEL_ID, user
from .helpers import (
    SHAPES,
    assert_identical,
    assert_same_tokens,
    is_union,
    without_metadata,
)

EXAMPLES = int(os.environ.get("FASTCONVERSE_HYPOTHESIS_EXAMPLES") or 500)
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
HAS_STREAM = hasattr(ChatClient, "converse_stream")
ROOTS = {
    "converse": "ConverseRequest",
    "converse_stream": "ConverseStreamRequest",
    "count_tokens": "CountTokensRequest",
}
OPERATIONS = ["converse", "count_tokens"] + (["converse_stream"] if HAS_STREAM else [])
CONVERSATION = {"ConverseRequest", "ConverseStreamRequest", "ConverseTokensRequest"}
# Longest lists and strings generated (beyond the model's own limits), to keep examples small.
MAX_ITEMS = 2
MAX_TEXT = 24


# --------------------------------------------------------------------------------------------
# Strategies from the model
# --------------------------------------------------------------------------------------------

# Ints of any size in requests: boto3 sends every digit json.dumps writes. Responses are
# queued through LocalBedrock's dict API, which holds 64-bit ints; wider ones coming back
# are tested from raw bytes in test_wire_parity.
ANY_INTS = st.integers() | st.integers(min_value=-(2**200), max_value=2**200)
WORD_INTS = st.integers(min_value=-(2**63), max_value=2**64 - 1)


def json_documents(ints: st.SearchStrategy[int]) -> tuple[st.SearchStrategy[Any], ...]:
    """JSON documents with `ints`: any document, and one where a value is needed (not
    None, which Bedrock takes as absent)."""
    scalars = (
        st.none()
        | st.booleans()
        | ints
        | st.floats(allow_nan=False, allow_infinity=False)
        | st.text(max_size=MAX_TEXT)
    )
    documents = st.recursive(
        scalars,
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
        ),
        max_leaves=8,
    )
    present = (
        st.booleans()
        | ints
        | st.floats(allow_nan=False, allow_infinity=False)
        | st.text(max_size=MAX_TEXT)
        | st.lists(documents, max_size=3)
        | st.dictionaries(st.text(max_size=8), documents, max_size=3)
    )
    return documents, present


def alternate_roles(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A conversation as Bedrock takes it: a user message first, then turns alternating."""
    return [{**m, "role": ("user", "assistant")[i % 2]} for i, m in enumerate(messages)]


class Strategies:
    """Values of any shape; `response` relaxes what only requests must satisfy."""

    def __init__(self, *, response: bool = False) -> None:
        self.response = response
        self.documents, self.present_documents = json_documents(WORD_INTS if response else ANY_INTS)

    @functools.cache  # noqa: B019 (two instances, alive for the module)
    def of(self, shape: str) -> st.SearchStrategy[Any]:
        s = SHAPES[shape]
        kind = s["type"]
        low, high = s.get("min"), s.get("max")
        if kind == "string":
            if "enum" in s:
                values = st.sampled_from(s["enum"])
                # Values Bedrock adds later must come back as they are.
                return values | st.just("a-new-value") if self.response else values
            # Bedrock counts UTF-16 units: half the limit in code points always fits.
            top = MAX_TEXT if high is None else min(MAX_TEXT, max(int(high) // 2, low or 0))
            return st.text(min_size=int(low or 0), max_size=top)
        if kind in ("integer", "long"):
            bits = 31 if kind == "integer" else 63
            return st.integers(
                min_value=-(2**bits) if low is None else int(low),
                max_value=2**bits - 1 if high is None else int(high),
            )
        if kind in ("float", "double"):
            return st.floats(min_value=low, max_value=high, allow_nan=False, allow_infinity=False)
        if kind == "boolean":
            return st.booleans()
        if kind == "blob":
            return st.binary(min_size=int(low or 0), max_size=48)
        if kind == "structure" and s.get("document"):
            return self.documents
        if kind == "list":
            top = MAX_ITEMS if high is None else min(MAX_ITEMS, int(high))
            item = self.of(s["member"]["shape"])
            if s["member"]["shape"] == "Message" and not self.response:
                return st.lists(item, min_size=1, max_size=top).map(alternate_roles)
            return st.lists(item, min_size=int(low or 0), max_size=top)
        if kind == "map":
            keys = self.of(s["key"]["shape"])
            top = MAX_ITEMS if high is None else min(MAX_ITEMS, int(high))
            return st.dictionaries(
                keys, self.of(s["value"]["shape"]), min_size=int(low or 0), max_size=top
            )
        if kind == "structure" and is_union(shape):
            return st.one_of(
                [
                    self.present(spec["shape"]).map(functools.partial(lambda m, v: {m: v}, name))
                    for name, spec in s["members"].items()
                    if not name.endswith("Exception")
                ]
            )
        if kind == "structure":
            required = set(s.get("required", []))
            if shape in CONVERSATION and not self.response:
                required.add("messages")
            members = {
                name: self.present(spec["shape"]) if name in required else self.of(spec["shape"])
                for name, spec in s["members"].items()
            }
            return st.fixed_dictionaries(
                {k: v for k, v in members.items() if k in required},
                optional={k: v for k, v in members.items() if k not in required},
            )
        raise AssertionError(f"{shape}: unexpected type {kind}")

    def present(self, shape: str) -> st.SearchStrategy[Any]:
        """Values of a member that must hold something: a document is not None."""
        if SHAPES[shape]["type"] == "structure" and SHAPES[shape].get("document"):
            return self.present_documents
        return self.of(shape)


REQUESTS = Strategies()
RESPONSES = Strategies(response=True)


# --------------------------------------------------------------------------------------------
# Fixtures and calls
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def clients(module_server: LocalBedrock) -> tuple[LocalBedrock, ChatClient, Any]:
    module_server.latency = 0.0
    return module_server, module_server.client(max_attempts=1), module_server.boto3_client()


def outcome(run: Callable[[], Any]) -> tuple[str, Any]:
    """("ok", answer) or ("error", (code, message)) of one call."""
    try:
        return "ok", run()
    except BotoParamValidationError:
        raise
    except ParamValidationError:
        raise
    except Exception as err:  # a service error: compare its code and message
        response = getattr(err, "response", None) or {}
        error = response.get("Error", {})
        return "error", (error.get("Code"), error.get("Message"))


def read(answer: Any) -> Any:
    """A response dict without metadata, or a stream's events read to the end."""
    if isinstance(answer, dict) and "stream" in answer:
        answer = answer["stream"]
    if isinstance(answer, dict):
        return without_metadata(answer)
    try:
        return list(answer)
    finally:
        answer.close()


def call(client: Any, operation: str, request: dict[str, Any]) -> Any:
    return read(getattr(client, operation)(**request))


# --------------------------------------------------------------------------------------------
# Valid requests
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("operation", OPERATIONS)
def test_valid_request_is_sent_and_answered_as_boto3(
    operation: str, clients: tuple[LocalBedrock, ChatClient, Any]
) -> None:
    server, client, boto = clients
    root = ROOTS[operation]

    @SETTINGS
    @given(request=REQUESTS.of(root))
    def check(request: dict[str, Any]) -> None:
        server.reset()
        boto_kind, boto_answer = outcome(lambda: call(boto, operation, request))
        fast_kind, fast_answer = outcome(lambda: call(client, operation, request))
        # A request valid by the model is one LocalBedrock (as Bedrock) takes.
        assert boto_kind == "ok", boto_answer
        boto_seen, fast_seen = server.requests
        assert fast_seen["path"] == boto_seen["path"]
        assert_same_tokens(fast_seen["body"], boto_seen["body"])
        assert (fast_kind, fast_answer) == (boto_kind, boto_answer)
        if fast_kind == "ok":
            assert_identical(fast_answer, boto_answer)

    check()


def test_count_tokens_of_a_request_is_its_echo_usage(
    clients: tuple[LocalBedrock, ChatClient, Any],
) -> None:
    server, client, _ = clients

    @SETTINGS
    @given(conversation=REQUESTS.of("ConverseTokensRequest"))
    def check(conversation: dict[str, Any]) -> None:
        server.reset()
        counted = client.count_tokens(modelId=MODEL_ID, input={"converse": conversation})
        reply = client.converse(modelId=MODEL_ID, **conversation)
        assert counted["inputTokens"] == reply["usage"]["inputTokens"]

    check()


# --------------------------------------------------------------------------------------------
# Responses
# --------------------------------------------------------------------------------------------

BASE_REQUEST: dict[str, Any] = {"modelId": MODEL_ID, "messages": [user("Hi")]}


def test_generated_response_parses_as_boto3_parses_it(
    clients: tuple[LocalBedrock, ChatClient, Any],
) -> None:
    server, client, boto = clients

    @SETTINGS
    @given(reply=RESPONSES.of("ConverseResponse"))
    def check(reply: dict[str, Any]) -> None:
        server.reset()
        server.queue_reply(reply)
        boto_answer = without_metadata(boto.converse(**BASE_REQUEST))
        server.queue_reply(reply)
        fast_answer = without_metadata(client.converse(**BASE_REQUEST))
        assert_identical(fast_answer, boto_answer)

    check()


STREAM_MIDDLE = st.lists(
    st.one_of(
        [
            RESPONSES.of(SHAPES["ConverseStreamOutput"]["members"][name]["shape"]).map(
                functools.partial(lambda n, v: {n: v}, name)
            )
            for name in ("contentBlockStart", "contentBlockDelta", "contentBlockStop")
        ]
    ),
    max_size=4,
)


@pytest.mark.skipif(not HAS_STREAM, reason="ChatClient.converse_stream is not built yet")
def test_generated_stream_parses_as_boto3_parses_it(
    clients: tuple[LocalBedrock, ChatClient, Any],
) -> None:
    server, client, boto = clients

    def event(name: str) -> st.SearchStrategy[dict[str, Any]]:
        shape = SHAPES["ConverseStreamOutput"]["members"][name]["shape"]
        return RESPONSES.of(shape).map(lambda v: {name: v})

    @SETTINGS
    @given(
        start=event("messageStart"),
        middle=STREAM_MIDDLE,
        stop=event("messageStop"),
        metadata=event("metadata"),
    )
    def check(
        start: dict[str, Any],
        middle: list[dict[str, Any]],
        stop: dict[str, Any],
        metadata: dict[str, Any],
    ) -> None:
        events = [start, *middle, stop, metadata]
        server.reset()
        server.queue_stream(events)
        boto_events = call(boto, "converse_stream", BASE_REQUEST)
        server.queue_stream(events)
        fast_events = call(client, "converse_stream", BASE_REQUEST)
        assert_identical(fast_events, boto_events)

    check()


# --------------------------------------------------------------------------------------------
# Invalid requests
# --------------------------------------------------------------------------------------------


Location = tuple[tuple[Any, ...], str, str, Any]


def locations(
    shape: str, value: Any, steps: tuple[Any, ...] = (), path: str = ""
) -> Iterator[Location]:
    """Every `(steps, path, shape, value)` inside a valid value, documents excluded; `path`
    in botocore's notation (`messages[0].content[1].text`)."""
    yield steps, path, shape, value
    s = SHAPES[shape]
    if s["type"] == "structure" and not s.get("document") and isinstance(value, dict):
        for name, item in value.items():
            child = f"{path}.{name}" if path else name
            yield from locations(s["members"][name]["shape"], item, (*steps, name), child)
    elif s["type"] == "list":
        for i, item in enumerate(value):
            yield from locations(s["member"]["shape"], item, (*steps, i), f"{path}[{i}]")
    elif s["type"] == "map":
        for key, item in value.items():
            yield from locations(s["value"]["shape"], item, (*steps, key), f"{path}.{key}")


WRONG_TYPE = {
    "string": 5,
    "integer": "5",
    "long": 2.5,
    "float": "0.5",
    "double": [0.5],
    "boolean": "true",
    "blob": 12,
    "list": "not a list",
    "map": ["not", "a", "map"],
    "structure": "not a structure",
}


Mutation = tuple[str, tuple[Any, ...], str, Any]


def mutations(root: str, request: dict[str, Any]) -> list[Mutation]:
    """`(kind, steps, path, argument)`: one change botocore refuses, at a place in `request`."""
    found: list[Mutation] = []
    for steps, path, shape, value in locations(root, request):
        s = SHAPES[shape]
        kind = s["type"]
        document = kind == "structure" and bool(s.get("document"))
        if steps and not document:
            found.append(("type", steps, path, WRONG_TYPE[kind]))
        if kind == "structure" and not document:
            found.append(("unknown", steps, path, "bogusMember"))
            if is_union(shape):
                others = [m for m in s["members"] if m not in value]
                found.append(("union-empty", steps, path, None))
                if others:
                    found.append(("union-two", steps, path, others[0]))
            for name in s.get("required", []):
                found.append(("missing", steps, path, name))
        if kind in ("string", "list") and s.get("min", 0) > 0 and steps:
            found.append(("too-short", steps, path, "" if kind == "string" else []))
        if kind in ("integer", "long", "float", "double") and "min" in s and steps:
            found.append(("below-min", steps, path, s["min"] - 1))
    return found


def apply(request: dict[str, Any], steps: tuple[Any, ...], new: Any) -> dict[str, Any]:
    """A deep copy of `request` with the value at `steps` replaced by `new`."""
    if not steps:
        assert isinstance(new, dict)
        return new
    out = copy.deepcopy(request)
    parent: Any = out
    for step in steps[:-1]:
        parent = parent[step]
    parent[steps[-1]] = new
    return out


def mutated(kind: str, value: Any, arg: Any) -> Any:
    """The value at a place after the change `kind`."""
    if kind in ("type", "too-short", "below-min"):
        return arg
    if kind in ("unknown", "union-two"):
        return {**value, arg: "x"}
    if kind == "union-empty":
        return {}
    if kind == "missing":
        return {k: v for k, v in value.items() if k != arg}
    raise AssertionError(kind)


@pytest.mark.parametrize("operation", OPERATIONS)
def test_invalid_request_is_refused_before_sending_naming_the_field(
    operation: str, clients: tuple[LocalBedrock, ChatClient, Any]
) -> None:
    server, client, boto = clients
    root = ROOTS[operation]

    @SETTINGS
    @given(request=REQUESTS.of(root), data=st.data())
    def check(request: dict[str, Any], data: st.DataObject) -> None:
        kind, steps, path, arg = data.draw(st.sampled_from(mutations(root, request)))
        value: Any = request
        for step in steps:
            value = value[step]
        bad = apply(request, steps, mutated(kind, value, arg))
        server.reset()
        with pytest.raises(BotoParamValidationError) as boto_error:
            getattr(boto, operation)(**bad)
        with pytest.raises(ParamValidationError) as fast_error:
            getattr(client, operation)(**bad)
        assert server.requests == []
        assert fast_error.value.path == path
        # botocore reports every problem, one a line; fastconverse the first, worded alike.
        report = str(boto_error.value).removeprefix("Parameter validation failed:")
        assert f"\n{fast_error.value.message}\n" in f"{report}\n"

    check()
