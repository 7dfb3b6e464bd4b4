"""ConverseStream against LocalBedrock, beside boto3: events, assembly, faults, closing, Ctrl-C."""

from __future__ import annotations

import asyncio
import pickle
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import AsyncIterable, Iterable
from typing import Any

import pytest

from fastconverse import (
    AsyncConverseStream,
    ChatClient,
    ConverseStream,
    IncompleteStreamError,
    InternalServerException,
    ModelStreamErrorException,
    ParamValidationError,
    ServiceUnavailableException,
    ThrottlingException,
    ValidationException,
)
from fastconverse.testing import LocalBedrock

from .conftest import MODEL_ID, user
from .helpers import posix_only, python_ticks_during, wait_for

REQUEST: dict[str, Any] = {"modelId": MODEL_ID, "messages": [user("Hi")]}

USAGE = {"inputTokens": 11, "outputTokens": 22, "totalTokens": 33}
START = {"messageStart": {"role": "assistant"}}


def delta(index: int, value: dict[str, Any]) -> dict[str, Any]:
    return {"contentBlockDelta": {"contentBlockIndex": index, "delta": value}}


def stop(index: int) -> dict[str, Any]:
    return {"contentBlockStop": {"contentBlockIndex": index}}


def ending(reason: str = "end_turn") -> list[dict[str, Any]]:
    return [
        {"messageStop": {"stopReason": reason}},
        {"metadata": {"usage": USAGE, "metrics": {"latencyMs": 7}}},
    ]


# Streams scripted event by event, as Bedrock sends them.
SCRIPTS: dict[str, list[dict[str, Any]]] = {
    "text": [
        START,
        delta(0, {"text": "Hello"}),
        delta(0, {"text": ", wor"}),
        delta(0, {"text": "ld!"}),
        stop(0),
        *ending(),
    ],
    "tool_use_split_mid_json": [
        START,
        delta(0, {"text": "Let me check."}),
        stop(0),
        {
            "contentBlockStart": {
                "contentBlockIndex": 1,
                "start": {"toolUse": {"toolUseId": "tooluse_1", "name": "get_weather"}},
            }
        },
        delta(1, {"toolUse": {"input": '{"ci'}}),
        delta(1, {"toolUse": {"input": 'ty": "Par'}}),
        delta(1, {"toolUse": {"input": 'is", "days": 1'}}),
        delta(1, {"toolUse": {"input": '2, "units": [tr'}}),
        delta(1, {"toolUse": {"input": "ue, null]}"}}),
        stop(1),
        *ending("tool_use"),
    ],
    "reasoning_signature_and_redacted": [
        START,
        delta(0, {"reasoningContent": {"text": "The user greets; "}}),
        delta(0, {"reasoningContent": {"text": "answer kindly."}}),
        delta(0, {"reasoningContent": {"signature": "EqoBCkgIARABGAIiQL"}}),
        stop(0),
        delta(1, {"reasoningContent": {"redactedContent": b"\x00\x01\xffopaque"}}),
        stop(1),
        delta(2, {"text": "Hi!"}),
        stop(2),
        *ending(),
    ],
    "citations": [
        START,
        delta(0, {"text": "The sky "}),
        delta(0, {"text": "is blue."}),
        delta(
            0,
            {
                "citation": {
                    "title": "Sky facts",
                    "sourceContent": [{"text": "the sky is blue"}],
                    "location": {"documentChar": {"documentIndex": 0, "start": 4, "end": 19}},
                }
            },
        ),
        stop(0),
        *ending(),
    ],
    "stop_fields_and_trace": [
        START,
        delta(0, {"text": "ok"}),
        stop(0),
        {
            "messageStop": {
                "stopReason": "stop_sequence",
                "additionalModelResponseFields": {"stop_sequence": "\n\nHuman:", "n": [1, 2.5]},
            }
        },
        {
            "metadata": {
                "usage": {**USAGE, "cacheReadInputTokens": 4},
                "metrics": {"latencyMs": 9},
                "trace": {"promptRouter": {"invokedModelId": "arn:aws:bedrock:m"}},
            }
        },
    ],
}

