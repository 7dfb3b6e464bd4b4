"""What Converse responses cost: tokens by kind, the price table, service tiers and batch.

The prices are one data file, ``prices.json`` beside this module (its ``source`` says
where and when they were taken), keyed by catalog family (``anthropic.claude-sonnet-4-5``)
so that every inference-profile form of a model id (``us.``, ``global.``, ARNs) prices as
its base model. Callers override entries (``prices={"model or family": {"input_per_1m":
3.0, ...}}``) and map application inference profile ARNs, which name no model, to their
base model (``ChatClient(inference_profiles={arn: model_id})``).

A response's cost is ``sum(tokens[kind] * price[kind])`` over ``input``, ``output``,
``cache_read``, ``cache_write_5m`` and ``cache_write_1h`` (cache writes split by TTL with
``usage.cacheDetails``; writes it does not detail count as 5-minute writes), times the
service tier's multiplier (the response's ``serviceTier``, else the request's; flex and
priority differ from default). ``batch=True`` prices the same tokens as a batch job would.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from fastconverse import _native

__all__ = ["KINDS", "Prices", "price_file", "tokens"]

#: The kinds of tokens priced, in the order ``tokens`` gives them.
KINDS: tuple[str, ...] = ("input", "output", "cache_read", "cache_write_5m", "cache_write_1h")
_UNITS = {"1k": 1_000, "1m": 1_000_000}
_USAGE = {"input": "inputTokens", "output": "outputTokens", "cache_read": "cacheReadInputTokens"}


@lru_cache(maxsize=1)
def price_file() -> dict[str, Any]:
    """``prices.json``, parsed: ``source``, ``service_tiers``, ``batch_discount``, ``models``."""
    path = os.path.join(os.path.dirname(__file__), "prices.json")
    with open(path, encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def per_token(model: str, entry: Mapping[str, float]) -> dict[str, float]:
    """``{"input_per_1m": 3.0, ...}`` as ``{"input": USD per token, ...}``.

    ``cache_write`` prices writes of both TTLs, unless ``cache_write_5m`` or
    ``cache_write_1h`` is given as well.
    """
    table: dict[str, float] = {}
    both: float | None = None
    for key, value in entry.items():
        kind, sep, unit = key.rpartition("_per_")
        if not sep or unit.lower() not in _UNITS or kind not in (*KINDS, "cache_write"):
            raise ValueError(
                f"prices[{model!r}]: unknown key {key!r}; use <kind>_per_1m or <kind>_per_1k "
                f"with a kind of {', '.join(KINDS)} (or cache_write, for both TTLs)"
            )
        price = float(value) / _UNITS[unit.lower()]
        if kind == "cache_write":
            both = price
        else:
            table[kind] = price
    if both is not None:
        table.setdefault("cache_write_5m", both)
        table.setdefault("cache_write_1h", both)
    return table


def tokens(response: Mapping[str, Any]) -> dict[str, int]:
    """A response's tokens by kind (``KINDS``), cache writes split by TTL."""
    usage = response.get("usage") or {}
    counts = {kind: int(usage.get(key) or 0) for kind, key in _USAGE.items()}
    written = int(usage.get("cacheWriteInputTokens") or 0)
    one_hour = sum(
        int(detail.get("inputTokens") or 0)
        for detail in usage.get("cacheDetails") or ()
        if detail.get("ttl") == "1h"
    )
    counts["cache_write_1h"] = one_hour
    counts["cache_write_5m"] = max(written - one_hour, 0)
    return counts


def _tier(response: Mapping[str, Any], request_tier: str | None) -> str:
    tier = (response.get("serviceTier") or {}).get("type") or request_tier
    return tier or "default"


class Prices:
    """The price table: the data file with the caller's ``overrides`` on top (whole
    entries, keyed by model id as sent, base model id, or catalog family), and the
    caller's map from application inference profile ARNs to base model ids."""

    def __init__(
        self,
        overrides: Mapping[str, Mapping[str, float]] | None = None,
        inference_profiles: Mapping[str, str] | None = None,
    ) -> None:
        data = price_file()
        self.table = {model: per_token(model, entry) for model, entry in data["models"].items()}
        self.overrides = {m: per_token(m, entry) for m, entry in (overrides or {}).items()}
        self.table.update(self.overrides)
        self.tiers: dict[str, float | None] = dict(data["service_tiers"])
        self.batch_discount = float(data["batch_discount"])
        self.profiles = dict(inference_profiles or {})

    def base_model(self, model_id: str) -> str:
        """The model an application inference profile ARN serves (as the caller mapped it),
        or the id itself."""
        return self.profiles.get(model_id, model_id)

    def for_model(self, model_id: str) -> dict[str, float] | None:
        """The per-token prices of a model id, or None when neither it, its base model nor
        its catalog family has an entry."""
        for key in (model_id, self.base_model(model_id)):
            if key in self.table:
                return self.table[key]
        family = _native._catalog_match(self.base_model(model_id))
        return self.table.get(family) if family is not None else None

    def cost(
        self,
        response: Mapping[str, Any],
        model_id: str,
        *,
        service_tier: str | None = None,
        batch: bool = False,
    ) -> float | None:
        """What a response cost in USD (None when its model or tier has no price).

        ``service_tier`` is the request's ``serviceTier.type``; the response's own, when it
        has one, wins. ``batch=True``: what the tokens would cost in a batch job instead.
        """
        price = self.for_model(model_id)
        if price is None:
            return None
        if batch:
            factor: float | None = self.batch_discount
        else:
            factor = self.tiers.get(_tier(response, service_tier), 1.0)
        if factor is None:
            return None
        counts = tokens(response)
        return factor * sum(counts[kind] * price.get(kind, 0.0) for kind in KINDS)
