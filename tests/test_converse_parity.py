"""fastconverse beside boto3 against LocalBedrock: the same JSON on the wire, equal dicts back."""

from __future__ import annotations

import sys
from typing import Any

import pytest

from fastconverse import ChatClient
from fastconverse.testing import LocalBedrock

from .conftest import MODEL_ID, user
from .helpers import assert_same_tokens, without_metadata

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"

WEATHER_TOOL = {
    "toolSpec": {
        "name": "get_weather",
        "description": "Weather for a city",
        "inputSchema": {
            "json": {
                "type": "object",
                "properties": {"city": {"type": "string"}, "days": {"type": "integer"}},
                "required": ["city"],
            }
        },
    }
}

CASES: dict[str, dict[str, Any]] = {
    "text": {"messages": [user("Hello there, model")]},
    "image": {
        "messages": [
            {
                "role": "user",
                "content": [
                    {"text": "What is in this picture?"},
                    {"image": {"format": "png", "source": {"bytes": PNG}}},
                ],
            }
        ]
    },
    "document": {
        "messages": [
            {
                "role": "user",
                "content": [
                    {"document": {"format": "pdf", "name": "report", "source": {"bytes": PDF}}},
                    {"text": "Summarise the report."},
                ],
            }
        ]
    },
    "tool_use_and_result": {
        "messages": [
            user("Weather in Paris?"),
            {
                "role": "assistant",
                "content": [
                    {
                        "toolUse": {
                            "toolUseId": "tooluse_1",
                            "name": "get_weather",
                            "input": {"city": "Paris", "days": 3},
                        }
                    }
                ],
            },
            {
                "role": "user",
                "content": [
                    {
                        "toolResult": {
                            "toolUseId": "tooluse_1",
                            "content": [{"json": {"temp": 21.5, "sky": "clear"}}, {"text": "ok"}],
                            "status": "success",
                        }
                    }
                ],
            },
        ],
        "toolConfig": {"tools": [WEATHER_TOOL], "toolChoice": {"auto": {}}},
    },
    "reasoning": {
        "messages": [
            user("Think first."),
            {
                "role": "assistant",
                "content": [
                    {
                        "reasoningContent": {
                            "reasoningText": {"text": "Let me think.", "signature": "c2lnbmF0dXJl"}
                        }
                    },
                    {"reasoningContent": {"redactedContent": b"\x00\xffredacted\x10"}},
                    {"text": "Done thinking."},
                ],
            },
            user("Go on."),
        ]
    },
    "system_with_cache_point": {
        "system": [{"text": "You are terse."}, {"cachePoint": {"type": "default"}}],
        "messages": [user("Hi")],
    },
    "inference_config": {
        "messages": [user("Count to three")],
        "inferenceConfig": {
            "maxTokens": 256,
            "temperature": 0.7,
            "topP": 0.9,
            "stopSequences": ["END", "STOP"],
        },
    },
    "additional_model_request_fields": {
        "messages": [user("Hi")],
        "additionalModelRequestFields": {
            "top_k": 250,
            "thinking": {"type": "enabled", "budget_tokens": 1024},
            "big": 2**63 + 11,
            "negative": -(2**62),
            "ratio": 0.1,
            "unicode": "héllo ✓ 日本",
            "nested": [1, [2.5, "two"], {"ok": True}],
        },
    },
}

RICH_REPLY: dict[str, Any] = {
    "output": {
        "message": {
            "role": "assistant",
            "content": [
                {"reasoningContent": {"reasoningText": {"text": "Hmm.", "signature": "sig-1"}}},
                {"reasoningContent": {"redactedContent": b"\x01\x02\x03"}},
                {"text": "Here is the answer."},
                {
                    "toolUse": {
                        "toolUseId": "tooluse_9",
                        "name": "get_weather",
                        "input": {"city": "Paris", "days": 3, "ratio": 0.25, "big": 2**64 - 1},
                    }
                },
            ],
        }
    },
    "stopReason": "tool_use",
    "usage": {
        "inputTokens": 11,
        "outputTokens": 22,
        "totalTokens": 33,
        "cacheReadInputTokens": 5,
        "cacheWriteInputTokens": 6,
    },
    "metrics": {"latencyMs": 321},
    "additionalModelResponseFields": {"stop_sequence": None, "nested": {"a": [1, 2.5, "x"]}},
    "trace": {"promptRouter": {"invokedModelId": "arn:aws:bedrock:us-east-1::foundation-model/x"}},
    "performanceConfig": {"latency": "optimized"},
    "serviceTier": {"type": "priority"},
}


