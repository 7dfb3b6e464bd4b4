"""All benchmarks in one run: fastconverse beside boto3 (and aioboto3, and the raw Rust SDK).

Each benchmark is a script of its own in this folder, run here as a child process
(each starts its own LocalBedrock in yet another process, so the server's CPU is never
charged to a client). Their results are collected into bench/results.md.

    python bench/run.py            # the full run (several minutes)
    python bench/run.py --quick    # a short run that proves every benchmark still works
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULT_PREFIX = "RESULT "


def run(script: str, *args: str) -> list[dict[str, Any]]:
    """Runs one benchmark script; returns its result records (its table goes to the console)."""
    out = subprocess.run(
        [sys.executable, str(HERE / script), *args], capture_output=True, text=True, check=False
    )
    if out.returncode != 0:
        raise SystemExit(f"{script} failed:\n{out.stdout}\n{out.stderr}")
    records = []
    for line in out.stdout.splitlines():
        if line.startswith(RESULT_PREFIX):
            records.append(json.loads(line[len(RESULT_PREFIX) :]))
        else:
            print(line)
    return records


def raw_sdk_us(endpoint_calls: int) -> float | None:
    """CPU per call of the core on the SDK without Python (cargo example raw_converse)."""
    built = subprocess.run(
        ["cargo", "build", "--release", "--quiet", "--example", "raw_converse"],
        cwd=ROOT,
        check=False,
    )
    if built.returncode != 0:
        return None
    sys.path.insert(0, str(HERE))
    from _common import local_server

    with local_server() as endpoint:
        out = subprocess.run(
            [
                str(ROOT / "target" / "release" / "examples" / "raw_converse"),
                endpoint,
                str(endpoint_calls),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
    return float(out.stdout.strip())


def ratio(slow: float | None, fast: float | None) -> str:
    if not slow or not fast:
        return "n/a"
    return f"{slow / fast:.1f}x"


def write_results(records: list[dict[str, Any]], raw_us: float | None, quick: bool) -> str:
    lines = [
        "# fastconverse benchmarks",
        "",
        f"Made by `python bench/run.py{' --quick' if quick else ''}` on "
        f"{datetime.date.today()}, {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}. Ratios: the other client's cost over "
        "fastconverse's (higher is better for fastconverse).",
        "",
        "## Client CPU per converse call (microseconds, `time.process_time`)",
        "",
        "| request | spacing | fastconverse | boto3 | boto3 / fastconverse |",
        "| --- | --- | --- | --- | --- |",
    ]
    small_us = None
    for r in (r for r in records if r["name"] == "converse_cpu"):
        spacing = "50 ms" if r["spacing"] else "none"
        if r["case"] == "small" and not r["spacing"]:
            small_us = r["fastconverse_us"]
        lines.append(
            f"| {r['case']} | {spacing} | {r['fastconverse_us']:.1f} | {r['boto3_us']:.1f} | "
            f"{ratio(r['boto3_us'], r['fastconverse_us'])} |"
        )
    if raw_us is not None and small_us is not None:
        overhead = (small_us / raw_us - 1) * 100
        lines += [
            "",
            f"Raw Rust SDK through fastconverse's core (no Python), small request: {raw_us:.1f} us "
            f"per call; the binding layer adds {overhead:+.0f}%.",
        ]
    lines += [
        "",
        "## Client CPU per stream event (microseconds)",
        "",
        "| events per stream | fastconverse | fastconverse async | boto3 | boto3 / fastconverse |",
        "| --- | --- | --- | --- | --- |",
    ]
    for r in (r for r in records if r["name"] == "stream_cpu"):
        lines.append(
            f"| {r['events']} | {r['fastconverse_us']:.2f} | {r['fastconverse_async_us']:.2f} | "
            f"{r['boto3_us']:.2f} | {ratio(r['boto3_us'], r['fastconverse_us'])} |"
        )
    lines += [
        "",
        "## Requests per second against 50 ms of server latency",
        "",
        "| in flight | ideal | fastconverse | share of ideal | boto3 + threads | aioboto3 |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for r in (r for r in records if r["name"] == "throughput"):
        aio = f"{r['aioboto3']:.0f}" if r["aioboto3"] else "n/a"
        lines.append(
            f"| {r['in_flight']} | {r['ideal']:.0f} | {r['fastconverse']:.0f} | "
            f"{r['fastconverse'] / r['ideal']:.0%} | {r['boto3_threads']:.0f} | {aio} |"
        )
    for r in (r for r in records if r["name"] == "startup"):
        lines += [
            "",
            "## New process to ready client, less the bare interpreter's start",
            "",
            f"fastconverse {r['fastconverse_ms']:.1f} ms, boto3 {r['boto3_ms']:.1f} ms "
            f"({ratio(r['boto3_ms'], r['fastconverse_ms'])}); "
            f"bare interpreter {r['bare_ms']:.1f} ms.",
        ]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a short run (seconds)")
    parser.add_argument("--no-raw", action="store_true", help="skip the raw Rust SDK figure")
    parser.add_argument("--output", default=str(HERE / "results.md"))
    args = parser.parse_args()

    quick = args.quick
    records: list[dict[str, Any]] = []
    records += run(
        "converse_cpu.py",
        "--calls",
        "50" if quick else "2000",
        "--spaced-calls",
        "5" if quick else "100",
    )
    records += run(
        "stream_cpu.py", "--events", "10", "1000", "--total-events", "2000" if quick else "100000"
    )
    records += run(
        "throughput.py",
        "--concurrency",
        *(["8", "64"] if quick else ["8", "64", "256", "1000"]),
        "--seconds",
        "0.5" if quick else "3",
    )
    records += run("startup.py", "--runs", "2" if quick else "10")
    raw_us = None if args.no_raw else raw_sdk_us(50 if quick else 2000)
    Path(args.output).write_text(write_results(records, raw_us, quick), encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
