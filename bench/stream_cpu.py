"""Client CPU per ConverseStream event, fastconverse beside boto3, against one LocalBedrock.

The server runs in its own process (`fastconverse serve`) so that its CPU is not charged
to either client; `time.process_time` then measures only the client's process (all of
its threads, the Rust runtime's included). The echo model streams its reply four tokens
per text delta, so a prompt of N four-letter words comes back as N/4 deltas plus four
events (messageStart, contentBlockStop, messageStop, metadata). Each stream is read to
its end, every event turned into its dict.

    python bench/stream_cpu.py --events 10 1000
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from collections.abc import Callable
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import MODEL_ID, emit, local_server

EVENTS_AROUND_DELTAS = 4  # messageStart, contentBlockStop, messageStop, metadata
TOKENS_PER_DELTA = 4  # the echo model's, in src/emulator/stream.rs


def request_for(events: int) -> dict[str, Any]:
    """A request whose echo reply streams exactly `events` events."""
    words = (events - EVENTS_AROUND_DELTAS) * TOKENS_PER_DELTA  # "word" is one token
    return {
        "modelId": MODEL_ID,
        "messages": [{"role": "user", "content": [{"text": " ".join(["word"] * words)}]}],
    }


def cpu_per_event(read_stream: Callable[[], int], streams: int) -> float:
    """Seconds of this process's CPU per event, over `streams` whole streams after a warm-up."""
    for _ in range(min(10, streams)):
        read_stream()
    start = time.process_time()
    events = sum(read_stream() for _ in range(streams))
    return (time.process_time() - start) / events


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, nargs="+", default=[10, 1000])
    parser.add_argument(
        "--total-events", type=int, default=100_000, help="events read per client and size"
    )
    args = parser.parse_args()

    import boto3
    from botocore.config import Config

    from fastconverse import ChatClient

    rows: list[tuple[int, int, float, float, float]] = []
    with local_server() as endpoint:
        credentials: dict[str, Any] = {
            "region_name": "us-east-1",
            "endpoint_url": endpoint,
            "aws_access_key_id": "testing",
            "aws_secret_access_key": "testing",
        }
        fast = ChatClient(**credentials)
        boto = boto3.client(
            "bedrock-runtime", config=Config(retries={"mode": "standard"}), **credentials
        )
        loop = asyncio.new_event_loop()

        for size in args.events:
            if size <= EVENTS_AROUND_DELTAS:
                parser.error(f"--events must each be more than {EVENTS_AROUND_DELTAS}")
            request = request_for(size)

            def read_fast(request: dict[str, Any] = request) -> int:
                return sum(1 for _ in fast.converse_stream(**request))

            def read_boto(request: dict[str, Any] = request) -> int:
                return sum(1 for _ in boto.converse_stream(**request)["stream"])

            async def read_async(request: dict[str, Any] = request) -> int:
                count = 0
                async for _ in await fast.converse_stream_async(**request):
                    count += 1
                return count

            def read_fast_async(read: Callable[[], Any] = read_async) -> int:
                return int(loop.run_until_complete(read()))

            fast_events = list(fast.converse_stream(**request))
            assert len(fast_events) == size, (len(fast_events), size)
            assert fast_events == list(boto.converse_stream(**request)["stream"])
            streams = max(1, args.total_events // size)
            rows.append(
                (
                    size,
                    streams,
                    cpu_per_event(read_fast, streams),
                    cpu_per_event(read_fast_async, streams),
                    cpu_per_event(read_boto, streams),
                )
            )
        loop.close()

    print("client CPU per stream event (time.process_time; each stream read to its end):")
    print(f"  {'events':>7} {'streams':>8} {'fastconverse':>13} {'(async)':>9} {'boto3':>9} ratio")
    for size, streams, fast_cpu, async_cpu, boto_cpu in rows:
        print(
            f"  {size:>7} {streams:>8} {fast_cpu * 1e6:>10.2f} us {async_cpu * 1e6:>6.2f} us "
            f"{boto_cpu * 1e6:>6.2f} us {boto_cpu / fast_cpu:5.1f}x"
        )
    print("ratio: boto3's CPU over fastconverse's (sync); higher is better for fastconverse")
    for size, streams, fast_cpu, async_cpu, boto_cpu in rows:
        emit(
            "stream_cpu",
            {
                "events": size,
                "streams": streams,
                "fastconverse_us": fast_cpu * 1e6,
                "fastconverse_async_us": async_cpu * 1e6,
                "boto3_us": boto_cpu * 1e6,
            },
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
