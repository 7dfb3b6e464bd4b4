"""The Python layer's price per call: ``ChatClient`` over the native client, with no I/O.

``fastconverse.ChatClient`` is a Python class over ``_native.Client`` (signatures,
``async def`` twins, preflight). Its cost is what a call through it takes beyond the
same call made on the native client directly. Both go to a stand-in native client whose
methods return at once (a ready future for the async ones), so that nothing but the
layer is timed; the best of several repeats, in ns per call. Budget: 2 µs.

With OpenTelemetry installed, two more rows: ``converse`` while ``fastconverse.instrument()``
is on (spans recorded by an SDK tracer provider, exported nowhere), and after
``fastconverse.uninstrument()`` (the same code as never instrumented: no cost).

    python bench/python_layer.py --calls 200000
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from collections.abc import Callable
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import MODEL_ID, emit

from fastconverse import ChatClient

REQUEST: dict[str, Any] = {
    "modelId": MODEL_ID,
    "messages": [{"role": "user", "content": [{"text": "Hello"}]}],
    "inferenceConfig": {"maxTokens": 256},
}
RESPONSE: dict[str, Any] = {"stopReason": "end_turn"}


class _Done:
    """An awaitable that is already done: awaiting it costs no trip through the loop."""

    def __await__(self) -> Any:
        return RESPONSE
        yield  # a generator, as __await__ must return an iterator


class StandInNative:
    """What ``_native.Client`` offers, answering at once."""

    def converse(self, request: dict[str, Any]) -> dict[str, Any]:
        return RESPONSE

    def converse_async(self, request: dict[str, Any]) -> _Done:
        return _Done()


def best_ns(call: Callable[[], object], calls: int, repeats: int = 5) -> float:
    """The fastest of ``repeats`` runs of ``calls`` calls, in ns per call."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter_ns()
        for _ in range(calls):
            call()
        best = min(best, (time.perf_counter_ns() - start) / calls)
    return best


async def best_async_ns(make: Callable[[], Any], calls: int, repeats: int = 5) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter_ns()
        for _ in range(calls):
            await make()
        best = min(best, (time.perf_counter_ns() - start) / calls)
    return best


def traced_rows(
    call: Callable[[], object], direct: float, calls: int
) -> list[tuple[str, float, float]]:
    """``call`` timed while instrumented and after uninstrumenting (none without the
    ``otel`` extra and the SDK)."""
    try:
        from opentelemetry.sdk.trace import TracerProvider
    except ImportError:
        return []
    import fastconverse

    fastconverse.instrument(tracer_provider=TracerProvider())
    try:
        traced = best_ns(call, calls)
    finally:
        fastconverse.uninstrument()
    after = best_ns(call, calls)
    return [
        ("converse, instrumented", traced, direct),
        ("converse, after uninstrument", after, direct),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=200_000)
    args = parser.parse_args()

    client = ChatClient(region_name="us-east-1")
    native = StandInNative()
    object.__setattr__(client, "_native", native)

    sync_layer = best_ns(lambda: client.converse(**REQUEST), args.calls)
    sync_direct = best_ns(lambda: native.converse(dict(REQUEST)), args.calls)

    async def both() -> tuple[float, float]:
        layer = await best_async_ns(lambda: client.converse_async(**REQUEST), args.calls)
        direct = await best_async_ns(lambda: native.converse_async(dict(REQUEST)), args.calls)
        return layer, direct

    async_layer, async_direct = asyncio.run(both())
    rows = [("converse", sync_layer, sync_direct), ("converse_async", async_layer, async_direct)]
    rows += traced_rows(lambda: client.converse(**REQUEST), sync_direct, args.calls)
    print(f"{'call':<32}{'through ChatClient':>20}{'native directly':>18}{'layer':>10}")
    for name, layer, direct in rows:
        print(f"{name:<32}{layer:>17.0f} ns{direct:>15.0f} ns{layer - direct:>7.0f} ns")
        emit(
            "python_layer",
            {"call": name, "through_ns": layer, "direct_ns": direct, "layer_ns": layer - direct},
        )


if __name__ == "__main__":
    main()
