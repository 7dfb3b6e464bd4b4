"""Time from a new process to a ready client (import included), less the bare interpreter's start.

Measured twice: with this shell's environment, and with an empty one (no HOME, no AWS_*
variables, no PATH), as a job scheduler or a container may start a worker.

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


# The environments a process starts with: this shell's, and none at all.
ENVIRONMENTS: dict[str, dict[str, str] | None] = {"plain shell": None, "empty": {}}


def median_start(program: str, runs: int, env: dict[str, str] | None) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", program], check=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    print(f"new process to ready client, median of {args.runs} (less the bare interpreter):")
    for environment, env in ENVIRONMENTS.items():
        starts = {name: median_start(program, args.runs, env) for name, program in PROGRAMS.items()}
        bare = starts["bare interpreter"]
        print(f"  environment: {environment}")
        for name in ("fastconverse", "boto3"):
            print(f"    {name:<13} {(starts[name] - bare) * 1000:7.1f} ms")
        emit(
            "startup",
            {
                "environment": environment,
                "bare_ms": bare * 1000,
                "fastconverse_ms": (starts["fastconverse"] - bare) * 1000,
                "boto3_ms": (starts["boto3"] - bare) * 1000,
            },
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
