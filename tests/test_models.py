"""fastconverse.models, check_request, the client's preflight and LocalBedrock's catalog mode.

Every expectation about a model is read from the data file, never written again here.
"""

from __future__ import annotations

import asyncio
import json
import pickle
import subprocess
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import fastconverse
from fastconverse import (
    ChatClient,
    PreflightWarning,
    UnsupportedFeatureError,
    ValidationException,
    check_request,
    models,
)
from fastconverse.testing import LocalBedrock

from .conftest import user

# The one data file, in the source tree; the native module compiles it in.
SOURCE = Path(__file__).resolve().parents[1] / "src" / "catalog" / "models.json"
DATA = json.loads(SOURCE.read_text("utf-8"))
FAMILIES = {f["id"]: f for f in DATA["families"]}
MESSAGES = DATA["messages"]
CHATBOT_MODELS = [
    "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
    "mistral.mistral-large-2407-v1:0",
    "us.amazon.nova-pro-v1:0",
]
UNKNOWN = "example.brand-new-model-v1:0"


def model_of(family: dict[str, Any]) -> str:
    """A model id that the family's first prefix matches."""
    return f"{family['match'][0]}-v1:0"


def family_where(**features: bool | None) -> dict[str, Any]:
    """The first family (in file order) with these feature values."""
    for family in DATA["families"]:
        if all(family["features"].get(k) == v for k, v in features.items()):
            return family
    raise AssertionError(f"no family with {features}")


def chatbot_payload() -> dict[str, Any]:
    """A multi-turn support conversation with a system prompt and a tool."""
    return {
        "system": [{"text": "You are a support assistant."}],
        "toolConfig": {
            "tools": [
                {
                    "toolSpec": {
                        "name": "lookup_order",
                        "inputSchema": {"json": {"type": "object", "properties": {}}},
                    }
                }
            ]
        },
        "messages": [
            user("Where is order 42?"),
            {
                "role": "assistant",
                "content": [{"toolUse": {"toolUseId": "t1", "name": "lookup_order", "input": {}}}],
            },
            {
                "role": "user",
                "content": [{"toolResult": {"toolUseId": "t1", "content": [{"text": "shipped"}]}}],
            },
            {"role": "assistant", "content": [{"text": "It has shipped."}]},
            user("When will it arrive?"),
        ],
    }


@pytest.fixture(scope="module")
def catalog_server() -> Iterator[LocalBedrock]:
    with LocalBedrock(catalog=True) as server:
        yield server


@pytest.fixture
def cat(catalog_server: LocalBedrock) -> LocalBedrock:
    catalog_server.reset()
    return catalog_server


# --- the data file and lookups ---


def test_the_data_file_says_its_source_and_covers_every_feature() -> None:
    assert "conversation-inference-supported-models-features" in DATA["source"]["url"]
    assert DATA["source"]["version"] and DATA["source"]["unsure"]
    boolean_features = set(models.FEATURES) - {"tool_choice"}
    assert set(DATA["features"]) == boolean_features
    for family in DATA["families"]:
        assert set(family["features"]) == boolean_features, family["id"]
        assert all(v in (True, False, None) for v in family["features"].values())
        assert family["tool_choice"] is None or "auto" in family["tool_choice"]
    providers = {f["provider"] for f in DATA["families"]}
    for provider in ("Anthropic", "Amazon", "Meta", "Mistral AI", "Cohere", "AI21 Labs"):
        assert provider in providers
    assert models.families() == list(FAMILIES)


