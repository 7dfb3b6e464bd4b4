"""Request bodies exactly as boto3 writes them, value by value, and the same bytes every time.

fastconverse writes the request JSON itself from the caller's dict (issue 13, "own the
wire"), so what boto3 sends is what it sends, token for token (helpers.assert_same_tokens):
floats with every bit (0.7 is 0.7, never float32), ints as ints even in float members,
members left out left out, document keys in the caller's order (non-str keys as json.dumps
turns them into strings), ints beyond 64 bits with every digit, bools, Decimals and tuples
where botocore takes them, NaN and the infinities as botocore writes them. What boto3 itself
cannot send (a Decimal or a tuple inside a JSON document, a key json.dumps refuses) is a
ParamValidationError naming the field, with nothing sent. Every request here reaches
LocalBedrock signed (SigV4 over the bytes it received: a body changed after signing fails).
"""

from __future__ import annotations

import collections
import decimal
import enum
import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from typing import Any

import pytest

from fastconverse import ChatClient, ParamValidationError, ServiceError
from fastconverse.testing import LocalBedrock

from .conftest import MODEL_ID, user
from .helpers import JsonObject, assert_identical, assert_same_tokens, json_tokens

BASE: dict[str, Any] = {"modelId": MODEL_ID, "messages": [user("Hi")]}

# A tool schema big enough that any hash-ordered map would show (keys neither sorted nor in
# insertion-hash order), nested, with every kind of JSON value.
BIG_SCHEMA: dict[str, Any] = {
    "type": "object",
    "title": "Weather ✓",
    "properties": {
        f"field_{(i * 7919) % 101:03d}_{name}": {
            "type": kind,
            "description": f"the {name} of item {i}",
            "examples": [i, i * 0.5, f"é{i}", None, i % 2 == 0],
            "nested": {"z": i, "a": -i, "m": {"y": [{"b": 1, "a": 2}], "x": 2**63 + i}},
        }
        for i, (name, kind) in enumerate(
            (n, k) for n in ("city", "days", "unit", "lat", "lon") for k in ("string", "number")
        )
    },
    "required": ["zeta", "alpha", "mu"],
    "additionalProperties": False,
    "$defs": {"z": {"const": 1.5}, "a": {"const": -0.0}, "0": {"const": 1e300}},
}
BIG_DOCUMENT: dict[str, Any] = {
    "zulu": 1,
    "alpha": [3, 2, 1],
    "mike": {"yankee": 2.5, "bravo": None, "x-ray": {"c": True, "b": False, "a": "ü"}},
    "big": 2**64 - 1,
    "0": 0.1,
}


def big_request() -> dict[str, Any]:
    return {
        **BASE,
        "toolConfig": {
            "tools": [
                {
                    "toolSpec": {
                        "name": "weather",
                        "description": "Weather",
                        "inputSchema": {"json": BIG_SCHEMA},
                    }
                }
            ]
        },
        "additionalModelRequestFields": BIG_DOCUMENT,
    }


def outcome(run: Callable[[], Any], operation: str) -> tuple[str, Any]:
    """("ok", response without metadata) or ("error", (code, message)) of one call that
    reached the server; a client-side error (nothing sent) propagates."""
    from botocore.exceptions import ClientError

    try:
        answer = run()
    except (ServiceError, ClientError) as err:
        error = err.response["Error"]
        code, message = error.get("Code"), error.get("Message")
        if code == "SerializationException":
            # Where the parser stopped depends on whitespace, which is ours to choose.
            message = message.split(" at line")[0]
        return "error", (code, message)
    if operation == "converse_stream":
        return "ok", list(answer["stream"])
    return "ok", {k: v for k, v in answer.items() if k != "ResponseMetadata"}


def assert_signed(seen: dict[str, Any]) -> None:
    """The server took the request signed with SigV4 (it verified the body's bytes)."""
    assert seen["headers"]["authorization"].startswith("AWS4-HMAC-SHA256 "), seen["headers"]


