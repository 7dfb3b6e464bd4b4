"""A support chatbot's conversations run side by side on Claude, Mistral and Nova, offline.

The same multi-turn payload (a system prompt, a tool, a tool call and its result) goes to
three model families through ``fastconverse.compare``, against LocalBedrock with its model
catalog on, so that a model lacking a feature the payload uses fails here as it would on
Bedrock. ``check_request`` says the same before anything is sent. Run it as a script; the
tests run it too. On Bedrock, drop LocalBedrock and pass your own ``ChatClient``.
"""

from __future__ import annotations

from typing import Any

from fastconverse import LocalBedrock, check_request, compare
from fastconverse._compare import format_table

MODELS = [
    "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
    "mistral.mistral-large-2407-v1:0",
    "us.amazon.nova-pro-v1:0",
]
#: A model without tool use, to show what the catalog catches.
NO_TOOLS_MODEL = "meta.llama3-8b-instruct-v1:0"

SYSTEM = [{"text": "You are the support assistant of an online shop. Be brief and polite."}]
TOOLS = {
    "tools": [
        {
            "toolSpec": {
                "name": "lookup_order",
                "description": "Finds an order's status by its number.",
                "inputSchema": {
                    "json": {
                        "type": "object",
                        "properties": {"order_id": {"type": "string"}},
                        "required": ["order_id"],
                    }
                },
            }
        }
    ]
}
# Illustrative prices per 1M tokens, not current list prices.
PRICES = {
    MODELS[0]: {"input_per_1m": 3.0, "output_per_1m": 15.0},
    MODELS[1]: {"input_per_1m": 2.0, "output_per_1m": 6.0},
    MODELS[2]: {"input_per_1m": 0.8, "output_per_1m": 3.2},
}


def conversation(order_id: str, question: str) -> dict[str, Any]:
    """One support conversation: the customer asks, the bot looked the order up, and the
    customer follows up."""
    return {
        "system": SYSTEM,
        "toolConfig": TOOLS,
        "inferenceConfig": {"maxTokens": 512, "temperature": 0.2},
        "messages": [
            {"role": "user", "content": [{"text": f"Where is my order {order_id}?"}]},
            {
                "role": "assistant",
                "content": [
                    {
                        "toolUse": {
                            "toolUseId": "t1",
                            "name": "lookup_order",
                            "input": {"order_id": order_id},
                        }
                    }
                ],
            },
            {
                "role": "user",
                "content": [
                    {
                        "toolResult": {
                            "toolUseId": "t1",
                            "content": [{"json": {"status": "shipped", "eta": "2 days"}}],
                        }
                    }
                ],
            },
            {"role": "assistant", "content": [{"text": "It has shipped and arrives in 2 days."}]},
            {"role": "user", "content": [{"text": question}]},
        ],
    }


def main() -> dict[str, Any]:
    """Runs the comparison and prints it; returns what the tests look at."""
    questions = ["Can I change the address?", "Can I cancel it?", "Is there a tracking link?"]
    requests = [conversation(f"A-{100 + i}", q) for i, q in enumerate(questions)]

    # Before sending: which models would refuse this payload, and where.
    problems = check_request({**requests[0], "modelId": NO_TOOLS_MODEL})
    for problem in problems:
        print(f"{NO_TOOLS_MODEL}: {problem.feature} at {problem.path}")

    with LocalBedrock(catalog=True) as server:
        client = server.client()
        result = compare(client, [*MODELS, NO_TOOLS_MODEL], requests, prices=PRICES)
    print(format_table(result.summary_records, ["model", "requests", "errors", "cost"]))
    return {"problems": problems, "result": result}


if __name__ == "__main__":
    main()