def assert_metadata(response: dict[str, Any]) -> None:
    meta = response["ResponseMetadata"]
    assert meta["HTTPStatusCode"] == 200
    assert meta["RequestId"]
    assert meta["RequestId"] == meta["HTTPHeaders"]["x-amzn-requestid"]
    assert meta["RetryAttempts"] == 0


def send_both(
    server: LocalBedrock, client: ChatClient, boto: Any, request: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any], dict[str, Any]]:
    """Sends `request` with boto3, then fastconverse: both requests seen, both responses."""
    boto_response = boto.converse(**request)
    boto_seen = server.requests[-1]
    fast_response = client.converse(**request)
    fast_seen = server.requests[-1]
    assert len(server.requests) == 2
    return boto_seen, fast_seen, boto_response, fast_response


@pytest.mark.parametrize("case", sorted(CASES))
def test_request_reaches_server_as_boto3_sends_it(
    case: str, server: LocalBedrock, client: ChatClient, boto: Any
) -> None:
    request = {"modelId": MODEL_ID, **CASES[case]}
    boto_seen, fast_seen, boto_response, fast_response = send_both(server, client, boto, request)
    assert fast_seen["path"] == boto_seen["path"]
    assert fast_seen["method"] == boto_seen["method"] == "POST"
    assert_same_tokens(fast_seen["body"], boto_seen["body"])
    assert without_metadata(fast_response) == without_metadata(boto_response)
    assert_metadata(fast_response)
    assert_metadata(boto_response)


def test_every_response_member_comes_back_as_boto3_gives_it(
    server: LocalBedrock, client: ChatClient, boto: Any
) -> None:
    server.queue_reply(RICH_REPLY)
    server.queue_reply(RICH_REPLY)
    _, _, boto_response, fast_response = send_both(
        server, client, boto, {"modelId": MODEL_ID, "messages": [user("Weather?")]}
    )
    assert without_metadata(fast_response) == without_metadata(boto_response) == RICH_REPLY
    tool_input = fast_response["output"]["message"]["content"][3]["toolUse"]["input"]
    assert type(tool_input["days"]) is int and type(tool_input["ratio"]) is float
    assert tool_input["big"] == 2**64 - 1
    assert fast_response["output"]["message"]["content"][1]["reasoningContent"][
        "redactedContent"
    ] == (b"\x01\x02\x03")


async def test_converse_async_matches_sync(server: LocalBedrock, client: ChatClient) -> None:
    server.queue_reply(RICH_REPLY)
    server.queue_reply(RICH_REPLY)
    request = {"modelId": MODEL_ID, "messages": [user("Hi")]}
    sync_response = client.converse(**request)
    async_response = await client.converse_async(**request)
    assert without_metadata(sync_response) == without_metadata(async_response) == RICH_REPLY
    assert server.requests[0]["json"] == server.requests[1]["json"]


def test_echo_model_answers_with_the_last_user_text(client: ChatClient) -> None:
    response = client.converse(modelId=MODEL_ID, messages=[user("Hello")])
    assert response["output"]["message"] == {"role": "assistant", "content": [{"text": "Hello"}]}
    assert response["stopReason"] == "end_turn"
    usage = response["usage"]
    assert usage["inputTokens"] > 0 and usage["outputTokens"] > 0
    assert usage["totalTokens"] == usage["inputTokens"] + usage["outputTokens"]


@pytest.mark.parametrize(
    "blob",
    [PNG, bytearray(PNG), "text as utf-8 ✓"],
    ids=["bytes", "bytearray", "str"],
)
def test_blob_is_sent_as_boto3_sends_it(
    blob: Any, server: LocalBedrock, client: ChatClient, boto: Any
) -> None:
    request = {
        "modelId": MODEL_ID,
        "messages": [
            {
                "role": "user",
                "content": [{"image": {"format": "png", "source": {"bytes": blob}}}],
            }
        ],
    }
    boto_seen, fast_seen, _, _ = send_both(server, client, boto, request)
    assert fast_seen["json"] == boto_seen["json"]


