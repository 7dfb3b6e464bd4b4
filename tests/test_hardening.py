"""Hostile input and hostile servers: typed exceptions, never a crash, a hang or a lost item.

Each test here failed before its fix (issue "Hardening"). Servers are LocalBedrock, or
`tests/raw_server.py` for what a broken proxy or a hostile server would send.
"""

from __future__ import annotations

import asyncio
import binascii
import struct
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import fastconverse
from fastconverse import (
    ChatClient,
    EndpointConnectionError,
    IncompleteStreamError,
    InvalidResponseError,
    ParamValidationError,
    RequestTimeoutError,
    ServiceError,
)
from fastconverse.testing import LocalBedrock

from . import raw_server
from .conftest import MODEL_ID, user
from .raw_server import RawServer

MESSAGES = [user("hi")]


def self_referential() -> dict[str, Any]:
    looped: dict[str, Any] = {"a": 1}
    looped["self"] = looped
    return looped


def nested(depth: int) -> dict[str, Any]:
    root: dict[str, Any] = {}
    node = root
    for _ in range(depth):
        node["a"] = {}
        node = node["a"]
    return root


@pytest.fixture
def raw() -> Iterator[RawServer]:
    with RawServer() as server:
        yield server


def raw_client(raw: RawServer, **options: Any) -> ChatClient:
    settings: dict[str, Any] = {
        "region_name": "us-east-1",
        "endpoint_url": raw.endpoint_url,
        "aws_access_key_id": "testing",
        "aws_secret_access_key": "testing",
        "max_attempts": 1,
        "read_timeout": 0.5,
        **options,
    }
    return ChatClient(**settings)


def boto3_on(raw: RawServer, read_timeout: float = 0.5, attempts: int = 1) -> Any:
    import boto3
    from botocore.config import Config

    retries = {"mode": "standard", "total_max_attempts": attempts}
    return boto3.client(
        "bedrock-runtime",
        region_name="us-east-1",
        endpoint_url=raw.endpoint_url,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        config=Config(retries=retries, read_timeout=read_timeout),
    )


# --------------------------------------------------------------------------------------------
# Hostile input: cycles and depth
# --------------------------------------------------------------------------------------------


def _entry_points(client: ChatClient) -> dict[str, Callable[..., Any]]:
    def many(**request: Any) -> Any:
        results = client.converse_many([request])
        raise results[0]

    def many_async(**request: Any) -> Any:
        results = asyncio.run(client.converse_many_async([request]))
        raise results[0]

    return {
        "converse": client.converse,
        "converse_async": lambda **r: asyncio.run(client.converse_async(**r)),
        "converse_stream": client.converse_stream,
        "count_tokens": lambda **r: client.count_tokens(
            modelId=r["modelId"], input={"converse": {"messages": r["messages"]}}
        ),
        "converse_many": many,
        "converse_many_async": many_async,
    }


@pytest.mark.parametrize(
    "entry",
    [
        "converse",
        "converse_async",
        "converse_stream",
        "count_tokens",
        "converse_many",
        "converse_many_async",
    ],
)
def test_a_self_referential_tool_input_raises_naming_the_field(
    server: LocalBedrock, client: ChatClient, entry: str
) -> None:
    call = _entry_points(client)[entry]
    messages = [
        {
            "role": "user",
            "content": [{"toolUse": {"toolUseId": "t1", "name": "f", "input": self_referential()}}],
        }
    ]
    with pytest.raises(ParamValidationError, match="contains itself") as info:
        call(modelId=MODEL_ID, messages=messages)
    assert "messages[0].content[0].toolUse.input.self" in str(info.value)
    assert server.requests == []


def test_a_self_referential_dict_in_additional_fields_raises_before_sending(
    server: LocalBedrock, client: ChatClient
) -> None:
    with pytest.raises(ParamValidationError, match=r"additionalModelRequestFields\.self"):
        client.converse(
            modelId=MODEL_ID, messages=MESSAGES, additionalModelRequestFields=self_referential()
        )
    looped: list[Any] = []
    looped.append(looped)
    schema = {"type": "object", "properties": {"x": {"enum": looped}}}
    tool = {"toolSpec": {"name": "f", "inputSchema": {"json": schema}}}
    with pytest.raises(ParamValidationError, match="contains itself"):
        client.converse(modelId=MODEL_ID, messages=MESSAGES, toolConfig={"tools": [tool]})
    assert server.requests == []


@pytest.mark.parametrize("depth", [300, 10_000, 100_000])
def test_a_document_nested_thousands_deep_raises_instead_of_crashing(
    server: LocalBedrock, client: ChatClient, depth: int
) -> None:
    with pytest.raises(ParamValidationError, match="nested more than") as info:
        client.converse(
            modelId=MODEL_ID, messages=MESSAGES, additionalModelRequestFields=nested(depth)
        )
    assert "additionalModelRequestFields.a.a" in str(info.value)
    assert server.requests == []