EXCEPTIONS: dict[str, type[Exception]] = {
    "throttlingException": ThrottlingException,
    "validationException": ValidationException,
    "modelStreamErrorException": ModelStreamErrorException,
    "internalServerException": InternalServerException,
    "serviceUnavailableException": ServiceUnavailableException,
}


def exception_script(kind: str) -> list[dict[str, Any]]:
    payload: dict[str, Any] = {"message": f"{kind} injected mid-stream"}
    if kind == "modelStreamErrorException":
        payload.update(originalStatusCode=500, originalMessage="model crashed")
    return [START, delta(0, {"text": "Hel"}), {kind: payload}]


# Replies in converse()'s shape; LocalBedrock cuts each into the events Bedrock sends.
REPLIES: dict[str, dict[str, Any]] = {
    "text": {
        "output": {
            "message": {
                "role": "assistant",
                "content": [{"text": "The quick brown fox jumps over the lazy dog, twice."}],
            }
        },
        "stopReason": "end_turn",
        "usage": USAGE,
        "metrics": {"latencyMs": 42},
    },
    "tool_use": {
        "output": {
            "message": {
                "role": "assistant",
                "content": [
                    {"text": "Checking the weather."},
                    {
                        "toolUse": {
                            "toolUseId": "tooluse_abc",
                            "name": "get_weather",
                            "input": {
                                "city": "Paris",
                                "days": 3,
                                "opts": {"units": ["C"], "ratio": 2.5, "x": None, "y": True},
                            },
                        }
                    },
                ],
            }
        },
        "stopReason": "tool_use",
        "usage": USAGE,
        "metrics": {"latencyMs": 5},
    },
    "reasoning": {
        "output": {
            "message": {
                "role": "assistant",
                "content": [
                    {
                        "reasoningContent": {
                            "reasoningText": {
                                "text": "They asked for a greeting, so greet them.",
                                "signature": "EqoBCkgIARABGAIiQLsig",
                            }
                        }
                    },
                    {"reasoningContent": {"redactedContent": b"\x00\x01\x02redacted\xff"}},
                    {"text": "Hello!"},
                ],
            }
        },
        "stopReason": "end_turn",
        "usage": USAGE,
        "metrics": {"latencyMs": 1},
    },
    "citations": {
        "output": {
            "message": {
                "role": "assistant",
                "content": [
                    {"text": "According to the report:"},
                    {
                        "citationsContent": {
                            "content": [{"text": "revenue grew by ten percent"}],
                            "citations": [
                                {
                                    "title": "report",
                                    "sourceContent": [{"text": "Revenue grew 10%."}],
                                    "location": {
                                        "documentPage": {"documentIndex": 0, "start": 2, "end": 3}
                                    },
                                }
                            ],
                        }
                    },
                ],
            }
        },
        "stopReason": "end_turn",
        "usage": USAGE,
        "metrics": {"latencyMs": 3},
    },
    "fields_and_trace": {
        "output": {"message": {"role": "assistant", "content": [{"text": "Done."}]}},
        "stopReason": "max_tokens",
        "additionalModelResponseFields": {"stop_sequence": None, "tokens": [1, 2]},
        "usage": {**USAGE, "cacheWriteInputTokens": 2},
        "metrics": {"latencyMs": 8},
        "trace": {"promptRouter": {"invokedModelId": "arn:aws:bedrock:us-east-1::m"}},
    },
}


