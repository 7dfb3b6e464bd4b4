"""Every member of Converse, ConverseStream and CountTokens, both ways, proven equal to boto3.

The service model (src/wire/service_model.json) is walked: each request member is sent,
inside the least valid request that holds it, by boto3 and by fastconverse to LocalBedrock,
and the server must receive the same body token for token (helpers.assert_same_tokens: key
order, ints and exact floats); each response member (and stream event member) is returned by
LocalBedrock and fastconverse's dict must equal boto3's. Every botocore member is carried
(fastconverse writes and reads the bytes itself): none is refused, none gets a default the
caller left out, floats travel exactly. Also here: unknown union members in responses,
botocore's `min` checks, exact document numbers, count_tokens beside boto3, and the typed
stubs. The count test prints `members carried: N/N` in pytest's summary.
"""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys
import urllib.parse
from decimal import Decimal
from typing import Any, Callable

import pytest

from fastconverse import ChatClient, ParamValidationError, ServiceError
from fastconverse.testing import LocalBedrock

from .conftest import MODEL_ID, user
from .helpers import (
    MODEL_MEMBERS,
    SHAPES,
    SUMMARY,
    Examples,
    assert_identical,
    assert_same_tokens,
    dig,
    is_union,
    member_pairs,
    request_json,
    without_metadata,
)

HAS_STREAM = hasattr(ChatClient, "converse_stream")
needs_stream = pytest.mark.skipif(
    not HAS_STREAM, reason="ChatClient.converse_stream is not built yet"
)

ROOTS = {
    "converse": "ConverseRequest",
    "converse_stream": "ConverseStreamRequest",
    "count_tokens": "CountTokensRequest",
}
CONVERSE_REQUEST = member_pairs("ConverseRequest")
COUNT_TOKENS_REQUEST = member_pairs("CountTokensRequest")
# ConverseStreamRequest shares every shape with ConverseRequest but its own top level and
# GuardrailStreamConfiguration: those are the stream-only request members.
STREAM_ONLY_REQUEST = [
    p
    for p in member_pairs("ConverseStreamRequest")
    if p not in set(member_pairs("ConverseRequest"))
]
CONVERSE_RESPONSE = member_pairs("ConverseResponse")
STREAM_EVENTS = member_pairs("ConverseStreamOutput")
BASE_REQUEST: dict[str, Any] = {"modelId": MODEL_ID, "messages": [user("Hi")]}

# (check, shape, member) that passed in this session; the count test reads it.
PASSED: set[tuple[str, str, str]] = set()


def pair_id(pair: tuple[str, str]) -> str:
    return f"{pair[0]}.{pair[1]}"


def holds(root: str, body: Any, path: str, shape: str, member: str) -> bool:
    """Whether a request of `root` (its JSON body and URL path) holds `shape.member`."""
    spec = SHAPES[shape]["members"][member]
    if spec.get("location") == "uri":
        value = Examples().member_value(shape, member)
        return f"/{urllib.parse.quote(value, safe='')}/" in path
    node = dig(root, body, shape)
    return isinstance(node, dict) and member in node


def send_both(
    server: LocalBedrock, call_boto: Callable[[], Any], call_fast: Callable[[], Any]
) -> tuple[dict[str, Any], dict[str, Any], Any, Any]:
    """Calls boto3, then fastconverse: the two requests the server saw and the two answers."""
    server.reset()
    boto_answer = call_boto()
    fast_answer = call_fast()
    requests = server.requests
    assert len(requests) == 2, requests
    return requests[0], requests[1], boto_answer, fast_answer


def consume(stream: Any) -> list[Any]:
    """Every event of a boto3 or fastconverse stream, which is closed however it ends."""
    try:
        return list(stream)
    finally:
        stream.close()


def call(client: Any, operation: str, request: dict[str, Any], *, boto: bool) -> Any:
    """One operation with boto3's or fastconverse's client; a stream is read to its end."""
    if operation == "converse_stream":
        answer = getattr(client, operation)(**request)
        return consume(answer["stream"] if boto else answer)
    return without_metadata(getattr(client, operation)(**request))


def check_request(
    operation: str,
    root: str,
    request: dict[str, Any],
    server: LocalBedrock,
    client: ChatClient,
    boto: Any,
) -> tuple[dict[str, Any], dict[str, Any], Any, Any]:
    boto_seen, fast_seen, boto_answer, fast_answer = send_both(
        server,
        lambda: call(boto, operation, request, boto=True),
        lambda: call(client, operation, request, boto=False),
    )
    assert fast_seen["path"] == boto_seen["path"]
    assert_same_tokens(fast_seen["body"], boto_seen["body"])
    return boto_seen, fast_seen, boto_answer, fast_answer


