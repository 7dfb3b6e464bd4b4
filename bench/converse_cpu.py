"""Client CPU per converse call, fastconverse beside boto3, against LocalBedrock.

The server runs in its own process (a fresh one per request case) so that its CPU is not
charged to either client;
`time.process_time` measures only the client's process (all of its threads, the Rust
runtime's included), and the server's CPU per call is reported apart. Three requests (a
small one, a 20-turn history, a 1 MB document), back to back and spaced 50 ms apart
(caches go cold, as in a real pipeline).

    python bench/converse_cpu.py --calls 2000
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import MODEL_ID, boto3_client, cpu_per_unit, emit, fastconverse_client, local_server

SMALL: dict[str, Any] = {
    "modelId": MODEL_ID,
    "messages": [{"role": "user", "content": [{"text": "Hello, how are you today?"}]}],
    "inferenceConfig": {"maxTokens": 256, "temperature": 0.5},
}


def history(turns: int) -> dict[str, Any]:
    messages = []
    for i in range(turns):
        role = "user" if i % 2 == 0 else "assistant"
        text = f"Turn {i}: " + "some words of conversation " * 8
        messages.append({"role": role, "content": [{"text": text}]})
    if messages[-1]["role"] != "user":
        messages.append({"role": "user", "content": [{"text": "And now?"}]})
    return {"modelId": MODEL_ID, "messages": messages}


DOCUMENT: dict[str, Any] = {
    "modelId": MODEL_ID,
    "messages": [
        {
            "role": "user",
            "content": [
                {
                    "document": {
                        "format": "txt",
                        "name": "big",
                        "source": {"bytes": b"x" * 1_000_000},
                    }
                },
                {"text": "Summarise."},
            ],
        }
    ],
}

CASES = {"small": SMALL, "20-turn history": history(20), "1 MB document": DOCUMENT}


def measure(case: str, calls: int, spaced_calls: int) -> None:
    """Both clients on one case, back to back then spaced; prints and emits two rows."""
    request = CASES[case]
    # A fresh server (and clients) per case: the server logs every request it receives,
    # and hundreds of 1 MB bodies would weigh on the cases after them.
    with local_server() as server:
        fast = fastconverse_client(server.url)
        boto = boto3_client(server.url)
        assert fast.converse(**request)["output"] == boto.converse(**request)["output"]

        def call_fast() -> int:
            fast.converse(**request)
            return 1

        def call_boto() -> int:
            boto.converse(**request)
            return 1

        for spacing, count in ((0.0, calls), (0.05, spaced_calls)):
            fast_cost = cpu_per_unit(call_fast, count, server, spacing)
            boto_cost = cpu_per_unit(call_boto, count, server, spacing)
            label = "50 ms" if spacing else "none"
            fast_us, boto_us = fast_cost.client * 1e6, boto_cost.client * 1e6
            server_us = f"{fast_cost.server * 1e6:.0f}/{boto_cost.server * 1e6:.0f}"
            print(
                f"{case:<18} {label:>8} {fast_us:13.1f} {boto_us:9.1f}"
                f" {boto_us / fast_us:6.1f}x {server_us:>18}"
            )
            emit(
                "converse_cpu",
                {
                    "case": case,
                    "spacing": spacing,
                    "calls": count,
                    "fastconverse_us": fast_us,
                    "boto3_us": boto_us,
                    "server_fastconverse_us": fast_cost.server * 1e6,
                    "server_boto3_us": boto_cost.server * 1e6,
                },
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=2000, help="calls per case, back to back")
    parser.add_argument("--spaced-calls", type=int, default=100, help="calls per case, spaced")
    parser.add_argument("--cases", nargs="+", default=list(CASES), choices=list(CASES))
    args = parser.parse_args()

    print("CPU per converse call (time.process_time), microseconds; server's apart")
    print(
        f"{'case':<18} {'spacing':>8} {'fastconverse':>13} {'boto3':>9} {'ratio':>7}"
        f" {'server (fc/boto3)':>18}"
    )
    for case in args.cases:
        calls = args.calls if case != "1 MB document" else max(args.calls // 20, 10)
        measure(case, calls, args.spaced_calls)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