@pytest.mark.parametrize("family_id", sorted(FAMILIES))
def test_lookup_matches_every_family_under_profiles_and_arns(family_id: str) -> None:
    family = FAMILIES[family_id]
    for prefix in family["match"]:
        base = f"{prefix}-v1:0"
        variants = [base, f"arn:aws:bedrock:us-west-2::foundation-model/{base}"]
        for geo in DATA["inference_profile_prefixes"]:
            variants.append(f"{geo}.{base}")
            variants.append(
                f"arn:aws:bedrock:us-east-1:123456789012:inference-profile/{geo}.{base}"
            )
        for model_id in variants:
            info = models.lookup(model_id)
            assert info is not None, model_id
            assert info.id == family_id, model_id
            assert info.model_id == model_id
            assert info.max_output_tokens == family["max_output_tokens"]
            assert info.context_window == family["context_window"]
            for feature, value in family["features"].items():
                assert info.supports(feature) is value
                assert models.supports(model_id, feature) is value


def test_unknown_models_and_features_answer_unknown_never_a_guess() -> None:
    for model_id in [
        UNKNOWN,
        "",
        "anthropic",
        "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123",
        "arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc123",
    ]:
        assert models.lookup(model_id) is None
        assert models.supports(model_id, "tool_use") is None
    unsure = next((f, k) for f in DATA["families"] for k, v in f["features"].items() if v is None)
    assert models.supports(model_of(unsure[0]), unsure[1]) is None
    with pytest.raises(ValueError, match="unknown feature"):
        models.supports(CHATBOT_MODELS[0], "telepathy")
    with pytest.raises(TypeError):
        models.lookup(42)  # type: ignore[arg-type]


def test_feature_names_accept_spaces_and_aliases() -> None:
    family = family_where(tool_use=False, image=False)
    model = model_of(family)
    for name in ("tool use", "Tool Use", "tool_use", "tools"):
        assert models.supports(model, name) is False
    assert models.supports(model, "vision") is False
    claude = FAMILIES["anthropic.claude-sonnet-4-5"]
    assert models.supports(CHATBOT_MODELS[0], "cachePoint") is claude["features"]["cache_point"]
    assert models.supports(CHATBOT_MODELS[0], "tool_choice.any") is ("any" in claude["tool_choice"])


# --- check_request ---


def test_check_request_names_the_feature_and_the_path_first() -> None:
    family = family_where(tool_use=False)
    model = model_of(family)
    problems = check_request({**chatbot_payload(), "modelId": model})
    assert problems, family["id"]
    first = problems[0]
    assert (first.feature, first.path, first.model) == ("tool_use", "toolConfig", model)
    assert first.message == MESSAGES["tool_use"]
    paths = [p.path for p in problems]
    assert "messages[1].content[0].toolUse" in paths
    assert "messages[2].content[0].toolResult" in paths


def test_check_request_walks_blocks_and_fields() -> None:
    family = family_where(image=False, reasoning=False, cache_point=False)
    model = model_of(family)
    request: dict[str, Any] = {
        "modelId": f"us.{model}",
        "messages": [
            {
                "role": "user",
                "content": [
                    {"text": "look"},
                    {"image": {"format": "png", "source": {"bytes": b"\x89PNG"}}},
                    {"cachePoint": {"type": "default"}},
                ],
            }
        ],
        "additionalModelRequestFields": {"thinking": {"type": "enabled", "budget_tokens": 1024}},
        "inferenceConfig": {"maxTokens": family["max_output_tokens"] + 1},
    }
    found = {(p.feature, p.path) for p in check_request(request)}
    assert found == {
        ("image", "messages[0].content[1].image"),
        ("cache_point", "messages[0].content[2].cachePoint"),
        ("max_tokens", "inferenceConfig.maxTokens"),
        ("reasoning", "additionalModelRequestFields.thinking"),
    }
    request["inferenceConfig"]["maxTokens"] = family["max_output_tokens"]
    assert "max_tokens" not in {p.feature for p in check_request(request)}


