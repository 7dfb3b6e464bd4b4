"""Shared pieces of the benchmarks: a LocalBedrock in its own process (and its CPU), CPU
timing, the small request, aioboto3's client, the cargo examples and result lines.

Only the standard library is imported at the top, so that the scripts can run this
module under aioboto3's own interpreter too. aioboto3 pins an older botocore than the
tests' boto3, so it lives in a virtual environment of its own, made with

    python -m venv /work/aio-venv && /work/aio-venv/bin/pip install aioboto3

and passed as `--aioboto3-python` (default /work/aio-venv/bin/python); every aioboto3
figure is n/a when that interpreter is missing. Server CPU is read from /proc (Linux).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
MODEL_ID = "us.anthropic.claude-sonnet-4-5-20250929-v1:0"
REGION = "us-east-1"
CREDENTIALS = {
    "region_name": REGION,
    "aws_access_key_id": "testing",
    "aws_secret_access_key": "testing",
}
# The API key the benchmark server also accepts, for the bare HTTP client (bare_http.rs).
BEARER_TOKEN = "bench-bearer-token"
AIOBOTO3_PYTHON = "/work/aio-venv/bin/python"
RESULT_PREFIX = "RESULT "
# The unit of a process's CPU in /proc/<pid>/stat: a server figure is good to one tick
# over its whole window (10 ms on most machines), so the report gives it as value ± tick/n.
CPU_TICK = 1 / os.sysconf("SC_CLK_TCK")


def small_request(i: int = 0) -> dict[str, Any]:
    """The small request of the throughput and memory runs (the same body bare_http sends)."""
    return {
        "modelId": MODEL_ID,
        "messages": [{"role": "user", "content": [{"text": f"question {i}"}]}],
    }


def raise_fd_limit() -> None:
    """Raises the open-files limit to its hard cap, for 1,000 connections at once (a fresh
    machine often has a soft limit of 1,024). Children started afterwards inherit it."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


@dataclass(frozen=True)
class Server:
    """A LocalBedrock process: its endpoint URL and its pid (to read its CPU)."""

    url: str
    pid: int

    def cpu_seconds(self) -> float:
        """User plus system CPU of the server process so far, all its threads included."""
        return process_cpu_seconds(self.pid)


def process_cpu_seconds(pid: int) -> float:
    """utime + stime of a process from /proc/<pid>/stat (clock ticks, all threads)."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        # The command name (field 2) may hold spaces; the fields after its ')' do not.
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * CPU_TICK


@contextmanager
def local_server(latency: float = 0.0) -> Iterator[Server]:
    """A LocalBedrock in a child process (`fastconverse serve`), so that its CPU is never a
    client's; it accepts the usual test credentials and `BEARER_TOKEN`."""
    raise_fd_limit()  # before the spawn, so that the server inherits it
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "fastconverse",
            "serve",
            "--port",
            "0",
            "--latency",
            str(latency),
            "--bearer-token",
            BEARER_TOKEN,
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        if not line.startswith("LocalBedrock listening on "):
            raise RuntimeError(f"server did not start: {line!r}")
        yield Server(url=line.rsplit(" ", 1)[1].strip(), pid=proc.pid)
    finally:
        proc.terminate()
        proc.communicate(timeout=30)


@dataclass(frozen=True)
class Cost:
    """CPU seconds per unit (a call, an event, a request): the client's and the server's."""

    client: float
    server: float


def cpu_per_unit(run: Callable[[], int], rounds: int, server: Server, spacing: float = 0.0) -> Cost:
    """CPU per unit of `rounds` calls of `run` (each returns how many units it did), after a
    warm-up. The client's is this process's `process_time` around each call (all threads,
    the Rust runtime's included); the server's is its process's over the whole loop.
    `spacing` sleeps between calls, outside the client's timing."""
    for _ in range(min(20, rounds)):
        run()
    client = 0.0
    units = 0
    server_start = server.cpu_seconds()
    for _ in range(rounds):
        if spacing:
            time.sleep(spacing)
        start = time.process_time()
        units += run()
        client += time.process_time() - start
    return Cost(client=client / units, server=(server.cpu_seconds() - server_start) / units)


@asynccontextmanager
async def aioboto3_client(endpoint: str, pool: int) -> AsyncIterator[Any]:
    """An aioboto3 bedrock-runtime client with `pool` connections (run under aioboto3's
    interpreter)."""
    import aioboto3
    from aiobotocore.config import AioConfig

    config = AioConfig(max_pool_connections=pool, retries={"mode": "standard"})
    session = aioboto3.Session()
    async with session.client(
        "bedrock-runtime", endpoint_url=endpoint, config=config, **CREDENTIALS
    ) as client:
        yield client


def fastconverse_client(endpoint: str, **options: Any) -> Any:
    """A fastconverse ChatClient on the benchmark server, with its default settings unless
    `options` (such as `http2=True`) says otherwise."""
    from fastconverse import ChatClient

    return ChatClient(
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id=CREDENTIALS["aws_access_key_id"],
        aws_secret_access_key=CREDENTIALS["aws_secret_access_key"],
        **options,
    )


def boto3_client(endpoint: str, pool: int = 10) -> Any:
    """A boto3 bedrock-runtime client with `pool` connections, standard retries."""
    import boto3
    from botocore.config import Config

    config = Config(max_pool_connections=pool, retries={"mode": "standard"})
    return boto3.client("bedrock-runtime", endpoint_url=endpoint, config=config, **CREDENTIALS)


def cargo_example(name: str) -> Path | None:
    """Builds a cargo example of this crate (release); its path, or None if it cannot build."""
    try:
        built = subprocess.run(
            ["cargo", "build", "--release", "--quiet", "--example", name], cwd=ROOT, check=False
        )
    except FileNotFoundError:  # no cargo on this machine
        return None
    if built.returncode != 0:
        return None
    return ROOT / "target" / "release" / "examples" / name


def emit(name: str, value: dict[str, Any]) -> None:
    """Prints one machine-readable result line for bench/run.py."""
    print(RESULT_PREFIX + json.dumps({**value, "name": name}), flush=True)


def results(stdout: str) -> list[dict[str, Any]]:
    """The result records among a script's output lines."""
    return [
        json.loads(line[len(RESULT_PREFIX) :])
        for line in stdout.splitlines()
        if line.startswith(RESULT_PREFIX)
    ]


def run_child(python: str, script: str, *args: str, timeout: float = 900) -> list[dict[str, Any]]:
    """Runs a benchmark script of this folder under `python` in a fresh process; its records."""
    out = subprocess.run(
        [python, str(HERE / script), *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
    )
    if out.returncode != 0:
        raise RuntimeError(f"{script} {' '.join(args)} failed:\n{out.stdout}\n{out.stderr}")
    return results(out.stdout)
