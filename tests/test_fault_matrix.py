"""The fault matrix: every fault a server or network can produce, at every entry point.

Faults are scripted byte for byte by `tests/raw_server.py`: error statuses with JSON, HTML
and empty bodies, resets before and after the headers, stalls before the headers, mid-body,
mid-frame and between events, truncated, dropped, corrupt and oversized event frames, and each of
the five exception events. Entry points: converse, converse_async, converse_stream (sync
and async), count_tokens, converse_many, converse_many_async and converse_many_iter.

For every cell: the call returns (within a bound far above the configured timeouts, so a
hang fails the test instead of stopping the suite), raises the typed exception the fault
calls for, retries exactly where the SDK's rules (and boto3's) say it is safe and never
after a stream's first event, and converse_many accounts for every item in input order.
"""

from __future__ import annotations

import asyncio
import binascii
import struct
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

import fastconverse
from fastconverse import (
    BedrockError,
    ChatClient,
    EndpointConnectionError,
    IncompleteStreamError,
    RequestTimeoutError,
    ServiceError,
)

from . import raw_server
from .conftest import MODEL_ID, user
from .helpers import SUMMARY
from .raw_server import RawServer

MESSAGES = [user("hi")]
JSON = {"Content-Type": "application/json"}
HTML = {"Content-Type": "text/html"}
# Far beyond what any cell may take with read_timeout 0.4 and two attempts: reaching it
# means a hang.
HANG_BOUND = 30.0
ATTEMPTS = 2

GOOD_CONVERSE = {
    "output": {"message": {"role": "assistant", "content": [{"text": "ok"}]}},
    "stopReason": "end_turn",
    "usage": {"inputTokens": 1, "outputTokens": 1, "totalTokens": 2},
    "metrics": {"latencyMs": 1},
}
GOOD_COUNT = {"inputTokens": 7}

START = raw_server.event_frame("messageStart", {"role": "assistant"})
DELTA = raw_server.event_frame(
    "contentBlockDelta", {"contentBlockIndex": 0, "delta": {"text": "ok"}}
)
STOP = raw_server.event_frame("messageStop", {"stopReason": "end_turn"})
METADATA = raw_server.event_frame(
    "metadata",
    {"usage": {"inputTokens": 1, "outputTokens": 1, "totalTokens": 2}, "metrics": {"latencyMs": 1}},
)


@dataclass(frozen=True)
class Fault:
    """One fault: what the server does, what the caller must see, and whether it is retried."""

    name: str
    action: Callable[[], raw_server.Action]
    error: type[BedrockError]
    # Retried by converse() (the SDK's rules and botocore's bare-429 rule: throttling codes,
    # 429, 500/502/503/504, broken connections and timeouts); converse_many adds 408.
    retried: bool
    retried_by_many: bool
    # A fault inside an event stream, after its first event: streams only, never retried.
    mid_stream: bool = False
    code: str | None = None
    # For stream entry points, when it differs: a fault after the response headers is a
    # fault in a stream that has begun (its error, and never a retry).
    in_stream: type[BedrockError] | None = None

    def expected(self, entry: str) -> tuple[type[BedrockError], bool]:
        """The error `entry` must raise, and whether the call is retried."""
        if entry in STREAM_ENTRIES and self.in_stream is not None:
            return self.in_stream, False
        return self.error, self.retried_by_many if entry in MANY_ENTRIES else self.retried


def _status(status: int, body: Any, headers: dict[str, str]) -> Callable[[], raw_server.Action]:
    return lambda: raw_server.respond(status, body, headers)


def _mid_stream(*frames: bytes, then: str = "close") -> Callable[[], raw_server.Action]:
    return lambda: raw_server.stream([START, DELTA, *frames], then=then)


def _corrupt(frame: bytes) -> bytes:
    flipped = bytearray(frame)
    flipped[-6] ^= 0xFF
    return bytes(flipped)


def _oversized() -> bytes:
    prelude = struct.pack(">II", 0xFFFF_FFFF, 0)
    return prelude + struct.pack(">I", binascii.crc32(prelude)) + b"\0" * 1024


def _exception(name: str, cls: type[BedrockError]) -> Fault:
    frame = raw_server.event_frame(name, {"message": f"{name} mid-stream"}, "exception")
    return Fault(f"event-{name}", _mid_stream(frame), cls, False, False, mid_stream=True)


HTML_BODY = "<html><body><h1>Gateway trouble</h1></body></html>"

# (status, the error code Bedrock sends with it, its class, whether converse() retries it)
STATUSES: list[tuple[int, str | None, type[BedrockError], bool]] = [
    (429, "ThrottlingException", fastconverse.ThrottlingException, True),
    (500, "InternalServerException", fastconverse.InternalServerException, True),
    (502, None, ServiceError, True),
    (503, "ServiceUnavailableException", fastconverse.ServiceUnavailableException, True),
    (504, None, ServiceError, True),
    (408, "ModelTimeoutException", fastconverse.ModelTimeoutException, False),
]