def send_both(
    server: LocalBedrock,
    boto: Any,
    client: ChatClient,
    request: Callable[[], dict[str, Any]],
    operation: str = "converse",
) -> tuple[bytes, bytes]:
    """boto3 then fastconverse send `request()` (built anew for each): both bodies as the
    server received them; the two answers (a response or the server's error) must be equal."""
    server.reset()
    boto_outcome = outcome(lambda: getattr(boto, operation)(**request()), operation)
    fast_outcome = outcome(lambda: getattr(client, operation)(**request()), operation)
    boto_seen, fast_seen = server.requests
    assert fast_seen["path"] == boto_seen["path"]
    assert_signed(boto_seen)
    assert_signed(fast_seen)
    assert fast_outcome[0] == boto_outcome[0], (fast_outcome, boto_outcome)
    assert_identical(fast_outcome[1], boto_outcome[1], "answer")
    return fast_seen["body"], boto_seen["body"]


# --------------------------------------------------------------------------------------------
# The helper itself: what "token for token" tells apart
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        (b'{"a":1}', b'{"a": 1.0}'),
        (b'{"a":0.699999988079071}', b'{"a": 0.7}'),
        (b'{"b":1,"a":2}', b'{"a": 2, "b": 1}'),
        (b'{"a":"x"}', b'{"a": "y"}'),
        (b'{"a":[1,2]}', b'{"a": [2, 1]}'),
        (b'{"a":{}}', b'{"a": []}'),
        (b'{"a":0.0}', b'{"a": -0.0}'),
        (b'{"a":"NaN"}', b'{"a": NaN}'),
        (b'{"a":1,"a":1}', b'{"a": 1}'),
        (b"", b"{}"),
    ],
)
def test_assert_same_tokens_tells_apart_what_boto3_would(ours: bytes, theirs: bytes) -> None:
    with pytest.raises(AssertionError):
        assert_same_tokens(ours, theirs)


def test_assert_same_tokens_allows_whitespace_and_escapes() -> None:
    ours = '{"t":"é✓\u2028","n":[1,2.5,null,true]}'.encode()
    theirs = b'{"t": "\\u00e9\\u2713\\u2028", "n": [1, 2.5, null, true]}'
    assert_same_tokens(ours, theirs)
    assert json_tokens(ours) == JsonObject([("t", "é✓\u2028"), ("n", [1, 2.5, None, True])])


# --------------------------------------------------------------------------------------------
# Values as boto3 sends them
# --------------------------------------------------------------------------------------------


class Role(str, enum.Enum):
    USER = "user"


class Tokens(enum.IntEnum):
    MANY = 512


class Ratio(float):
    """A float subclass, as numpy's float64 is."""


def inference(**config: Any) -> dict[str, Any]:
    return {**BASE, "inferenceConfig": config}


def document(value: Any) -> dict[str, Any]:
    return {**BASE, "additionalModelRequestFields": value}


def image(data: Any) -> dict[str, Any]:
    block = {"image": {"format": "png", "source": {"bytes": data}}}
    return {**BASE, "messages": [{"role": "user", "content": [{"text": "See"}, block]}]}


def tool_turns(tool_input: Any, result: Any) -> dict[str, Any]:
    """A conversation with a tool call (`tool_input`) and its JSON result (`result`)."""
    use = {"toolUse": {"toolUseId": "t1", "name": "weather", "input": tool_input}}
    answer = {"toolResult": {"toolUseId": "t1", "content": [{"json": result}]}}
    return {
        **big_request(),
        "messages": [
            user("Weather?"),
            {"role": "assistant", "content": [use]},
            {"role": "user", "content": [answer]},
        ],
    }