def test_a_document_as_deep_as_the_sdk_reads_back_is_sent(
    server: LocalBedrock, client: ChatClient
) -> None:
    # 256 levels inside the document (the SDK reads documents that deep back): deeper than
    # serde_json's default of 128, which LocalBedrock's reader must not impose either.
    client.converse(modelId=MODEL_ID, messages=MESSAGES, additionalModelRequestFields=nested(255))
    assert server.requests[-1]["json"]["additionalModelRequestFields"] == nested(255)


# --------------------------------------------------------------------------------------------
# read_timeout bounds every wait for data
# --------------------------------------------------------------------------------------------


def test_a_body_that_stalls_after_20_bytes_times_out(raw: RawServer) -> None:
    raw.push(raw_server.stall_after(b'{"output": {"message"'))
    with pytest.raises(RequestTimeoutError, match="read_timeout"):
        raw_client(raw).converse(modelId=MODEL_ID, messages=MESSAGES)


def test_a_stalled_body_is_retried_like_boto3_then_times_out(raw: RawServer) -> None:
    raw.push(*[raw_server.stall_after(b'{"out') for _ in range(3)])
    with pytest.raises(RequestTimeoutError):
        raw_client(raw, max_attempts=3).converse(modelId=MODEL_ID, messages=MESSAGES)
    assert raw.requests == 3


def test_headers_that_never_come_time_out(raw: RawServer) -> None:
    raw.push(raw_server.stall_before_headers())
    with pytest.raises(RequestTimeoutError):
        raw_client(raw).converse(modelId=MODEL_ID, messages=MESSAGES)


def test_a_stream_that_pauses_between_events_times_out(server: LocalBedrock) -> None:
    client = server.client(max_attempts=1, read_timeout=0.5)
    server.queue_stream(
        [{"messageStart": {"role": "assistant"}}, 30, {"messageStop": {"stopReason": "end_turn"}}]
    )
    stream = client.converse_stream(modelId=MODEL_ID, messages=MESSAGES)
    events = []
    with pytest.raises(RequestTimeoutError, match="read_timeout"):
        events.extend(stream)
    assert events == [{"messageStart": {"role": "assistant"}}]


async def test_an_async_stream_that_pauses_between_events_times_out(
    server: LocalBedrock,
) -> None:
    client = server.client(max_attempts=1, read_timeout=0.5)
    server.queue_stream([{"messageStart": {"role": "assistant"}}, 30])
    stream = await client.converse_stream_async(modelId=MODEL_ID, messages=MESSAGES)
    with pytest.raises(RequestTimeoutError):
        async for _ in stream:
            pass


def test_converse_many_over_a_stalling_server_returns(raw: RawServer) -> None:
    raw.push(*[raw_server.stall_after(b'{"out') for _ in range(4)])
    results = raw_client(raw).converse_many(
        [{"modelId": MODEL_ID, "messages": MESSAGES}] * 2, max_retries=1
    )
    assert [type(r) for r in results] == [RequestTimeoutError, RequestTimeoutError]


# --------------------------------------------------------------------------------------------
# Event frames are bounded at their prelude
# --------------------------------------------------------------------------------------------


def _oversized_prelude() -> bytes:
    """A frame claiming 4 GiB - 1, with a valid prelude CRC, then some filler."""
    prelude = struct.pack(">II", 0xFFFF_FFFF, 0)
    return prelude + struct.pack(">I", binascii.crc32(prelude)) + b"\0" * 65536


def test_a_frame_claiming_4_gib_is_refused_at_its_prelude(raw: RawServer) -> None:
    start = raw_server.event_frame("messageStart", {"role": "assistant"})
    raw.push(raw_server.stream([start, _oversized_prelude()], then="stall"))
    stream = raw_client(raw, read_timeout=30).converse_stream(modelId=MODEL_ID, messages=MESSAGES)
    events = []
    # Refused as the prelude passes: long before the 30 s read timeout or the server's end.
    with pytest.raises(IncompleteStreamError, match="payload length of 4294967279") as info:
        events.extend(stream)
    assert events == [{"messageStart": {"role": "assistant"}}]
    assert info.value.events == []  # the loop took the one event


# --------------------------------------------------------------------------------------------
# converse_many retries what converse() retries
# --------------------------------------------------------------------------------------------

GOOD = {
    "output": {"message": {"role": "assistant", "content": [{"text": "ok"}]}},
    "stopReason": "end_turn",
    "usage": {"inputTokens": 1, "outputTokens": 1, "totalTokens": 2},
    "metrics": {"latencyMs": 1},
}