def _status_faults() -> list[Fault]:
    """Each status with a JSON error body, an HTML page and an empty body.

    Without a code, boto3's code is the status; converse() retries 500/502/503/504, the
    throttling codes and a 429 without a modelled code (as botocore does), and
    converse_many retries 408 as well.
    """
    faults = []
    for status, code, cls, retried in STATUSES:
        json_body = {"message": "injected"} | ({"__type": code} if code else {})
        faults.append(
            Fault(
                f"{status}-json",
                _status(status, json_body, JSON),
                cls,
                retried,
                True,
                code=code or str(status),
            )
        )
        for name, body, headers in [("html", HTML_BODY, HTML), ("empty", b"", JSON)]:
            faults.append(
                Fault(
                    f"{status}-{name}",
                    _status(status, body, headers),
                    ServiceError,
                    status in (429, 500, 502, 503, 504),
                    True,
                    code=str(status),
                )
            )
    return faults


FAULTS = [
    *_status_faults(),
    Fault("reset-before-headers", raw_server.reset, EndpointConnectionError, True, True),
    Fault(
        "reset-after-headers",
        lambda: raw_server.reset_after(b'{"output": '),
        EndpointConnectionError,
        True,
        True,
        in_stream=IncompleteStreamError,
    ),
    Fault("stall-before-headers", raw_server.stall_before_headers, RequestTimeoutError, True, True),
    Fault(
        "stall-mid-body",
        lambda: raw_server.stall_after(b'{"output": {"mess'),
        RequestTimeoutError,
        True,
        True,
        # To a stream, these first 12 bytes are a frame prelude whose checksum is wrong:
        # refused at once, as botocore's EventStreamBuffer refuses it, without waiting.
        in_stream=IncompleteStreamError,
    ),
    Fault("truncated-stream", _mid_stream(), IncompleteStreamError, False, False, mid_stream=True),
    Fault(
        "dropped-stream",
        _mid_stream(then="reset"),
        IncompleteStreamError,
        False,
        False,
        mid_stream=True,
    ),
    Fault(
        "corrupt-frame",
        _mid_stream(_corrupt(STOP)),
        IncompleteStreamError,
        False,
        False,
        mid_stream=True,
    ),
    Fault(
        "oversized-frame",
        _mid_stream(_oversized(), then="stall"),
        IncompleteStreamError,
        False,
        False,
        mid_stream=True,
    ),
    Fault(
        "stall-mid-frame",
        _mid_stream(STOP[:20], then="stall"),
        RequestTimeoutError,
        False,
        False,
        mid_stream=True,
    ),
    Fault(
        "stall-between-events",
        _mid_stream(then="stall"),
        RequestTimeoutError,
        False,
        False,
        mid_stream=True,
    ),
    _exception("internalServerException", fastconverse.InternalServerException),
    _exception("modelStreamErrorException", fastconverse.ModelStreamErrorException),
    _exception("serviceUnavailableException", fastconverse.ServiceUnavailableException),
    _exception("throttlingException", fastconverse.ThrottlingException),
    _exception("validationException", fastconverse.ValidationException),
]

STREAM_ENTRIES = ["converse_stream", "converse_stream_async"]
ENTRIES = [
    "converse",
    "converse_async",
    *STREAM_ENTRIES,
    "count_tokens",
    "converse_many",
    "converse_many_async",
    "converse_many_iter",
]
MANY_ENTRIES = ["converse_many", "converse_many_async", "converse_many_iter"]


def _good(entry: str) -> raw_server.Action:
    if entry in STREAM_ENTRIES:
        return raw_server.stream([START, DELTA, STOP, METADATA])
    if entry == "count_tokens":
        return raw_server.respond(200, GOOD_COUNT, JSON)
    return raw_server.respond(200, GOOD_CONVERSE, JSON)


def _call(client: ChatClient, entry: str) -> Any:
    """One call at `entry`: the outcome (a result, or the exception it raised)."""
    request = {"modelId": MODEL_ID, "messages": MESSAGES}
    if entry == "converse":
        return client.converse(**request)
    if entry == "converse_async":
        return asyncio.run(client.converse_async(**request))
    if entry == "converse_stream":
        return list(client.converse_stream(**request))
    if entry == "converse_stream_async":

        async def read() -> list[Any]:
            stream = await client.converse_stream_async(**request)
            return [event async for event in stream]

        return asyncio.run(read())
    if entry == "count_tokens":
        return client.count_tokens(modelId=MODEL_ID, input={"converse": {"messages": MESSAGES}})
    if entry == "converse_many":
        return list(client.converse_many([request], max_retries=ATTEMPTS - 1))
    if entry == "converse_many_async":
        return list(asyncio.run(client.converse_many_async([request], max_retries=ATTEMPTS - 1)))
    run = client.converse_many_iter([request], max_retries=ATTEMPTS - 1)
    return [result for _, result in sorted(run, key=lambda pair: pair[0])]


