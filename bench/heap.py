"""What the Rust heap holds for each call in flight, by owner: the core's converse with N
calls in flight at once (cargo example `heap`, bench/heap.rs) under valgrind's dhat,
over HTTP/1.1 and over HTTP/2, against a LocalBedrock that answers after a delay.

bench/memory.py measures resident memory per in-flight call from Python; this is the
Rust half of it taken apart. dhat records every allocation with its stack; at the heap's
peak (t-gmax) each live block is charged to the first frame of its stack that belongs to
a known crate (the SDK's runtime, hyper, h2, tokio, http, fastconverse), past the
allocator and the containers (Vec, HashMap, Bytes, slab) that only hold it, so that a
HashMap inside the SDK's config bag counts as the SDK's. The example needs symbols, so it
is built with the `profiling` profile (a build of its own, several minutes the first
time). Needs valgrind; prints nothing but a note without it.

    python bench/heap.py --in-flight 500
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import ROOT, emit, local_server

# Owners, by the crate in a frame's function path; the first frame that names one wins.
# (Inlined frames name no function, so they are passed over for their callers.)
OWNERS = [
    ("fastconverse", r"fastconverse::"),
    ("hyper-util", r"hyper_util::"),
    ("hyper", r"hyper::"),
    ("h2", r"h2::"),
    ("the SDK's runtime", r"aws_smithy_\w+::|aws_runtime::|aws_sdk_bedrockruntime::|aws_sigv4::"),
    ("http (headers)", r"\bhttp::"),
    ("tokio (tasks, channels)", r"tokio::"),
    # What the example's task holds itself: the core's inlined async fns, chiefly the
    # SDK's operation future, which core::client::send boxes.
    ("the call's future (the SDK operation's)", r"^heap::"),
]
# How many of the largest allocation sites each protocol's table lists.
SITES = 6
# Frames that only allocate or hold memory for whoever called them.
HOLDERS = re.compile(
    r"\(library/|vgpreload|alloc::|__rust|hashbrown::|bytes::|slab::|core::ptr|std::"
)


def function(frame: str) -> str:
    """A frame's function and place, without its address or generic arguments (which name
    the types a generic holds, not who runs it: hyper's `Conn::new<aws_smithy_..>` is
    hyper's)."""
    text = re.sub(r"^0x[0-9A-Fa-f]+: ", "", frame)
    while True:
        bare = re.sub(r"(?<=[\w}])<[^<>]*>", "", text)
        if bare == text:
            return text
        text = bare


def owner(frames: list[str]) -> str:
    """The owner of a block allocated at `frames` (innermost first)."""
    for frame in frames[1:]:
        if HOLDERS.search(frame):
            continue
        name_of = function(frame)
        for name, pattern in OWNERS:
            if re.search(pattern, name_of):
                return name
    return "other"


def site(frames: list[str]) -> str:
    """Where a block was allocated, shortly: its first two frames past the holders."""
    shown = [
        re.sub(r"\{[^()]*\}", "", function(frame)).strip()
        for frame in frames[1:]
        if not HOLDERS.search(frame)
    ]
    return " <- ".join(shown[:2])[:150]


def peak_by_owner(profile: dict[str, Any]) -> tuple[Counter[str], Counter[str], int, int]:
    """Bytes live at the heap's peak, by owner and by site; in all; and in how many blocks."""
    table = profile["ftbl"]
    by_owner: Counter[str] = Counter()
    by_site: Counter[str] = Counter()
    blocks = 0
    for point in profile["pps"]:
        frames = [table[i] for i in point["fs"]]
        by_owner[owner(frames)] += point.get("gb", 0)
        by_site[site(frames)] += point.get("gb", 0)
        blocks += point.get("gbk", 0)
    return by_owner, by_site, sum(by_owner.values()), blocks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--in-flight", type=int, default=500)
    parser.add_argument("--latency", type=float, default=3.0, help="server latency (seconds)")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        print("valgrind is not installed; no figures")
        return 0
    built = subprocess.run(
        ["cargo", "build", "--profile", "profiling", "--quiet", "--example", "heap"],
        cwd=ROOT,
        check=False,
    )
    if built.returncode != 0:
        print("the cargo example `heap` did not build; no figures")
        return 0
    program = Path(ROOT) / "target" / "profiling" / "examples" / "heap"
    n = args.in_flight
    print(f"Rust heap live at its peak per in-flight call, {n} calls in flight (valgrind dhat)")
    with local_server(latency=args.latency) as server, tempfile.TemporaryDirectory() as folder:
        for protocol in ("h1", "h2"):
            out = os.path.join(folder, f"{protocol}.json")
            extra = ["h2"] if protocol == "h2" else []
            subprocess.run(
                [
                    "valgrind",
                    "--tool=dhat",
                    f"--dhat-out-file={out}",
                    str(program),
                    server.url,
                    str(n),
                    *extra,
                ],
                check=True,
                capture_output=True,
            )
            with open(out, encoding="utf-8") as handle:
                by_owner, by_site, total, blocks = peak_by_owner(json.load(handle))
            label = "HTTP/1.1" if protocol == "h1" else "HTTP/2"
            print(f"  {label}: {total / n / 1024:.1f} KiB in {blocks / n:.0f} blocks per call")
            for name, size in by_owner.most_common():
                print(f"    {size / n:8,.0f} B  {name}")
            print("    the largest sites:")
            for where, size in by_site.most_common(SITES):
                print(f"    {size / n:8,.0f} B  {where}")
            emit(
                "heap",
                {
                    "protocol": protocol,
                    "in_flight": n,
                    "bytes_per_call": total / n,
                    "blocks_per_call": blocks / n,
                    "by_owner": {name: size / n for name, size in by_owner.items()},
                },
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
