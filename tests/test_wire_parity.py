"""Responses, stream events and errors read exactly as boto3 reads them, from the same bytes.

fastconverse parses response bytes itself (issue 13, "own the wire"), so whatever a newer
Bedrock sends comes back as boto3 gives it: an unknown union member as
``{"SDK_UNKNOWN_MEMBER": {"name": ...}}``, an unknown structure member dropped, an unknown
event type skipped, ints of any size kept, 1e400 as inf. Errors too: the class name, the code,
the message and the whole ``response`` dict (the members of a modelled error included), for
JSON and non-JSON bodies, and for exception events in the middle of a stream, where boto3's
``EventStreamError.response`` is ``{"Error": {"Code": "throttlingException", ...}}``.

Each case serves the same bytes (LocalBedrock's ``queue_raw``) to boto3 and to fastconverse's
sync, async and stream calls. Requests reach the server signed (SigV4 checked).
"""

from __future__ import annotations

import binascii
import json
import struct
from collections.abc import Callable
from typing import Any

import pytest

import fastconverse
from fastconverse import BedrockError, ChatClient, ServiceError
from fastconverse.errors import error_class_for, exceptions
from fastconverse.testing import LocalBedrock

from . import raw_server
from .conftest import MODEL_ID, user
from .helpers import OPERATIONS, SHAPES, Examples, assert_identical, without_metadata

REQUEST: dict[str, Any] = {"modelId": MODEL_ID, "messages": [user("Hi")]}
JSON = {"Content-Type": "application/json", "x-amzn-RequestId": "req-fixed-1"}
EVENT_STREAM = {
    "Content-Type": "application/vnd.amazon.eventstream",
    "x-amzn-RequestId": "req-fixed-2",
}
USAGE = {"inputTokens": 1, "outputTokens": 2, "totalTokens": 3}


def comparable_metadata(response: dict[str, Any]) -> dict[str, Any]:
    """``ResponseMetadata`` without what differs from call to call: the ``date`` header."""
    meta = dict(response["ResponseMetadata"])
    meta["HTTPHeaders"] = {k: v for k, v in meta["HTTPHeaders"].items() if k != "date"}
    return meta


def comparable(response: dict[str, Any]) -> dict[str, Any]:
    if "ResponseMetadata" not in response:
        return response
    return {**response, "ResponseMetadata": comparable_metadata(response)}


# --------------------------------------------------------------------------------------------
# Responses
# --------------------------------------------------------------------------------------------


def reply_body(**overrides: Any) -> str:
    """A Converse response body, written here byte for byte."""
    body: dict[str, Any] = {
        "output": {"message": {"role": "assistant", "content": [{"text": "ok"}]}},
        "stopReason": "end_turn",
        "usage": USAGE,
        "metrics": {"latencyMs": 4},
    }
    body.update(overrides)
    return json.dumps(body)


def content(*blocks: Any, **message_extra: Any) -> dict[str, Any]:
    return {"message": {"role": "assistant", "content": list(blocks), **message_extra}}


TOOL_USE = {
    "toolUse": {
        "toolUseId": "t1",
        "name": "calc",
        "input": {"big": 123456789012345678901234567890, "neg": -(2**70), "f": 0.1, "z": [1.0]},
    }
}

# (id, raw Converse response body)
RESPONSES: list[tuple[str, str]] = [
    (
        "unknown-content-block",
        reply_body(output=content({"text": "a"}, {"futureBlock": {"x": 1}}, {"text": "b"})),
    ),
    (
        "unknown-tool-result-content",
        reply_body(
            output=content(
                {"toolResult": {"toolUseId": "t", "content": [{"hologram": {"x": 1}}]}},
            )
        ),
    ),
    (
        "unknown-reasoning-content",
        reply_body(output=content({"reasoningContent": {"thoughtVector": [1, 2]}})),
    ),
    (
        "unknown-structure-members",
        reply_body(
            output=content({"text": "a"}, futureMessageField=1),
            usage={**USAGE, "futureTokens": 7},
            futureTopLevel={"x": [1, 2]},
        ),
    ),
    ("unknown-enum-value", reply_body(stopReason="a_reason_added_later")),
    ("int-beyond-64-bits-in-tool-input", reply_body(output=content(TOOL_USE))),
    (
        "int-beyond-64-bits-in-an-int-member",
        reply_body(usage={**USAGE, "inputTokens": 2**70}, metrics={"latencyMs": 10**25}),
    ),
    (
        "floats-beyond-double",
        reply_body(additionalModelResponseFields={"big": 1e308, "tiny": 5e-324}).replace(
            '"big": 1e+308', '"big": 1e400, "neg": -1e400, "under": 1e-400'
        ),
    ),
    (
        "additional-fields-in-order-with-every-number",
        reply_body(additionalModelResponseFields={"z": 2**64, "a": 1.0, "m": [1, 1.5, -0.0, None]}),
    ),
]


