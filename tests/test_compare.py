"""fastconverse.compare, the compare command and the chatbot example, against LocalBedrock."""

from __future__ import annotations

import importlib.util
import json
import pathlib
import sys
from typing import Any

import pytest

from fastconverse import Comparison, LocalBedrock, compare
from fastconverse._compare import ROW_COLUMNS, SUMMARY_COLUMNS
from fastconverse.cli import main

from .conftest import user
from .test_models import CHATBOT_MODELS, UNKNOWN, family_where, model_of

ROOT = pathlib.Path(__file__).resolve().parent.parent


def prompts(n: int) -> list[dict[str, Any]]:
    return [{"messages": [user(f"question {i}")]} for i in range(n)]


def test_three_models_twenty_requests_sixty_rows_in_a_stable_order(server: LocalBedrock) -> None:
    client = server.client(max_attempts=1)
    result = compare(client, CHATBOT_MODELS, prompts(20), concurrency=8)
    assert isinstance(result, Comparison)
    rows = result.records
    assert len(rows) == 60
    assert [(r["model"], r["request"]) for r in rows] == [
        (m, i) for m in CHATBOT_MODELS for i in range(20)
    ]
    for row in rows:
        assert list(row) == list(ROW_COLUMNS)
        assert row["text"] == f"question {row['request']}"
        assert row["stop_reason"] == "end_turn"
        # Priced from prices.json: each of these models has an entry.
        assert row["error"] is None and row["cost"] > 0
        assert row["output_tokens"] > 0 and row["latency_ms"] == 0
    summary = result.summary_records
    assert [s["model"] for s in summary] == CHATBOT_MODELS
    for s in summary:
        mine = [r for r in rows if r["model"] == s["model"]]
        assert list(s) == list(SUMMARY_COLUMNS)
        assert (s["requests"], s["errors"], s["error_rate"]) == (20, 0, 0.0)
        assert s["input_tokens"] == sum(r["input_tokens"] for r in mine)
        assert s["output_tokens"] == sum(r["output_tokens"] for r in mine)
        assert s["latency_p50_ms"] == 0 and s["latency_p95_ms"] == 0
    # Every request reached the server once, with the model substituted.
    sent = sorted(
        (r["path"], r["json"]["messages"][0]["content"][0]["text"]) for r in server.requests
    )
    assert len(sent) == 60 and len(set(sent)) == 60


def test_rows_are_dataframes_with_pandas_and_records_without(
    server: LocalBedrock, monkeypatch: pytest.MonkeyPatch
) -> None:
    pandas = pytest.importorskip("pandas")
    client = server.client(max_attempts=1)
    result = compare(client, CHATBOT_MODELS[:2], ["hi", "there"])
    assert isinstance(result.rows, pandas.DataFrame)
    assert list(result.rows.columns) == list(ROW_COLUMNS)
    assert result.rows.to_dict("records") == result.records
    assert len(result.summary) == 2
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now fails
    rows, summary, records, _ = compare(client, CHATBOT_MODELS[:2], ["hi", "there"])
    assert rows == records and isinstance(summary, list)


def test_errors_latency_percentiles_and_cost(server: LocalBedrock) -> None:
    client = server.client(max_attempts=1)
    prices = {
        CHATBOT_MODELS[0]: {"input_per_1m": 3.0, "output_per_1k": 0.015},
        CHATBOT_MODELS[1]: {"input_per_1k": 0.002, "cache_read_per_1m": 0.5},
    }
    server.queue_error("ValidationException", "bad request")  # whichever request is first
    result = compare(client, CHATBOT_MODELS[:2], ["one two", "three"], prices=prices)
    failed = [r for r in result.records if r["error"] is not None]
    assert len(failed) == 1
    assert failed[0]["error"] == "ValidationException: bad request"
    assert failed[0]["text"] is None and failed[0]["cost"] is None
    summary = {s["model"]: s for s in result.summary_records}
    assert summary[failed[0]["model"]]["errors"] == 1
    assert summary[failed[0]["model"]]["error_rate"] == 0.5
    assert sum(s["errors"] for s in summary.values()) == 1
    for row in result.records:
        if row["error"] is None and row["model"] == CHATBOT_MODELS[0]:
            expected = row["input_tokens"] * 3e-6 + row["output_tokens"] * 15e-6
            assert row["cost"] == pytest.approx(expected)
        elif row["error"] is None:
            assert row["cost"] == pytest.approx(row["input_tokens"] * 2e-6)
    for model, s in summary.items():
        ok = [r["cost"] for r in result.records if r["model"] == model and r["error"] is None]
        assert s["cost"] == pytest.approx(sum(ok)) and s["cost"] > 0
    unpriced = compare(client, [UNKNOWN], ["x"], prices=None).summary_records
    assert unpriced[0]["cost"] is None
    with pytest.raises(ValueError, match="unknown key"):
        compare(client, CHATBOT_MODELS[:1], ["x"], prices={CHATBOT_MODELS[0]: {"in": 1.0}})
    with pytest.raises(ValueError, match="not compared"):
        compare(client, CHATBOT_MODELS[:1], ["x"], prices={"other": {"input_per_1k": 1.0}})
    with pytest.raises(TypeError):
        compare(client, CHATBOT_MODELS[0], ["x"])  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        compare(client, [], ["x"])


