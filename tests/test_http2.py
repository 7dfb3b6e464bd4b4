"""The client over HTTP/2 with prior knowledge (``ChatClient(http2=True)``) against
LocalBedrock, which serves h2c beside HTTP/1.1 on the same port.

Every call goes out as HTTP/2 (the server records each request's protocol), calls share
one connection, answers equal those over HTTP/1.1, and timeouts, retries and connection
failures behave as they do over HTTP/1.1 (a refused connection: in test_runtime.py).
"""

from __future__ import annotations

import asyncio
import pickle
from typing import Any

import pytest

from fastconverse import (
    ChatClient,
    ClientConfigError,
    EndpointConnectionError,
    RequestTimeoutError,
)
from fastconverse.testing import LocalBedrock

from .conftest import MODEL_ID, user
from .helpers import assert_identical, without_metadata

MESSAGES = [user("Hello over HTTP/2")]


def versions(server: LocalBedrock) -> set[str]:
    return {request["http_version"] for request in server.requests}


@pytest.mark.parametrize(
    ("options", "named"),
    [
        ({}, "http2=True needs an http:// endpoint_url"),
        ({"endpoint_url": "https://bedrock-runtime.us-east-1.amazonaws.com"}, "http2=True"),
        ({"endpoint_url": "http://127.0.0.1:1", "http2": "yes"}, "http2 must be True or False"),
    ],
)
def test_http2_needs_a_cleartext_endpoint_and_a_bool(options: dict[str, Any], named: str) -> None:
    settings = {"region_name": "us-east-1", "http2": True, **options}
    with pytest.raises(ClientConfigError, match=named):
        ChatClient(**settings)


def test_converse_goes_over_http2_and_answers_as_over_http1(server: LocalBedrock) -> None:
    over_h1 = server.client().converse(modelId=MODEL_ID, messages=MESSAGES)
    assert versions(server) == {"HTTP/1.1"}
    server.reset()
    over_h2 = server.client(http2=True).converse(modelId=MODEL_ID, messages=MESSAGES)
    assert versions(server) == {"HTTP/2"}
    assert_identical(without_metadata(over_h2), without_metadata(over_h1), ordered=True)
    assert over_h2["ResponseMetadata"]["HTTPStatusCode"] == 200


def test_the_request_bytes_and_signed_headers_are_the_same_over_http2(
    server: LocalBedrock,
) -> None:
    server.client().converse(modelId=MODEL_ID, messages=MESSAGES)
    server.client(http2=True).converse(modelId=MODEL_ID, messages=MESSAGES)
    h1, h2 = server.requests
    assert h2["body"] == h1["body"]
    # HTTP/2 carries the host as :authority (which the server's signature check saw) and
    # has no connection-specific headers; everything else is sent alike.
    per_protocol = {
        "host",
        "connection",
        "content-length",
        "authorization",
        "x-amz-date",
        "amz-sdk-invocation-id",
    }
    assert {k for k in h2["headers"] if k not in per_protocol} == {
        k for k in h1["headers"] if k not in per_protocol
    }
    assert h2["headers"]["authorization"].startswith("AWS4-HMAC-SHA256 ")


def test_concurrent_calls_share_one_connection(server: LocalBedrock) -> None:
    client = server.client(http2=True)
    client.converse(modelId=MODEL_ID, messages=MESSAGES)  # opens the connection
    server.latency = 0.2
    results = client.converse_many(
        [{"modelId": MODEL_ID, "messages": [user(f"call {i}")]} for i in range(32)],
        concurrency=32,
    )
    assert all(isinstance(result, dict) for result in results), results.summary
    stats = server.stats()
    assert stats["connections"] == 1, stats
    assert stats["max_in_flight"] > 1, stats  # multiplexed, not one after another
    assert versions(server) == {"HTTP/2"}


