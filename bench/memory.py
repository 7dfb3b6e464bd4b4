"""Peak memory with many requests in flight at once against a slow server (1,000 against
2 s of latency): how much a client's resident memory grows per in-flight call.

Each client runs in a fresh process of its own (this script with `--client`; aioboto3's
under its own interpreter, see _common.py) against one LocalBedrock in another process:

- fastconverse: `converse_many(requests, concurrency=N)`;
- fastconverse async: `asyncio.gather` of N `converse_async` calls;
- the same two over HTTP/2 (`http2=True`: prior knowledge, up to 100 calls multiplexed
  on each connection) where the others use HTTP/1.1 (a connection per call in flight);
- aioboto3: `asyncio.gather` of N `converse` calls, its connection pool sized N;
- boto3: N threads (a `ThreadPoolExecutor` of N workers, its pool sized N), each call
  blocking its own thread, as boto3 must to keep N calls in flight.

In each, the client is built and warmed with two calls and the N small requests are
built; then RSS is read (the baseline), the kernel's peak (VmHWM) is reset, and the N
calls run while a thread samples VmRSS every 10 ms. Peak growth per in-flight call is
(max(sampled peak, VmHWM) - baseline) / N. The batch's wall time is printed beside it:
close to the latency, it shows that all N were in flight at once. Linux only (/proc).

    python bench/memory.py --in-flight 1000 --latency 2
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from functools import partial
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import (
    AIOBOTO3_PYTHON,
    aioboto3_client,
    boto3_client,
    emit,
    fastconverse_client,
    local_server,
    run_child,
    small_request,
)

CLIENTS = (
    "fastconverse",
    "fastconverse async",
    "fastconverse h2",
    "fastconverse async h2",
    "aioboto3",
    "boto3",
)
SAMPLE_EVERY = 0.01


def kib(field: str) -> int:
    """A `VmRSS`-style field of /proc/self/status, in KiB."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"no {field} in /proc/self/status")


def reset_peak() -> None:
    """Resets VmHWM to the current RSS (Linux 4.0+); the sampler covers it where refused."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as clear_refs:
            clear_refs.write("5")
    except OSError:
        pass


class Sampler(threading.Thread):
    """Samples this process's RSS every 10 ms, keeping the highest."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = kib("VmRSS")
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(SAMPLE_EVERY):
            self.peak = max(self.peak, kib("VmRSS"))


@contextmanager
def peak_growth() -> Iterator[dict[str, float]]:
    """Fills the yielded dict with the baseline RSS, the peak within the block and the
    block's wall time."""
    sampler = Sampler()
    sampler.start()  # before the baseline: its own stack is not the client's
    gc.collect()
    measured: dict[str, float] = {"baseline_kib": kib("VmRSS")}
    reset_peak()
    sampler.peak = int(measured["baseline_kib"])
    start = time.perf_counter()
    yield measured
    measured["batch_s"] = time.perf_counter() - start
    sampler.done.set()
    sampler.join()
    measured["peak_kib"] = max(sampler.peak, kib("VmHWM"), kib("VmRSS"))


def fastconverse_run(
    endpoint: str, requests: list[dict[str, Any]], http2: bool = False
) -> dict[str, float]:
    client = fastconverse_client(endpoint, http2=http2)
    client.converse_many(requests[:2], concurrency=2)
    with peak_growth() as measured:
        results = client.converse_many(requests, concurrency=len(requests))
    assert all(isinstance(r, dict) for r in results), results.summary
    return measured


def fastconverse_async_run(
    endpoint: str, requests: list[dict[str, Any]], http2: bool = False
) -> dict[str, float]:
    async def main() -> dict[str, float]:
        client = fastconverse_client(endpoint, http2=http2)
        await asyncio.gather(*(client.converse_async(**request) for request in requests[:2]))
        with peak_growth() as measured:
            await asyncio.gather(*(client.converse_async(**request) for request in requests))
        return measured

    return asyncio.run(main())


def aioboto3_run(endpoint: str, requests: list[dict[str, Any]]) -> dict[str, float]:
    async def main() -> dict[str, float]:
        async with aioboto3_client(endpoint, pool=len(requests)) as client:
            await asyncio.gather(*(client.converse(**request) for request in requests[:2]))
            with peak_growth() as measured:
                await asyncio.gather(*(client.converse(**request) for request in requests))
            return measured

    return asyncio.run(main())


def boto3_run(endpoint: str, requests: list[dict[str, Any]]) -> dict[str, float]:
    client = boto3_client(endpoint, pool=len(requests))
    for request in requests[:2]:
        client.converse(**request)
    # Its threads start within the batch: they are what boto3 needs to keep N in flight.
    with ThreadPoolExecutor(max_workers=len(requests)) as pool, peak_growth() as measured:
        list(pool.map(lambda request: client.converse(**request), requests))
    return measured


RUNS: dict[str, Callable[[str, list[dict[str, Any]]], dict[str, float]]] = {
    "fastconverse": fastconverse_run,
    "fastconverse async": fastconverse_async_run,
    "fastconverse h2": partial(fastconverse_run, http2=True),
    "fastconverse async h2": partial(fastconverse_async_run, http2=True),
    "aioboto3": aioboto3_run,
    "boto3": boto3_run,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--in-flight", type=int, default=1000)
    parser.add_argument("--latency", type=float, default=2.0, help="server latency (seconds)")
    parser.add_argument("--aioboto3-python", default=AIOBOTO3_PYTHON)
    parser.add_argument("--client", choices=CLIENTS, help=argparse.SUPPRESS)
    parser.add_argument("--endpoint", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.client:  # a child of this script
        requests = [small_request(i) for i in range(args.in_flight)]
        emit("memory_client", RUNS[args.client](args.endpoint, requests))
        return 0

    rows: dict[str, dict[str, float] | None] = {}
    with local_server(latency=args.latency) as server:
        for client in CLIENTS:
            python = args.aioboto3_python if client == "aioboto3" else sys.executable
            if not os.path.exists(python):
                rows[client] = None
                continue
            extra = ("--client", client, "--endpoint", server.url)
            [rows[client]] = run_child(
                python, "memory.py", *extra, "--in-flight", str(args.in_flight)
            )

    print(
        f"peak RSS growth with {args.in_flight} requests in flight, "
        f"{args.latency:g} s of server latency"
    )
    print(f"{'client':<22} {'baseline':>10} {'peak':>10} {'per call':>10} {'batch':>8}")
    for client, row in rows.items():
        if row is None:
            print(f"{client:<22} {'n/a':>10}")
            continue
        per_call = (row["peak_kib"] - row["baseline_kib"]) / args.in_flight
        print(
            f"{client:<22} {row['baseline_kib'] / 1024:6.1f} MiB {row['peak_kib'] / 1024:6.1f} MiB"
            f" {per_call:6.1f} KiB {row['batch_s']:6.2f} s"
        )
        emit(
            "memory",
            {
                "client": client,
                "in_flight": args.in_flight,
                "latency": args.latency,
                **row,
                "growth_kib_per_call": per_call,
            },
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