async def async_wait_for(condition: Any, what: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        await asyncio.sleep(0.01)


def collect(stream: Iterable[dict[str, Any]]) -> tuple[list[dict[str, Any]], Exception | None]:
    """The events of a stream and the exception that ended it, if any."""
    events: list[dict[str, Any]] = []
    try:
        for event in stream:
            events.append(event)
    except Exception as err:
        return events, err
    return events, None


async def acollect(
    stream: AsyncIterable[dict[str, Any]],
) -> tuple[list[dict[str, Any]], Exception | None]:
    events: list[dict[str, Any]] = []
    try:
        async for event in stream:
            events.append(event)
    except Exception as err:
        return events, err
    return events, None


def boto_collect(response: dict[str, Any]) -> tuple[list[dict[str, Any]], Exception | None]:
    """The events of a boto3 stream; closes it (boto3 leaves a broken stream's socket open)."""
    try:
        return collect(response["stream"])
    finally:
        response["stream"].close()


def without_metadata(response: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in response.items() if k != "ResponseMetadata"}


# ---------------------------------------------------------------------------------------------
# The same events as boto3
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SCRIPTS))
async def test_scripted_stream_events_equal_boto3s(
    name: str, server: LocalBedrock, client: ChatClient, boto: Any
) -> None:
    for _ in range(3):
        server.queue_stream(SCRIPTS[name])
    expected, boto_error = boto_collect(boto.converse_stream(**REQUEST))
    assert boto_error is None
    assert len(expected) == len(SCRIPTS[name])

    sync_events, sync_error = collect(client.converse_stream(**REQUEST)["stream"])
    stream = await client.converse_stream_async(**REQUEST)
    async_events, async_error = await acollect(stream["stream"])
    assert (sync_error, async_error) == (None, None)
    assert sync_events == expected
    assert async_events == expected


@pytest.mark.parametrize("name", sorted(REPLIES))
async def test_reply_stream_events_equal_boto3s(
    name: str, server: LocalBedrock, client: ChatClient, boto: Any
) -> None:
    for _ in range(3):
        server.queue_reply(REPLIES[name])
    expected, _ = boto_collect(boto.converse_stream(**REQUEST))
    assert list(client.converse_stream(**REQUEST)) == expected
    assert (await acollect(await client.converse_stream_async(**REQUEST))) == (expected, None)


@pytest.mark.parametrize("kind", sorted(EXCEPTIONS))
async def test_events_before_an_exception_event_equal_boto3s(
    kind: str, server: LocalBedrock, client: ChatClient, boto: Any
) -> None:
    for _ in range(3):
        server.queue_stream(exception_script(kind))
    expected, boto_error = boto_collect(boto.converse_stream(**REQUEST))
    assert boto_error is not None and type(boto_error).__name__ == "EventStreamError"
    assert boto_error.response["Error"]["Code"] == kind  # type: ignore[attr-defined]

    sync_events, sync_error = collect(client.converse_stream(**REQUEST))
    async_events, async_error = await acollect(await client.converse_stream_async(**REQUEST))
    assert sync_events == async_events == expected == exception_script(kind)[:2]
    assert type(sync_error) is type(async_error) is EXCEPTIONS[kind]


def test_echo_stream_events_equal_boto3s(client: ChatClient, boto: Any) -> None:
    request = {"modelId": MODEL_ID, "messages": [user("one two three four five six seven")]}
    expected, _ = boto_collect(boto.converse_stream(**request))
    assert list(client.converse_stream(**request)) == expected
    assert len(expected) > 5


def test_response_is_boto3s_dict_with_stream_and_metadata(
    server: LocalBedrock, client: ChatClient, boto: Any
) -> None:
    stream = client.converse_stream(**REQUEST)
    boto_response = boto.converse_stream(**REQUEST)
    assert stream["stream"] is stream
    assert stream.get("stream") is stream and stream.get("nope", 5) == 5
    assert sorted(stream.keys()) == sorted(boto_response.keys())
    assert "stream" in stream and "ResponseMetadata" in stream and "other" not in stream
    with pytest.raises(KeyError):
        stream["other"]
    metadata = stream["ResponseMetadata"]
    boto_metadata = boto_response["ResponseMetadata"]
    # Both fixtures allow a single attempt, so both say MaxAttemptsReached.
    assert list(metadata) == list(boto_metadata)
    assert metadata["HTTPStatusCode"] == boto_metadata["HTTPStatusCode"] == 200
    assert metadata["RequestId"] == server.requests[0]["headers"].get(
        "x-amzn-requestid", metadata["RequestId"]
    )
    assert (
        metadata["HTTPHeaders"]["content-type"]
        == boto_metadata["HTTPHeaders"]["content-type"]
        == "application/vnd.amazon.eventstream"
    )
    assert metadata["RetryAttempts"] == 0
    assert metadata["RequestId"] in repr(stream)
    stream.close()
    boto_collect(boto_response)