# --------------------------------------------------------------------------------------------
# Requests
# --------------------------------------------------------------------------------------------

REQUEST_CASES = [("converse", *p) for p in CONVERSE_REQUEST] + [
    ("count_tokens", *p) for p in COUNT_TOKENS_REQUEST
]


@pytest.mark.parametrize(
    ("operation", "shape", "member"),
    REQUEST_CASES,
    ids=[f"{op}-{shape}.{member}" for op, shape, member in REQUEST_CASES],
)
def test_request_member_reaches_server_as_boto3_sends_it(
    operation: str, shape: str, member: str, server: LocalBedrock, client: ChatClient, boto: Any
) -> None:
    root = ROOTS[operation]
    request = Examples().reaching(root, shape, member)
    boto_seen, _, boto_answer, fast_answer = check_request(
        operation, root, request, server, client, boto
    )
    assert holds(root, request_json(boto_seen), boto_seen["path"], shape, member)
    assert_identical(fast_answer, boto_answer)
    PASSED.add((f"request:{operation}", shape, member))
    if operation == "count_tokens":
        PASSED.add(("response:count_tokens", "CountTokensResponse", "inputTokens"))


@needs_stream
@pytest.mark.parametrize(
    ("shape", "member"), STREAM_ONLY_REQUEST, ids=map(pair_id, STREAM_ONLY_REQUEST)
)
def test_stream_only_request_member_reaches_server_as_boto3_sends_it(
    shape: str, member: str, server: LocalBedrock, client: ChatClient, boto: Any
) -> None:
    root = ROOTS["converse_stream"]
    request = Examples().reaching(root, shape, member)
    boto_seen, _, boto_events, fast_events = check_request(
        "converse_stream", root, request, server, client, boto
    )
    assert holds(root, request_json(boto_seen), boto_seen["path"], shape, member)
    assert_identical(fast_events, boto_events)
    PASSED.add(("request:converse_stream", shape, member))


# --------------------------------------------------------------------------------------------
# Responses
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("shape", "member"), CONVERSE_RESPONSE, ids=map(pair_id, CONVERSE_RESPONSE)
)
def test_response_member_comes_back_as_boto3_gives_it(
    shape: str, member: str, server: LocalBedrock, client: ChatClient, boto: Any
) -> None:
    reply = Examples().reaching("ConverseResponse", shape, member)

    def queued(call_it: Callable[[], Any]) -> Callable[[], Any]:
        def run() -> Any:
            server.queue_reply(reply)
            return call_it()

        return run

    _, _, boto_answer, fast_answer = send_both(
        server,
        queued(lambda: call(boto, "converse", BASE_REQUEST, boto=True)),
        queued(lambda: call(client, "converse", BASE_REQUEST, boto=False)),
    )
    assert member in dig("ConverseResponse", boto_answer, shape)
    assert_identical(fast_answer, boto_answer)
    PASSED.add(("response:converse", shape, member))


START = {"messageStart": {"role": "assistant"}}
STOP = {"messageStop": {"stopReason": "end_turn"}}
METADATA = {
    "metadata": {
        "usage": {"inputTokens": 1, "outputTokens": 2, "totalTokens": 3},
        "metrics": {"latencyMs": 4},
    }
}


def stream_around(event: dict[str, Any]) -> list[dict[str, Any]]:
    """A whole stream holding `event` where it belongs."""
    (kind,) = event
    if kind == "messageStart":
        return [event, STOP, METADATA]
    if kind == "messageStop":
        return [START, event, METADATA]
    if kind == "metadata":
        return [START, STOP, event]
    if kind.endswith("Exception"):
        return [START, event]
    return [START, event, STOP, METADATA]


