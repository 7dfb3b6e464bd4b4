"""Client CPU per small converse call: fastconverse beside boto3, aioboto3, langchain-aws
and LiteLLM, against one LocalBedrock in a process of its own.

Each client runs in a child process of its own interpreter (this script with `--client`),
so that its imports, threads and CPU are its own; the children stay up and take their
calls in interleaved rounds, so that a change in the machine's load falls on all of them
alike. A call's CPU is the child's `time.process_time` around it (all its threads); the
figure is the median over the calls, the mean beside it. Start-up: the CPU (and the wall
time) of the imports and the client's construction, inside the child; CPU, because the
wall time moves with the machine's load.

fastconverse and boto3 run under this interpreter; aioboto3 under `--aioboto3-python`,
langchain-aws and LiteLLM under `--wrappers-python`, a virtual environment of their own:

    python -m venv /work/wrappers-venv && /work/wrappers-venv/bin/pip install langchain-aws litellm

A client whose interpreter is missing, or lacks its package, is n/a (not an error).

    python bench/wrappers.py --calls 300
"""

from __future__ import annotations

import argparse
import asyncio
import atexit
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import (
    AIOBOTO3_PYTHON,
    CREDENTIALS,
    MODEL_ID,
    REGION,
    aioboto3_client,
    boto3_client,
    emit,
    fastconverse_client,
    local_server,
)
from converse_cpu import SMALL

WRAPPERS_PYTHON = "/work/wrappers-venv/bin/python"
# The same question and settings as converse_cpu.py's small request, in each API's words.
PROMPT = SMALL["messages"][0]["content"][0]["text"]
MAX_TOKENS = SMALL["inferenceConfig"]["maxTokens"]
TEMPERATURE = SMALL["inferenceConfig"]["temperature"]
KEY_ID = CREDENTIALS["aws_access_key_id"]
SECRET = CREDENTIALS["aws_secret_access_key"]
# Each client and the package whose absence makes it n/a.
CLIENTS = {
    "fastconverse": "fastconverse",
    "fastconverse async": "fastconverse",
    "boto3": "boto3",
    "aioboto3": "aioboto3",
    "langchain-aws": "langchain_aws",
    "LiteLLM": "litellm",
}
# A child's answer when its package is missing.
MISSING = "MISSING"


def fastconverse_call(endpoint: str) -> Callable[..., Any]:
    return fastconverse_client(endpoint).converse


def fastconverse_async_call(endpoint: str) -> Callable[..., Any]:
    return fastconverse_client(endpoint).converse_async


def boto3_call(endpoint: str) -> Callable[..., Any]:
    return boto3_client(endpoint).converse


def aioboto3_call(endpoint: str) -> Callable[..., Any]:
    # The client is an async context manager: entered once, on the loop the calls run on.
    context = aioboto3_client(endpoint, pool=10)
    loop = asyncio.get_event_loop()
    client = loop.run_until_complete(context.__aenter__())
    atexit.register(lambda: loop.run_until_complete(context.__aexit__(None, None, None)))
    return client.converse


def langchain_call(endpoint: str) -> Callable[..., Any]:
    from langchain_aws import ChatBedrockConverse

    model = ChatBedrockConverse(
        model=MODEL_ID,
        region_name=REGION,
        endpoint_url=endpoint,
        aws_access_key_id=KEY_ID,
        aws_secret_access_key=SECRET,
        max_tokens=MAX_TOKENS,
        temperature=TEMPERATURE,
    )
    return lambda **_: model.invoke(PROMPT)


def litellm_call(endpoint: str) -> Callable[..., Any]:
    # LiteLLM fetches its model price list from the internet at import unless told not to.
    os.environ["LITELLM_LOCAL_MODEL_COST_MAP"] = "True"
    import litellm

    return lambda **_: litellm.completion(
        model=f"bedrock/converse/{MODEL_ID}",
        messages=[{"role": "user", "content": PROMPT}],
        max_tokens=MAX_TOKENS,
        temperature=TEMPERATURE,
        aws_bedrock_runtime_endpoint=endpoint,
        aws_access_key_id=KEY_ID,
        aws_secret_access_key=SECRET,
        aws_region_name=REGION,
    )


# Each client's constructor: it imports, builds a client (as converse_cpu.py's are built),
# and returns its call, which takes SMALL's keywords (the wrappers ask SMALL's question in
# their own words) and is a coroutine function for the async clients.
MAKERS: dict[str, Callable[[str], Callable[..., Any]]] = {
    "fastconverse": fastconverse_call,
    "fastconverse async": fastconverse_async_call,
    "boto3": boto3_call,
    "aioboto3": aioboto3_call,
    "langchain-aws": langchain_call,
    "LiteLLM": litellm_call,
}
ASYNC_CLIENTS = ("fastconverse async", "aioboto3")


