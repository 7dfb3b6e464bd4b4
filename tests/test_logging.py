"""Rust log records reach Python's `logging` under `fastconverse`, and never carry a secret."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest

from fastconverse import ChatClient, ThrottlingException
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
