"""Memory while reading one long stream: how much a client's RSS grows while it reads a
ConverseStream of many small text deltas, beside boto3 reading the same stream.

A LocalBedrock in a child process (this script with `--serve`) queues the same scripted
stream for each reader; each reader runs in a fresh process of its own (`--client`):

- fastconverse, loop: `for event in client.converse_stream(...)` (events are dropped as
  read; the reply is assembled as they arrive);
- fastconverse, final_response: `converse_stream(...).final_response()` only;
- boto3, loop: `for event in client.converse_stream(...)["stream"]` (boto3 assembles
  nothing, so it keeps nothing).

Growth is VmRSS after reading, with the stream still referenced, minus VmRSS after the
client was built and warmed. Linux only (/proc).

    python bench/stream_memory.py --events 200000 --delta-bytes 100
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import boto3_client, emit, fastconverse_client, run_child

READERS = ("fastconverse loop", "fastconverse final_response", "boto3 loop")
MODEL = "us.anthropic.claude-sonnet-4-5-20250929-v1:0"
MESSAGES = [{"role": "user", "content": [{"text": "stream"}]}]


def rss_mib() -> float:
    """VmRSS of this process, in MiB."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def script(events: int, delta_bytes: int) -> list[Any]:
    """The stream every reader gets: `events` text deltas of `delta_bytes` characters."""
    delta = {"contentBlockDelta": {"contentBlockIndex": 0, "delta": {"text": "x" * delta_bytes}}}
    return [
        {"messageStart": {"role": "assistant"}},
        *([delta] * events),
        {"contentBlockStop": {"contentBlockIndex": 0}},
        {"messageStop": {"stopReason": "end_turn"}},
        {
            "metadata": {
                "usage": {"inputTokens": 1, "outputTokens": events, "totalTokens": events + 1},
                "metrics": {"latencyMs": 1},
            }
        },
    ]


def serve(events: int, delta_bytes: int, streams: int) -> None:
    """Runs LocalBedrock with `streams` copies of the script queued, until stdin closes."""
    from fastconverse import LocalBedrock

    with LocalBedrock() as server:
        scripted = script(events, delta_bytes)
        warm_up = {
            "output": {"message": {"role": "assistant", "content": [{"text": "warm"}]}},
            "stopReason": "end_turn",
            "usage": {"inputTokens": 1, "outputTokens": 1, "totalTokens": 2},
            "metrics": {"latencyMs": 1},
        }
        # Each reader warms its client with one converse call, then reads its stream.
        for _ in range(streams):
            server.queue_reply(warm_up)
            server.queue_stream(scripted)
        print(server.endpoint_url, flush=True)
        sys.stdin.read()


def read(reader: str, endpoint: str) -> None:
    """Reads one stream as `reader` does and emits its RSS growth."""
    if reader.startswith("fastconverse"):
        client = fastconverse_client(endpoint)
    else:
        client = boto3_client(endpoint)
    client.converse(modelId=MODEL, messages=MESSAGES)
    baseline = rss_mib()
    start = time.perf_counter()
    response = client.converse_stream(modelId=MODEL, messages=MESSAGES)
    events = 0
    if reader == "fastconverse final_response":
        final = response.final_response()
        events = final["usage"]["outputTokens"]
    else:
        for _ in response["stream"]:
            events += 1
    emit(
        "stream_memory",
        {
            "client": reader,
            "events": events,
            "rss_growth_mib": rss_mib() - baseline,
            "seconds": time.perf_counter() - start,
        },
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--delta-bytes", type=int, default=100)
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--client", help=argparse.SUPPRESS)
    parser.add_argument("--endpoint", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.events, args.delta_bytes, len(READERS))
        return
    if args.client:
        read(args.client, args.endpoint)
        return
    server = subprocess.Popen(
        [
            sys.executable,
            __file__,
            "--serve",
            "--events",
            str(args.events),
            "--delta-bytes",
            str(args.delta_bytes),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        endpoint = server.stdout.readline().strip()
        wire_mib = args.events * (args.delta_bytes + 90) / 2**20
        print(
            f"{args.events:,} deltas of {args.delta_bytes} B (about {wire_mib:.0f} MiB on the wire)"
        )
        rows = {}
        for reader in READERS:
            (record,) = run_child(
                sys.executable, "stream_memory.py", "--client", reader, "--endpoint", endpoint
            )
            rows[reader] = record
            print(
                f"{reader:30} +{record['rss_growth_mib']:7.1f} MiB RSS  ({record['seconds']:.1f} s)"
            )
        text_mib = args.events * args.delta_bytes / 2**20
        # boto3 keeps nothing; fastconverse keeps the reply it assembles for
        # final_response() and text(), whose text alone is this much.
        print(f"the reply's text: {text_mib:.1f} MiB")
    finally:
        if server.stdin is not None:
            server.stdin.close()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