def child(client: str, endpoint: str) -> int:
    """A client's process: prints its start-up, then for each count on stdin makes that
    many calls and prints their CPU times (seconds), one JSON line per round."""
    if client in ASYNC_CLIENTS:
        asyncio.set_event_loop(asyncio.new_event_loop())
    start, start_cpu = time.perf_counter(), time.process_time()
    try:
        call = MAKERS[client](endpoint)
    except ImportError:
        print(MISSING, flush=True)
        return 0
    startup = {
        "startup_ms": (time.perf_counter() - start) * 1000,
        "startup_cpu_ms": (time.process_time() - start_cpu) * 1000,
    }
    print(json.dumps(startup), flush=True)

    async def timed_async(count: int) -> list[float]:
        times = []
        for _ in range(count):
            begin = time.process_time()
            await call(**SMALL)
            times.append(time.process_time() - begin)
        return times

    def timed(count: int) -> list[float]:
        if client in ASYNC_CLIENTS:
            return asyncio.get_event_loop().run_until_complete(timed_async(count))
        times = []
        for _ in range(count):
            begin = time.process_time()
            call(**SMALL)
            times.append(time.process_time() - begin)
        return times

    for line in sys.stdin:
        print(json.dumps(timed(int(line))), flush=True)
    return 0


class Child:
    """A client's child process, driven a round at a time."""

    def __init__(self, client: str, python: str, endpoint: str) -> None:
        self.client = client
        self.proc = subprocess.Popen(
            [python, os.path.abspath(__file__), "--client", client, "--endpoint", endpoint],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.times: list[float] = []
        first = self.read()
        # Start-up's wall time and CPU (ms); empty when the client's package is missing.
        self.startup: dict[str, float] = {} if first == MISSING else json.loads(first)

    def read(self) -> str:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"{self.client}: the child ended (see its error above)")
        return line.strip()

    @property
    def available(self) -> bool:
        return bool(self.startup)

    def round(self, count: int) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(f"{count}\n")
        self.proc.stdin.flush()
        self.times += json.loads(self.read())

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=60)


def interpreter(client: str, args: argparse.Namespace) -> str | None:
    """The Python a client runs under, or None when that interpreter is missing."""
    if client == "aioboto3":
        python = args.aioboto3_python
    elif client in ("langchain-aws", "LiteLLM"):
        python = args.wrappers_python
    else:
        python = sys.executable
    return python if os.path.exists(python) else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=300, help="measured calls per client")
    parser.add_argument("--rounds", type=int, default=10, help="interleaved rounds of calls")
    parser.add_argument("--warmup", type=int, default=20, help="unmeasured calls per client")
    parser.add_argument("--aioboto3-python", default=AIOBOTO3_PYTHON)
    parser.add_argument("--wrappers-python", default=WRAPPERS_PYTHON)
    parser.add_argument("--client", choices=list(MAKERS), help=argparse.SUPPRESS)
    parser.add_argument("--endpoint", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.client:
        return child(args.client, args.endpoint)

    with local_server() as server:
        children: dict[str, Child | None] = {}
        for client in CLIENTS:
            python = interpreter(client, args)
            children[client] = Child(client, python, server.url) if python else None
        running = [c for c in children.values() if c is not None and c.available]
        for c in running:
            c.round(args.warmup)
            c.times.clear()
        rounds = max(1, min(args.rounds, args.calls))
        for i in range(rounds):
            count = args.calls * (i + 1) // rounds - args.calls * i // rounds
            for c in running:
                c.round(count)
        for c in children.values():
            if c is not None:
                c.close()

    fast = children["fastconverse"]
    fast_us = statistics.median(fast.times) * 1e6 if fast and fast.times else None
    print(f"client CPU per small converse call (µs, {args.calls} calls in {rounds} rounds)")
    print(f"{'client':<20} {'median':>8} {'mean':>8} {'ratio':>7} {'start-up CPU':>12}")
    for client, c in children.items():
        record: dict[str, Any] = {"client": client, "calls": 0}
        if c is not None and c.times:
            median_us = statistics.median(c.times) * 1e6
            mean_us = statistics.fmean(c.times) * 1e6
            record.update(calls=len(c.times), median_us=median_us, mean_us=mean_us, **c.startup)
            ratio = f"{median_us / fast_us:6.1f}x" if fast_us else "    n/a"
            startup_cpu = c.startup["startup_cpu_ms"]
            print(f"{client:<20} {median_us:8.0f} {mean_us:8.0f} {ratio} {startup_cpu:10.0f} ms")
        else:
            print(f"{client:<20} {'n/a':>8} (no interpreter or no {CLIENTS[client]})")
        emit("wrappers", record)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
