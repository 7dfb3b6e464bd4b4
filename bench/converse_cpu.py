"""Client CPU per converse call, fastconverse beside boto3, against one LocalBedrock.

The server runs in its own process (`fastconverse serve`) so that its CPU is not charged
to either client; `time.process_time` then measures only the client's process (all of
its threads, the Rust runtime's included).

    python bench/converse_cpu.py --calls 2000
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

MODEL_ID = "us.anthropic.claude-sonnet-4-5-20250929-v1:0"
REQUEST: dict[str, Any] = {
    "modelId": MODEL_ID,
    "messages": [{"role": "user", "content": [{"text": "Hello, how are you today?"}]}],
    "inferenceConfig": {"maxTokens": 256, "temperature": 0.5},
}


@contextmanager
def local_server(latency: float = 0.0) -> Iterator[str]:
    """A LocalBedrock in a child process; yields its endpoint URL."""
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


def cpu_per_call(call: Callable[[], Any], calls: int) -> float:
    """Seconds of this process's CPU per call, after a warm-up."""
    for _ in range(min(50, calls)):
        call()
    start = time.process_time()
    for _ in range(calls):
        call()
    return (time.process_time() - start) / calls


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=2000)
    args = parser.parse_args()

    import boto3
    from botocore.config import Config

    from fastconverse import ChatClient

    with local_server() as endpoint:
        credentials = {
            "region_name": "us-east-1",
            "endpoint_url": endpoint,
            "aws_access_key_id": "testing",
            "aws_secret_access_key": "testing",
        }
        fast = ChatClient(**credentials)
        boto = boto3.client(
            "bedrock-runtime", config=Config(retries={"mode": "standard"}), **credentials
        )
        assert fast.converse(**REQUEST)["output"] == boto.converse(**REQUEST)["output"]
        fast_cpu = cpu_per_call(lambda: fast.converse(**REQUEST), args.calls)
        boto_cpu = cpu_per_call(lambda: boto.converse(**REQUEST), args.calls)

    print(f"client CPU per converse call over {args.calls} calls (time.process_time):")
    print(f"  fastconverse {fast_cpu * 1e6:8.1f} us")
    print(f"  boto3        {boto_cpu * 1e6:8.1f} us")
    print(f"  ratio        {boto_cpu / fast_cpu:8.1f}x less CPU with fastconverse")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
