"""Rust log records reach Python's `logging` under `fastconverse`, and never carry a secret."""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from fastconverse import ChatClient, ThrottlingException, _native
from fastconverse.testing import LocalBedrock

from .conftest import MODEL_ID, user

SECRET_KEY = "sk-SECRET-0123456789abcdefghijklmnop"
BEARER = "bedrock-api-key-SECRET-zyxwvutsrqponm"
REQUEST: dict[str, Any] = {"modelId": MODEL_ID, "messages": [user("Hi")]}
THROTTLE = ("ThrottlingException", "Too many requests", 429)


@pytest.fixture(scope="module")
def secret_server() -> Iterator[LocalBedrock]:
    """A server whose credentials are the secrets no log line may show."""
    with LocalBedrock(aws_secret_access_key=SECRET_KEY, bearer_token=BEARER) as server:
        yield server


@pytest.fixture
def secured(secret_server: LocalBedrock) -> LocalBedrock:
    secret_server.reset()
    return secret_server


@pytest.fixture
def debug_logs(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """Every record from every logger, down to TRACE (5), with `fastconverse` at DEBUG."""
    caplog.set_level(1)
    caplog.set_level(logging.DEBUG, logger="fastconverse")
    yield caplog
    # Later tests must see the logger as they would by default.
    logging.getLogger("fastconverse").setLevel(logging.NOTSET)


def messages(caplog: pytest.LogCaptureFixture, name: str, level: int) -> list[str]:
    """The messages logged by `name` (or a child) at exactly `level`."""
    return [
        r.getMessage()
        for r in caplog.records
        if (r.name == name or r.name.startswith(name + ".")) and r.levelno == level
    ]


def assert_no_secret(caplog: pytest.LogCaptureFixture) -> None:
    """No captured line, from any logger, holds the secret key or the bearer token."""
    assert caplog.records, "nothing was logged: the check below would prove nothing"
    for record in caplog.records:
        line = f"{record.name} {record.levelname} {record.getMessage()}"
        assert SECRET_KEY not in line and BEARER not in line, line
    assert SECRET_KEY not in caplog.text and BEARER not in caplog.text
    # The SDK's and its transport's own records are filtered out in Rust.
    foreign = [r.name for r in caplog.records if r.name.split(".")[0] in RUST_CRATES]
    assert foreign == []


RUST_CRATES = {"aws_sigv4", "aws_smithy_runtime", "aws_config", "hyper", "hyper_util", "rustls"}


def test_sdk_retries_and_request_ids_are_logged_without_secrets(
    secured: LocalBedrock, debug_logs: pytest.LogCaptureFixture
) -> None:
    client = secured.client(max_attempts=2)  # SigV4 with the secret key
    secured.queue_error(*THROTTLE)
    reply = client.converse(**REQUEST)
    assert reply["ResponseMetadata"]["RetryAttempts"] == 1
    request_id = reply["ResponseMetadata"]["RequestId"]

    infos = messages(debug_logs, "fastconverse.core", logging.INFO)
    assert "Converse: retrying (attempt 2) after HTTP 429 ThrottlingException" in infos
    debugs = messages(debug_logs, "fastconverse.core", logging.DEBUG)
    assert f"Converse: HTTP 200, request id {request_id}, 2 attempt(s)" in debugs

    # A call that gives up is logged too, with the status of the last answer.
    secured.queue_error(*THROTTLE)
    with pytest.raises(ThrottlingException):
        secured.client(max_attempts=1).converse(**REQUEST)
    assert any(
        m.startswith("Converse: HTTP 429, request id ") and m.endswith(", 1 attempt(s)")
        for m in messages(debug_logs, "fastconverse.core", logging.DEBUG)
    )
    assert_no_secret(debug_logs)


def test_bearer_token_calls_and_stream_ends_are_logged_without_the_token(
    secured: LocalBedrock, debug_logs: pytest.LogCaptureFixture
) -> None:
    client = ChatClient(
        region_name=secured.region,
        endpoint_url=secured.endpoint_url,
        bearer_token=BEARER,
        max_attempts=3,
    )
    secured.queue_error(*THROTTLE)
    with client.converse_stream(**REQUEST) as stream:
        assert stream.final_response()["stopReason"] == "end_turn"
    # Sent and accepted (the server checks the token); its request log keeps it redacted.
    assert secured.requests[-1]["headers"]["authorization"] == "Bearer ***"
    client.count_tokens(modelId=MODEL_ID, input={"converse": {"messages": [user("Hi")]}})

    infos = messages(debug_logs, "fastconverse.core", logging.INFO)
    assert "ConverseStream: retrying (attempt 2) after HTTP 429 ThrottlingException" in infos
    debugs = messages(debug_logs, "fastconverse.core", logging.DEBUG)
    assert any(m.startswith("ConverseStream ended (complete) after ") for m in debugs), debugs
    assert any(m.startswith("CountTokens: HTTP 200, request id ") for m in debugs), debugs

    # A stream left early is logged as such (at INFO: the caller cut it short).
    secured.queue_stream(
        [{"messageStart": {"role": "assistant"}}, 0.5, {"messageStop": {"stopReason": "x"}}]
    )
    stream = client.converse_stream(**REQUEST)
    next(iter(stream))
    stream.close()
    infos = messages(debug_logs, "fastconverse.core.stream", logging.INFO)
    assert any(m.startswith("ConverseStream ended (closed early by the caller)") for m in infos)
    assert_no_secret(debug_logs)


def test_converse_many_retries_and_throttling_adaptations_are_logged(
    secured: LocalBedrock, debug_logs: pytest.LogCaptureFixture
) -> None:
    for _ in range(3):
        secured.queue_error(*THROTTLE)
    results = secured.client().converse_many(
        [{"modelId": MODEL_ID, "messages": [user(f"q{i}")]} for i in range(4)], concurrency=4
    )
    assert results.summary["retried"] == 3

    infos = messages(debug_logs, "fastconverse.core.many", logging.INFO)
    retries = [m for m in infos if "failed on attempt 1 with ThrottlingException" in m]
    assert len(retries) == 3, infos
    drop = f"{MODEL_ID} is throttled; its concurrency limit drops from 4 to"
    assert any(drop in m for m in infos), infos
    assert_no_secret(debug_logs)


def test_level_changes_take_effect_at_once(
    secured: LocalBedrock, caplog: pytest.LogCaptureFixture
) -> None:
    logger = logging.getLogger("fastconverse")
    client = secured.client(max_attempts=1)
    try:
        # WARNING: the Rust side caches this level and sends nothing.
        caplog.set_level(1)  # the capturing handler takes everything
        logger.setLevel(logging.WARNING)
        client.converse(**REQUEST)
        assert [r for r in caplog.records if r.name.startswith("fastconverse")] == []

        # DEBUG set later: the cached level is dropped, the next call logs.
        logger.setLevel(logging.DEBUG)
        client.converse(**REQUEST)
        assert any(m.startswith("Converse: HTTP 200") for m in caplog.messages)

        # And back: silent again.
        caplog.clear()
        logger.setLevel(logging.INFO)
        client.converse(**REQUEST)
        assert [r for r in caplog.records if r.name.startswith("fastconverse")] == []
    finally:
        logger.setLevel(logging.NOTSET)


def test_silent_by_default(secured: LocalBedrock, caplog: pytest.LogCaptureFixture) -> None:
    """With logging untouched (WARNING at the root), a retried call logs nothing."""
    caplog.set_level(logging.WARNING)
    secured.queue_error(*THROTTLE)
    secured.client(max_attempts=2).converse(**REQUEST)
    assert [r for r in caplog.records if r.name.startswith("fastconverse")] == []


FLOOD_LOGGER = "fastconverse.py.logs"


def test_converse_many_records_arrive_in_order_with_their_names_and_levels(
    secured: LocalBedrock, debug_logs: pytest.LogCaptureFixture
) -> None:
    # One item, so the order the scheduler logs in is known: throttled three times, then
    # answered.
    for _ in range(3):
        secured.queue_error(*THROTTLE)
    requests = [{"modelId": MODEL_ID, "messages": [user("q0")]}]
    results = secured.client().converse_many(requests, concurrency=1)
    assert results.summary["retried"] == 3

    many = [r for r in debug_logs.records if r.name == "fastconverse.core.many"]
    assert [r.levelno for r in many] == [logging.INFO] * 3
    assert [r.getMessage().split(" with ")[0] for r in many] == [
        f"converse_many: request 0 ({MODEL_ID}) failed on attempt {n}" for n in (1, 2, 3)
    ]
    for record in many:
        assert record.pathname.endswith("many.rs") and record.lineno > 0
        assert record.threadName != threading.current_thread().name  # a runtime thread's
    created = [r.created for r in many]
    assert created == sorted(created)


def test_the_runtime_does_not_wait_for_a_thread_holding_the_gil(
    secured: LocalBedrock, debug_logs: pytest.LogCaptureFixture
) -> None:
    # Every item is throttled once, so each logs at INFO from a runtime thread before it
    # can finish. This thread then holds the GIL in a pure-Python loop that never lets go
    # of it (a switch interval far beyond the loop's bound). With a backend that takes the
    # GIL on the logging thread (pyo3-log), no item can finish while the loop runs.
    # The server's latency holds each throttle answer back until the loop has begun.
    for _ in range(4):
        secured.queue_error(*THROTTLE)
    requests = [{"modelId": MODEL_ID, "messages": [user(f"q{i}")]} for i in range(4)]
    secured.latency = 0.3
    run = secured.client().converse_many_iter(requests, concurrency=4)
    succeeded = 0
    interval = sys.getswitchinterval()
    try:
        # Read the whole input first: the reader of the input needs the GIL.
        while run.stats()["submitted"] < 4:
            time.sleep(0.001)
        sys.setswitchinterval(1000.0)
        # Bounded, as a safety net only: the loop ends as soon as the run's own counters
        # (kept in Rust) say every item succeeded.
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            succeeded = run.stats()["succeeded"]
            if succeeded == 4:
                break
    finally:
        sys.setswitchinterval(interval)
        secured.latency = 0.0
    assert succeeded == 4
    assert len(list(run)) == 4
    retries = messages(debug_logs, "fastconverse.core.many", logging.INFO)
    assert len([m for m in retries if "failed on attempt 1" in m]) == 4, retries


def test_a_flood_of_records_from_a_runtime_thread_loses_none(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # Fewer than the queue holds (16,384): a burst of this size loses nothing.
    caplog.set_level(logging.INFO, logger=FLOOD_LOGGER)
    # Like any call, the hook returns once what it logged is delivered.
    _native._log_flood(10_000, "flood")
    flood = [r.getMessage() for r in caplog.records if r.name == FLOOD_LOGGER]
    assert flood == [f"flood {i}" for i in range(10_000)]


def test_records_beyond_the_queue_are_counted_and_reported(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # Hold the delivery thread inside a handler (GIL released while it waits), flood more
    # records than the queue holds, then let it go: the runtime thread never waits, and
    # what could not be queued is reported as one WARNING with the count.
    entered = threading.Event()
    release = threading.Event()

    class Blocking(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.getMessage() == "hold 0":
                entered.set()
                release.wait(30)

    logger = logging.getLogger(FLOOD_LOGGER)
    handler = Blocking(logging.INFO)
    logger.addHandler(handler)
    caplog.set_level(logging.INFO, logger=FLOOD_LOGGER)
    try:
        _native._log_flood(1, "hold", deliver=False)
        assert entered.wait(30)
        _native._log_flood(20_000, "flood", deliver=False)  # returns, nothing delivered
        release.set()
        _native._log_flood(0, "")  # waits for the delivery of what is queued
    finally:
        release.set()
        logger.removeHandler(handler)
    flood = [r.getMessage() for r in caplog.records if r.getMessage().startswith("flood ")]
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1, [r.getMessage() for r in warnings]
    dropped = int(warnings[0].getMessage().split()[0])
    assert dropped > 0 and len(flood) + dropped == 20_000
    # What was queued arrives in order: the first records, none skipped among them.
    assert flood == [f"flood {i}" for i in range(len(flood))]
