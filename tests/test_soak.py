"""Soak: one ChatClient shared by 16 threads and asyncio tasks, under faults; nothing lost,
nothing mixed up, nothing leaked.

Sixteen threads and two more threads, each running its own asyncio loop with eight tasks,
share ONE ChatClient against one LocalBedrock (with a small latency) and make a mix of
calls: converse, converse_async, converse_stream read fully, streams left after an event or
two (``break``, ``close()``/``aclose()``, or the last reference dropped), count_tokens (sync
and async) and converse_many of small batches (sync and async). Every so often a call first
queues a fault on the server: a 500, 503 or 429 error (which the client retries) or a
stream that breaks its connection after two events.

What it proves:

- no error that was not injected: every exception is one a queued fault explains (the
  injected message, or the dropped stream's own events), and there are no more failed calls
  than faults the server handed out;
- nothing lost or mixed up: every call is accounted for, and every answer echoes the text of
  its own request (the echo model answers each request with its text);
- nothing leaked: the process's RSS after a warm-up phase and at the end differ by less than
  ``RSS_BOUND``, no request is left in flight and the server's open connections stay bounded.

The run ends with ``soak: N calls, RSS before X MiB, after Y MiB`` in pytest's summary.
``FASTCONVERSE_SOAK_CALLS`` sets the number of calls (CI: 20,000, about 15 s on 2 cores;
``1000000`` runs locally in about ten minutes). A converse_many call sends a batch of three.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import random
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from fastconverse import (
    BedrockError,
    ChatClient,
    IncompleteStreamError,
    InternalServerException,
    ServiceUnavailableException,
    ThrottlingException,
)
from fastconverse.testing import LocalBedrock

from .conftest import MODEL_ID, user
from .helpers import SUMMARY, wait_for

CALLS = int(os.environ.get("FASTCONVERSE_SOAK_CALLS", "20000"))
WARM_UP = max(CALLS // 4, 1)
THREADS = 16
LOOPS = 2
TASKS_PER_LOOP = 8
# One call in FAULT_EVERY first queues a fault on the server.
FAULT_EVERY = 40
BATCH = 3
RSS_BOUND_MIB = 20.0
# Beyond what any call may take with read_timeout 10 and three attempts: reaching it is a hang.
HANG_BOUND = 300.0

INJECTED = "soak: injected fault"
STREAM_QUEUED = "LocalBedrock: a stream was queued"
ERRORS = [
    ("InternalServerException", 500),
    ("ServiceUnavailableException", 503),
    ("ThrottlingException", 429),
]
# A stream that breaks its connection after these two events.
DROPPED_EVENTS: list[dict[str, Any]] = [
    {"messageStart": {"role": "assistant"}},
    {"contentBlockDelta": {"contentBlockIndex": 0, "delta": {"text": "soak: dropped"}}},
]


def rss_mib() -> float:
    """The process's resident set size (VmRSS), in MiB."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS in /proc/self/status")


