"""Where a converse call's CPU goes: each layer under fastconverse as a variant of its own,
side by side in one run against one LocalBedrock (cargo example `layers`, bench/layers.rs).

Each variant prints its CPU per call; with `--instructions` each also runs under valgrind
(callgrind) with `n` and `2n` calls, and the difference over `n` is its instructions per
call, which, unlike CPU time, do not move with what else the machine is doing.

    python bench/layers.py --calls 2000 --instructions 200 --spaced-calls 300
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import BEARER_TOKEN, cargo_example, emit, local_server

# In the order of the report: the SDK alone, then fastconverse's core and its parts.
VARIANTS = {
    "sdk-defaults": "the SDK with its defaults and typed shapes (no fastconverse)",
    "core": "fastconverse's core, called on the calling thread",
    "core-on-a-worker": "the same, handed to a runtime worker (as the binding does)",
    "core-current-thread": "the same on a current-thread runtime of the caller's own",
    "core-tuned-http": "the core with a minimal hyper client in the SDK's HttpClient seam",
    "core-h2c": "the core over HTTP/2 with prior knowledge (ChatClient(http2=True))",
    "core-no-io": "the core with an in-memory transport (no sockets)",
    "bare-hyper": "an unsigned POST through hyper-util (HTTP alone)",
}


# The spaced comparison: the two ways the binding could run a sync call.
SPACED = ("core", "core-on-a-worker")
SPACING_MS = 50
SPACED_ROUNDS = 3


def instructions(program: str, args: list[str]) -> int:
    """The instructions callgrind counted for one run of `program` (all threads)."""
    with tempfile.TemporaryDirectory() as folder:
        out = os.path.join(folder, "callgrind.out")
        subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", program, *args],
            check=True,
            capture_output=True,
        )
        with open(out, encoding="utf-8") as handle:
            totals = re.search(r"^(?:totals|summary): (\d+)", handle.read(), re.M)
    assert totals, "callgrind wrote no totals"
    return int(totals.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=2000, help="calls per CPU-time run")
    parser.add_argument(
        "--instructions", type=int, default=0, metavar="N", help="also count instructions"
    )
    parser.add_argument(
        "--spaced-calls",
        type=int,
        default=0,
        metavar="N",
        help="also N calls 50 ms apart on the calling thread and handed to a worker",
    )
    args = parser.parse_args()
    program = cargo_example("layers")
    if program is None:
        print("the cargo example `layers` did not build; no figures")
        return 0
    print("CPU per converse call through each layer (client process, all threads)")
    with local_server() as server:
        for variant, what in VARIANTS.items():
            base = [variant, server.url, BEARER_TOKEN]
            out = subprocess.run(
                [str(program), *base, str(args.calls)], capture_output=True, text=True, check=True
            )
            record = {"variant": variant, "what": what, "cpu_us": float(out.stdout.strip())}
            shown = f"{record['cpu_us']:7.1f} us"
            if args.instructions:
                n = args.instructions
                one = instructions(str(program), [*base, str(n)])
                two = instructions(str(program), [*base, str(2 * n)])
                # Each run makes min(calls, 50) warm-up calls besides its timed ones.
                record["instructions"] = (two - one) / ((2 * n + min(2 * n, 50)) - (n + min(n, 50)))
                shown += f"  {record['instructions']:9,.0f} instructions"
            print(f"  {variant:<20} {shown}  {what}", flush=True)
            emit("layers", record)
        if args.spaced_calls:
            # Does the thread hand-off cost more when calls are spaced and threads go cold?
            print(f"the same, {SPACING_MS} ms apart ({args.spaced_calls} calls, alternating)")
            spaced: dict[str, list[float]] = {variant: [] for variant in SPACED}
            for _ in range(SPACED_ROUNDS):
                for variant in SPACED:
                    out = subprocess.run(
                        [
                            str(program),
                            variant,
                            server.url,
                            BEARER_TOKEN,
                            str(max(1, args.spaced_calls // SPACED_ROUNDS)),
                            str(SPACING_MS),
                        ],
                        capture_output=True,
                        text=True,
                        check=True,
                    )
                    spaced[variant].append(float(out.stdout.strip()))
            for variant, runs in spaced.items():
                cpu_us = statistics.median(runs)
                print(f"  {variant:<20} {cpu_us:7.1f} us", flush=True)
                emit(
                    "layers_spaced",
                    {"variant": variant, "cpu_us": cpu_us, "spacing_ms": SPACING_MS},
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