@pytest.mark.parametrize("body", [c[1] for c in RESPONSES], ids=[c[0] for c in RESPONSES])
async def test_response_equals_boto3s_sync_and_async(
    body: str, server: LocalBedrock, client: ChatClient, boto: Any
) -> None:
    server.queue_raw(200, body, JSON)
    expected = comparable(boto.converse(**REQUEST))
    server.queue_raw(200, body, JSON)
    assert_identical(comparable(client.converse(**REQUEST)), expected, "sync")
    server.queue_raw(200, body, JSON)
    assert_identical(comparable(await client.converse_async(**REQUEST)), expected, "async")
    assert all(seen["headers"]["authorization"].startswith("AWS4-") for seen in server.requests)


def test_the_cases_show_what_they_claim(server: LocalBedrock, boto: Any) -> None:
    # boto3's side of the cases above, so that each proves what its name says.
    answers = {}
    for name, body in RESPONSES:
        server.queue_raw(200, body, JSON)
        answers[name] = without_metadata(boto.converse(**REQUEST))
    blocks = answers["unknown-content-block"]["output"]["message"]["content"]
    assert blocks[1] == {"SDK_UNKNOWN_MEMBER": {"name": "futureBlock"}}
    assert "futureTopLevel" not in answers["unknown-structure-members"]
    tool_input = answers["int-beyond-64-bits-in-tool-input"]["output"]["message"]["content"][0]
    assert tool_input["toolUse"]["input"]["big"] == 123456789012345678901234567890
    fields = answers["floats-beyond-double"]["additionalModelResponseFields"]
    assert fields["big"] == float("inf") and fields["neg"] == float("-inf")
    assert fields["under"] == 0.0


# --------------------------------------------------------------------------------------------
# Streams
# --------------------------------------------------------------------------------------------


def frame(headers: dict[str, str], payload: bytes) -> bytes:
    """One AWS event-stream frame with string headers."""
    encoded = b""
    for name, value in headers.items():
        data = value.encode()
        encoded += bytes([len(name)]) + name.encode() + b"\x07"
        encoded += struct.pack(">H", len(data)) + data
    total = 16 + len(encoded) + len(payload)
    prelude = struct.pack(">II", total, len(encoded))
    prelude += struct.pack(">I", binascii.crc32(prelude))
    message = prelude + encoded + payload
    return message + struct.pack(">I", binascii.crc32(message))


def event(kind: str, payload: dict[str, Any] | str) -> bytes:
    if isinstance(payload, str):  # written as given (numbers json.dumps cannot write)
        return frame(
            {":event-type": kind, ":content-type": "application/json", ":message-type": "event"},
            payload.encode(),
        )
    return raw_server.event_frame(kind, payload)


START = event("messageStart", {"role": "assistant"})
STOP = event("messageStop", {"stopReason": "end_turn"})
METADATA = event("metadata", {"usage": USAGE, "metrics": {"latencyMs": 4}})

