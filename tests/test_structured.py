"""Structured output against LocalBedrock: every route, with the request that reached it."""

from __future__ import annotations

import dataclasses
import enum
import json
from typing import Any, Optional

import pytest
from typing_extensions import Literal, TypedDict

from fastconverse import (
    ChatClient,
    LocalBedrock,
    StructuredOutputError,
    UnsupportedSchemaError,
)
from fastconverse._structured import OutputSpec, Structured, adapt_schema

from .conftest import user

pydantic = pytest.importorskip("pydantic")

NATIVE_MODEL = "us.anthropic.claude-sonnet-4-5-20250929-v1:0"  # structured_output: true
TOOL_MODEL = "us.anthropic.claude-3-5-haiku-20241022-v1:0"  # structured_output: false
UNKNOWN_MODEL = "example.new-model-v1:0"


class Address(pydantic.BaseModel):
    city: str
    zip_code: str


class Person(pydantic.BaseModel):
    """A person and where they live."""

    name: str
    age: int
    tags: list[str]
    address: Address
    nickname: Optional[str] = None  # noqa: UP045 (evaluated at run time, Python 3.9)


class Color(enum.Enum):
    RED = "red"
    BLUE = "blue"


@dataclasses.dataclass
class Item:
    label: str
    count: int
    color: Color


@dataclasses.dataclass
class Order:
    items: list[Item]
    express: bool
    note: Optional[str] = None  # noqa: UP045 (evaluated at run time, Python 3.9)


class Movie(TypedDict):
    title: str
    year: int
    genre: Literal["drama", "comedy"]


PERSON_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"name": {"type": "string"}, "age": {"type": "integer", "minimum": 0}},
    "required": ["name", "age"],
}


def ask(model: str = NATIVE_MODEL, text: str = "Tell me about Ada") -> dict[str, Any]:
    return {"modelId": model, "messages": [user(text)]}


def sent(server: LocalBedrock, n: int = -1) -> dict[str, Any]:
    return server.requests[n]["json"]  # type: ignore[no-any-return]


def sent_schema(body: dict[str, Any]) -> dict[str, Any]:
    definition = body["outputConfig"]["textFormat"]["structure"]["jsonSchema"]
    return json.loads(definition["schema"])  # type: ignore[no-any-return]


def test_native_route_sends_text_format_and_validates_a_pydantic_model(
    server: LocalBedrock, client: ChatClient
) -> None:
    result = client.converse_structured(Person, **ask())
    assert isinstance(result, Structured) and result.route == "native"
    assert result.value == Person(
        name="name",
        age=0,
        tags=["tags"],
        address=Address(city="city", zip_code="zip_code"),
        nickname="nickname",
    )
    assert result.response["stopReason"] == "end_turn"
    body = sent(server)
    assert "toolConfig" not in body
    text_format = body["outputConfig"]["textFormat"]
    assert text_format["type"] == "json_schema"
    definition = text_format["structure"]["jsonSchema"]
    assert definition["name"] == "Person"
    assert definition["description"] == "A person and where they live."
    schema = json.loads(definition["schema"])
    assert schema["additionalProperties"] is False
    assert schema["$defs"]["Address"]["additionalProperties"] is False
    assert schema["required"] == ["name", "age", "tags", "address"]


def test_tool_route_forces_a_tool_call_for_models_without_structured_output(
    server: LocalBedrock, client: ChatClient
) -> None:
    result = client.converse_structured(Person, **ask(TOOL_MODEL))
    assert result.route == "tool"
    assert result.value.address.city == "city"
    assert result.response["stopReason"] == "tool_use"
    body = sent(server)
    assert "outputConfig" not in body
    (tool,) = body["toolConfig"]["tools"]
    assert tool["toolSpec"]["name"] == "Person"
    assert tool["toolSpec"]["inputSchema"]["json"]["additionalProperties"] is False
    # strict only where the model supports structured output.
    assert "strict" not in tool["toolSpec"]
    assert body["toolConfig"]["toolChoice"] == {"tool": {"name": "Person"}}


def test_the_tool_route_is_strict_where_the_model_supports_it_and_keeps_callers_tools(
    server: LocalBedrock, client: ChatClient
) -> None:
    own_tool = {"toolSpec": {"name": "lookup", "inputSchema": {"json": {"type": "object"}}}}
    request = {**ask(NATIVE_MODEL), "toolConfig": {"tools": [own_tool]}}
    result = client.converse_structured(Movie, route="tool", **request)
    assert result.value == {"title": "title", "year": 0, "genre": "drama"}
    tools = sent(server)["toolConfig"]["tools"]
    assert [t["toolSpec"]["name"] for t in tools] == ["lookup", "Movie"]
    assert tools[1]["toolSpec"]["strict"] is True