def test_blob_from_a_binary_file_is_read(
    tmp_path: Any, server: LocalBedrock, client: ChatClient, boto: Any
) -> None:
    # botocore's validator accepts a readable file for a blob, but its JSON serializer
    # then fails on it (TypeError); fastconverse reads the file and sends its bytes,
    # exactly as boto3 sends the same bytes.
    path = tmp_path / "picture.png"
    path.write_bytes(PNG)

    def request(blob: Any) -> dict[str, Any]:
        return {
            "modelId": MODEL_ID,
            "messages": [
                {
                    "role": "user",
                    "content": [{"image": {"format": "png", "source": {"bytes": blob}}}],
                }
            ],
        }

    boto.converse(**request(path.read_bytes()))
    with path.open("rb") as handle:
        client.converse(**request(handle))
    boto_seen, fast_seen = server.requests
    assert fast_seen["json"] == boto_seen["json"]


def test_unknown_image_format_is_left_to_the_service(
    server: LocalBedrock, client: ChatClient, boto: Any
) -> None:
    request = {
        "modelId": MODEL_ID,
        "messages": [
            {
                "role": "user",
                "content": [{"image": {"format": "tiff", "source": {"bytes": PNG}}}],
            }
        ],
    }
    with pytest.raises(boto.exceptions.ValidationException) as boto_error:
        boto.converse(**request)
    with pytest.raises(client.exceptions.ValidationException) as fast_error:
        client.converse(**request)
    assert len(server.requests) == 2
    assert fast_error.value.message == boto_error.value.response["Error"]["Message"]
    assert "tiff" in fast_error.value.message
    assert fast_error.value.status_code == 400


def test_missing_messages_is_left_to_the_service(
    server: LocalBedrock, client: ChatClient, boto: Any
) -> None:
    with pytest.raises(boto.exceptions.ValidationException):
        boto.converse(modelId=MODEL_ID)
    with pytest.raises(client.exceptions.ValidationException):
        client.converse(modelId=MODEL_ID)
    assert len(server.requests) == 2
    assert server.requests[1]["json"] == server.requests[0]["json"]


def test_the_request_log_keeps_only_the_latest_requests() -> None:
    # A long-running server (fastconverse serve) must not grow with every request.
    with LocalBedrock(request_log_limit=3) as server:
        client = server.client()
        for i in range(5):
            client.converse(modelId=MODEL_ID, messages=[user(f"n{i}")])
        assert server.request_log_limit == 3
        assert [r["json"]["messages"][0]["content"][0]["text"] for r in server.requests] == [
            "n2",
            "n3",
            "n4",
        ]
        assert server.stats()["requests"] == 5
    with LocalBedrock(request_log_limit=0) as server:
        server.client().converse(modelId=MODEL_ID, messages=[user("unlogged")])
        assert server.requests == []
        assert server.stats()["requests"] == 1
    with pytest.raises(ValueError, match="request_log_limit must be 0 or more"):
        LocalBedrock(request_log_limit=-1)


def test_member_names_come_back_as_interned_strings(
    server: LocalBedrock, client: ChatClient
) -> None:
    """Keys the service model names are shared interned strings (cheaper to make and to
    look up); keys it does not name, a tool input's, are plain strings with their text."""
    server.queue_reply(
        {
            "output": {
                "message": {
                    "role": "assistant",
                    "content": [
                        {
                            "toolUse": {
                                "toolUseId": "t1",
                                "name": "lookup",
                                "input": {"an unmodelled key": {"stopReason": 1}},
                            }
                        }
                    ],
                }
            },
            "stopReason": "tool_use",
            "usage": {"inputTokens": 1, "outputTokens": 1, "totalTokens": 2},
            "metrics": {"latencyMs": 1},
        }
    )
    reply = client.converse(modelId=MODEL_ID, messages=[user("hi")])
    for key in ("output", "stopReason", "usage", "metrics"):
        assert next(k for k in reply if k == key) is sys.intern(key)
    tool = reply["output"]["message"]["content"][0]["toolUse"]
    assert all(k is sys.intern(k) for k in tool)
    assert tool["input"] == {"an unmodelled key": {"stopReason": 1}}