@dataclass
class Ledger:
    """What the run did: calls by outcome, faults injected, errors nothing explains."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    next_index: int = 0
    limit: int = 0
    calls: dict[str, int] = field(default_factory=dict)
    failed: int = 0
    injected: int = 0
    unexplained: list[str] = field(default_factory=list)

    def ticket(self) -> int | None:
        """The index of the next call of this phase, or None once the phase is done."""
        with self.lock:
            if self.next_index >= self.limit:
                return None
            self.next_index += 1
            return self.next_index - 1

    def done(self, operation: str, requests: int = 1) -> None:
        with self.lock:
            self.calls[operation] = self.calls.get(operation, 0) + requests

    def failure(self, operation: str, error: BaseException) -> None:
        """Counts a failed request, or records it as unexplained."""
        why = explained(error)
        with self.lock:
            self.calls[operation] = self.calls.get(operation, 0) + 1
            if why:
                self.failed += 1
            elif len(self.unexplained) < 20:
                self.unexplained.append(f"{operation}: {type(error).__name__}: {error}")

    def settle(self, operation: str, index: int, ok: bool) -> None:
        """Records a call that returned: done when its answer was right."""
        if ok:
            self.done(operation)
        else:
            self.wrong(operation, f"call {index}: a wrong answer")

    def wrong(self, operation: str, what: str) -> None:
        with self.lock:
            self.calls[operation] = self.calls.get(operation, 0) + 1
            if len(self.unexplained) < 20:
                self.unexplained.append(f"{operation}: {what}")


@contextlib.contextmanager
def everything_received(seen: list[dict[str, Any]]) -> Iterator[None]:
    """An IncompleteStreamError raised inside carries the events the loop took (`seen`)
    ahead of its own, which are only those the loop had not taken: so `events` is
    everything the stream received, as `explained` compares it."""
    try:
        yield
    except IncompleteStreamError as error:
        error.events = [*seen, *error.events]
        raise


def explained(error: BaseException) -> bool:
    """Whether an injected fault explains `error`."""
    if isinstance(error, IncompleteStreamError):
        return error.events == DROPPED_EVENTS
    if isinstance(
        error, (InternalServerException, ServiceUnavailableException, ThrottlingException)
    ):
        # A queued error, or a queued (dropping) stream taken by a Converse request.
        return error.message == INJECTED or error.message.startswith(STREAM_QUEUED)
    return False


def text_of(index: int) -> str:
    return f"soak call {index:09d}"


def request_for(index: int) -> dict[str, Any]:
    return {"modelId": MODEL_ID, "messages": [user(text_of(index))]}


def echoed(response: dict[str, Any], index: int) -> bool:
    content = response["output"]["message"]["content"]
    return bool(content == [{"text": text_of(index)}])


def streamed_text(events: list[dict[str, Any]]) -> str:
    return "".join(
        e["contentBlockDelta"]["delta"].get("text", "") for e in events if "contentBlockDelta" in e
    )


def complete(events: list[dict[str, Any]], index: int) -> bool:
    return (
        streamed_text(events) == text_of(index)
        and "messageStop" in events[-2]
        and "metadata" in events[-1]
    )


def inject(server: LocalBedrock, rng: random.Random) -> None:
    choice = rng.randrange(len(ERRORS) + 1)
    if choice < len(ERRORS):
        code, status = ERRORS[choice]
        server.queue_error(code, INJECTED, status=status)
    else:
        server.queue_stream(DROPPED_EVENTS, fault="drop")


# --------------------------------------------------------------------------------------------
# The calls
# --------------------------------------------------------------------------------------------


def sync_call(client: ChatClient, ledger: Ledger, index: int, rng: random.Random) -> None:
    operation = rng.choice(
        [
            "converse",
            "converse",
            "stream_full",
            "stream_break",
            "stream_close",
            "stream_del",
            "count_tokens",
            "many",
        ]
    )
    request = request_for(index)
    try:
        if operation == "converse":
            ok = echoed(client.converse(**request), index)
        elif operation == "stream_full":
            with client.converse_stream(**request) as stream:
                seen: list[dict[str, Any]] = []
                with everything_received(seen):
                    seen.extend(stream)
                ok = complete(seen, index)
        elif operation == "stream_break":
            stream = client.converse_stream(**request)
            leave_after = rng.randint(1, 2)
            for seen, _ in enumerate(stream, 1):
                if seen >= leave_after:
                    break
            ok = stream.closed
        elif operation == "stream_close":
            stream = client.converse_stream(**request)
            next(iter(stream))
            stream.close()
            ok = stream.closed
        elif operation == "stream_del":
            stream = client.converse_stream(**request)
            next(iter(stream))
            del stream
            ok = True
        elif operation == "count_tokens":
            counted = client.count_tokens(
                modelId=MODEL_ID, input={"converse": {"messages": request["messages"]}}
            )
            ok = counted["inputTokens"] > 0
        else:
            many(client.converse_many, ledger, index)
            return
    except BedrockError as error:
        ledger.failure(operation, error)
        return
    ledger.settle(operation, index, ok)


def many(run: Callable[..., Any], ledger: Ledger, index: int) -> None:
    """Checks the results of a converse_many batch (request i of the batch: index * 1000 + i)."""
    results = run([request_for(index * 1000 + i) for i in range(BATCH)], concurrency=2)
    record_many(ledger, index, results)


def record_many(ledger: Ledger, index: int, results: Any) -> None:
    assert len(results) == BATCH
    for i, result in enumerate(results):
        if isinstance(result, BaseException):
            ledger.failure("many", result)
        elif echoed(result, index * 1000 + i):
            ledger.done("many")
        else:
            ledger.wrong("many", f"call {index}: item {i} answered {result['output']}")


async def async_call(client: ChatClient, ledger: Ledger, index: int, rng: random.Random) -> None:
    operation = rng.choice(
        [
            "converse_async",
            "converse_async",
            "stream_async_full",
            "stream_async_break",
            "stream_async_aclose",
            "count_tokens_async",
            "many_async",
        ]
    )
    request = request_for(index)
    try:
        if operation == "converse_async":
            ok = echoed(await client.converse_async(**request), index)
        elif operation == "stream_async_full":
            async with await client.converse_stream_async(**request) as stream:
                seen: list[dict[str, Any]] = []
                with everything_received(seen):
                    async for event in stream:
                        seen.append(event)
                ok = complete(seen, index)
        elif operation == "stream_async_break":
            stream = await client.converse_stream_async(**request)
            async for _ in stream:
                break
            await stream.aclose()
            ok = stream.closed
        elif operation == "stream_async_aclose":
            stream = await client.converse_stream_async(**request)
            await stream.aclose()
            ok = stream.closed
        elif operation == "count_tokens_async":
            counted = await client.count_tokens_async(
                modelId=MODEL_ID, input={"converse": {"messages": request["messages"]}}
            )
            ok = counted["inputTokens"] > 0
        else:
            requests = [request_for(index * 1000 + i) for i in range(BATCH)]
            record_many(ledger, index, await client.converse_many_async(requests, concurrency=2))
            return
    except BedrockError as error:
        ledger.failure(operation, error)
        return
    ledger.settle(operation, index, ok)


# --------------------------------------------------------------------------------------------
# The run
# --------------------------------------------------------------------------------------------


def run_phase(client: ChatClient, server: LocalBedrock, ledger: Ledger, calls: int) -> None:
    """`calls` more calls, by THREADS threads and LOOPS loops of TASKS_PER_LOOP tasks."""
    ledger.limit += calls
    crashes: list[BaseException] = []

    def guarded(body: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            try:
                body()
            except BaseException as error:  # an exception escaping a worker fails the test
                crashes.append(error)

        return run

    def sync_worker() -> None:
        while (index := ledger.ticket()) is not None:
            rng = random.Random(index)
            if index % FAULT_EVERY == 0:
                inject(server, rng)
                with ledger.lock:
                    ledger.injected += 1
            sync_call(client, ledger, index, rng)

    async def task() -> None:
        while (index := ledger.ticket()) is not None:
            rng = random.Random(index)
            if index % FAULT_EVERY == 0:
                inject(server, rng)
                with ledger.lock:
                    ledger.injected += 1
            await async_call(client, ledger, index, rng)

    async def loop_main() -> None:
        await asyncio.gather(*(task() for _ in range(TASKS_PER_LOOP)))

    threads = [threading.Thread(target=guarded(sync_worker)) for _ in range(THREADS)]
    threads += [
        threading.Thread(target=guarded(lambda: asyncio.run(loop_main()))) for _ in range(LOOPS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(HANG_BOUND)
    assert not any(t.is_alive() for t in threads), f"a worker hung beyond {HANG_BOUND} s"
    assert crashes == [], crashes


@pytest.fixture
def soak_server() -> Iterator[LocalBedrock]:
    # No request log: a log growing to its limit would read as a leak.
    with LocalBedrock(latency=0.001, request_log_limit=0) as server:
        yield server


@pytest.mark.slow
def test_one_client_shared_by_threads_and_tasks_under_faults_loses_and_leaks_nothing(
    soak_server: LocalBedrock, request: pytest.FixtureRequest
) -> None:
    client = soak_server.client(max_attempts=3, read_timeout=10)
    ledger = Ledger()

    run_phase(client, soak_server, ledger, WARM_UP)
    gc.collect()
    before = rss_mib()
    run_phase(client, soak_server, ledger, CALLS - WARM_UP)
    gc.collect()
    after = rss_mib()

    requests = sum(ledger.calls.values())
    line = (
        f"soak: {CALLS} calls, RSS before {before:.1f} MiB, after {after:.1f} MiB "
        f"({requests} requests, {ledger.injected} faults injected, {ledger.failed} failed)"
    )
    print(line)
    request.config.stash.setdefault(SUMMARY, []).append(line)

    assert ledger.unexplained == []
    # Every call is accounted for (a converse_many batch counts its requests).
    batched = ledger.calls.get("many", 0)
    assert ledger.next_index == CALLS
    assert batched % BATCH == 0
    assert requests - batched + batched // BATCH == CALLS
    # Each fault the server handed out fails at most one call.
    stats = soak_server.stats()
    assert stats["max_in_flight"] > 1, "the calls never overlapped"
    handed_out = ledger.injected - stats["queued"]
    assert ledger.failed <= handed_out, (ledger.failed, handed_out)
    wait_for(lambda: soak_server.stats()["in_flight"] == 0, "requests in flight to end")
    assert soak_server.stats()["open_connections"] <= 4 * (THREADS + LOOPS * TASKS_PER_LOOP)
    assert after - before < RSS_BOUND_MIB, f"RSS grew from {before:.1f} to {after:.1f} MiB"
