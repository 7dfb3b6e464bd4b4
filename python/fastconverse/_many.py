"""converse_many's results in input order, progress and checkpoints, over the Rust scheduler.

The scheduling itself (bounded and adaptive concurrency, retries, cancellation) runs in
Rust behind ``ChatClient.converse_many_iter``; this module only puts each finished result
in its slot, reports progress, and records results to a checkpoint file so that a rerun
sends only what is left.
"""

from __future__ import annotations

import base64
import hashlib
import importlib
import json
import os
import time
from collections.abc import Iterable, Iterator, Sized
from typing import IO, TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    from fastconverse._client import ChatClient
    from fastconverse._native import ManyRun
    from fastconverse._structured import OutputSpec

__all__ = ["ManyResults", "converse_many", "converse_many_async"]

_PROGRESS_INTERVAL = 0.1  # seconds between progress reports


class ManyResults(list):  # type: ignore[type-arg]
    """The results of ``converse_many`` in input order, with the run's ``summary``.

    Each item is a response dict (a ``Structured`` with ``output_type``), or the
    exception (a ``BedrockError``) of a request that failed for good; the exception's
    ``index`` attribute is its position.
    """

    summary: dict[str, Any]


def _encode(value: Any) -> Any:
    """JSON-able form of a request or response: bytes become ``{"__bytes__": base64}``."""
    if isinstance(value, (bytes, bytearray)):
        return {"__bytes__": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, dict):
        return {str(k): _encode(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_encode(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(
        f"checkpoint needs requests made of JSON values and bytes, got {type(value).__name__}"
    )


def _decode_bytes(obj: dict[str, Any]) -> Any:
    if len(obj) == 1 and "__bytes__" in obj:
        return base64.b64decode(obj["__bytes__"])
    return obj


def request_hash(request: Any) -> str:
    """A stable digest of a request, so a checkpoint recognises it on the next run."""
    canonical = json.dumps(_encode(request), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class _Checkpoint:
    """An append-only JSON-lines file of finished results: index, request hash, response."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = os.fspath(path)
        self.done: dict[int, tuple[str, dict[str, Any]]] = {}
        if os.path.exists(self.path):
            with open(self.path, encoding="utf-8") as handle:
                for line in handle:
                    try:
                        record = json.loads(line, object_hook=_decode_bytes)
                        self.done[int(record["index"])] = (record["hash"], record["response"])
                    except (ValueError, KeyError, TypeError):
                        continue  # a line cut short by a crash: that item runs again
        self._file: IO[str] = open(self.path, "a", encoding="utf-8")  # noqa: SIM115

    def lookup(self, index: int, digest: str) -> dict[str, Any] | None:
        found = self.done.get(index)
        return found[1] if found is not None and found[0] == digest else None

    def record(self, index: int, digest: str, response: dict[str, Any]) -> None:
        line = json.dumps({"index": index, "hash": digest, "response": _encode(response)})
        self._file.write(line + "\n")
        self._file.flush()

    def close(self) -> None:
        self._file.close()


class _Progress:
    """Reports the run's counters to a tqdm bar or a callable, a few times a second."""

    def __init__(self, progress: Any, total: int | None) -> None:
        self._callback: Callable[[dict[str, Any]], Any] | None = None
        self._bar: Any = None
        self._last = 0.0
        if progress is True:
            try:
                # tqdm.auto: the notebook widget in Jupyter, a text bar in a terminal.
                tqdm = importlib.import_module("tqdm.auto").tqdm
            except ImportError as err:  # pragma: no cover - depends on the environment
                raise ImportError("progress=True needs tqdm: pip install tqdm") from err
            self._bar = tqdm(total=total, unit="req", desc="converse_many")
        elif callable(progress):
            self._callback = progress
        elif progress not in (None, False):
            raise TypeError("progress must be True, False, None or a callable")

    def due(self) -> bool:
        """Whether a report is wanted now (there is a receiver and the interval has passed)."""
        if self._callback is None and self._bar is None:
            return False
        return time.monotonic() - self._last >= _PROGRESS_INTERVAL

    def update(self, figures: dict[str, Any]) -> None:
        self._last = time.monotonic()
        if self._callback is not None:
            self._callback(figures)
        if self._bar is not None:
            self._bar.n = figures["done"]
            self._bar.set_postfix(
                failed=figures["failed"],
                retried=figures["retried"],
                rps=f"{figures['requests_per_second']:.1f}",
                tokens=figures["input_tokens"] + figures["output_tokens"],
                refresh=False,
            )
            self._bar.refresh()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


class _Job:
    """One converse_many call: feeds the scheduler, slots the results. Shared by sync and async."""

    def __init__(
        self,
        client: ChatClient,
        requests: Iterable[dict[str, Any]],
        *,
        concurrency: int = 16,
        max_retries: int = 8,
        on_error: str = "return",
        progress: Any = None,
        checkpoint: str | os.PathLike[str] | None = None,
        output_type: Any = None,
        prices: Any = None,
    ) -> None:
        if on_error not in ("return", "raise"):
            raise ValueError(f"on_error must be 'return' or 'raise', got {on_error!r}")
        if isinstance(requests, dict):
            raise ValueError("requests must be an iterable of request dicts, not one dict")
        self.client = client
        self.requests = requests
        self.concurrency = concurrency
        self.max_retries = max_retries
        self.raise_errors = on_error == "raise"
        self.checkpoint = _Checkpoint(checkpoint) if checkpoint is not None else None
        self.total = len(requests) if isinstance(requests, Sized) else None
        self.progress = _Progress(progress, self.total)
        self.slots: dict[int, Any] = {}
        self.count = 0  # items read from the input so far
        self.resumed = 0  # items answered from the checkpoint
        self.positions: list[int] = []  # scheduler position -> input index
        self.hashes: list[str] = []
        self.run: ManyRun | None = None
        self.prices = prices
        # Per input index: what its cost depends on besides the response (model, tier).
        self.billing: dict[int, tuple[Any, Any]] = {}
        self.output: OutputSpec | None = None
        if output_type is not None:
            from fastconverse._structured import OutputSpec

            # Built once, before anything is sent: a schema Bedrock refuses raises here.
            self.output = OutputSpec(output_type)

    def _ask(self, request: dict[str, Any]) -> dict[str, Any]:
        """The request as sent: asking for the structured output on its model's route."""
        if self.output is None or not isinstance(request, dict):
            return request  # not a dict: the scheduler refuses it with the usual error
        from fastconverse._structured import StructuredCall

        base = self.client._base_model(request)
        return StructuredCall(self.output, request, 0, None, base).request

    def _result(self, index: int, response: dict[str, Any]) -> Any:
        """A response as its slot holds it: validated with ``output_type``, each item on
        its own (a reply that does not validate becomes that item's error)."""
        if self.output is None:
            return response
        from fastconverse.errors import StructuredOutputError

        try:
            return self.output.parse(response)
        except StructuredOutputError as err:
            err.index = index  # type: ignore[attr-defined]
            if self.raise_errors:
                raise
            return err

    def _pending(self) -> Iterator[dict[str, Any]]:
        """The requests still to send; those done in the checkpoint are slotted directly."""
        for index, request in enumerate(self.requests):
            self.count = index + 1
            if isinstance(request, dict):
                tier = request.get("serviceTier")
                tier = tier.get("type") if isinstance(tier, dict) else None
                self.billing[index] = (request.get("modelId"), tier)
            if self.checkpoint is not None:
                digest = request_hash(request)
                done = self.checkpoint.lookup(index, digest)
                if done is not None:
                    self.slots[index] = self._result(index, done)
                    self.resumed += 1
                    continue
                self.hashes.append(digest)
            self.positions.append(index)
            yield self._ask(request)

    def start(self) -> ManyRun:
        self.run = self.client.converse_many_iter(
            self._pending(), concurrency=self.concurrency, max_retries=self.max_retries
        )
        return self.run

    async def start_async(self) -> ManyRun:
        """``start`` with the client's configuration resolved off the loop's thread."""
        self.run = await self.client._converse_many_iter_async(
            self._pending(), self.concurrency, self.max_retries
        )
        return self.run

    def add(self, position: int, result: Any) -> None:
        index = self.positions[position]
        if isinstance(result, BaseException):
            result.index = index  # type: ignore[attr-defined]
            if self.raise_errors:
                raise result
        else:
            if self.checkpoint is not None:
                self.checkpoint.record(index, self.hashes[position], result)
            result = self._result(index, result)
        self.slots[index] = result
        if self.progress.due():
            self.progress.update(self.figures())

    def figures(self) -> dict[str, Any]:
        assert self.run is not None
        figures: dict[str, Any] = dict(self.run.stats())
        figures["done"] = len(self.slots)
        figures["resumed"] = self.resumed
        figures["total"] = self.total
        return figures

    def close(self) -> None:
        if self.run is not None:
            self.run.close()
        if self.checkpoint is not None:
            self.checkpoint.close()
        self.progress.close()

    def results(self) -> ManyResults:
        figures = self.figures()
        self.progress.update(figures)
        results = ManyResults(self.slots[i] for i in range(self.count))
        figures.update(self._cost(results))
        results.summary = figures
        return results

    def _cost(self, results: list[Any]) -> dict[str, Any]:
        """Cache tokens by kind and TTL, and the cost of the run (``fastconverse._cost``):
        as run (each response's service tier) and as a batch job would price it."""
        from fastconverse import _cost

        prices = _cost.Prices(self.prices, self.client.inference_profiles)
        totals = dict.fromkeys(("cache_read", "cache_write_5m", "cache_write_1h"), 0)
        cost = batch = 0.0
        unpriced = 0
        for index, result in enumerate(results):
            # A reply that failed validation was still answered, and billed.
            response = getattr(result, "response", result)
            if not isinstance(response, dict) or "usage" not in response:
                continue
            counts = _cost.tokens(response)
            for kind in totals:
                totals[kind] += counts[kind]
            model, tier = self.billing.get(index, (None, None))
            one = prices.cost(response, model, service_tier=tier) if model else None
            if one is None:
                unpriced += 1
                continue
            cost += one
            batch += prices.cost(response, model, batch=True) or 0.0
        figures: dict[str, Any] = {f"{kind}_tokens": n for kind, n in totals.items()}
        figures.update(cost=cost, cost_batch=batch, unpriced=unpriced)
        return figures


def converse_many(
    client: ChatClient, requests: Iterable[dict[str, Any]], **options: Any
) -> ManyResults:
    """See ``ChatClient.converse_many`` (``options`` are its keywords)."""
    job = _Job(client, requests, **options)
    try:
        for position, result in job.start():
            job.add(position, result)
        return job.results()
    finally:
        job.close()


async def converse_many_async(
    client: ChatClient, requests: Iterable[dict[str, Any]], **options: Any
) -> ManyResults:
    """See ``ChatClient.converse_many_async`` (``options`` are its keywords)."""
    job = _Job(client, requests, **options)
    try:
        async for position, result in await job.start_async():
            job.add(position, result)
        return job.results()
    finally:
        job.close()