# (id, a function building the request): each is sent by both, bodies compared token for
# token, answers (a response, or the server's error for what it refuses) compared too.
SENT_AS_BOTO3: list[tuple[str, Callable[[], dict[str, Any]]]] = [
    ("float-0.7-exact", lambda: inference(temperature=0.7, topP=0.9)),
    ("float-not-float32", lambda: inference(temperature=0.1, topP=1 / 3)),
    ("float-subnormal", lambda: inference(temperature=5e-324)),
    ("float-negative-zero", lambda: inference(temperature=-0.0)),
    ("int-in-float-member", lambda: inference(temperature=1, topP=0)),
    ("bool-in-float-member", lambda: inference(temperature=True)),
    ("bool-in-int-member", lambda: inference(maxTokens=True)),
    ("nan-in-float-member", lambda: inference(temperature=float("nan"))),
    ("infinities-in-float-members", lambda: inference(temperature=float("inf"), topP=1e999)),
    ("decimal-in-float-member", lambda: inference(temperature=decimal.Decimal("0.7"))),
    ("decimal-int-in-float-member", lambda: inference(temperature=decimal.Decimal("1"))),
    (
        "decimal-long-in-float-member",
        lambda: inference(topP=decimal.Decimal("0.1000000000000000055511151231257827")),
    ),
    ("int-beyond-64-bits-in-int-member", lambda: inference(maxTokens=2**70)),
    ("tuple-for-a-list", lambda: inference(stopSequences=("END", "STOP"))),
    (
        "tuples-all-the-way-down",
        lambda: {
            **BASE,
            "messages": ({"role": "user", "content": ({"text": "Hi"},)},),
            "system": ({"text": "Be brief."},),
        },
    ),
    (
        "subclasses-of-str-int-float-dict",
        lambda: {
            **BASE,
            "messages": [{"role": Role.USER, "content": [{"text": "Hi"}]}],
            "inferenceConfig": {"maxTokens": Tokens.MANY, "temperature": Ratio(0.7)},
            "additionalModelRequestFields": collections.OrderedDict(
                [("z", Tokens.MANY), ("a", Ratio(0.5)), ("role", Role.USER)]
            ),
        },
    ),
    ("bytearray-blob", lambda: image(bytearray(b"\x89PNG\r\n\x00"))),
    ("str-blob", lambda: image("PNG é")),
    (
        "structure-keys-in-callers-order",
        lambda: {
            "inferenceConfig": {"topP": 0.5, "maxTokens": 10, "temperature": 0.25},
            "messages": [{"content": [{"text": "Hi"}], "role": "user"}],
            "system": [{"text": "Be brief."}],
            "modelId": MODEL_ID,
        },
    ),
    ("project-identifier", lambda: {**BASE, "projectIdentifier": "proj-1234"}),
    (
        "document-keys-in-callers-order",
        lambda: document(
            {"zulu": 1, "alpha": {"yankee": 2, "bravo": 3}, "mike": [{"b": 1, "a": 2}]}
        ),
    ),
    (
        "document-non-str-keys",
        lambda: document({2: "two", True: "true", None: "null", 1.5: "float", -7: "neg", "z": 0}),
    ),
    (
        "document-ints-beyond-64-bits",
        lambda: document(
            {"a": 2**64, "b": -(2**63) - 1, "c": 10**30, "d": [-(10**40), {"e": 2**200}]}
        ),
    ),
    (
        "document-floats",
        lambda: document([0.1, 1.0, -0.0, 5e-324, 1.7976931348623157e308, 1e16, 1e-7, 123.456]),
    ),
    ("document-nan-and-infinities", lambda: document({"x": float("nan"), "y": [float("inf")]})),
    ("document-scalar", lambda: document(1.5)),
    ("document-empty-containers", lambda: document({"a": {}, "b": [], "c": [{}], "d": ""})),
    ("document-bools-are-not-ints", lambda: document({"t": True, "f": False, "one": 1})),
    ("big-tool-schema-and-document", big_request),
    (
        "tool-input-and-result-in-callers-order",
        lambda: tool_turns(
            {"zeta": 2**70, "alpha": [1.5, {"b": 1, "a": None}], 3: "three"},
            {"z": 0.7, "a": 10**25, "m": {"y": -0.0, "x": True}},
        ),
    ),
    (
        "unicode-text",
        lambda: {**BASE, "messages": [user('é ✓ 日本 🎉 \u2028 \x00 \x7f </script> \\ "q"')]},
    ),
]


