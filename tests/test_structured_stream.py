"""Structured output streamed (partial values, then the instance), through converse_many
and compare, and the tolerant parser of partial JSON."""

from __future__ import annotations

import json
from typing import Any

import pytest

from fastconverse import ChatClient, LocalBedrock, Structured, StructuredOutputError, compare
from fastconverse._partial_json import MISSING, parse_partial

from .conftest import user
from .test_structured import (
    NATIVE_MODEL,
    PERSON_SCHEMA,
    TOOL_MODEL,
    Movie,
    Person,
    ask,
    reply_text,
    sent,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("", MISSING),
        ("  ", MISSING),
        ("{", {}),
        ('{"na', {}),
        ('{"name"', {}),
        ('{"name": ', {}),
        ('{"name": "Ad', {"name": "Ad"}),
        ('{"name": "Ada", "age": 3', {"name": "Ada"}),  # 3 may become 36
        ('{"name": "Ada", "age": 36,', {"name": "Ada", "age": 36}),
        ('{"a": [1, 2', {"a": [1]}),
        ('{"a": [1, 2]', {"a": [1, 2]}),
        ('{"a": tr', {}),
        ('{"a": true, "b": nul', {"a": True}),
        ('{"a": "x\\', {"a": "x"}),
        ('{"a": "\\u00e', {"a": ""}),
        ('{"a": "\\u00e9"}', {"a": "é"}),
        ('[{"b": {"c": [', [{"b": {"c": []}}]),
        ("-", MISSING),
        ('{"a": -1.5e3}', {"a": -1500.0}),
    ],
)
def test_partial_json_closes_what_is_open(text: str, value: Any) -> None:
    assert parse_partial(text) == value


def test_partial_json_refuses_what_is_not_json() -> None:
    with pytest.raises(ValueError):
        parse_partial("Sure! {")
    full = json.dumps({"k": [1, {"x": "y"}], "n": None})
    assert parse_partial(full) == json.loads(full)


def check_partials(partials: list[Any], final: dict[str, Any]) -> None:
    """Several partial values, each different from the one before, ending at the whole."""
    assert len(partials) >= 3
    assert all(a != b for a, b in zip(partials, partials[1:]))
    assert partials[-1] == final


def test_native_stream_yields_partials_then_the_instance(
    server: LocalBedrock, client: ChatClient
) -> None:
    stream = client.converse_structured_stream(Person, **ask())
    *partials, final = list(stream)
    assert isinstance(final, Person) and final.address.city == "city"
    check_partials(partials, final.model_dump())
    assert isinstance(stream.result, Structured) and stream.result.route == "native"
    assert server.requests[-1]["path"].endswith("/converse-stream")
    assert "textFormat" in sent(server)["outputConfig"]


def test_tool_stream_reads_the_tool_input_deltas(server: LocalBedrock, client: ChatClient) -> None:
    stream = client.converse_structured_stream(PERSON_SCHEMA, **ask(TOOL_MODEL))
    *partials, final = list(stream)
    assert final == {"name": "name", "age": 0}
    assert partials[-1] == final and len(partials) >= 2
    assert stream.result is not None and stream.result.route == "tool"
    assert sent(server)["toolConfig"]["toolChoice"] == {"tool": {"name": "output"}}


async def test_async_stream(server: LocalBedrock, client: ChatClient) -> None:
    stream = await client.converse_structured_stream_async(Movie, **ask())
    items = [item async for item in stream]
    assert items[-1] == {"title": "title", "year": 0, "genre": "drama"}
    check_partials(items[:-1], items[-1])


def test_a_stream_that_does_not_validate_raises_at_its_end(
    server: LocalBedrock, client: ChatClient
) -> None:
    server.queue_reply(reply_text('{"name": "Ada", "age": "thirty-six"}'))
    seen: list[Any] = []
    with pytest.raises(StructuredOutputError) as info:
        for item in client.converse_structured_stream(PERSON_SCHEMA, **ask()):
            seen.append(item)
    assert seen[-1] == {"name": "Ada", "age": "thirty-six"}
    assert info.value.errors == ["age: must be of type integer, got string"]


def requests_for(models: list[str]) -> list[dict[str, Any]]:
    return [{"modelId": m, "messages": [user(f"person {i}")]} for i, m in enumerate(models)]


def test_many_validates_each_item_on_its_own(server: LocalBedrock) -> None:
    client = server.client(max_attempts=1)
    server.queue_reply(reply_text('{"name": "Ada"}'))  # whichever request arrives first
    models = [NATIVE_MODEL, NATIVE_MODEL, TOOL_MODEL, TOOL_MODEL]
    results = client.converse_many(requests_for(models), concurrency=1, output_type=Person)
    (bad,) = [r for r in results if isinstance(r, StructuredOutputError)]
    assert results[bad.index] is bad  # type: ignore[attr-defined]
    assert "age: Field required" in bad.errors
    for model, result in zip(models, results):
        if result is not bad:
            assert isinstance(result, Structured) and result.value.name == "name"
            assert result.route == ("native" if model == NATIVE_MODEL else "tool")
    # Each request asked on its model's route.
    for recorded in server.requests:
        body = recorded["json"]
        native = "claude-sonnet-4-5" in recorded["path"]  # the path has the id URL-encoded
        assert ("outputConfig" in body) is native
        assert ("toolConfig" in body) is not native
        if not native:
            assert body["toolConfig"]["toolChoice"] == {"tool": {"name": "Person"}}
    assert results.summary["succeeded"] == 4  # all answered: validation is the client's


async def test_many_async_and_raise(server: LocalBedrock) -> None:
    client = server.client(max_attempts=1)
    results = await client.converse_many_async(
        requests_for([TOOL_MODEL, NATIVE_MODEL]), output_type=Movie
    )
    assert [r.value["genre"] for r in results] == ["drama", "drama"]
    server.queue_reply(reply_text("nope"))
    with pytest.raises(StructuredOutputError):
        await client.converse_many_async(
            requests_for([NATIVE_MODEL]), output_type=Movie, on_error="raise"
        )


def test_compare_with_an_output_type(server: LocalBedrock) -> None:
    client = server.client(max_attempts=1)
    server.queue_reply(reply_text("{}"))  # one row's answer, whichever comes first: invalid
    result = compare(client, [NATIVE_MODEL, TOOL_MODEL], ["a", "b"], output_type=PERSON_SCHEMA)
    (bad,) = [r for r in result.records if r["error"] is not None]
    assert bad["error"].startswith("StructuredOutputError: ")
    assert bad["value"] is None and bad["input_tokens"] == 5  # answered: its tokens count
    good = [r for r in result.records if r is not bad]
    assert len(good) == 3
    for row in good:
        assert row["value"] == {"name": "name", "age": 0}
        expected = "tool_use" if row["model"] == TOOL_MODEL else "end_turn"
        assert row["stop_reason"] == expected
    summary = {s["model"]: s for s in result.summary_records}
    assert summary[bad["model"]]["errors"] == 1