def test_check_request_system_prompts_tool_choice_and_streaming() -> None:
    no_system = family_where(system_prompts=False)
    problems = check_request(
        {"modelId": model_of(no_system), "system": [{"text": "s"}], "messages": [user("hi")]}
    )
    assert [(p.feature, p.path) for p in problems] == [("system_prompts", "system[0]")]
    assert problems[0].message == MESSAGES["system_prompts"]

    limited = next(
        f
        for f in DATA["families"]
        if f["features"]["tool_use"] and f["tool_choice"] and "any" not in f["tool_choice"]
    )
    request = {**chatbot_payload(), "modelId": model_of(limited)}
    request["toolConfig"] = {**request["toolConfig"], "toolChoice": {"any": {}}}
    problems = check_request(request)
    assert [(p.feature, p.path) for p in problems] == [("tool_choice", "toolConfig.toolChoice.any")]
    assert problems[0].message == MESSAGES["tool_choice"].replace(
        "{field}", "toolConfig.toolChoice.any"
    )

    no_stream_tools = family_where(tool_use=True, streaming_tool_use=False)
    request = {**chatbot_payload(), "modelId": model_of(no_stream_tools)}
    assert check_request(request) == []
    assert [p.feature for p in check_request(request, streaming=True)] == ["streaming_tool_use"]


def test_check_request_reports_nothing_for_unknown_models_or_unknown_features() -> None:
    assert check_request({**chatbot_payload(), "modelId": UNKNOWN}) == []
    assert check_request({"messages": []}) == []
    unsure = family_where(structured_output=None)
    request = {
        "modelId": model_of(unsure),
        "messages": [user("hi")],
        "outputConfig": {"textFormat": {"type": "json_schema"}},
    }
    assert "structured_output" not in {p.feature for p in check_request(request)}
    with pytest.raises(TypeError):
        check_request("not a request")  # type: ignore[arg-type]


def test_same_payload_has_no_problems_on_the_three_chatbot_models() -> None:
    for model in CHATBOT_MODELS:
        assert models.lookup(model) is not None, model
        assert check_request({**chatbot_payload(), "modelId": model}) == [], model


# --- LocalBedrock's catalog mode ---


def test_the_same_multi_turn_payload_runs_unchanged_on_three_families(cat: LocalBedrock) -> None:
    client = cat.client(max_attempts=1)
    providers = set()
    for model in CHATBOT_MODELS:
        payload = chatbot_payload()
        response = client.converse(modelId=model, **payload)
        assert response["output"]["message"]["content"][0]["text"] == "When will it arrive?"
        assert payload == chatbot_payload()  # unchanged
        info = models.lookup(model)
        assert info is not None
        providers.add(info.provider)
    assert len(providers) == 3


def test_a_model_without_tool_use_gets_bedrocks_validation_exception(cat: LocalBedrock) -> None:
    model = model_of(family_where(tool_use=False))
    client = cat.client(max_attempts=1)
    with pytest.raises(ValidationException) as caught:
        client.converse(modelId=model, **chatbot_payload())
    assert caught.value.message == MESSAGES["tool_use"]
    assert caught.value.status_code == 400
    assert caught.value.message == check_request({**chatbot_payload(), "modelId": model})[0].message
    # boto3 sees the same answer.
    boto = cat.boto3_client()
    with pytest.raises(Exception) as from_boto:
        boto.converse(modelId=model, **chatbot_payload())
    assert from_boto.value.response["Error"] == {  # type: ignore[attr-defined]
        "Code": "ValidationException",
        "Message": MESSAGES["tool_use"],
    }


def test_streaming_tool_use_is_refused_only_in_streams(cat: LocalBedrock) -> None:
    model = model_of(family_where(tool_use=True, streaming_tool_use=False))
    client = cat.client(max_attempts=1)
    client.converse(modelId=model, **chatbot_payload())
    with pytest.raises(ValidationException) as caught:
        client.converse_stream(modelId=model, **chatbot_payload())
    assert caught.value.message == MESSAGES["streaming_tool_use"]
    stream_ok = CHATBOT_MODELS[0]
    with client.converse_stream(modelId=stream_ok, **chatbot_payload()) as stream:
        assert "".join(stream.iter_text()) == "When will it arrive?"