def test_unknown_models_take_the_tool_route(server: LocalBedrock, client: ChatClient) -> None:
    assert client.converse_structured(Movie, **ask(UNKNOWN_MODEL)).route == "tool"


def test_dataclasses_and_enums_are_built_without_pydantic(
    server: LocalBedrock, client: ChatClient
) -> None:
    result = client.converse_structured(Order, **ask())
    assert result.value == Order(items=[Item("label", 0, Color.RED)], express=True, note="note")
    schema = sent_schema(sent(server))
    assert schema["properties"]["items"]["items"] == {"$ref": "#/$defs/Item"}
    assert schema["$defs"]["Item"]["properties"]["color"] == {"enum": ["red", "blue"]}
    assert schema["required"] == ["items", "express"]


def test_a_json_schema_dict_gives_a_dict_and_bounds_move_to_the_description(
    server: LocalBedrock, client: ChatClient
) -> None:
    result = client.converse_structured(PERSON_SCHEMA, **ask())
    assert result.value == {"name": "name", "age": 0}
    age = sent_schema(sent(server))["properties"]["age"]
    assert age == {"type": "integer", "description": "(minimum: 0)"}


def test_an_invalid_reply_raises_with_the_raw_text_and_the_errors(
    server: LocalBedrock, client: ChatClient
) -> None:
    server.queue_reply(reply_text('{"name": "Ada", "age": "old"}'))
    with pytest.raises(StructuredOutputError) as info:
        client.converse_structured(PERSON_SCHEMA, **ask())
    err = info.value
    assert err.raw_text == '{"name": "Ada", "age": "old"}'
    assert err.errors == ["age: must be of type integer, got string"]
    assert err.response["output"]["message"]["content"][0]["text"] == err.raw_text
    assert err.code == "StructuredOutputError"
    assert len(server.requests) == 1


def test_pydantic_errors_name_the_field(server: LocalBedrock, client: ChatClient) -> None:
    server.queue_reply(reply_text('{"name": "Ada"}'))
    with pytest.raises(StructuredOutputError) as info:
        client.converse_structured(Person, **ask())
    assert "age: Field required" in info.value.errors


def test_text_that_is_not_json_is_a_validation_error(
    server: LocalBedrock, client: ChatClient
) -> None:
    server.queue_reply(reply_text("Sure! Ada is 36."))
    with pytest.raises(StructuredOutputError) as info:
        client.converse_structured(PERSON_SCHEMA, **ask())
    assert info.value.errors[0].startswith("(root): not valid JSON")
    assert info.value.raw_text == "Sure! Ada is 36."


def test_a_repair_round_resends_with_the_errors_on_the_native_route(
    server: LocalBedrock, client: ChatClient
) -> None:
    server.queue_reply(reply_text('{"name": "Ada", "age": -1}'))
    result = client.converse_structured(PERSON_SCHEMA, repair_rounds=1, **ask())
    assert result.value == {"name": "name", "age": 0}
    assert len(server.requests) == 2
    messages = sent(server)["messages"]
    assert [m["role"] for m in messages] == ["user", "assistant", "user"]
    assert messages[1]["content"][0]["text"] == '{"name": "Ada", "age": -1}'
    repair = messages[2]["content"][0]["text"]
    assert "age: must have at least 0" in repair
    # The schema is sent again, unchanged.
    assert sent(server)["outputConfig"] == sent(server, 0)["outputConfig"]


def test_a_repair_round_answers_the_tool_call_with_an_error_result(
    server: LocalBedrock, client: ChatClient
) -> None:
    server.queue_reply(reply_tool("Movie", {"title": "Heat", "year": "1995", "genre": "drama"}))
    result = client.converse_structured(Movie, repair_rounds=2, **ask(TOOL_MODEL))
    assert result.value["title"] == "title"
    messages = sent(server)["messages"]
    assert messages[1]["content"][0]["toolUse"]["toolUseId"] == "t-bad"
    tool_result = messages[2]["content"][0]["toolResult"]
    assert tool_result["toolUseId"] == "t-bad" and tool_result["status"] == "error"
    assert "year: must be of type integer, got string" in tool_result["content"][0]["text"]


def test_repair_rounds_run_out(server: LocalBedrock, client: ChatClient) -> None:
    for _ in range(3):
        server.queue_reply(reply_text("{}"))
    with pytest.raises(StructuredOutputError) as info:
        client.converse_structured(PERSON_SCHEMA, repair_rounds=2, **ask())
    assert len(server.requests) == 3
    assert info.value.errors == ["name: is required", "age: is required"]


