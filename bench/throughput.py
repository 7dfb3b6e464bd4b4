"""Requests per second against 50 ms of server latency: fastconverse's converse_many beside
boto3 in a thread pool and aioboto3 under asyncio.gather with a semaphore, in one run.

The server (`fastconverse serve --latency 0.05`) runs in its own process. aioboto3 pins
an older botocore than the tests' boto3, so it runs from its own virtual environment
(`--aioboto3-python`, default /work/aio-venv/bin/python; made with
`python -m venv /work/aio-venv && /work/aio-venv/bin/pip install aioboto3`); it is
skipped when that interpreter is missing.

    python bench/throughput.py --concurrency 8 64 256
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import CREDENTIALS, emit, local_server

LATENCY = 0.05


def request(i: int) -> dict[str, Any]:
    return {
        "modelId": "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
        "messages": [{"role": "user", "content": [{"text": f"question {i}"}]}],
    }


def fastconverse_rps(endpoint: str, concurrency: int, count: int) -> float:
    from fastconverse import ChatClient

    client = ChatClient(endpoint_url=endpoint, **CREDENTIALS)
    client.converse_many([request(i) for i in range(concurrency)], concurrency=concurrency)
    start = time.perf_counter()
    results = client.converse_many([request(i) for i in range(count)], concurrency=concurrency)
    elapsed = time.perf_counter() - start
    assert all(isinstance(r, dict) for r in results)
    return count / elapsed


def boto3_rps(endpoint: str, concurrency: int, count: int) -> float:
    import boto3
    from botocore.config import Config

    client = boto3.client(
        "bedrock-runtime",
        endpoint_url=endpoint,
        config=Config(max_pool_connections=concurrency, retries={"mode": "standard"}),
        **CREDENTIALS,
    )
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        list(pool.map(lambda i: client.converse(**request(i)), range(concurrency)))
        start = time.perf_counter()
        results = list(pool.map(lambda i: client.converse(**request(i)), range(count)))
        elapsed = time.perf_counter() - start
    assert len(results) == count
    return count / elapsed


AIOBOTO3_SCRIPT = """
import asyncio, sys, time
import aioboto3
from aiobotocore.config import AioConfig

endpoint, concurrency, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])

def request(i):
    return {"modelId": "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
            "messages": [{"role": "user", "content": [{"text": f"question {i}"}]}]}

async def main():
    session = aioboto3.Session()
    config = AioConfig(max_pool_connections=concurrency, retries={"mode": "standard"})
    async with session.client("bedrock-runtime", endpoint_url=endpoint, region_name="us-east-1",
                              aws_access_key_id="testing", aws_secret_access_key="testing",
                              config=config) as client:
        semaphore = asyncio.Semaphore(concurrency)
        async def one(i):
            async with semaphore:
                return await client.converse(**request(i))
        await asyncio.gather(*(one(i) for i in range(concurrency)))
        start = time.perf_counter()
        await asyncio.gather(*(one(i) for i in range(count)))
        print(count / (time.perf_counter() - start))

asyncio.run(main())
"""


def aioboto3_rps(python: str, endpoint: str, concurrency: int, count: int) -> float | None:
    if not os.path.exists(python):
        return None
    out = subprocess.run(
        [python, "-c", AIOBOTO3_SCRIPT, endpoint, str(concurrency), str(count)],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    return float(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrency", type=int, nargs="+", default=[8, 64, 256])
    parser.add_argument("--seconds", type=float, default=3.0, help="ideal duration of each run")
    parser.add_argument("--aioboto3-python", default="/work/aio-venv/bin/python")
    args = parser.parse_args()

    rows = []
    with local_server(latency=LATENCY) as endpoint:
        for concurrency in args.concurrency:
            ideal = concurrency / LATENCY
            count = max(int(ideal * args.seconds), concurrency * 4)
            rows.append(
                (
                    concurrency,
                    ideal,
                    fastconverse_rps(endpoint, concurrency, count),
                    boto3_rps(endpoint, concurrency, count),
                    aioboto3_rps(args.aioboto3_python, endpoint, concurrency, count),
                )
            )

    print(f"requests per second, {LATENCY * 1000:.0f} ms of latency (ideal: in flight / latency)")
    header = ("in flight", "ideal", "fastconverse", "boto3+threads", "aioboto3")
    print(f"{header[0]:>9} {header[1]:>8} {header[2]:>15} {header[3]:>14} {header[4]:>9}")
    for concurrency, ideal, fast, boto, aio in rows:
        aio_text = f"{aio:9.0f}" if aio is not None else f"{'n/a':>9}"
        share = f"({fast / ideal:.0%})"
        print(f"{concurrency:>9} {ideal:8.0f} {fast:8.0f} {share:>6} {boto:14.0f} {aio_text}")
        emit(
            "throughput",
            {
                "in_flight": concurrency,
                "ideal": ideal,
                "fastconverse": fast,
                "boto3_threads": boto,
                "aioboto3": aio,
            },
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
