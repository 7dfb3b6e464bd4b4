"""Cost: cache tokens per TTL, service tiers, batch, overrides and application inference
profiles, checked against a table computed by hand from prices.json."""

from __future__ import annotations

from typing import Any

import pytest

from fastconverse import LocalBedrock, UnsupportedFeatureError, compare
from fastconverse._cost import Prices, price_file, tokens

from .conftest import user

SONNET = (
    "us.anthropic.claude-sonnet-4-5-20250929-v1:0"  # $3 in, $15 out, 0.30 read, 3.75 / 6.00 write
)
HAIKU = "global.anthropic.claude-haiku-4-5-20251001-v1:0"  # $1, $5, 0.10, 1.25 / 2.00
OPUS = "anthropic.claude-opus-4-5-20251101-v1:0"  # $5, $25, 0.50, 6.25 / 10.00
PROFILE = "arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/abc123"
UNKNOWN = "example.brand-new-model-v1:0"

CACHED = {
    "inputTokens": 1000,
    "outputTokens": 500,
    "cacheReadInputTokens": 2000,
    "cacheWriteInputTokens": 3000,
    "cacheDetails": [{"ttl": "5m", "inputTokens": 1000}, {"ttl": "1h", "inputTokens": 2000}],
}
UNDETAILED = {"inputTokens": 100, "outputTokens": 200, "cacheWriteInputTokens": 4000}
READ_ONLY = {"inputTokens": 1000, "outputTokens": 100, "cacheReadInputTokens": 10000}

# (model, usage, response tier, request tier, batch) -> USD, by hand (prices per 1M):
#   sonnet cached: 1000*3 + 500*15 + 2000*0.30 + 1000*3.75 + 2000*6.00 = 26850 -> 0.02685
#   haiku, writes without details count as 5m: 100*1 + 200*5 + 4000*1.25 = 6100 -> 0.0061
#   opus through the mapped profile: 1000*5 + 100*25 + 10000*0.50 = 12500 -> 0.0125
HAND_TABLE: list[tuple[str, dict[str, Any], str | None, str | None, bool, float | None]] = [
    (SONNET, CACHED, None, None, False, 0.02685),
    (SONNET, CACHED, "default", None, False, 0.02685),
    (SONNET, CACHED, "flex", None, False, 0.013425),  # x 0.5
    (SONNET, CACHED, None, "flex", False, 0.013425),  # the request's tier, when the reply has none
    (SONNET, CACHED, "priority", "flex", False, 0.0469875),  # x 1.75: the reply's tier wins
    (SONNET, CACHED, None, None, True, 0.013425),  # batch: x 0.5
    (SONNET, CACHED, "reserved", None, False, None),  # not priced per token
    (HAIKU, UNDETAILED, None, None, False, 0.0061),
    (PROFILE, READ_ONLY, None, None, False, 0.0125),
    (UNKNOWN, READ_ONLY, None, None, False, None),
]


def response(usage: dict[str, Any], tier: str | None = None) -> dict[str, Any]:
    total = usage["inputTokens"] + usage["outputTokens"]
    reply: dict[str, Any] = {
        "output": {"message": {"role": "assistant", "content": [{"text": "ok"}]}},
        "stopReason": "end_turn",
        "usage": {**usage, "totalTokens": total},
        "metrics": {"latencyMs": 1},
    }
    if tier is not None:
        reply["serviceTier"] = {"type": tier}
    return reply


@pytest.mark.parametrize(("model", "usage", "tier", "asked", "batch", "expected"), HAND_TABLE)
def test_costs_match_the_hand_computed_table(
    model: str,
    usage: dict[str, Any],
    tier: str | None,
    asked: str | None,
    batch: bool,
    expected: float | None,
) -> None:
    prices = Prices(inference_profiles={PROFILE: OPUS})
    cost = prices.cost(response(usage, tier), model, service_tier=asked, batch=batch)
    assert cost == (pytest.approx(expected) if expected is not None else None)


def test_tokens_split_cache_writes_by_ttl() -> None:
    assert tokens(response(CACHED)) == {
        "input": 1000,
        "output": 500,
        "cache_read": 2000,
        "cache_write_5m": 1000,
        "cache_write_1h": 2000,
    }
    assert tokens(response(UNDETAILED))["cache_write_5m"] == 4000