async def test_async_native_tool_and_repair(server: LocalBedrock, client: ChatClient) -> None:
    native = await client.converse_structured_async(Person, **ask())
    assert native.route == "native" and native.value.name == "name"
    tool = await client.converse_structured_async(Order, **ask(TOOL_MODEL))
    assert tool.route == "tool" and tool.value.items[0].color is Color.RED
    assert sent(server)["toolConfig"]["toolChoice"] == {"tool": {"name": "Order"}}
    server.queue_reply(reply_text("[]"))
    repaired = await client.converse_structured_async(Movie, repair_rounds=1, **ask())
    assert repaired.value["genre"] == "drama"
    assert (
        "(root): must be of type object, got array"
        in (sent(server)["messages"][2]["content"][0]["text"])
    )


@pytest.mark.parametrize(
    ("schema", "complaint"),
    [
        (
            {"type": "object", "properties": {"a": {"not": {"type": "string"}}}},
            "properties.a: Bedrock does not take 'not'",
        ),
        (
            {"type": "object", "additionalProperties": {"type": "integer"}},
            "only additionalProperties: false",
        ),
        (
            {
                "$defs": {"N": {"type": "object", "properties": {"next": {"$ref": "#/$defs/N"}}}},
                "$ref": "#/$defs/N",
            },
            "recursive",
        ),
        ({"type": "array", "items": {"type": "string"}}, "must be an object"),
        (
            {"type": "object", "properties": {"a": {"$ref": "https://x/s.json"}}},
            "outside the schema",
        ),
    ],
)
def test_schemas_bedrock_refuses_raise_before_sending(
    server: LocalBedrock, client: ChatClient, schema: dict[str, Any], complaint: str
) -> None:
    with pytest.raises(UnsupportedSchemaError, match=complaint):
        client.converse_structured(schema, **ask())
    assert server.requests == []


def test_dict_fields_are_refused_with_advice() -> None:
    class Scores(TypedDict):
        by_name: dict[str, int]

    with pytest.raises(UnsupportedSchemaError, match="free-form mapping"):
        ChatClient(region_name="us-east-1").converse_structured(Scores, **ask())


def test_adapt_schema_keeps_what_bedrock_takes() -> None:
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {
            "when": {"type": "string", "format": "date-time"},
            "code": {"type": "string", "format": "iban", "minLength": 5},
            "kind": {"oneOf": [{"const": "a"}, {"const": "b"}]},
            "list": {"type": "array", "items": {"type": "integer"}, "minItems": 1},
        },
    }
    assert adapt_schema(schema) == {
        "type": "object",
        "properties": {
            "when": {"type": "string", "format": "date-time"},
            "code": {"type": "string", "description": "(format: iban, minLength: 5)"},
            "kind": {"anyOf": [{"const": "a"}, {"const": "b"}]},
            "list": {"type": "array", "items": {"type": "integer"}, "minItems": 1},
        },
        "additionalProperties": False,
    }


def test_localbedrock_echoes_when_the_forced_tool_is_not_defined(server: LocalBedrock) -> None:
    boto = server.boto3_client()
    request = {
        **ask(),
        "toolConfig": {
            "tools": [{"toolSpec": {"name": "a", "inputSchema": {"json": {"type": "object"}}}}],
            "toolChoice": {"tool": {"name": "b"}},
        },
    }
    reply = boto.converse(**request)
    assert reply["output"]["message"]["content"] == [{"text": "Tell me about Ada"}]


def test_boto3_gets_the_same_instance_from_localbedrock(server: LocalBedrock) -> None:
    # Users' own tests get schema-valid replies offline, whatever client they use.
    body = OutputSpec(Person).request(ask(), "native", False)
    response = server.boto3_client().converse(**body)
    assert Person.model_validate_json(response["output"]["message"]["content"][0]["text"])


def reply_text(text: str) -> dict[str, Any]:
    return {
        "output": {"message": {"role": "assistant", "content": [{"text": text}]}},
        "stopReason": "end_turn",
        "usage": {"inputTokens": 5, "outputTokens": 5, "totalTokens": 10},
        "metrics": {"latencyMs": 1},
    }


def reply_tool(name: str, tool_input: Any) -> dict[str, Any]:
    use = {"toolUse": {"toolUseId": "t-bad", "name": name, "input": tool_input}}
    return {
        "output": {"message": {"role": "assistant", "content": [use]}},
        "stopReason": "tool_use",
        "usage": {"inputTokens": 5, "outputTokens": 5, "totalTokens": 10},
        "metrics": {"latencyMs": 1},
    }
