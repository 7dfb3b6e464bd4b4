"""Shared pieces of the benchmarks: a LocalBedrock in its own process, CPU timing, results."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

MODEL_ID = "us.anthropic.claude-sonnet-4-5-20250929-v1:0"
CREDENTIALS = {
    "region_name": "us-east-1",
    "aws_access_key_id": "testing",
    "aws_secret_access_key": "testing",
}
RESULT_PREFIX = "RESULT "


@contextmanager
def local_server(latency: float = 0.0) -> Iterator[str]:
    """A LocalBedrock in a child process (its CPU is not the client's); yields its URL."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "fastconverse", "serve", "--port", "0", "--latency", str(latency)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        if not line.startswith("LocalBedrock listening on "):
            raise RuntimeError(f"server did not start: {line!r}")
        yield line.rsplit(" ", 1)[1].strip()
    finally:
        proc.terminate()
        proc.communicate(timeout=30)


def cpu_per_call(call: Callable[[], Any], calls: int, spacing: float = 0.0) -> float:
    """Seconds of this process's CPU per call, after a warm-up; `spacing` sleeps between calls."""
    for _ in range(min(20, calls)):
        call()
    total = 0.0
    for _ in range(calls):
        if spacing:
            time.sleep(spacing)
        start = time.process_time()
        call()
        total += time.process_time() - start
    return total / calls


def emit(name: str, value: dict[str, Any]) -> None:
    """Prints one machine-readable result line for bench/run.py."""
    print(RESULT_PREFIX + json.dumps({"name": name, **value}), flush=True)