@pytest.mark.parametrize(
    "failure",
    [
        raw_server.respond(500, {"__type": "InternalFailure", "message": "oops"}),
        raw_server.respond(502, "<html><body>Bad</body></html>", {"Content-Type": "text/html"}),
        raw_server.respond(504, b""),
        raw_server.respond(408, b""),
        raw_server.respond(429, b""),
        raw_server.respond(503, {"__type": "SomethingNewException", "message": "later"}),
        raw_server.reset(),
        raw_server.reset_after(b'{"output"'),
    ],
    ids=[
        "500-unmodelled",
        "502-html",
        "504-empty",
        "408",
        "429",
        "503-unknown-code",
        "reset",
        "reset-mid-body",
    ],
)
def test_converse_many_retries_transient_failures(raw: RawServer, failure: Any) -> None:
    raw.push(failure, raw_server.respond(200, GOOD, {"Content-Type": "application/json"}))
    results = raw_client(raw).converse_many([{"modelId": MODEL_ID, "messages": MESSAGES}])
    assert not isinstance(results[0], Exception), results[0]
    assert results[0]["output"] == GOOD["output"]
    assert raw.requests == 2
    assert results.summary["retried"] == 1


def test_converse_many_does_not_retry_what_cannot_succeed(raw: RawServer) -> None:
    raw.push(raw_server.respond(400, {"__type": "ValidationException", "message": "bad"}))
    results = raw_client(raw).converse_many([{"modelId": MODEL_ID, "messages": MESSAGES}])
    assert isinstance(results[0], fastconverse.ValidationException)
    assert raw.requests == 1


@pytest.mark.parametrize("concurrency", [0, -1, 2**62, 2**63 - 1])
def test_converse_many_limits_out_of_range_raise_value_error(
    client: ChatClient, concurrency: int
) -> None:
    request = {"modelId": MODEL_ID, "messages": MESSAGES}
    with pytest.raises(ValueError, match="concurrency must be between 1 and"):
        client.converse_many([request], concurrency=concurrency)
    with pytest.raises(ValueError, match="concurrency must be between 1 and"):
        client.converse_many_iter([request], concurrency=concurrency)
    with pytest.raises(ValueError, match="max_retries must be between 0 and"):
        client.converse_many([request], max_retries=-1)


# --------------------------------------------------------------------------------------------
# Responses that are not what they claim: the right class, boto3's code and message
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "body", "content_type"),
    [
        (502, "<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html"),
        (503, "", "text/plain"),
        (500, "   ", "text/plain"),
        (504, "<html>Gateway Timeout</html>", "text/html"),
        (403, "<html>Forbidden by proxy</html>", "text/html"),
        (400, "plain words", "text/plain"),
        (500, '{"__type": "com.amazon#InternalFailure", "message": "deep"}', "application/json"),
    ],
)
def test_non_json_error_bodies_give_boto3s_code_and_message(
    raw: RawServer, status: int, body: str, content_type: str
) -> None:
    import botocore.exceptions

    answer = raw_server.respond(status, body, {"Content-Type": content_type})
    raw.push(answer, answer)
    with pytest.raises(ServiceError) as ours:
        raw_client(raw).converse(modelId=MODEL_ID, messages=MESSAGES)
    with pytest.raises(botocore.exceptions.ClientError) as theirs:
        boto3_on(raw).converse(modelId=MODEL_ID, messages=MESSAGES)
    expected = theirs.value.response["Error"]
    assert (ours.value.code, ours.value.message) == (expected["Code"], expected["Message"])
    assert ours.value.status_code == status
    assert ours.value.response["Error"] == {
        "Code": expected["Code"],
        "Message": expected["Message"],
    }


@pytest.mark.parametrize(
    ("body", "why"),
    [
        (b'{"output": {"message": ', "not a Converse response"),
        (b"not json at all", "not a Converse response"),
        (b"", "not a Converse response"),
        (b'{"__type": "ThrottlingException", "message": "in a 200"}', "not a Converse response"),
    ],
    ids=["truncated-json", "not-json", "empty", "error-shape"],
)
def test_a_200_that_is_not_a_response_is_an_invalid_response(
    raw: RawServer, body: bytes, why: str
) -> None:
    raw.push(raw_server.respond(200, body, {"Content-Type": "application/json"}))
    with pytest.raises(InvalidResponseError, match=why) as info:
        raw_client(raw).converse(modelId=MODEL_ID, messages=MESSAGES)
    assert "upgrade" not in str(info.value)