@pytest.mark.parametrize(
    "build", [case[1] for case in SENT_AS_BOTO3], ids=[case[0] for case in SENT_AS_BOTO3]
)
def test_request_is_sent_token_for_token_as_boto3_sends_it(
    build: Callable[[], dict[str, Any]], server: LocalBedrock, client: ChatClient, boto: Any
) -> None:
    ours, theirs = send_both(server, boto, client, build)
    assert_same_tokens(ours, theirs)


def test_stream_request_is_sent_token_for_token_as_boto3_sends_it(
    server: LocalBedrock, client: ChatClient, boto: Any
) -> None:
    def build() -> dict[str, Any]:
        request = tool_turns({"b": 2**64, "a": 0.7}, {"z": 1, "a": 1.0})
        request["inferenceConfig"] = {"temperature": 1, "topP": 0.7}
        request["projectIdentifier"] = "proj-1234"
        return request

    ours, theirs = send_both(server, boto, client, build, "converse_stream")
    assert_same_tokens(ours, theirs)


def test_count_tokens_request_is_sent_token_for_token_as_boto3_sends_it(
    server: LocalBedrock, client: ChatClient, boto: Any
) -> None:
    def build() -> dict[str, Any]:
        conversation = tool_turns({"b": 2**64, "a": 0.7}, {"z": 1, "a": 1.0})
        conversation.pop("modelId")
        conversation.pop("inferenceConfig", None)
        return {"modelId": MODEL_ID, "input": {"converse": conversation}}

    ours, theirs = send_both(server, boto, client, build, "count_tokens")
    assert_same_tokens(ours, theirs)


def test_floats_are_sent_with_every_bit(
    server: LocalBedrock, client: ChatClient, boto: Any
) -> None:
    # Independent of boto3: the body holds the caller's values, not their float32 roundings.
    ours, _ = send_both(server, boto, client, lambda: inference(temperature=0.7, topP=1))
    sent = json.loads(ours)["inferenceConfig"]
    assert_identical(sent, {"temperature": 0.7, "topP": 1})


def test_document_keys_are_sent_in_the_callers_order(
    server: LocalBedrock, client: ChatClient, boto: Any
) -> None:
    keys = [f"k{(i * 37) % 50}" for i in range(50)]
    value = {key: {"z": i, "a": -i} for i, key in enumerate(keys)}
    ours, _ = send_both(server, boto, client, lambda: document(value))
    sent = json_tokens(ours)
    (fields,) = [v for k, v in sent if k == "additionalModelRequestFields"]
    assert [k for k, _ in fields] == keys
    assert all([k for k, _ in inner] == ["z", "a"] for _, inner in fields)


def test_non_str_document_keys_are_sent_as_json_dumps_writes_them(
    server: LocalBedrock, client: ChatClient, boto: Any
) -> None:
    # True is 1: one key, the first one's spelling and the last one's value, as in Python.
    value = dict([(1, "a"), (True, "b"), (None, "c"), (2.5, "d"), (False, "e")])
    ours, _ = send_both(server, boto, client, lambda: document(value))
    (fields,) = [v for k, v in json_tokens(ours) if k == "additionalModelRequestFields"]
    assert fields == JsonObject([("1", "b"), ("null", "c"), ("2.5", "d"), ("false", "e")])


@pytest.mark.parametrize(
    "value",
    [2**64, -(2**63) - 1, 10**30, -(2**1000)],
    ids=["2**64", "-2**63-1", "10**30", "-2**1000"],
)
def test_document_int_beyond_64_bits_is_sent_with_every_digit(
    value: int, server: LocalBedrock, client: ChatClient, boto: Any
) -> None:
    ours, theirs = send_both(server, boto, client, lambda: document({"deep": [1, {"n": value}]}))
    assert_same_tokens(ours, theirs)
    assert f'"n":{value}'.encode() in ours.replace(b" ", b"")


