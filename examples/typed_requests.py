"""Typed requests and responses: boto3's dict shapes as TypedDicts, checked by mypy --strict.

Editors complete `converse(...)` keywords and response keys from the TypedDicts of
`fastconverse._shapes` (one per botocore shape); a misspelled key or a wrong type is a
type error. They exist for type checkers only, hence the TYPE_CHECKING import.

python examples/typed_requests.py
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from fastconverse import ChatClient, LocalBedrock

if TYPE_CHECKING:
    from fastconverse._shapes import (
        ContentBlock,
        ConverseRequest,
        ConverseResponseTypeDef,
        InferenceConfiguration,
        Message,
        ToolConfiguration,
    )

MODEL_ID = "us.anthropic.claude-sonnet-4-5-20250929-v1:0"

WEATHER: ToolConfiguration = {
    "tools": [
        {
            "toolSpec": {
                "name": "get_weather",
                "description": "The weather in a city",
                "inputSchema": {
                    "json": {
                        "type": "object",
                        "properties": {"city": {"type": "string"}},
                        "required": ["city"],
                    }
                },
            }
        }
    ],
    "toolChoice": {"auto": {}},
}


def user(*blocks: ContentBlock) -> Message:
    """A user turn."""
    return {"role": "user", "content": list(blocks)}


def weather_request(city: str) -> ConverseRequest:
    """A whole request, built as a typed value and passed with `**`."""
    settings: InferenceConfiguration = {"maxTokens": 256, "temperature": 0.2}
    return {
        "modelId": MODEL_ID,
        "system": [{"text": "Answer in one sentence."}],
        "messages": [user({"text": f"What is the weather in {city}?"})],
        "inferenceConfig": settings,
        "toolConfig": WEATHER,
    }


def reply_text(response: ConverseResponseTypeDef) -> str:
    """The text blocks of the reply, joined."""
    message = response["output"].get("message")
    if message is None:
        return ""
    return "".join(block.get("text", "") for block in message["content"])


async def count_then_ask(client: ChatClient, city: str) -> tuple[int, str]:
    """count_tokens_async and converse_async take and return the same typed shapes."""
    request = weather_request(city)
    counted = await client.count_tokens_async(
        modelId=MODEL_ID, input={"converse": {"messages": request.get("messages", [])}}
    )
    response = await client.converse_async(**request)
    return counted["inputTokens"], reply_text(response)


def main() -> None:
    with LocalBedrock() as server:
        client = server.client(max_attempts=1)
        response = client.converse(**weather_request("Paris"))
        usage = response["usage"]
        print(reply_text(response))
        print(f"{usage['inputTokens']} in, {usage['outputTokens']} out")
        print(f"request id {response['ResponseMetadata']['RequestId']}")
        tokens, text = asyncio.run(count_then_ask(client, "Lyon"))
        print(f"{tokens} tokens counted for: {text}")


if __name__ == "__main__":
    main()