# (id, the frames between messageStart and the end)
STREAMS: list[tuple[str, list[bytes]]] = [
    ("unknown-event-type", [event("futureEvent", {"x": 1}), STOP, METADATA]),
    (
        "unknown-delta",
        [
            event("contentBlockDelta", {"contentBlockIndex": 0, "delta": {"futureDelta": {}}}),
            STOP,
            METADATA,
        ],
    ),
    (
        "unknown-block-start",
        [
            event("contentBlockStart", {"contentBlockIndex": 0, "start": {"hologram": {"a": 1}}}),
            event("contentBlockStop", {"contentBlockIndex": 0}),
            STOP,
            METADATA,
        ],
    ),
    (
        "unknown-members-in-events",
        [
            event(
                "contentBlockDelta",
                {"contentBlockIndex": 0, "delta": {"text": "hi"}, "futureField": [1]},
            ),
            event("messageStop", {"stopReason": "end_turn", "futureField": {"a": 1}}),
            event(
                "metadata",
                {"usage": {**USAGE, "futureTokens": 1}, "metrics": {"latencyMs": 4}, "x": 1},
            ),
        ],
    ),
    (
        "unknown-enum-value",
        [event("messageStop", {"stopReason": "a_reason_added_later"}), METADATA],
    ),
    (
        "int-beyond-64-bits-in-an-int-member",
        [
            STOP,
            event(
                "metadata",
                '{"usage": {"inputTokens": 1180591620717411303424, "outputTokens": 2, '
                '"totalTokens": 3}, "metrics": {"latencyMs": 4}}',
            ),
        ],
    ),
]


def stream_body(frames: list[bytes]) -> bytes:
    return b"".join([START, *frames])


def read_boto_stream(boto: Any) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    answer = boto.converse_stream(**REQUEST)
    return comparable(without_stream(answer)), list(answer["stream"])


def without_stream(answer: Any) -> dict[str, Any]:
    return {"ResponseMetadata": answer["ResponseMetadata"]}


@pytest.mark.parametrize("frames", [c[1] for c in STREAMS], ids=[c[0] for c in STREAMS])
async def test_stream_events_equal_boto3s_sync_and_async(
    frames: list[bytes], server: LocalBedrock, client: ChatClient, boto: Any
) -> None:
    body = stream_body(frames)
    server.queue_raw(200, body, EVENT_STREAM)
    expected_meta, expected = read_boto_stream(boto)

    server.queue_raw(200, body, EVENT_STREAM)
    stream = client.converse_stream(**REQUEST)
    assert_identical(comparable(without_stream(stream)), expected_meta, "sync metadata")
    assert_identical(list(stream["stream"]), expected, "sync events")

    server.queue_raw(200, body, EVENT_STREAM)
    async_stream = await client.converse_stream_async(**REQUEST)
    events = [e async for e in async_stream]
    assert_identical(comparable(without_stream(async_stream)), expected_meta, "async metadata")
    assert_identical(events, expected, "async events")


def test_boto3_skips_an_unknown_event_type(server: LocalBedrock, boto: Any) -> None:
    server.queue_raw(200, stream_body(STREAMS[0][1]), EVENT_STREAM)
    _, events = read_boto_stream(boto)
    assert [next(iter(e)) for e in events] == ["messageStart", "messageStop", "metadata"]


# --------------------------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------------------------


def error_outcome(run: Callable[[], Any]) -> BaseException:
    with pytest.raises(Exception) as caught:
        run()
    return caught.value


def assert_same_error(ours: BaseException, theirs: BaseException) -> None:
    """Class name, code, message and the whole response dict (less the volatile metadata)."""
    from botocore.exceptions import ClientError

    assert isinstance(theirs, ClientError), theirs
    assert isinstance(ours, BedrockError), f"{type(ours).__name__}: {ours}"
    code = theirs.response["Error"]["Code"]
    if type(theirs).__name__ == "ClientError":
        # A code botocore does not model: its base class; ours is ServiceError, which
        # client.exceptions.ClientError names as boto3's does.
        assert isinstance(ours, exceptions.ClientError)
        assert type(ours) is error_class_for(code)
    else:
        assert type(ours).__name__ == type(theirs).__name__
    assert ours.code == code
    assert ours.message == theirs.response["Error"]["Message"]
    assert_identical(comparable(ours.response), comparable(theirs.response), "response")
    assert ours.status_code == theirs.response["ResponseMetadata"]["HTTPStatusCode"]


def modelled_error_body(name: str) -> dict[str, Any]:
    """A modelled error with every member botocore knows of it."""
    examples = Examples()
    shape = SHAPES[name]
    body = {m: examples.member_value(name, m) for m in shape["members"]}
    if "message" in body:
        body["message"] = f"{name} with every member ✓"
    return body


MODELLED = sorted({e["shape"] for op in OPERATIONS.values() for e in op.get("errors", [])})