def test_member_left_out_is_left_out(server: LocalBedrock, client: ChatClient, boto: Any) -> None:
    # Members whose absence the SDK's typed shapes could not hold (they were sent with a
    # default): a guardrail config, a document block without a format, a performance config.
    def build() -> dict[str, Any]:
        block = {"document": {"name": "notes", "source": {"bytes": b"text"}}}
        return {
            **BASE,
            "messages": [{"role": "user", "content": [{"text": "Read"}, block]}],
            "guardrailConfig": {"guardrailIdentifier": "g1", "guardrailVersion": "1"},
            "performanceConfig": {},
        }

    ours, theirs = send_both(server, boto, client, build)
    assert_same_tokens(ours, theirs)
    sent = json.loads(ours)
    assert sent["guardrailConfig"] == {"guardrailIdentifier": "g1", "guardrailVersion": "1"}
    assert sent["performanceConfig"] == {}
    assert "format" not in sent["messages"][0]["content"][1]["document"]


def test_stream_guardrail_left_out_members_are_left_out(
    server: LocalBedrock, client: ChatClient, boto: Any
) -> None:
    def build() -> dict[str, Any]:
        return {**BASE, "guardrailConfig": {"guardrailIdentifier": "g1", "guardrailVersion": "1"}}

    ours, theirs = send_both(server, boto, client, build, "converse_stream")
    assert_same_tokens(ours, theirs)
    assert json.loads(ours)["guardrailConfig"] == {
        "guardrailIdentifier": "g1",
        "guardrailVersion": "1",
    }


# --------------------------------------------------------------------------------------------
# What boto3 cannot send: refused naming the field, nothing sent
# --------------------------------------------------------------------------------------------


class Opaque:
    """An object JSON has no way to write."""


# (id, request, the path fastconverse names, a fragment of its message)
REFUSED: list[tuple[str, Callable[[], dict[str, Any]], str, str]] = [
    (
        "decimal-in-a-document",
        lambda: document({"x": decimal.Decimal("1.5")}),
        "additionalModelRequestFields.x",
        "Decimal",
    ),
    (
        "tuple-in-a-document",
        lambda: document({"x": [1, (2, 3)]}),
        "additionalModelRequestFields.x[1]",
        "tuple",
    ),
    ("set-in-a-document", lambda: document({"x": {1, 2}}), "additionalModelRequestFields.x", "set"),
    (
        "bytes-in-a-document",
        lambda: document({"x": b"raw"}),
        "additionalModelRequestFields.x",
        "bytes",
    ),
    (
        "object-in-a-document",
        lambda: document({"x": Opaque()}),
        "additionalModelRequestFields.x",
        "Opaque",
    ),
    (
        "tuple-key-in-a-document",
        lambda: document({"ok": 1, (1, 2): 3}),
        "additionalModelRequestFields",
        "tuple",
    ),
    (
        "decimal-in-a-tool-schema",
        lambda: {
            **BASE,
            "toolConfig": {
                "tools": [
                    {
                        "toolSpec": {
                            "name": "t",
                            "inputSchema": {"json": {"maximum": decimal.Decimal("2.5")}},
                        }
                    }
                ]
            },
        },
        "toolConfig.tools[0].toolSpec.inputSchema.json.maximum",
        "Decimal",
    ),
    (
        "tuple-in-a-tool-input",
        lambda: tool_turns({"a": (1, 2)}, {}),
        "messages[1].content[0].toolUse.input.a",
        "tuple",
    ),
]


@pytest.mark.parametrize(
    ("build", "path", "fragment"),
    [case[1:] for case in REFUSED],
    ids=[case[0] for case in REFUSED],
)
def test_what_boto3_cannot_send_is_refused_naming_the_field(
    build: Callable[[], dict[str, Any]],
    path: str,
    fragment: str,
    server: LocalBedrock,
    client: ChatClient,
    boto: Any,
) -> None:
    from botocore.exceptions import ParamValidationError as BotoParamValidationError

    # boto3 fails before sending: its validator, or json.dumps.
    with pytest.raises((BotoParamValidationError, TypeError)):
        boto.converse(**build())
    with pytest.raises(ParamValidationError) as caught:
        client.converse(**build())
    assert caught.value.path == path
    assert fragment in caught.value.message
    assert isinstance(caught.value, ValueError)
    assert server.requests == []