def test_echo_replies_keep_to_each_models_output_limit(cat: LocalBedrock) -> None:
    family = min(
        (f for f in DATA["families"] if f["max_output_tokens"]),
        key=lambda f: f["max_output_tokens"],
    )
    limit = family["max_output_tokens"]
    model = model_of(family)
    long_text = "word " * (limit + 100)
    client = cat.client(max_attempts=1)
    response = client.converse(modelId=model, messages=[user(long_text)])
    assert response["stopReason"] == "max_tokens"
    assert response["usage"]["outputTokens"] == limit
    # maxTokens above the limit: Bedrock's message, with the limit from the data file.
    with pytest.raises(ValidationException) as caught:
        client.converse(
            modelId=model, messages=[user("hi")], inferenceConfig={"maxTokens": limit + 1}
        )
    assert caught.value.message == MESSAGES["max_tokens"].replace("{limit}", str(limit))
    # Unknown models keep the permissive echo model: no limit, every feature accepted.
    response = client.converse(
        modelId=UNKNOWN,
        messages=[user(long_text)],
        **{k: v for k, v in chatbot_payload().items() if k != "messages"},
    )
    assert response["stopReason"] == "end_turn"


def test_without_the_catalog_the_echo_model_stays_permissive(server: LocalBedrock) -> None:
    assert not server.catalog
    model = model_of(family_where(tool_use=False))
    response = server.client(max_attempts=1).converse(modelId=model, **chatbot_payload())
    assert response["stopReason"] == "end_turn"


def test_a_refused_request_leaves_the_queue_alone(cat: LocalBedrock) -> None:
    cat.queue_reply(
        {
            "output": {"message": {"role": "assistant", "content": [{"text": "queued"}]}},
            "stopReason": "end_turn",
            "usage": {"inputTokens": 1, "outputTokens": 1, "totalTokens": 2},
            "metrics": {"latencyMs": 1},
        }
    )
    client = cat.client(max_attempts=1)
    with pytest.raises(ValidationException):
        client.converse(modelId=model_of(family_where(tool_use=False)), **chatbot_payload())
    reply = client.converse(modelId=CHATBOT_MODELS[0], messages=[user("hi")])
    assert reply["output"]["message"]["content"][0]["text"] == "queued"


def test_local_bedrock_model_knobs_are_checked() -> None:
    with pytest.raises(ValueError, match="model_max_concurrency"):
        LocalBedrock(model_max_concurrency={"m": 0})
    with pytest.raises(ValueError, match="model_latency"):
        LocalBedrock(model_latency={"m": -1.0})
    with LocalBedrock(model_latency={"m": 0.25}, model_max_concurrency={"m": 2}) as server:
        assert server.model_latency == {"m": 0.25}
        assert server.model_max_concurrency == {"m": 2}
        assert not server.catalog


# --- the client's preflight ---


def no_tools_request() -> dict[str, Any]:
    return {**chatbot_payload(), "modelId": model_of(family_where(tool_use=False))}


def test_preflight_off_by_default_sends_and_bedrock_decides(cat: LocalBedrock) -> None:
    client = cat.client(max_attempts=1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValidationException):
            client.converse(**no_tools_request())
    assert len(cat.requests) == 1


def test_preflight_warn_names_the_problems_and_still_sends(server: LocalBedrock) -> None:
    client = server.client(max_attempts=1, preflight="warn")
    with pytest.warns(PreflightWarning) as record:
        response = client.converse(**no_tools_request())
    assert response["stopReason"] == "end_turn"  # the catalog is off: the echo answers
    warning = record[0].message
    assert isinstance(warning, PreflightWarning)
    assert isinstance(warning, UserWarning)
    assert warning.problems[0].feature == "tool_use"
    assert "toolConfig" in str(warning)
    assert record[0].filename == __file__
    assert len(server.requests) == 1


