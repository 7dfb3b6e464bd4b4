"""Where a call's client CPU goes: perf samples of one workload, sorted into cost centres.

Runs a workload (sync converse calls, async converse calls 64 at a time, or 1,000-event
streams) against a LocalBedrock in its own process, records it with `perf record`
(software clock, DWARF call graphs), and sorts every sample by thread (the Python thread
or a runtime worker), by kernel or user space, and by the first cost centre found on its
stack. Needs Linux `perf` and a build with symbols:

    maturin develop --profile profiling
    python bench/profile.py converse          # or: async, stream

The issue-7 closing notes quote its output. Nothing here runs in CI.
"""

from __future__ import annotations

import argparse
import collections
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import CREDENTIALS, MODEL_ID, local_server

WORKLOADS = {
    "converse": """
import sys
from fastconverse import ChatClient
client = ChatClient(endpoint_url=sys.argv[1], **CREDENTIALS)
request = {"modelId": MODEL_ID, "messages": [{"role": "user", "content": [{"text": "Hello"}]}]}
for _ in range(50):
    client.converse(**request)
print("ready", flush=True)
while True:
    client.converse(**request)
""",
    "async": """
import asyncio, sys
from fastconverse import ChatClient
client = ChatClient(endpoint_url=sys.argv[1], **CREDENTIALS)
request = {"modelId": MODEL_ID, "messages": [{"role": "user", "content": [{"text": "Hello"}]}]}
async def main():
    await asyncio.gather(*(client.converse_async(**request) for _ in range(64)))
    print("ready", flush=True)
    while True:
        await asyncio.gather(*(client.converse_async(**request) for _ in range(64)))
asyncio.run(main())
""",
    "stream": """
import sys
from fastconverse import ChatClient
client = ChatClient(endpoint_url=sys.argv[1], **CREDENTIALS)
words = " ".join(["word"] * (996 * 4))  # 996 text deltas + 4 framing events
request = {"modelId": MODEL_ID, "messages": [{"role": "user", "content": [{"text": words}]}]}
sum(1 for _ in client.converse_stream(**request))
print("ready", flush=True)
while True:
    sum(1 for _ in client.converse_stream(**request))
""",
}

# Checked in order against each sample's whole stack; the first that matches names it.
KERNEL_CENTRES = ["epoll_wait", "futex", "writev", "recvfrom", "send", "write", "mmap"]
USER_CENTRES = [
    # The SDK's request pipeline.
    ("sign_http_request", "SDK: SigV4 signing"),
    ("Interceptors", "SDK: interceptors"),
    ("apply_configuration", "SDK: per-call configuration"),
    ("apply_client_configuration", "SDK: per-call configuration"),
    ("unmarshall", "SDK: event unmarshalling"),
    ("decode_frame", "SDK: event-stream framing and CRC"),
    ("hyper", "hyper / hyper-util (HTTP/1.1)"),
    ("try_attempt", "SDK: orchestrator"),
    ("try_op", "SDK: orchestrator"),
    ("protocol_serde", "SDK: JSON (de)serialization"),
    # fastconverse.
    ("py::de::", "fastconverse: request from Python"),
    ("pythonize", "fastconverse: result to Python"),
    ("response_to_py", "fastconverse: result to Python"),
    ("py::asyncio", "fastconverse: asyncio bridge"),
    ("fastconverse::wire", "fastconverse: wire conversion"),
    ("py::stream", "fastconverse: stream steps"),
    ("core::stream::pump", "fastconverse: stream pump"),
    # Last: every task of a sync call runs under a frame named after wait().
    ("py::wait", "fastconverse: sync wait (task hand-off, large-future moves)"),
    ("tokio::", "tokio scheduler"),
    ("libpython", "CPython"),
]


def classify(sample: str) -> tuple[str, str]:
    """(thread, cost centre) of one `perf script` sample."""
    lines = sample.strip().splitlines()
    thread = "Python thread" if lines[0].split()[0] == "python" else "runtime worker"
    stack = "\n".join(lines[1:])
    if len(lines) > 1 and "kernel.kallsyms" in lines[1]:
        for name in KERNEL_CENTRES:
            if name in stack:
                return thread, f"kernel: {name}"
        return thread, "kernel: other"
    for needle, centre in USER_CENTRES:
        if needle in stack:
            return thread, centre
    return thread, "other user space (malloc, memcpy, std)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workload", choices=sorted(WORKLOADS))
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--frequency", type=int, default=1000, help="samples per second")
    args = parser.parse_args()
    if shutil.which("perf") is None:
        raise SystemExit("perf is not installed (Debian: apt install linux-perf)")

    prelude = f"CREDENTIALS = {CREDENTIALS!r}\nMODEL_ID = {MODEL_ID!r}\n"
    with local_server() as server, tempfile.TemporaryDirectory() as scratch:
        workload = subprocess.Popen(
            [sys.executable, "-c", prelude + WORKLOADS[args.workload], server.url],
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert workload.stdout is not None
            if workload.stdout.readline().strip() != "ready":
                raise SystemExit("the workload did not start")
            data = os.path.join(scratch, "perf.data")
            record = ["perf", "record", "-q", "--call-graph", "dwarf,16384", "-e", "cpu-clock"]
            target = ["-F", str(args.frequency), "-p", str(workload.pid), "-o", data]
            subprocess.run(
                [*record, *target, "--", "sleep", str(args.seconds)],
                check=True,
                capture_output=True,
            )
        finally:
            workload.kill()
            workload.wait()
        started = time.monotonic()
        script = subprocess.run(
            ["perf", "script", "-i", data], check=True, capture_output=True, text=True
        ).stdout
    samples = [s for s in script.split("\n\n") if s.strip()]
    counts = collections.Counter(classify(s) for s in samples)
    threads = collections.Counter()
    for (thread, _), n in counts.items():
        threads[thread] += n
    total = len(samples) or 1
    print(f"{args.workload}: {len(samples)} samples ({time.monotonic() - started:.0f} s to read)")
    for thread, n in threads.most_common():
        print(f"  {thread}: {n / total:.0%}")
    for (thread, centre), n in counts.most_common():
        if n / total >= 0.005:
            print(f"  {n / total:6.1%}  {thread:15} {centre}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