# ---------------------------------------------------------------------------------------------
# Helpers: text, iter_text, final_response
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(REPLIES))
async def test_final_response_equals_converse(
    name: str, server: LocalBedrock, client: ChatClient
) -> None:
    for _ in range(3):
        server.queue_reply(REPLIES[name])
    expected = without_metadata(client.converse(**REQUEST))
    stream = client.converse_stream(**REQUEST)
    final = stream.final_response()
    assert without_metadata(final) == expected
    assert final["ResponseMetadata"] == stream["ResponseMetadata"]
    astream = await client.converse_stream_async(**REQUEST)
    assert without_metadata(await astream.final_response()) == expected


def test_final_response_assembles_a_scripted_stream(
    server: LocalBedrock, client: ChatClient
) -> None:
    server.queue_stream(SCRIPTS["tool_use_split_mid_json"])
    content = client.converse_stream(**REQUEST).final_response()["output"]["message"]["content"]
    assert content == [
        {"text": "Let me check."},
        {
            "toolUse": {
                "toolUseId": "tooluse_1",
                "name": "get_weather",
                "input": {"city": "Paris", "days": 12, "units": [True, None]},
            }
        },
    ]
    server.queue_stream(SCRIPTS["reasoning_signature_and_redacted"])
    content = client.converse_stream(**REQUEST).final_response()["output"]["message"]["content"]
    assert content == [
        {
            "reasoningContent": {
                "reasoningText": {
                    "text": "The user greets; answer kindly.",
                    "signature": "EqoBCkgIARABGAIiQL",
                }
            }
        },
        {"reasoningContent": {"redactedContent": b"\x00\x01\xffopaque"}},
        {"text": "Hi!"},
    ]


def test_final_response_orders_blocks_by_index(server: LocalBedrock, client: ChatClient) -> None:
    server.queue_stream(
        [
            START,
            delta(1, {"text": "second"}),
            delta(0, {"text": "fir"}),
            delta(1, {"text": " block"}),
            delta(0, {"text": "st"}),
            stop(1),
            stop(0),
            *ending(),
        ]
    )
    response = client.converse_stream(**REQUEST).final_response()
    assert response["output"]["message"]["content"] == [{"text": "first"}, {"text": "second block"}]
    assert response["stopReason"] == "end_turn"
    assert response["usage"] == USAGE
    assert response["metrics"] == {"latencyMs": 7}


def test_text_and_iter_text(server: LocalBedrock, client: ChatClient) -> None:
    server.queue_stream(SCRIPTS["reasoning_signature_and_redacted"])
    assert client.converse_stream(**REQUEST).text() == "Hi!"
    server.queue_stream(SCRIPTS["text"])
    stream = client.converse_stream(**REQUEST)
    assert list(stream.iter_text()) == ["Hello", ", wor", "ld!"]
    # The helpers see the whole stream, whatever was iterated before.
    assert stream.text() == "Hello, world!"
    assert list(stream.iter_text()) == ["Hello", ", wor", "ld!"]
    assert len(list(stream)) == len(SCRIPTS["text"])