def test_preflight_error_raises_before_anything_is_sent(server: LocalBedrock) -> None:
    client = server.client(max_attempts=1, preflight="error")
    request = no_tools_request()
    with pytest.raises(UnsupportedFeatureError) as caught:
        client.converse(**request)
    assert isinstance(caught.value, fastconverse.BedrockError)
    assert isinstance(caught.value, ValueError)
    assert caught.value.problems[0].path == "toolConfig"
    with pytest.raises(UnsupportedFeatureError):
        client.converse_stream(**request)
    with pytest.raises(UnsupportedFeatureError):
        asyncio.run(client.converse_async(**request))
    with pytest.raises(UnsupportedFeatureError):
        asyncio.run(client.converse_stream_async(**request))
    assert server.requests == []
    # A supported request goes through.
    assert client.converse(modelId=CHATBOT_MODELS[1], **chatbot_payload())["stopReason"]
    # Streaming-only problems are caught for streams only.
    stream_only = {
        **chatbot_payload(),
        "modelId": model_of(family_where(tool_use=True, streaming_tool_use=False)),
    }
    client.converse(**stream_only)
    with pytest.raises(UnsupportedFeatureError) as caught:
        client.converse_stream(**stream_only)
    assert caught.value.problems[0].feature == "streaming_tool_use"
    err = pickle.loads(pickle.dumps(caught.value))
    assert err.problems == caught.value.problems


def test_preflight_in_converse_many(server: LocalBedrock) -> None:
    good = {**chatbot_payload(), "modelId": CHATBOT_MODELS[0]}
    warn = server.client(max_attempts=1, preflight="warn")
    with pytest.warns(PreflightWarning, match=r"requests\[1\]"):
        results = warn.converse_many([good, no_tools_request()])
    assert [r["stopReason"] for r in results] == ["end_turn", "end_turn"]
    error = server.client(max_attempts=1, preflight="error")
    with pytest.raises(UnsupportedFeatureError, match=r"requests\[1\]"):
        error.converse_many([good, no_tools_request()])
    with pytest.raises(ValueError, match="not one dict"):
        error.converse_many(good)  # type: ignore[arg-type]


def test_preflight_keeps_to_pickling_and_repr() -> None:
    client = ChatClient(region_name="us-east-1", preflight="error")
    assert "preflight='error'" in repr(client) or 'preflight="error"' in repr(client)
    clone = pickle.loads(pickle.dumps(client))
    assert repr(clone) == repr(client)
    assert "preflight" not in repr(ChatClient(region_name="us-east-1"))
    with pytest.raises(ValueError, match="preflight must be"):
        ChatClient(preflight="loud")  # type: ignore[arg-type]


def test_serve_takes_catalog() -> None:
    from fastconverse.cli import _parser

    assert _parser().parse_args(["serve", "--catalog"]).catalog is True
    assert _parser().parse_args(["serve"]).catalog is False


def test_the_model_table_loads_on_first_use_not_at_import() -> None:
    # Importing it costs more than the whole client does; most programs never use it.
    program = (
        "import sys, fastconverse\n"
        "assert 'fastconverse.models' not in sys.modules\n"
        "assert 'fastconverse._compare' not in sys.modules\n"
        "assert fastconverse.models.lookup is fastconverse.models.lookup\n"
        "from fastconverse import check_request, compare, Problem\n"
        "assert 'fastconverse.models' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", program], check=True)


def test_the_catalog_is_one_file_compiled_into_the_native_module() -> None:
    # The package ships no copy of its own: models.catalog() is the source file's data,
    # as the native module (the preflight and LocalBedrock) holds it.
    assert not (Path(fastconverse.__file__).parent / "data" / "models.json").exists()
    assert json.loads(fastconverse._native._catalog_json()) == DATA
    assert models.catalog() == DATA
