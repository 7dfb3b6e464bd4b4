"""``compare``: the same requests on several models in one ``converse_many`` run, as a table.

Every request runs on every model in a single run, so the scheduler adapts concurrency
per model (Bedrock's quotas are per model) and one throttled model does not hold up the
others. The answer is one row per (model, request), in a stable order, and a summary per
model::

    from fastconverse import compare

    result = compare(client, ["us.anthropic.claude-haiku-4-5-20251001-v1:0",
                              "us.amazon.nova-lite-v1:0"], requests)
    result.rows      # pandas DataFrame when pandas is installed, else a list of dicts
    result.summary   # one row per model: latency p50/p95, tokens, error rate, cost
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from fastconverse._client import ChatClient

__all__ = ["ROW_COLUMNS", "SUMMARY_COLUMNS", "Comparison", "compare", "format_table"]

#: The columns of ``Comparison.rows``, in order.
ROW_COLUMNS: tuple[str, ...] = (
    "model",
    "request",
    "text",
    "stop_reason",
    "input_tokens",
    "output_tokens",
    "cache_read_tokens",
    "cache_write_tokens",
    "latency_ms",
    "error",
    "cost",
    "value",
)

#: The columns of ``Comparison.summary``, in order.
SUMMARY_COLUMNS: tuple[str, ...] = (
    "model",
    "requests",
    "errors",
    "error_rate",
    "latency_p50_ms",
    "latency_p95_ms",
    "input_tokens",
    "output_tokens",
    "cache_read_tokens",
    "cache_write_tokens",
    "cost",
)

_TOKEN_KINDS = ("input", "output", "cache_read", "cache_write")


# A response's cost (None: unpriced), for one model and request.
_Pricing = Callable[[Mapping[str, Any]], "float | None"]


class Comparison(NamedTuple):
    """What ``compare`` returns: ``rows, summary = compare(...)`` also works.

    ``rows`` and ``summary`` are pandas DataFrames when pandas is installed (else lists of
    dicts); ``records`` and ``summary_records`` are always lists of dicts.
    """

    rows: Any
    summary: Any
    records: list[dict[str, Any]]
    summary_records: list[dict[str, Any]]


def _request(model: str, request: Any) -> dict[str, Any]:
    if isinstance(request, str):
        return {"modelId": model, "messages": [{"role": "user", "content": [{"text": request}]}]}
    if not isinstance(request, Mapping):
        raise TypeError(
            f"each request must be a request dict or a prompt string, got {type(request).__name__}"
        )
    return {**request, "modelId": model}


def _percentile(values: Sequence[float], q: float) -> float | None:
    """Linear interpolation between closest ranks (numpy's default); None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _text(response: Mapping[str, Any]) -> str:
    content = response.get("output", {}).get("message", {}).get("content", [])
    return "".join(block["text"] for block in content if "text" in block)


def _row(model: str, index: int, result: Any, price: _Pricing) -> dict[str, Any]:
    from fastconverse._structured import Structured
    from fastconverse.errors import StructuredOutputError

    if isinstance(result, Structured):
        return _row(model, index, result.response, price) | {"value": result.value}
    if isinstance(result, StructuredOutputError):
        # Answered and paid for, but not valid: its tokens count, its error shows.
        error = f"{result.code}: {result.message}"
        return _row(model, index, result.response, price) | {"error": error}
    if isinstance(result, BaseException):
        code = getattr(result, "code", type(result).__name__)
        message = getattr(result, "message", str(result))
        return dict.fromkeys(ROW_COLUMNS) | {
            "model": model,
            "request": index,
            "error": f"{code}: {message}",
        }
    usage = result.get("usage", {})
    row: dict[str, Any] = {
        "model": model,
        "request": index,
        "text": _text(result),
        "stop_reason": result.get("stopReason"),
        "input_tokens": usage.get("inputTokens", 0),
        "output_tokens": usage.get("outputTokens", 0),
        "cache_read_tokens": usage.get("cacheReadInputTokens", 0),
        "cache_write_tokens": usage.get("cacheWriteInputTokens", 0),
        "latency_ms": result.get("metrics", {}).get("latencyMs"),
        "error": None,
        "cost": None,
        "value": None,
    }
    row["cost"] = price(result)
    return row


def _summary(model: str, rows: list[dict[str, Any]], priced: bool) -> dict[str, Any]:
    ok = [r for r in rows if r["error"] is None]
    latencies = [float(r["latency_ms"]) for r in ok if r["latency_ms"] is not None]
    errors = len(rows) - len(ok)
    summary: dict[str, Any] = {
        "model": model,
        "requests": len(rows),
        "errors": errors,
        "error_rate": errors / len(rows) if rows else 0.0,
        "latency_p50_ms": _percentile(latencies, 0.50),
        "latency_p95_ms": _percentile(latencies, 0.95),
    }
    # Every answered row counts, a reply that failed validation included: it was billed.
    answered = [r for r in rows if r["input_tokens"] is not None]
    for kind in _TOKEN_KINDS:
        summary[f"{kind}_tokens"] = sum(r[f"{kind}_tokens"] for r in answered)
    summary["cost"] = sum(r["cost"] or 0.0 for r in answered) if priced else None
    return summary


def _service_tier(request: Mapping[str, Any]) -> str | None:
    tier = request.get("serviceTier")
    return tier.get("type") if isinstance(tier, Mapping) else None


def _frame(records: list[dict[str, Any]], columns: Sequence[str]) -> Any:
    try:
        import pandas
    except ImportError:
        return records
    return pandas.DataFrame.from_records(records, columns=list(columns))


def compare(
    client: ChatClient,
    models: Sequence[str],
    requests: Iterable[Mapping[str, Any] | str],
    *,
    concurrency: int = 16,
    max_retries: int = 8,
    prices: Mapping[str, Mapping[str, float]] | None = None,
    progress: Any = None,
    output_type: Any = None,
) -> Comparison:
    """Runs every request on every model through one ``converse_many`` run.

    ``requests`` are Converse request dicts (boto3's keywords; any ``modelId`` is replaced
    by each model in turn) or prompt strings (one user text message). Requests go out
    interleaved across models; rows come back ordered by model (as given), then request
    index: ``model, request, text, stop_reason, input_tokens, output_tokens,
    cache_read_tokens, cache_write_tokens, latency_ms`` (Bedrock's ``metrics.latencyMs``),
    ``error`` (``"Code: message"``, or None) and ``cost``. The summary has one row per
    model: requests, errors, error rate, latency p50/p95 over successes, token totals and
    cost. Prices come from ``fastconverse/prices.json`` (its source and date inside; see
    ``fastconverse._cost``): cache writes by TTL (``usage.cacheDetails``), the service
    tier (the response's ``serviceTier``, else the request's) and the client's
    ``inference_profiles`` apply. ``prices`` overrides entries: a model (as given in
    ``models``) or catalog family to prices per 1k or 1M tokens, ``{"input_per_1m": 3.0,
    "output_per_1m": 15.0, "cache_read_per_1m": 0.3, "cache_write_5m_per_1m": 3.75,
    "cache_write_1h_per_1m": 6.0}`` (``cache_write_per_1m``: both TTLs); cost is None for
    models without a price.
    With ``output_type`` (as in ``ChatClient.converse_structured``) each request asks for
    that structure on each model's route; ``value`` holds the validated instance, and a
    reply that does not validate is that row's ``error`` (its tokens still count).
    """
    if isinstance(models, str):
        raise TypeError("models must be a list of model ids, not one string")
    models = list(models)
    if not models:
        raise ValueError("models must not be empty")
    if len(set(models)) != len(models):
        raise ValueError("models must not repeat a model id")
    requests = list(requests)
    from fastconverse import _cost
    from fastconverse.models import families

    pricing = _cost.Prices(prices, client.inference_profiles)
    unknown = set(pricing.overrides) - set(models) - set(families())
    if unknown:
        raise ValueError(f"prices for models not compared: {', '.join(sorted(unknown))}")

    # Interleaved by request, so that every model starts at once.
    batch = [_request(model, request) for request in requests for model in models]
    results = client.converse_many(
        batch,
        concurrency=concurrency,
        max_retries=max_retries,
        progress=progress,
        output_type=output_type,
    )
    width = len(models)
    records: list[dict[str, Any]] = []
    summaries: list[dict[str, Any]] = []
    for m, model in enumerate(models):
        priced = pricing.for_model(model) is not None
        rows = []
        for i in range(len(requests)):
            tier = _service_tier(batch[i * width + m])
            price = functools.partial(pricing.cost, model_id=model, service_tier=tier)
            rows.append(_row(model, i, results[i * width + m], price))
        records.extend(rows)
        summaries.append(_summary(model, rows, priced))
    return Comparison(
        rows=_frame(records, ROW_COLUMNS),
        summary=_frame(summaries, SUMMARY_COLUMNS),
        records=records,
        summary_records=summaries,
    )


def format_table(records: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> str:
    """Records as a plain-text table (numbers right-aligned, floats to 2 places)."""

    def cell(value: Any) -> str:
        if value is None:
            return "-"
        if isinstance(value, float):
            return f"{value:.2f}" if abs(value) >= 0.01 or value == 0 else f"{value:.6f}"
        return str(value)

    cells = [[cell(r.get(c)) for c in columns] for r in records]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    numeric = [
        all(isinstance(r.get(c), (int, float)) or r.get(c) is None for r in records)
        for c in columns
    ]

    def line(values: Sequence[str]) -> str:
        parts = [v.rjust(w) if num else v.ljust(w) for v, w, num in zip(values, widths, numeric)]
        return "  ".join(parts).rstrip()

    out = [line(list(columns)), line(["-" * w for w in widths])]
    out.extend(line(row) for row in cells)
    return "\n".join(out)
