"""Requests per second against 50 ms of server latency, at several numbers of requests in
flight: fastconverse's converse_many beside boto3 in a thread pool, aioboto3 under
asyncio.gather with a semaphore, and a bare HTTP client (bench/bare_http.rs, a cargo
example) that shows what the server itself allows.

Each client runs in a fresh process of its own (this script with `--client`; aioboto3's
under its own interpreter, see _common.py) against a fresh LocalBedrock of its own
(`fastconverse serve --latency 0.05`) in yet another process: the server keeps a log of
every request, so a shared one would grow by hundreds of MiB and treat the clients that
come later differently. Each client first sends as many requests as it keeps in flight
(opening its connections), then the timed batch: the same number of small requests for
every client. The server's CPU per request is read around each client's run (warm-up
included) and reported apart; each client's own CPU per request (timed batch) too.

    python bench/throughput.py --concurrency 8 64 256 1000
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import (
    AIOBOTO3_PYTHON,
    BEARER_TOKEN,
    MODEL_ID,
    aioboto3_client,
    boto3_client,
    cargo_example,
    emit,
    fastconverse_client,
    local_server,
    run_child,
    small_request,
)

LATENCY = 0.05
CLIENTS = ("fastconverse", "boto3", "aioboto3", "bare")


@contextmanager
def fastconverse_batch(endpoint: str, concurrency: int) -> Iterator[Callable[[int], None]]:
    client = fastconverse_client(endpoint)

    def batch(count: int) -> None:
        requests = [small_request(i) for i in range(count)]
        results = client.converse_many(requests, concurrency=concurrency)
        assert all(isinstance(r, dict) for r in results), results.summary

    yield batch


@contextmanager
def boto3_batch(endpoint: str, concurrency: int) -> Iterator[Callable[[int], None]]:
    client = boto3_client(endpoint, pool=concurrency)
    with ThreadPoolExecutor(max_workers=concurrency) as pool:

        def batch(count: int) -> None:
            list(pool.map(lambda i: client.converse(**small_request(i)), range(count)))

        yield batch


@contextmanager
def aioboto3_batch(endpoint: str, concurrency: int) -> Iterator[Callable[[int], None]]:
    loop = asyncio.new_event_loop()
    context = aioboto3_client(endpoint, pool=concurrency)
    client = loop.run_until_complete(context.__aenter__())
    semaphore = asyncio.Semaphore(concurrency)

    async def one(i: int) -> Any:
        async with semaphore:
            return await client.converse(**small_request(i))

    async def gather(count: int) -> None:
        await asyncio.gather(*(one(i) for i in range(count)))

    try:
        yield lambda count: loop.run_until_complete(gather(count))
    finally:
        loop.run_until_complete(context.__aexit__(None, None, None))
        loop.close()


BATCHES = {"fastconverse": fastconverse_batch, "boto3": boto3_batch, "aioboto3": aioboto3_batch}


def run_client(name: str, endpoint: str, concurrency: int, count: int) -> None:
    """In a child: the warm-up, then the timed batch; emits requests/s and CPU per request."""
    with BATCHES[name](endpoint, concurrency) as batch:
        batch(concurrency)
        cpu, start = time.process_time(), time.perf_counter()
        batch(count)
        elapsed = time.perf_counter() - start
        cpu = time.process_time() - cpu
    record = {"rps": count / elapsed, "requests": concurrency + count}
    emit("throughput_client", {**record, "client_cpu_us": cpu / count * 1e6})


def bare_http(program: str, endpoint: str, concurrency: int, count: int) -> dict[str, Any]:
    body = {key: value for key, value in small_request().items() if key != "modelId"}
    out = subprocess.run(
        [program, endpoint, BEARER_TOKEN, MODEL_ID, json.dumps(body), str(concurrency), str(count)],
        capture_output=True,
        text=True,
        check=True,
        timeout=900,
    )
    return dict(json.loads(out.stdout))


def measure(
    client: str, concurrency: int, count: int, aio_python: str, bare: str | None
) -> dict[str, Any] | None:
    """One client's run in its own process, on a fresh server; None where that client is not
    available."""
    python = aio_python if client == "aioboto3" else sys.executable
    if (client == "bare" and bare is None) or not os.path.exists(python):
        return None
    with local_server(latency=LATENCY) as server:
        server_start = server.cpu_seconds()
        if bare is not None and client == "bare":
            record = bare_http(bare, server.url, concurrency, count)
        else:
            args = ["--client", client, "--endpoint", server.url]
            args += ["--concurrency", str(concurrency), "--count", str(count)]
            [record] = run_child(python, "throughput.py", *args)
        server_cpu = server.cpu_seconds() - server_start
    record["server_cpu_us"] = server_cpu / record["requests"] * 1e6
    return record


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrency", type=int, nargs="+", default=[8, 64, 256, 1000])
    parser.add_argument("--seconds", type=float, default=3.0, help="ideal duration of each run")
    parser.add_argument("--aioboto3-python", default=AIOBOTO3_PYTHON)
    parser.add_argument("--client", choices=list(BATCHES), help=argparse.SUPPRESS)
    parser.add_argument("--endpoint", help=argparse.SUPPRESS)
    parser.add_argument("--count", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.client:  # a child of this script
        run_client(args.client, args.endpoint, args.concurrency[0], args.count)
        return 0

    built = cargo_example("bare_http")
    bare = str(built) if built else None
    if bare is None:
        print("bare HTTP client: the cargo example bare_http did not build; n/a")
    rows = []
    for concurrency in args.concurrency:
        ideal = concurrency / LATENCY
        count = max(int(ideal * args.seconds), concurrency * 4)
        runs = {
            client: measure(client, concurrency, count, args.aioboto3_python, bare)
            for client in CLIENTS
        }
        rows.append((concurrency, ideal, count, runs))

    print(f"requests per second, {LATENCY * 1000:.0f} ms of latency (ideal: in flight / latency)")
    print("  and in brackets the server's CPU per request, reported apart")
    print(f"{'in flight':>9} {'ideal':>7}" + "".join(f" {c:>20}" for c in CLIENTS))
    for concurrency, ideal, _, runs in rows:
        cells = "".join(
            f" {r['rps']:9.0f} ({r['server_cpu_us']:4.0f} us)" if r else f" {'n/a':>20}"
            for r in runs.values()
        )
        print(f"{concurrency:>9} {ideal:7.0f}{cells}")
    for concurrency, ideal, count, runs in rows:
        emit(
            "throughput",
            {
                "in_flight": concurrency,
                "ideal": ideal,
                "requests": concurrency + count,  # per client, the warm-up included
                **{
                    key: {client: r[key] if r else None for client, r in runs.items()}
                    for key in ("rps", "server_cpu_us", "client_cpu_us")
                },
            },
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