@needs_stream
@pytest.mark.parametrize(("shape", "member"), STREAM_EVENTS, ids=map(pair_id, STREAM_EVENTS))
def test_stream_event_member_comes_back_as_boto3_gives_it(
    shape: str, member: str, server: LocalBedrock, client: ChatClient, boto: Any
) -> None:
    from botocore.exceptions import EventStreamError

    event = Examples().reaching("ConverseStreamOutput", shape, member)
    events = stream_around(event)
    (kind,) = event
    server.reset()
    if kind.endswith("Exception"):
        server.queue_stream(events)
        with pytest.raises(EventStreamError) as boto_error:
            call(boto, "converse_stream", BASE_REQUEST, boto=True)
        server.queue_stream(events)
        with pytest.raises(Exception) as fast_error:
            call(client, "converse_stream", BASE_REQUEST, boto=False)
        error = boto_error.value.response["Error"]
        assert type(fast_error.value).__name__.lower() == error["Code"].lower()
        assert getattr(fast_error.value, "message", None) == error["Message"]
        # boto3's code and response, exactly: {"Error": {"Code": "throttlingException", ...}}.
        assert getattr(fast_error.value, "code", None) == error["Code"]
        assert getattr(fast_error.value, "response", None) == boto_error.value.response
    else:
        server.queue_stream(events)
        boto_events = call(boto, "converse_stream", BASE_REQUEST, boto=True)
        server.queue_stream(events)
        fast_events = call(client, "converse_stream", BASE_REQUEST, boto=False)
        assert member in dig("ConverseStreamOutput", boto_events[events.index(event)], shape)
        assert_identical(fast_events, boto_events)
    PASSED.add(("response:converse_stream", shape, member))


# --------------------------------------------------------------------------------------------
# Nothing refused, nothing added, nothing rounded
# --------------------------------------------------------------------------------------------