# (id, status, body, headers): each answered to both clients, one attempt each.
ERRORS: list[tuple[str, int, str, dict[str, str]]] = [
    (
        f"modelled-{name}",
        int(SHAPES[name].get("error", {}).get("httpStatusCode", 400)),
        json.dumps(modelled_error_body(name)),
        {**JSON, "x-amzn-ErrorType": name},
    )
    for name in MODELLED
] + [
    (
        "errortype-with-a-suffix",
        424,
        json.dumps({"message": "model failed", "originalStatusCode": 500, "resourceName": "a"}),
        {
            **JSON,
            "x-amzn-ErrorType": "ModelErrorException:http://internal.amazon.com/coral/com.amazon/",
        },
    ),
    (
        "type-in-the-body-with-a-namespace",
        400,
        json.dumps({"__type": "com.amazon.coral.validate#ValidationException", "message": "m"}),
        JSON,
    ),
    (
        "capitalised-message",
        400,
        json.dumps({"Message": "cap"}),
        {**JSON, "x-amzn-ErrorType": "ValidationException"},
    ),
    (
        "unmodelled-code",
        418,
        json.dumps({"message": "tea"}),
        {**JSON, "x-amzn-ErrorType": "TeapotException"},
    ),
    (
        "html-502",
        502,
        "<html><body><h1>502 Bad Gateway</h1></body></html>",
        {"Content-Type": "text/html", "x-amzn-RequestId": "req-fixed-3"},
    ),
    ("empty-500", 500, "", {**JSON}),
    ("empty-503", 503, "", {"x-amzn-RequestId": "req-fixed-4"}),
    ("plain-text-400", 400, "plain words", {"Content-Type": "text/plain"}),
    ("html-403", 403, "<html>Forbidden by proxy</html>", {"Content-Type": "text/html"}),
]


@pytest.mark.parametrize(
    ("status", "body", "headers"), [c[1:] for c in ERRORS], ids=[c[0] for c in ERRORS]
)
async def test_error_equals_boto3s_sync_async_and_stream(
    status: int,
    body: str,
    headers: dict[str, str],
    server: LocalBedrock,
    client: ChatClient,
    boto: Any,
) -> None:
    server.queue_raw(status, body, headers)
    theirs = error_outcome(lambda: boto.converse(**REQUEST))
    server.queue_raw(status, body, headers)
    assert_same_error(error_outcome(lambda: client.converse(**REQUEST)), theirs)
    server.queue_raw(status, body, headers)
    with pytest.raises(BedrockError) as async_error:
        await client.converse_async(**REQUEST)
    assert_same_error(async_error.value, theirs)

    # The same answer to ConverseStream: an error before any event.
    server.queue_raw(status, body, headers)
    stream_theirs = error_outcome(lambda: list(boto.converse_stream(**REQUEST)["stream"]))
    server.queue_raw(status, body, headers)
    stream_ours = error_outcome(lambda: list(client.converse_stream(**REQUEST)))
    assert_same_error(stream_ours, stream_theirs)
    assert len(server.requests) == 5, "an attempt was retried"


def test_a_modelled_error_keeps_every_member_as_boto3_does(
    server: LocalBedrock, client: ChatClient, boto: Any
) -> None:
    body = json.dumps({"message": "failed", "originalStatusCode": 503, "resourceName": "arn:m"})
    headers = {**JSON, "x-amzn-ErrorType": "ModelErrorException"}
    server.queue_raw(424, body, headers)
    theirs = error_outcome(lambda: boto.converse(**REQUEST))
    assert theirs.response["originalStatusCode"] == 503  # type: ignore[attr-defined]
    assert theirs.response["resourceName"] == "arn:m"  # type: ignore[attr-defined]
    server.queue_raw(424, body, headers)
    ours = error_outcome(lambda: client.converse(**REQUEST))
    assert isinstance(ours, fastconverse.ModelErrorException)
    assert ours.response["originalStatusCode"] == 503
    assert ours.response["resourceName"] == "arn:m"