def _client(raw: RawServer, many: bool) -> ChatClient:
    """A client of `raw`: converse_many retries itself, so its client makes one attempt."""
    return ChatClient(
        region_name="us-east-1",
        endpoint_url=raw.endpoint_url,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        max_attempts=1 if many else ATTEMPTS,
        read_timeout=0.4,
        connect_timeout=2,
    )


def _bounded(call: Callable[[], Any]) -> Any:
    """`call()`'s result or exception; fails the test if it does not return in time."""
    outcome: list[Any] = []

    def target() -> None:
        try:
            outcome.append(call())
        except BaseException as err:
            outcome.append(err)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(HANG_BOUND)
    assert outcome, f"the call did not return within {HANG_BOUND} s: a hang"
    return outcome[0]


CELLS = [
    pytest.param(fault, entry, id=f"{fault.name}-{entry}")
    for fault in FAULTS
    for entry in ENTRIES
    if entry in STREAM_ENTRIES or not fault.mid_stream
]


@pytest.mark.parametrize(("fault", "entry"), CELLS)
def test_fault_at_entry_point(fault: Fault, entry: str) -> None:
    many = entry in MANY_ENTRIES
    error, retried = fault.expected(entry)
    with RawServer() as raw:
        # The fault on every attempt: what the caller sees once the retries are spent.
        raw.push(*[fault.action() for _ in range(ATTEMPTS)])
        client = _client(raw, many)
        outcome = _bounded(lambda: _call(client, entry))
        if many:
            assert isinstance(outcome, list) and len(outcome) == 1, outcome
            outcome = outcome[0]
        assert isinstance(outcome, error), f"{type(outcome).__name__}: {outcome}"
        if fault.code is not None:
            assert isinstance(outcome, ServiceError) and outcome.code == fault.code
        assert raw.requests == (ATTEMPTS if retried else 1)


@pytest.mark.parametrize(
    ("fault", "entry"),
    [
        pytest.param(fault, entry, id=f"{fault.name}-{entry}")
        for fault in FAULTS
        for entry in ENTRIES
        if not fault.mid_stream and fault.expected(entry)[1]
    ],
)
def test_a_retried_fault_then_an_answer_succeeds(fault: Fault, entry: str) -> None:
    many = entry in MANY_ENTRIES
    with RawServer() as raw:
        raw.push(fault.action(), _good(entry))
        client = _client(raw, many)
        outcome = _bounded(lambda: _call(client, entry))
        if many:
            outcome = outcome[0]
        assert not isinstance(outcome, BaseException), f"{type(outcome).__name__}: {outcome}"
        assert raw.requests == 2


@pytest.mark.parametrize("entry", MANY_ENTRIES)
def test_converse_many_keeps_every_item_in_order_through_faults(entry: str) -> None:
    from fastconverse.testing import LocalBedrock

    with LocalBedrock() as server:
        client = server.client(max_attempts=1, read_timeout=2)
        requests = [{"modelId": MODEL_ID, "messages": [user(f"item {i}")]} for i in range(24)]
        # Injected faults, taken by whichever requests come first; every one is retryable.
        for status, code in [
            (500, "InternalServerException"),
            (503, "ServiceUnavailableException"),
            (429, "ThrottlingException"),
        ] * 3:
            server.queue_error(code, "injected", status=status)
        if entry == "converse_many":
            results = list(client.converse_many(requests, concurrency=4))
        elif entry == "converse_many_async":
            results = list(asyncio.run(client.converse_many_async(requests, concurrency=4)))
        else:
            pairs = list(client.converse_many_iter(requests, concurrency=4))
            assert sorted(index for index, _ in pairs) == list(range(24))
            results = [result for _, result in sorted(pairs, key=lambda pair: pair[0])]
    texts = [r["output"]["message"]["content"][0]["text"] for r in results]
    assert texts == [f"item {i}" for i in range(24)]


def test_matrix_counts(request: pytest.FixtureRequest) -> None:
    """Reports the size of the matrix in the terminal summary."""
    request.config.stash.setdefault(SUMMARY, []).append(
        f"fault matrix: {len(FAULTS)} faults x {len(ENTRIES)} entry points = {len(CELLS)} cells"
    )
    assert len(CELLS) >= len(FAULTS) * 2