def test_helpers_after_partial_iteration_see_every_event(
    server: LocalBedrock, client: ChatClient
) -> None:
    server.queue_stream(SCRIPTS["text"])
    stream = client.converse_stream(**REQUEST)
    events = iter(stream)
    assert next(events) == START
    assert next(events) == delta(0, {"text": "Hello"})
    assert stream.text() == "Hello, world!"
    # The loop carries on where it was, the rest having been read by text().
    assert list(events) == SCRIPTS["text"][2:]
    assert list(stream) == []
    assert stream.closed


async def test_async_helpers(server: LocalBedrock, client: ChatClient) -> None:
    server.queue_stream(SCRIPTS["citations"])
    stream = await client.converse_stream_async(**REQUEST)
    assert [t async for t in stream.iter_text()] == ["The sky ", "is blue."]
    assert await stream.text() == "The sky is blue."
    final = await stream.final_response()
    assert final["output"]["message"]["content"][0]["citationsContent"]["content"] == [
        {"text": "The sky is blue."}
    ]
    assert isinstance(stream, AsyncConverseStream)
    async with stream as same:
        assert same is stream
    assert stream.closed


def test_the_stream_classes_are_exported(client: ChatClient) -> None:
    stream = client.converse_stream(**REQUEST)
    assert isinstance(stream, ConverseStream)
    with stream as same:
        assert same is stream
    assert stream.closed


# ---------------------------------------------------------------------------------------------
# Incomplete streams and exception events
# ---------------------------------------------------------------------------------------------

PARTIAL = [START, delta(0, {"text": "Hel"}), delta(0, {"text": "lo"})]


@pytest.mark.parametrize("fault", ["truncate", "drop", "corrupt"])
async def test_faults_raise_incomplete_stream_error_sync_and_async(
    fault: str, server: LocalBedrock, client: ChatClient
) -> None:
    # "truncate" drops messageStop and metadata from the events it is given.
    events = [*PARTIAL, stop(0), *ending()] if fault == "truncate" else PARTIAL
    server.queue_stream(events, fault=fault)  # type: ignore[arg-type]
    server.queue_stream(events, fault=fault)  # type: ignore[arg-type]

    received, error = collect(client.converse_stream(**REQUEST))
    assert isinstance(error, IncompleteStreamError), error
    expected = events[:4] if fault == "truncate" else PARTIAL
    assert received == expected
    # The loop took every event: the error carries only what it had not (nothing here).
    assert error.events == []
    assert error.code == "IncompleteStreamError"
    assert error.request_id

    astream = await client.converse_stream_async(**REQUEST)
    received, error = await acollect(astream)
    assert isinstance(error, IncompleteStreamError), error
    assert received == expected and error.events == []
    # The failure sticks: helpers report it again.
    with pytest.raises(IncompleteStreamError):
        await astream.final_response()
    with pytest.raises(IncompleteStreamError):
        await astream.text()


def test_a_corrupt_frame_after_a_complete_answer_still_raises(
    server: LocalBedrock, client: ChatClient
) -> None:
    server.queue_stream(SCRIPTS["text"], fault="corrupt")
    with pytest.raises(IncompleteStreamError) as info:
        client.converse_stream(**REQUEST).final_response()
    assert info.value.events == SCRIPTS["text"]
    assert "decoded" in info.value.message


def test_a_stream_without_message_stop_raises(server: LocalBedrock, client: ChatClient) -> None:
    server.queue_stream([START, delta(0, {"text": "a"}), stop(0), ending()[1]])
    with pytest.raises(IncompleteStreamError, match="without messageStop"):
        client.converse_stream(**REQUEST).text()


def test_incomplete_stream_error_pickles_with_its_events(
    server: LocalBedrock, client: ChatClient
) -> None:
    server.queue_stream(PARTIAL, fault="truncate")
    with pytest.raises(IncompleteStreamError) as info:
        client.converse_stream(**REQUEST).final_response()
    again = pickle.loads(pickle.dumps(info.value))
    assert again.events == PARTIAL
    assert str(again) == str(info.value)
    assert "ConverseStream" in str(again)


