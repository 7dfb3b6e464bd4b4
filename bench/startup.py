"""Time from a new process to a ready client (import included), less the bare interpreter's start.

python bench/startup.py --runs 10
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import emit

PROGRAMS = {
    "bare interpreter": "pass",
    "fastconverse": (
        "from fastconverse import ChatClient; "
        "ChatClient(region_name='us-east-1', aws_access_key_id='a', aws_secret_access_key='b')"
    ),
    "boto3": (
        "import boto3; boto3.client('bedrock-runtime', region_name='us-east-1', "
        "aws_access_key_id='a', aws_secret_access_key='b')"
    ),
}


def median_start(program: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", program], check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    starts = {name: median_start(program, args.runs) for name, program in PROGRAMS.items()}
    bare = starts["bare interpreter"]
    print(f"new process to ready client, median of {args.runs} (less the bare interpreter):")
    for name in ("fastconverse", "boto3"):
        print(f"  {name:<13} {(starts[name] - bare) * 1000:7.1f} ms")
    emit(
        "startup",
        {
            "bare_ms": bare * 1000,
            "fastconverse_ms": (starts["fastconverse"] - bare) * 1000,
            "boto3_ms": (starts["boto3"] - bare) * 1000,
        },
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