def test_beyond_a_connections_streams_calls_open_another_and_stay_in_flight(
    server: LocalBedrock,
) -> None:
    # A connection carries 100 calls; servers cap its streams (LocalBedrock at 200), and
    # past the cap calls would wait for each other instead of being in flight together.
    client = server.client(http2=True)
    server.latency = 0.5
    results = client.converse_many(
        [{"modelId": MODEL_ID, "messages": [user(f"call {i}")]} for i in range(250)],
        concurrency=250,
    )
    assert all(isinstance(result, dict) for result in results), results.summary
    stats = server.stats()
    assert stats["max_in_flight"] == 250, stats
    assert stats["connections"] == 3, stats


def test_a_stream_over_http2_gives_the_events_of_http1(server: LocalBedrock) -> None:
    over_h1 = list(server.client().converse_stream(modelId=MODEL_ID, messages=MESSAGES)["stream"])
    stream = server.client(http2=True).converse_stream(modelId=MODEL_ID, messages=MESSAGES)
    over_h2 = list(stream["stream"])
    assert_identical(over_h2, over_h1, ordered=True)
    assert [r["http_version"] for r in server.requests] == ["HTTP/1.1", "HTTP/2"]


def test_async_calls_go_over_http2(server: LocalBedrock) -> None:
    client = server.client(http2=True)

    async def main() -> list[Any]:
        calls = [client.converse_async(modelId=MODEL_ID, messages=MESSAGES) for _ in range(8)]
        return list(await asyncio.gather(*calls))

    answers = asyncio.run(main())
    assert len({str(without_metadata(a)) for a in answers}) == 1
    assert versions(server) == {"HTTP/2"}
    assert server.stats()["connections"] == 1


def test_headers_that_never_come_time_out_over_http2(server: LocalBedrock) -> None:
    server.queue_fault("stall_headers", 30)
    client = server.client(http2=True, read_timeout=0.5, max_attempts=1)
    with pytest.raises(RequestTimeoutError):
        client.converse(modelId=MODEL_ID, messages=MESSAGES)
    # The stalled stream was abandoned, not the connection: the next call is answered.
    assert client.converse(modelId=MODEL_ID, messages=MESSAGES)["stopReason"] == "end_turn"


def test_a_body_that_stalls_times_out_over_http2(server: LocalBedrock) -> None:
    server.queue_fault("stall_body", 30)
    client = server.client(http2=True, read_timeout=0.5, max_attempts=1)
    with pytest.raises(RequestTimeoutError, match="read_timeout"):
        client.converse(modelId=MODEL_ID, messages=MESSAGES)


def test_a_stream_that_pauses_times_out_over_http2(server: LocalBedrock) -> None:
    server.queue_stream([{"messageStart": {"role": "assistant"}}, 30])
    client = server.client(http2=True, read_timeout=0.5, max_attempts=1)
    stream = client.converse_stream(modelId=MODEL_ID, messages=MESSAGES)
    events = []
    with pytest.raises(RequestTimeoutError, match="read_timeout"):
        events.extend(stream["stream"])
    assert events == [{"messageStart": {"role": "assistant"}}]


def test_a_reset_connection_is_retried_over_http2(server: LocalBedrock) -> None:
    server.queue_fault("reset")
    client = server.client(http2=True, max_attempts=3)
    response = client.converse(modelId=MODEL_ID, messages=MESSAGES)
    assert response["ResponseMetadata"]["RetryAttempts"] == 1
    assert server.stats()["connections"] == 2  # the reset one and its replacement


def test_a_reset_without_retries_is_a_connection_error_over_http2(server: LocalBedrock) -> None:
    server.queue_fault("reset")
    client = server.client(http2=True, max_attempts=1)
    with pytest.raises(EndpointConnectionError):
        client.converse(modelId=MODEL_ID, messages=MESSAGES)


def test_http2_survives_pickling_and_shows_in_repr(server: LocalBedrock) -> None:
    client = server.client(http2=True)
    assert "http2=True" in repr(client)
    assert "http2" not in repr(server.client())
    copy = pickle.loads(pickle.dumps(client))
    copy.converse(modelId=MODEL_ID, messages=MESSAGES)
    assert versions(server) == {"HTTP/2"}