def optional_members(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The members of `pairs` a caller (or the service) may leave out of their structure."""
    return [
        (shape, member)
        for shape, member in pairs
        if not is_union(shape)
        and member not in SHAPES[shape].get("required", [])
        and "location" not in SHAPES[shape]["members"][member]
    ]


def all_but(shape: str, member: str) -> dict[str, Any]:
    """A value of `shape` with every member but `member` given."""
    examples = Examples()
    node = examples.structure(shape)
    for other in SHAPES[shape]["members"]:
        if other != member and "location" not in SHAPES[shape]["members"][other]:
            node[other] = examples.member_value(shape, other)
    node.pop(member, None)
    return node


# (operation, shape, member): each optional request member, left out of a structure that
# has every other member. The SDK's typed shapes sent defaults for some (a guardrail's
# trace "disabled", a document's format "txt", ...); nothing is added now.
LEFT_OUT_REQUEST = [("converse", *p) for p in optional_members(CONVERSE_REQUEST)] + [
    ("converse_stream", *p) for p in optional_members(STREAM_ONLY_REQUEST)
]


@pytest.mark.parametrize(
    ("operation", "shape", "member"),
    LEFT_OUT_REQUEST,
    ids=[f"{op}-{shape}.{member}" for op, shape, member in LEFT_OUT_REQUEST],
)
def test_request_member_left_out_is_left_out(
    operation: str, shape: str, member: str, server: LocalBedrock, client: ChatClient, boto: Any
) -> None:
    from botocore.exceptions import ClientError

    root = ROOTS[operation]
    request = Examples().wrap(root, shape, all_but(shape, member))

    def answer(run: Callable[[], Any]) -> Callable[[], Any]:
        """The call's answer, or the service's error code (LocalBedrock, as Bedrock, wants
        the `messages` that botocore's model leaves optional)."""

        def run_it() -> Any:
            try:
                return run()
            except (ClientError, ServiceError) as err:
                return err.response["Error"]["Code"]

        return run_it

    boto_seen, fast_seen, boto_answer, fast_answer = send_both(
        server,
        answer(lambda: call(boto, operation, request, boto=True)),
        answer(lambda: call(client, operation, request, boto=False)),
    )
    assert_same_tokens(fast_seen["body"], boto_seen["body"])
    assert_identical(fast_answer, boto_answer)
    assert member not in dig(root, request_json(fast_seen), shape)


LEFT_OUT_RESPONSE = optional_members(CONVERSE_RESPONSE)


@pytest.mark.parametrize(
    ("shape", "member"), LEFT_OUT_RESPONSE, ids=map(pair_id, LEFT_OUT_RESPONSE)
)
def test_response_member_left_out_is_left_out(
    shape: str, member: str, server: LocalBedrock, client: ChatClient, boto: Any
) -> None:
    reply = Examples().wrap("ConverseResponse", shape, all_but(shape, member))
    server.queue_reply(reply)
    boto_answer = without_metadata(boto.converse(**BASE_REQUEST))
    server.queue_reply(reply)
    fast_answer = without_metadata(client.converse(**BASE_REQUEST))
    assert member not in dig("ConverseResponse", boto_answer, shape)
    assert_identical(fast_answer, boto_answer)


FLOAT_MEMBERS = sorted(
    (shape, member)
    for shape, member in CONVERSE_REQUEST
    if SHAPES[SHAPES[shape]["members"][member]["shape"]]["type"] in ("float", "double")
)
FLOAT_VALUES = [0.7, 1, 0, 1 / 3, 5e-324, Decimal("0.7"), Decimal("1")]


@pytest.mark.parametrize("value", FLOAT_VALUES, ids=map(repr, FLOAT_VALUES))
@pytest.mark.parametrize(("shape", "member"), FLOAT_MEMBERS, ids=map(pair_id, FLOAT_MEMBERS))
def test_float_member_is_sent_exactly_as_boto3_sends_it(
    shape: str, member: str, value: Any, server: LocalBedrock, client: ChatClient, boto: Any
) -> None:
    # Once sent as float32 (0.7 as 0.699999988079071, 1 as 1.0); now boto3's tokens: 0.7,
    # 1, the float of a Decimal (Decimal("1") as 1.0, as botocore writes it).
    request = Examples().reaching("ConverseRequest", shape, member, value)
    _, fast_seen, _, _ = check_request("converse", "ConverseRequest", request, server, client, boto)
    sent = dig("ConverseRequest", request_json(fast_seen), shape)[member]
    expected = float(value) if isinstance(value, Decimal) else value
    assert_identical(sent, expected, f"{shape}.{member}")


# botocore's client-side `min` checks: (case, request) refused by both before sending.
BELOW_MIN = [
    ("empty-model-id", {**BASE_REQUEST, "modelId": ""}),
    ("zero-max-tokens", {**BASE_REQUEST, "inferenceConfig": {"maxTokens": 0}}),
    ("negative-temperature", {**BASE_REQUEST, "inferenceConfig": {"temperature": -0.5}}),
    ("negative-decimal-top-p", {**BASE_REQUEST, "inferenceConfig": {"topP": Decimal("-1E-7")}}),
    ("no-tools", {**BASE_REQUEST, "toolConfig": {"tools": []}}),
    ("empty-stop-sequence", {**BASE_REQUEST, "inferenceConfig": {"stopSequences": ["a", ""]}}),
    ("empty-metadata-key", {**BASE_REQUEST, "requestMetadata": {"ok": "1", "": "2"}}),
    ("empty-system-text", {**BASE_REQUEST, "system": [{"text": ""}]}),
    (
        "empty-tool-use-id",
        {
            **BASE_REQUEST,
            "messages": [
                {"role": "user", "content": [{"toolResult": {"toolUseId": "", "content": []}}]}
            ],
        },
    ),
]


@pytest.mark.parametrize(
    "request_kwargs", [case[1] for case in BELOW_MIN], ids=[case[0] for case in BELOW_MIN]
)
def test_below_min_is_refused_as_botocore_refuses_it(
    request_kwargs: dict[str, Any], server: LocalBedrock, client: ChatClient, boto: Any
) -> None:
    from botocore.exceptions import ParamValidationError as BotoParamValidationError

    with pytest.raises(BotoParamValidationError) as boto_error:
        boto.converse(**request_kwargs)
    with pytest.raises(ParamValidationError) as fast_error:
        client.converse(**request_kwargs)
    assert str(fast_error.value) == str(boto_error.value)
    assert fast_error.value.path
    assert fast_error.value.path in str(boto_error.value)
    assert server.requests == []


# --------------------------------------------------------------------------------------------
# Values exactly as boto3 gives them
# --------------------------------------------------------------------------------------------


def test_reasoning_round_trip_reaches_server_as_boto3_sends_it(
    server: LocalBedrock, client: ChatClient, boto: Any
) -> None:
    redacted = bytes(range(256))
    reply = {
        "output": {
            "message": {
                "role": "assistant",
                "content": [
                    {
                        "reasoningContent": {
                            "reasoningText": {"text": "Let me think ✓", "signature": "EqQBCkYI+/=="}
                        }
                    },
                    {"reasoningContent": {"redactedContent": redacted}},
                    {"text": "Answer."},
                ],
            }
        },
        "stopReason": "end_turn",
        "usage": {"inputTokens": 1, "outputTokens": 2, "totalTokens": 3},
        "metrics": {"latencyMs": 4},
    }
    server.queue_reply(reply)
    boto_message = boto.converse(**BASE_REQUEST)["output"]["message"]
    server.queue_reply(reply)
    fast_message = client.converse(**BASE_REQUEST)["output"]["message"]
    assert_identical(fast_message, boto_message)
    assert fast_message["content"][1]["reasoningContent"]["redactedContent"] == redacted

    def follow_up(message: dict[str, Any]) -> dict[str, Any]:
        return {**BASE_REQUEST, "messages": [user("Hi"), message, user("And then?")]}

    boto_seen, fast_seen, _, _ = send_both(
        server,
        lambda: boto.converse(**follow_up(boto_message)),
        lambda: client.converse(**follow_up(fast_message)),
    )
    assert_identical(request_json(fast_seen), request_json(boto_seen))
    sent = request_json(fast_seen)["messages"][1]["content"]
    assert sent[0]["reasoningContent"]["reasoningText"]["signature"] == "EqQBCkYI+/=="
    import base64

    assert base64.b64decode(sent[1]["reasoningContent"]["redactedContent"]) == redacted


def test_unknown_content_block_in_a_response_comes_back_as_boto3_gives_it(
    server: LocalBedrock, client: ChatClient, boto: Any
) -> None:
    # A content block added to Bedrock after this release: boto3 reports it as
    # {"SDK_UNKNOWN_MEMBER": {"name": ...}}, keeping the blocks around it; so does fastconverse.
    reply = {
        "output": {
            "message": {
                "role": "assistant",
                "content": [{"text": "known"}, {"hologram": {"frames": 3}}, {"text": "after"}],
            }
        },
        "stopReason": "end_turn",
        "usage": {"inputTokens": 1, "outputTokens": 2, "totalTokens": 3},
        "metrics": {"latencyMs": 4},
    }
    server.queue_reply(reply)
    boto_answer = without_metadata(boto.converse(**BASE_REQUEST))
    assert boto_answer["output"]["message"]["content"][1] == {
        "SDK_UNKNOWN_MEMBER": {"name": "hologram"}
    }
    server.queue_reply(reply)
    assert_identical(without_metadata(client.converse(**BASE_REQUEST)), boto_answer)


def test_document_numbers_come_back_exactly(
    server: LocalBedrock, client: ChatClient, boto: Any
) -> None:
    # Ints stay ints up to what the wire carries (64 bits), floats keep every bit.
    document = {
        "ints": [0, 3, -1, 2**53 + 1, 2**63 - 1, 2**64 - 1, -(2**63)],
        "floats": [0.1, 1.0, -0.0, 1e-320, 1.7976931348623157e308, 2.0**-1074, 123456.789],
    }
    request = {**BASE_REQUEST, "additionalModelRequestFields": document}
    boto_seen, fast_seen, _, _ = send_both(
        server, lambda: boto.converse(**request), lambda: client.converse(**request)
    )
    assert_identical(request_json(fast_seen)["additionalModelRequestFields"], document)
    assert_identical(request_json(boto_seen)["additionalModelRequestFields"], document)

    reply = Examples().reaching(
        "ConverseResponse", "ConverseResponse", "additionalModelResponseFields", document
    )
    server.queue_reply(reply)
    server.queue_reply(reply)
    assert_identical(boto.converse(**BASE_REQUEST)["additionalModelResponseFields"], document)
    assert_identical(client.converse(**BASE_REQUEST)["additionalModelResponseFields"], document)


@pytest.mark.parametrize(
    "value", [2**64, -(2**63) - 1, 10**30], ids=["2**64", "-2**63-1", "10**30"]
)
def test_document_int_beyond_64_bits_travels_with_every_digit(
    value: int, server: LocalBedrock, client: ChatClient, boto: Any
) -> None:
    # boto3 sends what json.dumps writes and keeps what json.loads reads: every digit.
    request = {**BASE_REQUEST, "additionalModelRequestFields": {"deep": [1, {"n": value}]}}
    boto_seen, fast_seen, _, _ = send_both(
        server, lambda: boto.converse(**request), lambda: client.converse(**request)
    )
    assert_same_tokens(fast_seen["body"], boto_seen["body"])
    assert request_json(fast_seen)["additionalModelRequestFields"]["deep"][1]["n"] == value

    body = json.dumps(
        {
            "output": {"message": {"role": "assistant", "content": [{"text": "ok"}]}},
            "stopReason": "end_turn",
            "usage": {"inputTokens": 1, "outputTokens": 2, "totalTokens": 3},
            "metrics": {"latencyMs": 4},
            "additionalModelResponseFields": {"deep": [1, {"n": value}]},
        }
    )
    headers = {"Content-Type": "application/json"}
    server.queue_raw(200, body, headers)
    boto_answer = without_metadata(boto.converse(**BASE_REQUEST))
    server.queue_raw(200, body, headers)
    fast_answer = without_metadata(client.converse(**BASE_REQUEST))
    assert boto_answer["additionalModelResponseFields"]["deep"][1]["n"] == value
    assert_identical(fast_answer, boto_answer)


# --------------------------------------------------------------------------------------------
# count_tokens
# --------------------------------------------------------------------------------------------

RICH_CONVERSATION: dict[str, Any] = {
    "system": [{"text": "Be brief."}, {"cachePoint": {"type": "default"}}],
    "messages": [
        {
            "role": "user",
            "content": [
                {"text": "Look at these ✓"},
                {"image": {"format": "png", "source": {"bytes": b"\x89PNG\r\n"}}},
                {"document": {"format": "pdf", "name": "report", "source": {"bytes": b"%PDF"}}},
                {"video": {"format": "mp4", "source": {"s3Location": {"uri": "s3://b/v.mp4"}}}},
                {"audio": {"format": "mp3", "source": {"bytes": b"ID3"}}},
                {"guardContent": {"text": {"text": "guarded text"}}},
                {"searchResult": {"source": "s", "title": "t", "content": [{"text": "found"}]}},
            ],
        },
        {
            "role": "assistant",
            "content": [
                {"reasoningContent": {"reasoningText": {"text": "hmm", "signature": "sig"}}},
                {"citationsContent": {"content": [{"text": "cited text"}], "citations": []}},
                {"toolUse": {"toolUseId": "t1", "name": "add", "input": {"a": 1, "b": 2}}},
            ],
        },
        {
            "role": "user",
            "content": [
                {
                    "toolResult": {
                        "toolUseId": "t1",
                        "content": [{"json": {"sum": 3}}, {"text": "ok"}],
                    }
                },
                {"cachePoint": {"type": "default"}},
            ],
        },
    ],
    "toolConfig": {
        "tools": [
            {
                "toolSpec": {
                    "name": "add",
                    "description": "Adds two numbers",
                    "inputSchema": {"json": {"type": "object"}},
                }
            }
        ]
    },
}

COUNT_INPUTS = {
    "converse": {"converse": RICH_CONVERSATION},
    "invokeModel": {"invokeModel": {"body": json.dumps({"prompt": "Hello there ✓"}).encode()}},
}


@pytest.mark.parametrize("kind", sorted(COUNT_INPUTS))
async def test_count_tokens_matches_boto3_sync_and_async(
    kind: str, server: LocalBedrock, client: ChatClient, boto: Any
) -> None:
    request = {"modelId": MODEL_ID, "input": COUNT_INPUTS[kind]}
    boto_answer = boto.count_tokens(**request)
    sync_answer = client.count_tokens(**request)
    async_answer = await client.count_tokens_async(**request)
    boto_seen, sync_seen, async_seen = server.requests
    assert sync_seen["path"] == async_seen["path"] == boto_seen["path"]
    assert sync_seen["path"].endswith("/count-tokens")
    assert_identical(request_json(sync_seen), request_json(boto_seen))
    assert_identical(request_json(async_seen), request_json(boto_seen))
    assert without_metadata(sync_answer) == without_metadata(async_answer)
    assert_identical(without_metadata(sync_answer), without_metadata(boto_answer))
    assert sync_answer["inputTokens"] > 0
    assert sync_answer["ResponseMetadata"]["HTTPStatusCode"] == 200


def test_count_tokens_of_a_request_equals_usage_of_its_echo_reply(
    server: LocalBedrock, client: ChatClient
) -> None:
    counted = client.count_tokens(modelId=MODEL_ID, input={"converse": RICH_CONVERSATION})
    reply = client.converse(modelId=MODEL_ID, **RICH_CONVERSATION)
    assert counted["inputTokens"] == reply["usage"]["inputTokens"]
    # Each kind of content counts: dropping any block lowers the count.
    for i in range(len(RICH_CONVERSATION["messages"][0]["content"])):
        content = list(RICH_CONVERSATION["messages"][0]["content"])
        del content[i]
        messages = [{"role": "user", "content": content}, *RICH_CONVERSATION["messages"][1:]]
        fewer = client.count_tokens(
            modelId=MODEL_ID, input={"converse": {**RICH_CONVERSATION, "messages": messages}}
        )
        dropped = RICH_CONVERSATION["messages"][0]["content"][i]
        assert fewer["inputTokens"] < counted["inputTokens"], dropped


# --------------------------------------------------------------------------------------------
# The count
# --------------------------------------------------------------------------------------------


def required_checks() -> dict[tuple[str, str], set[str]]:
    """For every member of the three operations, the checks that prove it carried."""
    checks: dict[tuple[str, str], set[str]] = {}

    def need(check: str, pairs: list[tuple[str, str]]) -> None:
        for pair in pairs:
            checks.setdefault(pair, set()).add(check)

    need("request:converse", CONVERSE_REQUEST)
    need("request:count_tokens", COUNT_TOKENS_REQUEST)
    need("request:converse_stream", STREAM_ONLY_REQUEST)
    need("response:converse", CONVERSE_RESPONSE)
    need("response:count_tokens", member_pairs("CountTokensResponse"))
    need("response:converse_stream", STREAM_EVENTS)
    return checks


def test_members_carried_count(request: pytest.FixtureRequest) -> None:
    checks = required_checks()
    # The walk covers every member botocore's model has for the three operations: the
    # model is the list (no member is left out as one the client cannot carry).
    assert set(checks) == set(MODEL_MEMBERS)
    assert ("ConverseRequest", "projectIdentifier") in checks
    ran = {check for check, _, _ in PASSED}
    waiting = {"request:converse_stream", "response:converse_stream"} if not HAS_STREAM else set()
    expected_to_run = {c for cs in checks.values() for c in cs} - waiting
    if not expected_to_run <= ran:
        pytest.skip("run the whole module: some member checks did not run")
    carried = sorted(
        pair for pair, needed in checks.items() if all((c, *pair) in PASSED for c in needed)
    )
    pending = sorted(pair for pair, needed in checks.items() if needed & waiting)
    failed = sorted(set(MODEL_MEMBERS) - set(carried) - set(pending))
    total = len(MODEL_MEMBERS)
    line = f"members carried: {len(carried)}/{total}"
    if pending:
        line += f" ({len(pending)} more wait for ChatClient.converse_stream)"
    request.config.stash.setdefault(SUMMARY, []).append(line)
    assert not failed, f"{line}; not carried: {', '.join(map(pair_id, failed))}"
    assert len(carried) + len(pending) == total, line
    if HAS_STREAM:
        assert len(carried) == total, line


# --------------------------------------------------------------------------------------------
# Types
# --------------------------------------------------------------------------------------------

MISTYPED = """
from fastconverse import ChatClient

client = ChatClient(region_name="us-east-1")
client.converse(modelID="m")
client.converse(modelId="m", inferenceConfig={"maxTokens": "many"})
client.converse(modelId="m", messages=[{"role": "user", "content": [{"txt": "hi"}]}])
client.count_tokens(modelId="m", input={"converse": {}}, extra=1)
usage: int = client.converse(modelId="m")["usage"]["inputTokenz"]
"""


def test_stubs_type_converse_and_count_tokens(tmp_path: pathlib.Path) -> None:
    # Keywords and response keys are typed (what editors complete): each line is an error.
    api = pytest.importorskip("mypy.api")
    source = tmp_path / "mistyped.py"
    source.write_text(MISTYPED, encoding="utf-8")
    out, _, status = api.run(["--strict", "--no-incremental", str(source)])
    assert status == 1, out
    assert 'Unexpected keyword argument "modelID" for "converse"' in out
    assert 'TypedDict item "maxTokens" has type "int"' in out
    assert 'Extra key "txt" for TypedDict "ContentBlock"' in out
    assert 'Unexpected keyword argument "extra" for "count_tokens"' in out
    assert 'TypedDict "TokenUsage" has no key "inputTokenz"' in out
    assert "Found 5 errors" in out


def test_typed_requests_example_runs() -> None:
    example = pathlib.Path(__file__).resolve().parent.parent / "examples" / "typed_requests.py"
    done = subprocess.run(
        [sys.executable, str(example)], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "What is the weather in Paris?" in done.stdout
    assert "request id" in done.stdout