def test_a_reset_mid_body_is_a_connection_error(raw: RawServer) -> None:
    raw.push(raw_server.reset_after(b'{"output": '))
    with pytest.raises(EndpointConnectionError, match="broke while the response was read"):
        raw_client(raw).converse(modelId=MODEL_ID, messages=MESSAGES)


# --------------------------------------------------------------------------------------------
# Exit with work in flight
# --------------------------------------------------------------------------------------------


def _run_and_exit(script: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_exit_with_async_calls_pending_on_an_unclosed_loop_is_quiet() -> None:
    done = _run_and_exit(
        f"""
        import asyncio
        from fastconverse import LocalBedrock
        server = LocalBedrock(latency=0.01)
        client = server.client()
        loop = asyncio.new_event_loop()
        messages = [{{"role": "user", "content": [{{"text": "x"}}]}}]
        async def start():
            for _ in range(200):
                call = client.converse_async(modelId={MODEL_ID!r}, messages=messages)
                asyncio.ensure_future(call)
            await asyncio.sleep(0)
        loop.run_until_complete(start())
        print("leaving")
        """
    )
    # asyncio itself reports each of the program's tasks left pending ("Task was destroyed
    # but it is pending!", then the task); nothing else may be said, by us least of all.
    said = [
        line
        for line in done.stderr.splitlines()
        if line != "Task was destroyed but it is pending!" and not line.startswith("task: <Task")
    ]
    assert (done.returncode, done.stdout.strip(), said) == (0, "leaving", [])


def test_exit_with_a_many_run_open_is_quiet() -> None:
    done = _run_and_exit(
        f"""
        from fastconverse import LocalBedrock
        server = LocalBedrock(latency=0.01)
        client = server.client()
        def message(i):
            return [{{"role": "user", "content": [{{"text": str(i)}}]}}]
        run = client.converse_many_iter(
            ({{"modelId": {MODEL_ID!r}, "messages": message(i)}} for i in range(10_000)),
            concurrency=8,
        )
        next(iter(run))
        print("leaving")
        """
    )
    assert (done.returncode, done.stdout.strip(), done.stderr) == (0, "leaving", "")


def test_exit_with_sync_calls_and_a_stream_in_flight_is_prompt_and_quiet() -> None:
    # The server answers in 60 s: an exit that waited for the calls would pass the 60 s
    # bound of _run_and_exit and fail; LocalBedrock itself is never stopped.
    done = _run_and_exit(
        f"""
        import threading
        from fastconverse import LocalBedrock
        server = LocalBedrock(latency=60)
        client = server.client()
        messages = [{{"role": "user", "content": [{{"text": "x"}}]}}]
        for _ in range(4):
            threading.Thread(
                target=client.converse, kwargs=dict(modelId={MODEL_ID!r}, messages=messages),
                daemon=True,
            ).start()
        server.latency = 0
        server.queue_stream([{{"messageStart": {{"role": "assistant"}}}}, 60])
        stream = client.converse_stream(modelId={MODEL_ID!r}, messages=messages)
        print(next(iter(stream)))
        """
    )
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert done.stdout.strip() == "{'messageStart': {'role': 'assistant'}}"


@pytest.mark.parametrize(
    "answer",
    [
        raw_server.respond(429, b""),
        raw_server.respond(429, "<html>Too Many Requests</html>", {"Content-Type": "text/html"}),
        raw_server.respond(429, {"__type": "SlowDownPleaseException", "message": "later"}),
    ],
    ids=["empty", "html", "unmodelled-code"],
)
def test_a_429_without_a_modelled_code_is_retried_as_boto3_retries_it(
    raw: RawServer, answer: Any
) -> None:
    ok = raw_server.respond(200, GOOD, {"Content-Type": "application/json"})
    raw.push(answer, ok)
    ours = raw_client(raw, max_attempts=2).converse(modelId=MODEL_ID, messages=MESSAGES)
    assert ours["ResponseMetadata"]["RetryAttempts"] == 1 and raw.requests == 2
    raw.push(answer, ok)
    theirs = boto3_on(raw, attempts=2).converse(modelId=MODEL_ID, messages=MESSAGES)
    assert theirs["ResponseMetadata"]["RetryAttempts"] == 1 and raw.requests == 4
    assert ours["output"] == theirs["output"]


def test_a_429_with_a_modelled_code_follows_the_model(raw: RawServer) -> None:
    # ServiceQuotaExceededException is modelled and not retryable: neither client retries.
    quota = raw_server.respond(429, {"__type": "ServiceQuotaExceededException", "message": "q"})
    raw.push(quota)
    with pytest.raises(fastconverse.ServiceQuotaExceededException):
        raw_client(raw, max_attempts=2).converse(modelId=MODEL_ID, messages=MESSAGES)
    assert raw.requests == 1
