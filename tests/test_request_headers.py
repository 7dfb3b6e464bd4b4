"""The headers of a request, side by side with boto3's against LocalBedrock: the same AWS
headers, one user agent (no `x-amz-user-agent`), one invocation id per call that every
retry repeats, and `amz-sdk-request` counting the attempts."""

from __future__ import annotations

import re
from typing import Any

import boto3
import pytest
from botocore.config import Config

import fastconverse
from fastconverse import LocalBedrock

REQUEST: dict[str, Any] = {
    "modelId": "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
    "messages": [{"role": "user", "content": [{"text": "hi"}]}],
}

# What both clients send on every request (boto3 adds accept-encoding besides).
COMMON = {
    "amz-sdk-invocation-id",
    "amz-sdk-request",
    "authorization",
    "content-length",
    "content-type",
    "host",
    "user-agent",
    "x-amz-date",
}
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


def throttled_once(local: LocalBedrock, client: Any) -> list[dict[str, str]]:
    """The headers of both attempts of a call whose first attempt is throttled."""
    before = len(local.requests)
    local.queue_error("ThrottlingException", status=429)
    client.converse(**REQUEST)
    return [request["headers"] for request in local.requests[before:]]


@pytest.fixture
def local() -> Any:
    with LocalBedrock() as server:
        yield server


def test_the_same_headers_as_boto3_on_a_retried_call(local: LocalBedrock) -> None:
    boto = boto3.client(
        "bedrock-runtime",
        endpoint_url=local.endpoint_url,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        config=Config(retries={"mode": "standard", "max_attempts": 2}),
    )
    theirs = throttled_once(local, boto)
    ours = throttled_once(local, local.client(max_attempts=3))
    assert len(theirs) == len(ours) == 2
    for headers in (*theirs, *ours):
        assert set(headers) >= COMMON, sorted(headers)
        assert "x-amz-user-agent" not in headers
        assert UUID.match(headers["amz-sdk-invocation-id"])
    for first, second in (theirs, ours):
        # One id per call, the same on every attempt of it.
        assert first["amz-sdk-invocation-id"] == second["amz-sdk-invocation-id"]
        assert first["amz-sdk-request"] == "attempt=1; max=3"
        assert re.fullmatch(r"ttl=\d{8}T\d{6}Z; attempt=2; max=3", second["amz-sdk-request"])
    assert theirs[0]["amz-sdk-invocation-id"] != ours[0]["amz-sdk-invocation-id"]


def test_the_user_agent_names_fastconverse(local: LocalBedrock) -> None:
    local.client().converse(**REQUEST)
    agent = local.requests[-1]["headers"]["user-agent"]
    assert agent.startswith(f"fastconverse/{fastconverse.__version__} ua/2.1 ")
    assert "api/bedrockruntime#" in agent


def test_each_call_gets_an_invocation_id_of_its_own(local: LocalBedrock) -> None:
    client = local.client()
    for _ in range(3):
        client.converse(**REQUEST)
    ids = {request["headers"]["amz-sdk-invocation-id"] for request in local.requests}
    assert len(ids) == 3
