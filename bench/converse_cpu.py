"""Client CPU per converse call, fastconverse beside boto3, against one LocalBedrock.

The server runs in its own process so that its CPU is not charged to either client;
`time.process_time` measures only the client's process (all of its threads, the Rust
runtime's included). Three requests (a small one, a 20-turn history, a 1 MB document),
back to back and spaced 50 ms apart (caches go cold, as in a real pipeline).

    python bench/converse_cpu.py --calls 2000
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import CREDENTIALS, MODEL_ID, cpu_per_call, emit, local_server

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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=2000, help="calls per case, back to back")
    parser.add_argument("--spaced-calls", type=int, default=100, help="calls per case, spaced")
    parser.add_argument("--cases", nargs="+", default=list(CASES), choices=list(CASES))
    args = parser.parse_args()

    import boto3
    from botocore.config import Config

    from fastconverse import ChatClient

    with local_server() as endpoint:
        fast = ChatClient(endpoint_url=endpoint, **CREDENTIALS)
        boto = boto3.client(
            "bedrock-runtime",
            endpoint_url=endpoint,
            config=Config(retries={"mode": "standard"}),
            **CREDENTIALS,
        )
        print("client CPU per converse call (time.process_time), microseconds")
        print(f"{'case':<18} {'spacing':>8} {'fastconverse':>13} {'boto3':>9} {'ratio':>7}")
        for case in args.cases:
            request = CASES[case]
            assert fast.converse(**request)["output"] == boto.converse(**request)["output"]
            calls = args.calls if case != "1 MB document" else max(args.calls // 20, 10)
            for spacing, count in ((0.0, calls), (0.05, args.spaced_calls)):
                fast_cpu = cpu_per_call(lambda r=request: fast.converse(**r), count, spacing)
                boto_cpu = cpu_per_call(lambda r=request: boto.converse(**r), count, spacing)
                label = "50 ms" if spacing else "none"
                ratio = boto_cpu / fast_cpu
                fast_us, boto_us = fast_cpu * 1e6, boto_cpu * 1e6
                print(f"{case:<18} {label:>8} {fast_us:13.1f} {boto_us:9.1f} {ratio:6.1f}x")
                emit(
                    "converse_cpu",
                    {
                        "case": case,
                        "spacing": spacing,
                        "calls": count,
                        "fastconverse_us": fast_cpu * 1e6,
                        "boto3_us": boto_cpu * 1e6,
                    },
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