@pytest.mark.parametrize("kind", sorted(EXCEPTIONS))
async def test_exception_events_raise_their_class(
    kind: str, server: LocalBedrock, client: ChatClient
) -> None:
    server.queue_stream(exception_script(kind))
    server.queue_stream(exception_script(kind))
    cls = EXCEPTIONS[kind]
    # boto3's code for an exception event is the event's name; the class is its code's.
    code = kind

    stream = client.converse_stream(**REQUEST)
    with pytest.raises(cls) as info:
        list(stream)
    err: Any = info.value
    assert (err.code, err.message) == (code, f"{kind} injected mid-stream")
    assert err.request_id == stream["ResponseMetadata"]["RequestId"] != ""
    assert err.response["Error"] == {"Code": code, "Message": err.message}
    assert f"({code}) when calling the ConverseStream operation" in str(err)
    with pytest.raises(cls):
        stream.final_response()

    astream = await client.converse_stream_async(**REQUEST)
    with pytest.raises(cls) as ainfo:
        await astream.text()
    aerr: Any = ainfo.value
    assert aerr.request_id == astream["ResponseMetadata"]["RequestId"]


async def test_an_http_error_before_the_stream_raises_from_the_call(
    server: LocalBedrock, client: ChatClient
) -> None:
    server.queue_error("ValidationException", "bad input")
    server.queue_error("ThrottlingException", "slow down", status=429)
    with pytest.raises(ValidationException, match="bad input") as info:
        client.converse_stream(**REQUEST)
    assert info.value.status_code == 400
    with pytest.raises(ThrottlingException):
        await client.converse_stream_async(**REQUEST)


def test_bad_input_is_refused_before_sending(server: LocalBedrock, client: ChatClient) -> None:
    with pytest.raises(ParamValidationError, match="messages"):
        client.converse_stream(modelId=MODEL_ID, messages="hello")
    assert server.stats()["requests"] == 0


def test_retries_happen_before_the_first_event_only(server: LocalBedrock) -> None:
    client = server.client(max_attempts=3)
    server.queue_error("ThrottlingException", "busy", status=429)
    server.queue_reply(REPLIES["text"])
    stream = client.converse_stream(**REQUEST)
    assert stream["ResponseMetadata"]["RetryAttempts"] == 1
    assert stream.text() == "The quick brown fox jumps over the lazy dog, twice."
    assert server.stats()["requests"] == 2

    server.reset()
    server.queue_stream(exception_script("throttlingException"))
    server.queue_reply(REPLIES["text"])  # what a retry would get
    with pytest.raises(ThrottlingException):
        list(client.converse_stream(**REQUEST))
    assert server.stats()["requests"] == 1
    assert server.stats()["queued"] == 1


# ---------------------------------------------------------------------------------------------
# Closing ends the HTTP response
# ---------------------------------------------------------------------------------------------

# Paced, so that the server is still sending when the client leaves.
SLOW = [START, *(delta(0, {"text": f"w{i} "}) for i in range(100)), stop(0), *ending()]
SLOW_PACE = 0.05


def cancelled(server: LocalBedrock) -> bool:
    return bool(server.stats()["cancelled"] == 1)


def test_breaking_out_of_the_loop_closes_the_connection(
    server: LocalBedrock, client: ChatClient
) -> None:
    server.queue_stream(SLOW, pace=SLOW_PACE)
    stream = client.converse_stream(**REQUEST)
    for event in stream["stream"]:
        assert event == START
        break
    wait_for(lambda: cancelled(server), "the server to see the connection close")
    assert stream.closed
    with pytest.raises(IncompleteStreamError, match="closed") as info:
        stream.final_response()
    assert info.value.events == []  # the loop took START


def test_close_closes_the_connection(server: LocalBedrock, client: ChatClient) -> None:
    server.queue_stream(SLOW, pace=SLOW_PACE)
    stream = client.converse_stream(**REQUEST)
    events = iter(stream)
    assert next(events) == START
    stream.close()
    stream.close()
    wait_for(lambda: cancelled(server), "the server to see the connection close")
    with pytest.raises(IncompleteStreamError):
        next(events)