def test_latency_percentiles_come_from_each_models_latency() -> None:
    slow = "example.slow-model-v1:0"
    with LocalBedrock(model_latency={slow: 0.02}) as server:
        result = compare(server.client(max_attempts=1), [slow, "example.fast-v1:0"], ["a", "b"])
    summary = {s["model"]: s for s in result.summary_records}
    assert summary[slow]["latency_p50_ms"] == 20 and summary[slow]["latency_p95_ms"] == 20
    assert summary["example.fast-v1:0"]["latency_p95_ms"] == 0


def test_a_throttling_model_does_not_slow_the_others() -> None:
    """The throttled model is served one request at a time (and refuses more); the others
    must all be answered while it has answered only a few of its requests."""
    throttled = "example.throttled-model-v1:0"
    others = ["example.fast-a-v1:0", "example.fast-b-v1:0"]
    with LocalBedrock(
        model_latency={throttled: 0.05}, model_max_concurrency={throttled: 1}
    ) as server:
        client = server.client(max_attempts=1)
        result = compare(client, [throttled, *others], prompts(20), concurrency=8)
        log = server.requests
        stats = server.stats()
    assert len(result.records) == 60
    assert stats["throttled"] > 0  # it did throttle
    assert all(r["error"] is None for r in result.records if r["model"] in others)
    # The log is in arrival order: count the throttled model's requests that arrived
    # before the last request of the other models. Serving it serially takes 20 x 50 ms;
    # had it held the others back, they would arrive interleaved with all its requests.
    marker = "throttled-model"  # paths are percent-encoded
    last_other = max(i for i, r in enumerate(log) if marker not in r["path"])
    throttled_before = sum(1 for r in log[:last_other] if marker in r["path"])
    throttled_total = sum(1 for r in log if marker in r["path"])
    assert throttled_total >= 20
    assert throttled_before < throttled_total // 2
    errors = [r for r in result.records if r["model"] == throttled and r["error"]]
    assert not errors, errors[:2]


def test_compare_command_prints_a_summary_table(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    prompt_file = tmp_path / "prompts.jsonl"
    prompt_file.write_text(
        '"Hello"\n\n{"prompt": "How are you?"}\n'
        + json.dumps({"messages": [user("third")], "inferenceConfig": {"maxTokens": 5}})
        + "\n"
    )
    no_tools = model_of(family_where(tool_use=False))
    models = ",".join([*CHATBOT_MODELS, no_tools])
    assert main(["compare", "--models", models, "--prompts", str(prompt_file), "--local"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[:4] == ["model", "requests", "errors", "error_rate"]
    body = {line.split()[0]: line.split() for line in out[2:]}
    assert set(body) == {*CHATBOT_MODELS, no_tools}
    assert body[CHATBOT_MODELS[0]][1:3] == ["3", "0"]
    bad = tmp_path / "bad.jsonl"
    bad.write_text("[1, 2]\n")
    assert main(["compare", "--models", models, "--prompts", str(bad), "--local"]) == 2


def test_the_chatbot_example_runs_against_local_bedrock_with_the_catalog() -> None:
    path = ROOT / "examples" / "chatbot_comparison.py"
    spec = importlib.util.spec_from_file_location("chatbot_comparison", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    outcome = module.main()
    problems = outcome["problems"]
    assert problems[0].feature == "tool_use" and problems[0].path == "toolConfig"
    summary = {s["model"]: s for s in outcome["result"].summary_records}
    for model in module.MODELS:
        assert summary[model]["errors"] == 0 and summary[model]["cost"] > 0
    assert summary[module.NO_TOOLS_MODEL]["error_rate"] == 1.0
    assert len(outcome["result"].records) == 4 * 3
