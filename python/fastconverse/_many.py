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

__all__ = ["ManyResults", "converse_many", "converse_many_async"]

_PROGRESS_INTERVAL = 0.1  # seconds between progress reports


class ManyResults(list):  # type: ignore[type-arg]
    """The results of ``converse_many`` in input order, with the run's ``summary``.

    Each item is a response dict, or the exception (a ``BedrockError``) of a request
    that failed for good; the exception's ``index`` attribute is its position.
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
        concurrency: int,
        max_retries: int,
        on_error: str,
        progress: Any,
        checkpoint: str | os.PathLike[str] | None,
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

    def _pending(self) -> Iterator[dict[str, Any]]:
        """The requests still to send; those done in the checkpoint are slotted directly."""
        for index, request in enumerate(self.requests):
            self.count = index + 1
            if self.checkpoint is not None:
                digest = request_hash(request)
                done = self.checkpoint.lookup(index, digest)
                if done is not None:
                    self.slots[index] = done
                    self.resumed += 1
                    continue
                self.hashes.append(digest)
            self.positions.append(index)
            yield request

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
        elif self.checkpoint is not None:
            self.checkpoint.record(index, self.hashes[position], result)
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
        results.summary = figures
        return results


def converse_many(
    client: ChatClient,
    requests: Iterable[dict[str, Any]],
    *,
    concurrency: int = 16,
    max_retries: int = 8,
    on_error: str = "return",
    progress: Any = None,
    checkpoint: str | os.PathLike[str] | None = None,
) -> ManyResults:
    """See ``ChatClient.converse_many``."""
    job = _Job(client, requests, concurrency, max_retries, on_error, progress, checkpoint)
    try:
        for position, result in job.start():
            job.add(position, result)
        return job.results()
    finally:
        job.close()


async def converse_many_async(
    client: ChatClient,
    requests: Iterable[dict[str, Any]],
    *,
    concurrency: int = 16,
    max_retries: int = 8,
    on_error: str = "return",
    progress: Any = None,
    checkpoint: str | os.PathLike[str] | None = None,
) -> ManyResults:
    """See ``ChatClient.converse_many_async``."""
    job = _Job(client, requests, concurrency, max_retries, on_error, progress, checkpoint)
    try:
        async for position, result in await job.start_async():
            job.add(position, result)
        return job.results()
    finally:
        job.close()