def test_leaving_a_with_block_closes_the_connection(
    server: LocalBedrock, client: ChatClient
) -> None:
    server.queue_stream(SLOW, pace=SLOW_PACE)
    with client.converse_stream(**REQUEST) as stream:
        events = iter(stream)
        next(events)
    wait_for(lambda: cancelled(server), "the server to see the connection close")


def test_dropping_the_last_reference_closes_the_connection(
    server: LocalBedrock, client: ChatClient
) -> None:
    server.queue_stream(SLOW, pace=SLOW_PACE)
    stream = client.converse_stream(**REQUEST)
    wait_for(lambda: server.stats()["in_flight"] == 1, "the stream to start")
    del stream
    wait_for(lambda: cancelled(server), "the server to see the connection close")


def test_leaving_iter_text_early_closes_the_connection(
    server: LocalBedrock, client: ChatClient
) -> None:
    server.queue_stream(SLOW, pace=SLOW_PACE)
    stream = client.converse_stream(**REQUEST)
    for text in stream.iter_text():
        assert text == "w0 "
        break
    wait_for(lambda: cancelled(server), "the server to see the connection close")


def test_a_complete_stream_is_not_cancelled(server: LocalBedrock, client: ChatClient) -> None:
    server.queue_stream(SCRIPTS["text"])
    stream = client.converse_stream(**REQUEST)
    for event in stream:
        if "metadata" in event:
            break  # the answer is complete: closing now loses nothing
    assert stream.final_response()["stopReason"] == "end_turn"
    assert server.stats()["cancelled"] == 0


async def test_async_break_closes_the_connection(server: LocalBedrock, client: ChatClient) -> None:
    server.queue_stream(SLOW, pace=SLOW_PACE)
    stream = await client.converse_stream_async(**REQUEST)
    async for event in stream["stream"]:
        assert event == START
        break
    await async_wait_for(lambda: cancelled(server), "the server to see the connection close")
    with pytest.raises(IncompleteStreamError):
        await stream.final_response()


async def test_aclose_closes_the_connection(server: LocalBedrock, client: ChatClient) -> None:
    server.queue_stream(SLOW, pace=SLOW_PACE)
    stream = await client.converse_stream_async(**REQUEST)
    events = stream.__aiter__()
    assert await events.__anext__() == START
    await stream.aclose()
    await async_wait_for(lambda: cancelled(server), "the server to see the connection close")
    assert stream.closed
    with pytest.raises(IncompleteStreamError):
        await events.__anext__()


async def test_async_with_closes_the_connection(server: LocalBedrock, client: ChatClient) -> None:
    server.queue_stream(SLOW, pace=SLOW_PACE)
    async with await client.converse_stream_async(**REQUEST) as stream:
        events = stream.__aiter__()
        assert await events.__anext__() == START
    await async_wait_for(lambda: cancelled(server), "the server to see the connection close")


async def test_dropping_the_last_async_reference_closes_the_connection(
    server: LocalBedrock, client: ChatClient
) -> None:
    server.queue_stream(SLOW, pace=SLOW_PACE)
    stream = await client.converse_stream_async(**REQUEST)
    del stream
    await async_wait_for(lambda: cancelled(server), "the server to see the connection close")


def test_close_reaches_a_read_waiting_in_another_thread(
    server: LocalBedrock, client: ChatClient
) -> None:
    server.queue_stream([START, 60.0, *SCRIPTS["text"][1:]])
    stream = client.converse_stream(**REQUEST)
    events = iter(stream)
    assert next(events) == START
    outcome: list[BaseException] = []

    def read() -> None:
        try:
            next(events)
        except BaseException as err:
            outcome.append(err)

    reader = threading.Thread(target=read)
    reader.start()
    wait_for(lambda: not stream.closed and reader.is_alive(), "the reader to wait")
    stream.close()
    reader.join(timeout=30)
    assert not reader.is_alive()
    assert isinstance(outcome[0], IncompleteStreamError)
    wait_for(lambda: cancelled(server), "the server to see the connection close")


