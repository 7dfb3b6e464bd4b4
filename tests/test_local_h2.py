"""LocalBedrock over HTTP/2 with prior knowledge (h2c), beside HTTP/1.1 on the same port.

An HTTP/2 client (httpx with h2) signs with botocore's SigV4 as any AWS SDK would; the
host it signs travels as ``:authority``, which the server's signature check must see.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from botocore.eventstream import EventStreamBuffer

from fastconverse.testing import LocalBedrock

from .conftest import MODEL_ID, user
from .helpers import wait_for

REQUEST: dict[str, Any] = {"messages": [user("Hello over h2")]}

START = {"messageStart": {"role": "assistant"}}


def delta(text: str) -> dict[str, Any]:
    return {"contentBlockDelta": {"contentBlockIndex": 0, "delta": {"text": text}}}


ENDING: list[dict[str, Any]] = [
    {"contentBlockStop": {"contentBlockIndex": 0}},
    {"messageStop": {"stopReason": "end_turn"}},
    {
        "metadata": {
            "usage": {"inputTokens": 1, "outputTokens": 2, "totalTokens": 3},
            "metrics": {"latencyMs": 1},
        }
    },
]


def signed(
    server: LocalBedrock, operation: str, body: bytes, secret: str | None = None
) -> tuple[str, dict[str, str]]:
    """The URL and the SigV4-signed headers of a POST of `body` to `operation`."""
    url = f"{server.endpoint_url}/model/{quote(MODEL_ID, safe='')}/{operation}"
    request = AWSRequest(
        method="POST",
        url=url,
        data=body,
        headers={"content-type": "application/json", "accept": "application/json"},
    )
    credentials = Credentials(server.aws_access_key_id, secret or server.aws_secret_access_key)
    SigV4Auth(credentials, "bedrock", server.region).add_auth(request)
    return url, dict(request.headers.items())


def post(
    client: httpx.Client,
    server: LocalBedrock,
    operation: str = "converse",
    secret: str | None = None,
) -> httpx.Response:
    body = json.dumps(REQUEST).encode()
    url, headers = signed(server, operation, body, secret)
    return client.post(url, content=body, headers=headers)


@pytest.fixture
def h2() -> Iterator[httpx.Client]:
    """An HTTP/2-only client: it opens with the preface, no Upgrade (prior knowledge)."""
    with httpx.Client(http1=False, http2=True, timeout=30) as client:
        yield client


def events(data: bytes) -> list[str]:
    """The event types of the event-stream frames in `data` (each frame's CRCs checked)."""
    buffer = EventStreamBuffer()
    buffer.add_data(data)
    return [message.headers[":event-type"] for message in buffer]


def test_signed_converse_over_h2_is_answered_and_logged(
    server: LocalBedrock, h2: httpx.Client
) -> None:
    response = post(h2, server)
    assert response.http_version == "HTTP/2"
    assert response.status_code == 200, response.text
    assert "Hello over h2" in response.json()["output"]["message"]["content"][0]["text"]
    (logged,) = server.requests
    assert logged["method"] == "POST"
    assert logged["body"] == json.dumps(REQUEST).encode()
    # The signed host, which HTTP/2 sends as :authority, reaches the log as `host`.
    assert logged["headers"]["host"] == server.endpoint_url.removeprefix("http://")

    # HTTP/1.1 on the same port, after and beside the HTTP/2 connection.
    reply = server.boto3_client().converse(modelId=MODEL_ID, **REQUEST)
    assert reply["stopReason"] == "end_turn"


def test_wrong_signature_over_h2_is_refused_as_over_http1(
    server: LocalBedrock, h2: httpx.Client
) -> None:
    refused = post(h2, server, secret="not-the-secret")
    with httpx.Client() as http1:
        refused_http1 = post(http1, server, secret="not-the-secret")
    assert refused.http_version == "HTTP/2"
    assert refused_http1.http_version == "HTTP/1.1"
    assert refused.status_code == refused_http1.status_code == 403
    error_type = "x-amzn-errortype"
    assert refused.headers[error_type] == refused_http1.headers[error_type]
    assert refused.json() == refused_http1.json()


def test_converse_stream_over_h2_streams_frames_as_produced(
    server: LocalBedrock, h2: httpx.Client
) -> None:
    script = [START, *(delta(f"part {i} ") for i in range(6)), *ENDING]
    server.queue_stream(script, pace=0.2)
    body = json.dumps(REQUEST).encode()
    url, headers = signed(server, "converse-stream", body)
    received = b""
    with h2.stream("POST", url, content=body, headers=headers) as response:
        assert response.http_version == "HTTP/2"
        assert response.status_code == 200
        chunks = response.iter_bytes()
        received += next(chunks)
        # The first frame is here while the server is still producing the rest: the
        # answer is in flight until its last frame is handed over.
        assert server.stats()["in_flight"] == 1
        for chunk in chunks:
            received += chunk
    assert events(received) == [next(iter(event)) for event in script]


def test_requests_multiplexed_on_one_h2_connection_are_all_answered(
    server: LocalBedrock,
) -> None:
    count = 8
    server.latency = 0.3  # long enough for all of them to be in flight together

    async def run() -> list[httpx.Response]:
        async with httpx.AsyncClient(http1=False, http2=True, timeout=30) as client:
            body = json.dumps(REQUEST).encode()

            async def one() -> httpx.Response:
                url, headers = signed(server, "converse", body)
                return await client.post(url, content=body, headers=headers)

            return await asyncio.gather(*(one() for _ in range(count)))

    responses = asyncio.run(run())
    assert [r.status_code for r in responses] == [200] * count
    assert {r.http_version for r in responses} == {"HTTP/2"}
    stats = server.stats()
    assert stats["connections"] == 1
    assert stats["max_in_flight"] == count
    assert len(server.requests) == count


def test_stream_drop_over_h2_breaks_the_answer(server: LocalBedrock, h2: httpx.Client) -> None:
    server.queue_stream([START, delta("cut ")], fault="drop")
    body = json.dumps(REQUEST).encode()
    url, headers = signed(server, "converse-stream", body)
    with h2.stream("POST", url, content=body, headers=headers) as response:
        assert (response.http_version, response.status_code) == ("HTTP/2", 200)
        with pytest.raises(httpx.TransportError):
            for _ in response.iter_bytes():
                pass


@pytest.mark.parametrize("kind", ["reset", "reset_after_headers"])
def test_connection_fault_over_h2_breaks_the_answer(
    server: LocalBedrock, h2: httpx.Client, kind: str
) -> None:
    server.queue_fault(kind)
    with pytest.raises(httpx.TransportError):
        post(h2, server)
    # The server goes on answering HTTP/2 clients (on a new connection if need be).
    assert post(h2, server).status_code == 200


def test_client_leaving_an_h2_stream_counts_as_cancelled(
    server: LocalBedrock, h2: httpx.Client
) -> None:
    server.queue_stream([START, delta("one "), 30.0, delta("never "), *ENDING])
    body = json.dumps(REQUEST).encode()
    url, headers = signed(server, "converse-stream", body)
    with h2.stream("POST", url, content=body, headers=headers) as response:
        next(response.iter_bytes())
        # httpcore leaves a closed HTTP/2 response's stream open: close the connection.
        h2.close()
    wait_for(lambda: server.stats()["cancelled"] == 1, "the request to count as cancelled")
    assert server.stats()["in_flight"] == 0


def test_stop_closes_h2_connections() -> None:
    with LocalBedrock() as own, httpx.Client(http1=False, http2=True, timeout=30) as client:
        own.queue_fault("stall_headers")  # no answer until the server stops
        stalled = threading.Event()

        def stop_when_stalled() -> None:
            wait_for(lambda: own.stats()["in_flight"] == 1, "the stalled request")
            stalled.set()
            own.stop()

        stopper = threading.Thread(target=stop_when_stalled)
        stopper.start()
        try:
            with pytest.raises(httpx.TransportError):
                post(client, own)
        finally:
            stopper.join()
        assert stalled.is_set(), "the request never reached the server"
