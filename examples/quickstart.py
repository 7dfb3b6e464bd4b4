"""A first call, sync and async, against an embedded LocalBedrock (no AWS account needed).

python examples/quickstart.py
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from fastconverse import BedrockError, ChatClient, LocalBedrock, ThrottlingException

if TYPE_CHECKING:
    from fastconverse._shapes import ConverseResponseTypeDef

MODEL_ID = "us.anthropic.claude-sonnet-4-5-20250929-v1:0"


def text_of(response: ConverseResponseTypeDef) -> str:
    """The text blocks of a reply, joined (a reply may also hold tool calls, reasoning...)."""
    message = response["output"].get("message")
    if message is None:
        return ""
    return "".join(block.get("text", "") for block in message["content"])


def ask(client: ChatClient, prompt: str) -> str:
    """One question, one answer: the text of the reply."""
    response = client.converse(
        modelId=MODEL_ID,
        messages=[{"role": "user", "content": [{"text": prompt}]}],
        inferenceConfig={"maxTokens": 128},
    )
    return text_of(response)


async def ask_many(client: ChatClient, prompts: list[str]) -> list[str]:
    """Many questions at once; the answers come back in order."""
    responses = await asyncio.gather(
        *(
            client.converse_async(
                modelId=MODEL_ID, messages=[{"role": "user", "content": [{"text": p}]}]
            )
            for p in prompts
        )
    )
    return [text_of(r) for r in responses]


def main() -> None:
    with LocalBedrock() as server:
        client = server.client(max_attempts=1)
        print(ask(client, "Hello"))
        print(asyncio.run(ask_many(client, ["one", "two", "three"])))
        server.queue_error("ThrottlingException", "Too many requests", status=429)
        try:
            ask(client, "Hello again")
        except ThrottlingException as err:
            print(f"throttled: {err.code} (request {err.request_id})")
        except BedrockError as err:
            print(f"unexpected: {err}")


if __name__ == "__main__":
    main()
