"""Errors: typed service errors, refused credentials, and bad input caught before sending."""

from __future__ import annotations

import asyncio
import pickle
from typing import Any

import pytest

import fastconverse
from fastconverse import ChatClient, ParamValidationError
from fastconverse.errors import SERVICE_ERRORS, BedrockError
from fastconverse.testing import LocalBedrock

from .conftest import MODEL_ID, user

STATUS = {
    "ThrottlingException": 429,
    "ValidationException": 400,
    "AccessDeniedException": 403,
    "ResourceNotFoundException": 404,
    "ModelTimeoutException": 408,
    "ModelNotReadyException": 429,
    "ModelErrorException": 424,
    "ModelStreamErrorException": 424,
    "ServiceUnavailableException": 503,
    "InternalServerException": 500,
    "ServiceQuotaExceededException": 400,
}


@pytest.mark.parametrize("code", sorted(STATUS))
def test_queued_error_raises_its_class(code: str, server: LocalBedrock, client: ChatClient) -> None:
    server.queue_error(code, f"scripted {code}", status=STATUS[code])
    with pytest.raises(BedrockError) as caught:
        client.converse(modelId=MODEL_ID, messages=[user("Hi")])
    err = caught.value
    assert type(err) is SERVICE_ERRORS[code]
    assert type(err) is getattr(fastconverse, code)
    assert isinstance(err, getattr(client.exceptions, code))
    assert err.code == code
    assert err.message == f"scripted {code}"
    assert err.status_code == STATUS[code]
    assert err.request_id and err.request_id == server_request_id(err)
    assert err.response["Error"] == {"Code": code, "Message": f"scripted {code}"}
    assert err.response["ResponseMetadata"]["HTTPStatusCode"] == STATUS[code]
    assert str(err) == (
        f"An error occurred ({code}) when calling the Converse operation: scripted {code}"
    )

    again = pickle.loads(pickle.dumps(err))
    assert type(again) is type(err)
    assert again.__dict__ == err.__dict__
    assert str(again) == str(err)


def server_request_id(err: BedrockError) -> str:
    return str(err.response["ResponseMetadata"]["HTTPHeaders"]["x-amzn-requestid"])


def test_error_response_matches_boto3(server: LocalBedrock, client: ChatClient, boto: Any) -> None:
    for _ in range(2):
        server.queue_error("ModelErrorException", "the model broke", status=424)
    with pytest.raises(boto.exceptions.ModelErrorException) as boto_error:
        boto.converse(modelId=MODEL_ID, messages=[user("Hi")])
    with pytest.raises(fastconverse.ModelErrorException) as fast_error:
        client.converse(modelId=MODEL_ID, messages=[user("Hi")])
    boto_response = dict(boto_error.value.response)
    fast_response = dict(fast_error.value.response)
    assert boto_response.pop("ResponseMetadata")["HTTPStatusCode"] == 424
    assert fast_response.pop("ResponseMetadata")["HTTPStatusCode"] == 424
    assert fast_response == boto_response


def test_throttling_is_retried_by_default(server: LocalBedrock) -> None:
    client = server.client()  # default attempts: 3
    server.queue_error("ThrottlingException", "slow down", status=429)
    response = client.converse(modelId=MODEL_ID, messages=[user("Hi")])
    assert response["output"]["message"]["content"] == [{"text": "Hi"}]
    assert response["ResponseMetadata"]["RetryAttempts"] == 1
    assert len(server.requests) == 2


def _retry_metadata(response: dict[str, Any]) -> list[tuple[str, Any]]:
    """The retry keys of ``ResponseMetadata``, in order."""
    meta = response["ResponseMetadata"]
    return [(key, meta[key]) for key in meta if key in ("MaxAttemptsReached", "RetryAttempts")]


@pytest.mark.parametrize(
    ("script", "fails"),
    [
        ([], False),  # answered at the first attempt: the limit was not reached
        ([("ThrottlingException", 429)], False),  # answered at the last attempt allowed
        ([("ValidationException", 400)], True),  # not retryable: one attempt, limit not reached
        ([("ThrottlingException", 429)] * 2, True),  # every attempt throttled
    ],
)
def test_max_attempts_reached_as_botocore_standard_mode_says(
    server: LocalBedrock, script: list[tuple[str, int]], fails: bool
) -> None:
    import botocore.config

    ours = server.client(max_attempts=2)
    theirs = server.boto3_client(
        config=botocore.config.Config(retries={"mode": "standard", "total_max_attempts": 2})
    )
    request = {"modelId": MODEL_ID, "messages": [user("Hi")]}

    def outcome(call: Any) -> list[tuple[str, Any]]:
        for code, status in script:
            server.queue_error(code, "scripted", status=status)
        try:
            response = call(**request)
        except Exception as err:  # both raise their ClientError shapes
            assert fails, err
            return _retry_metadata(err.response)  # type: ignore[attr-defined]
        assert not fails
        return _retry_metadata(response)

    assert outcome(ours.converse) == outcome(theirs.converse)


@pytest.mark.parametrize(
    ("key", "secret", "token"),
    [("AKIDWRONG", "testing", None), ("testing", "wrong-secret", None)],
    ids=["unknown-key", "wrong-secret"],
)
def test_wrong_credentials_are_refused_like_boto3(
    key: str, secret: str, token: str | None, server: LocalBedrock
) -> None:
    import boto3
    from botocore.config import Config
    from botocore.exceptions import ClientError

    boto = boto3.client(
        "bedrock-runtime",
        endpoint_url=server.endpoint_url,
        region_name=server.region,
        aws_access_key_id=key,
        aws_secret_access_key=secret,
        config=Config(retries={"max_attempts": 1}),
    )
    client = ChatClient(
        region_name=server.region,
        endpoint_url=server.endpoint_url,
        aws_access_key_id=key,
        aws_secret_access_key=secret,
        max_attempts=1,
    )
    request = {"modelId": MODEL_ID, "messages": [user("Hi")]}
    with pytest.raises(ClientError) as boto_error:
        boto.converse(**request)
    with pytest.raises(BedrockError) as fast_error:
        client.converse(**request)
    assert fast_error.value.code == boto_error.value.response["Error"]["Code"]
    assert fast_error.value.status_code == 403
    assert fast_error.value.message == boto_error.value.response["Error"]["Message"]