# Mid-stream: (id, the exception frame, fastconverse's class for it)
EXCEPTION_EVENTS: list[tuple[str, bytes, type[BedrockError]]] = [
    (
        "throttling",
        raw_server.event_frame("throttlingException", {"message": "slow down"}, "exception"),
        fastconverse.ThrottlingException,
    ),
    (
        "model-stream-error-with-every-member",
        raw_server.event_frame(
            "modelStreamErrorException",
            {"message": "boom", "originalStatusCode": 500, "originalMessage": "upstream"},
            "exception",
        ),
        fastconverse.ModelStreamErrorException,
    ),
    (
        "validation-with-an-unknown-member",
        raw_server.event_frame(
            "validationException", {"message": "bad", "futureField": 1}, "exception"
        ),
        fastconverse.ValidationException,
    ),
    (
        "service-unavailable-capitalised-message",
        raw_server.event_frame("serviceUnavailableException", {"Message": "later"}, "exception"),
        fastconverse.ServiceUnavailableException,
    ),
    (
        "unknown-exception-type",
        raw_server.event_frame("futureException", {"message": "new"}, "exception"),
        ServiceError,
    ),
    (
        "error-message-type",
        frame(
            {
                ":message-type": "error",
                ":error-code": "InternalFailure",
                ":error-message": "something broke",
            },
            b"",
        ),
        ServiceError,
    ),
]


@pytest.mark.parametrize(
    ("exception_frame", "cls"),
    [c[1:] for c in EXCEPTION_EVENTS],
    ids=[c[0] for c in EXCEPTION_EVENTS],
)
async def test_exception_event_mid_stream_equals_boto3s(
    exception_frame: bytes,
    cls: type[BedrockError],
    server: LocalBedrock,
    client: ChatClient,
    boto: Any,
) -> None:
    from botocore.exceptions import EventStreamError

    delta = event("contentBlockDelta", {"contentBlockIndex": 0, "delta": {"text": "Hel"}})
    body = START + delta + exception_frame
    boto_events: list[Any] = []
    server.queue_raw(200, body, EVENT_STREAM)
    with pytest.raises(EventStreamError) as theirs:
        boto_events.extend(boto.converse_stream(**REQUEST)["stream"])
    expected = theirs.value.response

    def check(error: BaseException, events: list[Any], where: str) -> None:
        assert isinstance(error, cls), f"{where}: {type(error).__name__}: {error}"
        assert events == boto_events, where
        code = getattr(error, "code", None)
        assert code == expected["Error"]["Code"], f"{where}: code {code!r} != {expected}"
        response = getattr(error, "response", None)
        assert response == expected, f"{where}: {response} != {expected}"

    fast_events: list[Any] = []
    server.queue_raw(200, body, EVENT_STREAM)
    with pytest.raises(BedrockError) as ours:
        fast_events.extend(client.converse_stream(**REQUEST))
    check(ours.value, fast_events, "sync")

    async_events: list[Any] = []
    server.queue_raw(200, body, EVENT_STREAM)
    with pytest.raises(BedrockError) as async_ours:
        async for item in await client.converse_stream_async(**REQUEST):
            async_events.append(item)
    check(async_ours.value, async_events, "async")


def test_what_boto3_gives_for_exception_events(server: LocalBedrock, boto: Any) -> None:
    # The expectations above, pinned: boto3's code is the event's name as sent (lower camel
    # case), its message the body's `message` member (a `Message` key is not one: ""), no
    # other member and no
    # ResponseMetadata; an exception type botocore does not model gives the frame's
    # :error-code and :error-message headers, empty when absent.
    from botocore.exceptions import EventStreamError

    got = {}
    for name, exception_frame, _ in EXCEPTION_EVENTS:
        server.queue_raw(200, START + exception_frame, EVENT_STREAM)
        with pytest.raises(EventStreamError) as caught:
            list(boto.converse_stream(**REQUEST)["stream"])
        got[name] = caught.value.response
    assert got["throttling"] == {"Error": {"Code": "throttlingException", "Message": "slow down"}}
    assert got["model-stream-error-with-every-member"] == {
        "Error": {"Code": "modelStreamErrorException", "Message": "boom"}
    }
    assert got["service-unavailable-capitalised-message"] == {
        "Error": {"Code": "serviceUnavailableException", "Message": ""}
    }
    assert got["unknown-exception-type"] == {"Error": {"Code": "", "Message": ""}}
    assert got["error-message-type"] == {
        "Error": {"Code": "InternalFailure", "Message": "something broke"}
    }