# ---------------------------------------------------------------------------------------------
# Waiting: the GIL, Ctrl-C, long pauses
# ---------------------------------------------------------------------------------------------


def test_the_first_event_may_come_long_after_the_headers(
    server: LocalBedrock, client: ChatClient
) -> None:
    server.queue_stream([60.0, *SCRIPTS["text"]])
    # Returns with the headers, while the server still waits before its first event.
    stream = client.converse_stream(**REQUEST)
    assert stream["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert server.stats()["in_flight"] == 1
    stream.close()
    wait_for(lambda: cancelled(server), "the server to see the connection close")


def test_python_threads_run_while_waiting_for_an_event(
    server: LocalBedrock, client: ChatClient
) -> None:
    server.queue_stream([START, 1.0, *SCRIPTS["text"][1:]])
    stream = client.converse_stream(**REQUEST)
    events = iter(stream)
    assert next(events) == START
    event, during = python_ticks_during(lambda: next(events))
    assert event == SCRIPTS["text"][1]
    # With the GIL held through the server's one-second pause the counter could not move.
    assert during > 50
    assert len(list(events)) == len(SCRIPTS["text"]) - 2


CTRL_C_SCRIPT = textwrap.dedent(
    """
    import sys
    from fastconverse import ChatClient
    client = ChatClient(region_name="us-east-1", endpoint_url=sys.argv[1], max_attempts=1,
                        aws_access_key_id="testing", aws_secret_access_key="testing")
    stream = client.converse_stream(
        modelId="m", messages=[{"role": "user", "content": [{"text": "x"}]}])
    events = iter(stream)
    print(next(events), flush=True)
    try:
        print("waiting", flush=True)
        next(events)
    except KeyboardInterrupt:
        print("interrupted", flush=True)
        sys.exit(3)
    print("finished", flush=True)
    """
)


@posix_only("sends SIGINT to a child process")
def test_sigint_interrupts_a_wait_for_the_next_event(server: LocalBedrock) -> None:
    # The next event is a minute away: only Ctrl-C ends the wait within the bound below.
    server.queue_stream([START, 60.0, *SCRIPTS["text"][1:]])
    proc = subprocess.Popen(
        [sys.executable, "-c", CTRL_C_SCRIPT, server.endpoint_url],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == repr(START)
        assert proc.stdout.readline().strip() == "waiting"
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == 3
    assert "interrupted" in out
    wait_for(lambda: cancelled(server), "the server to see the connection close")


@pytest.mark.slow
def test_a_ten_second_pause_mid_stream_completes(server: LocalBedrock, client: ChatClient) -> None:
    server.queue_stream([START, delta(0, {"text": "before "}), 10.0, *SCRIPTS["text"][1:]])
    stream = client.converse_stream(**REQUEST)
    assert stream.text() == "before Hello, world!"
    assert stream.final_response()["stopReason"] == "end_turn"
    assert server.stats()["cancelled"] == 0


def test_events_the_loop_took_are_not_kept_but_the_rest_are(
    server: LocalBedrock, client: ChatClient
) -> None:
    # A stream read by a loop holds its assembled reply, not its events: an error
    # carries only the events the loop had not taken yet.
    server.queue_stream(PARTIAL, fault="truncate")
    stream = client.converse_stream(**REQUEST)
    events = iter(stream)
    assert next(events) == START
    with pytest.raises(IncompleteStreamError) as info:
        stream.text()
    assert info.value.events == PARTIAL[1:]
    # The loop still gets them, then the failure again.
    rest: list[Any] = []
    with pytest.raises(IncompleteStreamError):
        rest.extend(events)
    assert rest == PARTIAL[1:]