def test_bearer_token_is_accepted_and_checked() -> None:
    with LocalBedrock(bearer_token="bedrock-api-key-123") as server:
        good = ChatClient(
            region_name=server.region,
            endpoint_url=server.endpoint_url,
            bearer_token="bedrock-api-key-123",
        )
        assert good.converse(modelId=MODEL_ID, messages=[user("Hi")])["stopReason"] == "end_turn"
        # The request log keeps no secrets.
        assert server.requests[-1]["headers"]["authorization"] == "Bearer ***"
        bad = ChatClient(
            region_name=server.region,
            endpoint_url=server.endpoint_url,
            bearer_token="not-the-key",
            max_attempts=1,
        )
        with pytest.raises(BedrockError) as caught:
            bad.converse(modelId=MODEL_ID, messages=[user("Hi")])
        assert caught.value.status_code == 403


BAD_INPUTS: list[tuple[str, dict[str, Any], str, str]] = [
    ("missing-model-id", {"messages": [user("Hi")]}, "", '"modelId"'),
    ("model-id-not-str", {"modelId": 7, "messages": [user("Hi")]}, "modelId", "<class 'str'>"),
    (
        "messages-not-list",
        {"modelId": MODEL_ID, "messages": {"role": "user"}},
        "messages",
        "<class 'list'>",
    ),
    (
        "unknown-top-level-key",
        {"modelId": MODEL_ID, "messages": [user("Hi")], "temperature": 0.5},
        "",
        '"temperature"',
    ),
    (
        "unknown-nested-key",
        {"modelId": MODEL_ID, "messages": [{"role": "user", "content": [], "name": "x"}]},
        "messages[0]",
        '"name"',
    ),
    (
        "union-with-two-members",
        {
            "modelId": MODEL_ID,
            "messages": [{"role": "user", "content": [{"text": "a", "image": {}}]}],
        },
        "messages[0].content[0]",
        "Can only set one of the following keys",
    ),
    (
        "empty-union",
        {"modelId": MODEL_ID, "messages": [{"role": "user", "content": [{}]}]},
        "messages[0].content[0]",
        "Must set one of the following keys",
    ),
    (
        "bytes-where-text-belongs",
        {"modelId": MODEL_ID, "messages": [{"role": "user", "content": [{"text": b"hi"}]}]},
        "messages[0].content[0].text",
        "<class 'bytes'>",
    ),
    (
        "blob-of-wrong-type",
        {
            "modelId": MODEL_ID,
            "messages": [
                {
                    "role": "user",
                    "content": [
                        {"text": "see"},
                        {"image": {"format": "png", "source": {"bytes": 12}}},
                    ],
                }
            ],
        },
        "messages[0].content[1].image.source.bytes",
        "<class 'int'>",
    ),
    (
        "max-tokens-not-int",
        {"modelId": MODEL_ID, "messages": [user("Hi")], "inferenceConfig": {"maxTokens": "9"}},
        "inferenceConfig.maxTokens",
        "<class 'int'>",
    ),
    (
        "missing-required-member",
        {"modelId": MODEL_ID, "messages": [{"content": [{"text": "Hi"}]}]},
        "messages[0]",
        '"role"',
    ),
    (
        "none-value",
        {"modelId": MODEL_ID, "messages": [user("Hi")], "system": None},
        "system",
        "None",
    ),
]


@pytest.mark.parametrize(
    ("request_kwargs", "path", "fragment"),
    [case[1:] for case in BAD_INPUTS],
    ids=[case[0] for case in BAD_INPUTS],
)
def test_bad_input_names_the_field_and_sends_nothing(
    request_kwargs: dict[str, Any], path: str, fragment: str, server: LocalBedrock
) -> None:
    client = server.client()
    with pytest.raises(ParamValidationError) as caught:
        client.converse(**request_kwargs)
    err = caught.value
    assert isinstance(err, ValueError)
    assert err.path == path
    assert (path or "input") in err.message
    assert fragment in err.message
    assert server.requests == []


def test_boto3_refuses_the_same_bad_inputs(server: LocalBedrock, boto: Any) -> None:
    from botocore.exceptions import ParamValidationError as BotoParamValidationError

    for _name, request_kwargs, _path, _fragment in BAD_INPUTS:
        with pytest.raises(BotoParamValidationError):
            boto.converse(**request_kwargs)
    assert server.requests == []


def test_async_bad_input_raises_at_the_await_and_sends_nothing(server: LocalBedrock) -> None:
    client = server.client()
    # A coroutine function, as aioboto3's: nothing runs until the coroutine does.
    coroutine = client.converse_async(modelId=MODEL_ID, messages="not a list")
    with pytest.raises(ParamValidationError, match="messages"):
        asyncio.run(coroutine)
    assert server.requests == []


def test_client_config_is_checked_at_construction() -> None:
    with pytest.raises(ValueError, match="retry_mode"):
        ChatClient(region_name="us-east-1", retry_mode="fastest")
    with pytest.raises(ValueError, match="aws_secret_access_key"):
        ChatClient(region_name="us-east-1", aws_access_key_id="AKID")
    with pytest.raises(ValueError, match="read_timeout"):
        ChatClient(region_name="us-east-1", read_timeout=-1)
