"""Client CPU per ConverseStream event, fastconverse beside boto3, against LocalBedrock.

The server runs in its own process (`fastconverse serve`, a fresh one per stream size) so
that its CPU is not charged to either client; `time.process_time` then measures only the
client's process (all of its threads, the Rust runtime's included), and the server's CPU
per event is reported apart. The echo model streams its reply four tokens per text
delta, so a prompt of N four-letter words comes back as N/4 deltas plus four events
(messageStart, contentBlockStop, messageStop, metadata). Each stream is read to its end,
every event turned into its dict.

    python bench/stream_cpu.py --events 10 1000
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import (
    MODEL_ID,
    Cost,
    boto3_client,
    cpu_per_unit,
    emit,
    fastconverse_client,
    local_server,
)

EVENTS_AROUND_DELTAS = 4  # messageStart, contentBlockStop, messageStop, metadata
TOKENS_PER_DELTA = 4  # the echo model's, in src/emulator/stream.rs


def request_for(events: int) -> dict[str, Any]:
    """A request whose echo reply streams exactly `events` events."""
    words = (events - EVENTS_AROUND_DELTAS) * TOKENS_PER_DELTA  # "word" is one token
    return {
        "modelId": MODEL_ID,
        "messages": [{"role": "user", "content": [{"text": " ".join(["word"] * words)}]}],
    }


def measure(size: int, streams: int, loop: asyncio.AbstractEventLoop) -> tuple[Cost, Cost, Cost]:
    """Costs per event of `size`-event streams: fastconverse sync, async, and boto3."""
    request = request_for(size)
    # A fresh server (and clients) per size: the server logs every request it receives.
    with local_server() as server:
        fast = fastconverse_client(server.url)
        boto = boto3_client(server.url)

        def read_fast() -> int:
            return sum(1 for _ in fast.converse_stream(**request))

        def read_boto() -> int:
            return sum(1 for _ in boto.converse_stream(**request)["stream"])

        async def read_async() -> int:
            count = 0
            async for _ in await fast.converse_stream_async(**request):
                count += 1
            return count

        def read_fast_async() -> int:
            return loop.run_until_complete(read_async())

        fast_events = list(fast.converse_stream(**request))
        assert len(fast_events) == size, (len(fast_events), size)
        assert fast_events == list(boto.converse_stream(**request)["stream"])
        return (
            cpu_per_unit(read_fast, streams, server),
            cpu_per_unit(read_fast_async, streams, server),
            cpu_per_unit(read_boto, streams, server),
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, nargs="+", default=[10, 1000])
    parser.add_argument(
        "--total-events", type=int, default=100_000, help="events read per client and size"
    )
    args = parser.parse_args()
    if any(size <= EVENTS_AROUND_DELTAS for size in args.events):
        parser.error(f"--events must each be more than {EVENTS_AROUND_DELTAS}")

    rows: list[tuple[int, int, Cost, Cost, Cost]] = []
    loop = asyncio.new_event_loop()
    for size in args.events:
        streams = max(1, args.total_events // size)
        rows.append((size, streams, *measure(size, streams, loop)))
    loop.close()

    print("CPU per stream event (time.process_time; each stream read to its end):")
    print(
        f"  {'events':>7} {'streams':>8} {'fastconverse':>13} {'(async)':>9} {'boto3':>9}"
        f" {'ratio':>6} {'server (fc/async/boto3)':>24}"
    )
    for size, streams, sync, in_async, b3 in rows:
        servers = "/".join(f"{c.server * 1e6:.1f}" for c in (sync, in_async, b3))
        print(
            f"  {size:>7} {streams:>8} {sync.client * 1e6:>10.2f} us"
            f" {in_async.client * 1e6:>6.2f} us {b3.client * 1e6:>6.2f} us"
            f" {b3.client / sync.client:5.1f}x {servers:>21} us"
        )
    print("ratio: boto3's CPU over fastconverse's (sync); higher is better for fastconverse")
    for size, streams, sync, in_async, b3 in rows:
        emit(
            "stream_cpu",
            {
                "events": size,
                "streams": streams,
                "fastconverse_us": sync.client * 1e6,
                "fastconverse_async_us": in_async.client * 1e6,
                "boto3_us": b3.client * 1e6,
                "server_fastconverse_us": sync.server * 1e6,
                "server_fastconverse_async_us": in_async.server * 1e6,
                "server_boto3_us": b3.server * 1e6,
            },
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