def test_a_lone_surrogate_is_refused_naming_the_field(
    server: LocalBedrock, client: ChatClient
) -> None:
    # boto3 writes it as "\ud800", which the service refuses as invalid JSON; UTF-8 cannot
    # carry it at all.
    with pytest.raises(ParamValidationError) as caught:
        client.converse(**{**BASE, "messages": [user("a\ud800b")]})
    assert caught.value.path == "messages[0].content[0].text"
    assert server.requests == []


# --------------------------------------------------------------------------------------------
# The same bytes every time
# --------------------------------------------------------------------------------------------


def test_the_same_request_gives_the_same_bytes_on_every_send(
    server: LocalBedrock, client: ChatClient, boto: Any
) -> None:
    for _ in range(5):
        client.converse(**big_request())
    boto.converse(**big_request())
    *ours, theirs = (seen["body"] for seen in server.requests)
    assert len(set(ours)) == 1, "the bodies differ from send to send"
    assert_same_tokens(ours[0], theirs)


async def test_sync_async_and_stream_send_the_same_bytes(
    server: LocalBedrock, client: ChatClient
) -> None:
    client.converse(**big_request())
    await client.converse_async(**big_request())
    list(client.converse_stream(**big_request()))
    stream = await client.converse_stream_async(**big_request())
    async for _ in stream:
        pass
    bodies = {seen["body"] for seen in server.requests}
    assert len(server.requests) == 4
    assert len(bodies) == 1


SEND_IN_A_FRESH_PROCESS = textwrap.dedent(
    """
    import os, sys
    from fastconverse import ChatClient

    client = ChatClient(
        region_name=os.environ["FC_REGION"],
        endpoint_url=os.environ["FC_ENDPOINT"],
        aws_access_key_id=os.environ["FC_KEY"],
        aws_secret_access_key=os.environ["FC_SECRET"],
        max_attempts=1,
    )
    client.converse(**REQUEST)
    """
)


def test_the_same_request_gives_the_same_bytes_in_fresh_processes(
    server: LocalBedrock, client: ChatClient
) -> None:
    request = big_request()
    # repr keeps the dicts' order and every digit; the children rebuild the same request.
    script = f"REQUEST = {request!r}\n" + SEND_IN_A_FRESH_PROCESS
    client.converse(**request)
    for seed in ("1", "2", "3"):
        env = {
            **os.environ,
            "PYTHONHASHSEED": seed,
            "FC_REGION": server.region,
            "FC_ENDPOINT": server.endpoint_url,
            "FC_KEY": server.aws_access_key_id,
            "FC_SECRET": server.aws_secret_access_key,
        }
        done = subprocess.run(
            [sys.executable, "-c", script],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
    bodies = [seen["body"] for seen in server.requests]
    assert len(bodies) == 4
    assert bodies[1:] == [bodies[0]] * 3, "a fresh process (another hash seed) sent other bytes"


# --------------------------------------------------------------------------------------------
# The signature covers the bytes
# --------------------------------------------------------------------------------------------


def test_the_server_refuses_a_body_changed_after_signing(server: LocalBedrock) -> None:
    # What makes every comparison above a check of the signed bytes: LocalBedrock verifies
    # SigV4 over the body as it arrived, so a serializer that changed the body after
    # signing would fail the call instead of being compared.
    from botocore.exceptions import ClientError

    assert server.bearer_token is None
    boto = server.boto3_client()

    def tamper(request: Any, **_: Any) -> None:
        request.body = request.body.replace(b'"Hi"', b'"Ho"')

    boto.meta.events.register("before-send.bedrock-runtime.Converse", tamper)
    with pytest.raises(ClientError) as caught:
        boto.converse(**BASE)
    assert caught.value.response["Error"]["Code"] == "InvalidSignatureException"
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