def test_the_price_file_says_where_and_when_and_callers_override_it() -> None:
    data = price_file()
    assert data["source"]["url"].startswith("https://aws.amazon.com/bedrock/pricing")
    assert data["source"]["compiled"] == "2026-12-03"
    # An override replaces the family's entry; cache_write prices both TTLs.
    override = {"anthropic.claude-sonnet-4-5": {"input_per_1m": 1, "cache_write_per_1m": 4}}
    # 1000*1 + 500*0 (no output price given) + 3000*4 = 13000
    assert Prices(override).cost(response(CACHED), SONNET) == pytest.approx(0.013)
    with pytest.raises(ValueError, match="unknown key 'in'"):
        Prices({SONNET: {"in": 1.0}})


# The same usage (CACHED) on each model, by hand:
#   haiku: 1000*1 + 500*5 + 2000*0.10 + 1000*1.25 + 2000*2.00 = 8950 -> 0.00895
#   opus:  1000*5 + 500*25 + 2000*0.50 + 1000*6.25 + 2000*10.00 = 44750 -> 0.04475
HAIKU_CACHED, OPUS_CACHED = 0.00895, 0.04475


def test_many_summary_counts_cache_tokens_tiers_and_cost(server: LocalBedrock) -> None:
    client = server.client(max_attempts=1, inference_profiles={PROFILE: OPUS})
    for _ in range(4):  # the same reply for each, whatever the order of arrival
        server.queue_reply(response(CACHED))
    requests = [
        {"modelId": SONNET, "messages": [user("a")]},
        {"modelId": HAIKU, "messages": [user("b")], "serviceTier": {"type": "flex"}},
        {"modelId": PROFILE, "messages": [user("c")], "serviceTier": {"type": "priority"}},
        {"modelId": UNKNOWN, "messages": [user("d")]},
    ]
    summary = client.converse_many(requests, concurrency=1).summary
    assert summary["cache_read_tokens"] == 4 * 2000
    assert summary["cache_write_5m_tokens"] == 4 * 1000
    assert summary["cache_write_1h_tokens"] == 4 * 2000
    # sonnet at default, haiku at flex, opus (by profile) at priority; unknown: unpriced.
    assert summary["cost"] == pytest.approx(0.02685 + HAIKU_CACHED * 0.5 + OPUS_CACHED * 1.75)
    assert summary["cost_batch"] == pytest.approx((0.02685 + HAIKU_CACHED + OPUS_CACHED) * 0.5)
    assert summary["unpriced"] == 1


def test_compare_prices_cached_tiered_and_profiled_rows(server: LocalBedrock) -> None:
    client = server.client(max_attempts=1, inference_profiles={PROFILE: OPUS})
    for _ in range(4):
        server.queue_reply(response(CACHED))
    requests = [
        {"messages": [user("one")]},
        {"messages": [user("two")], "serviceTier": {"type": "flex"}},
    ]
    result = compare(client, [SONNET, PROFILE], requests)
    costs = {(r["model"], r["request"]): r["cost"] for r in result.records}
    assert costs == {
        (SONNET, 0): pytest.approx(0.02685),
        (SONNET, 1): pytest.approx(0.013425),
        (PROFILE, 0): pytest.approx(OPUS_CACHED),
        (PROFILE, 1): pytest.approx(OPUS_CACHED * 0.5),
    }
    summary = {s["model"]: s for s in result.summary_records}
    assert summary[SONNET]["cost"] == pytest.approx(0.02685 + 0.013425)
    assert summary[SONNET]["cache_write_tokens"] == 6000
    # Without the mapping the ARN names no model: no price.
    unmapped = compare(server.client(max_attempts=1), [PROFILE], ["x"]).summary_records
    assert unmapped[0]["cost"] is None


def test_the_preflight_checks_an_application_profile_as_its_base_model(
    server: LocalBedrock,
) -> None:
    no_images = "anthropic.claude-3-5-haiku-20241022-v1:0"
    image = {"image": {"format": "png", "source": {"bytes": b"\x89PNG"}}}
    request = {"modelId": PROFILE, "messages": [{"role": "user", "content": [image]}]}
    mapped = server.client(preflight="error", inference_profiles={PROFILE: no_images})
    with pytest.raises(UnsupportedFeatureError, match="image"):
        mapped.converse(**request)
    assert server.requests == []
    server.client(preflight="error").converse(**request)  # unknown: sent
    assert len(server.requests) == 1
