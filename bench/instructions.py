"""Instructions per converse call and per stream event, counted by valgrind: one build or two.

CPU time on a shared machine moves by tens of percent from run to run; instruction counts
do not. Each workload runs in a child process under `valgrind --tool=callgrind` twice, with
`n` and `2n` units (calls, or events), and the difference over `n` is the cost of one unit,
start-up and warm-up excluded; every thread of the client counts (Python's and the Rust
runtime's). LocalBedrock runs in a process of its own, outside valgrind. `--baseline DIR`
measures a second build (a folder holding a `fastconverse` package, put first on
PYTHONPATH) beside the one importable here, in the same run:

    python bench/instructions.py --baseline /path/to/old/python
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import CREDENTIALS, MODEL_ID, REGION, emit, local_server

# Each workload reads ENDPOINT and UNITS from the environment; it warms up, then does UNITS.
WORKLOADS = {
    "converse call (small)": """
from fastconverse import ChatClient
client = ChatClient(endpoint_url=ENDPOINT, **CREDENTIALS)
request = {"modelId": MODEL_ID, "inferenceConfig": {"maxTokens": 256, "temperature": 0.5},
           "messages": [{"role": "user", "content": [{"text": "Hello, how are you today?"}]}]}
for _ in range(5):
    client.converse(**request)
for _ in range(UNITS):
    client.converse(**request)
print("DONE", UNITS)
""",
    "stream event (100-event streams)": """
from fastconverse import ChatClient
client = ChatClient(endpoint_url=ENDPOINT, **CREDENTIALS)
text = " ".join(["word"] * 97)
request = {"modelId": MODEL_ID,
           "messages": [{"role": "user", "content": [{"text": text}]}]}
def stream():
    return sum(1 for _ in client.converse_stream(**request))
per_stream = stream()
print("DONE", sum(stream() for _ in range(max(1, UNITS // per_stream))))
""",
}


# Units per step when --units is not given. Two or four 100-event streams gave per-event
# counts 5% apart from one run to the next (the caller's thread waits for the runtime's a
# varying number of times); sixty and a hundred and twenty agree within 1%.
DEFAULT_UNITS = {"converse call (small)": 200, "stream event (100-event streams)": 6000}


def instructions(code: str, units: int, endpoint: str, pythonpath: str | None) -> tuple[int, int]:
    """Instructions the client executed running `code` for about `units` units, all
    threads, and the units it did."""
    env = dict(os.environ)
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    preamble = (
        f"ENDPOINT = {endpoint!r}\nREGION = {REGION!r}\nMODEL_ID = {MODEL_ID!r}\n"
        f"CREDENTIALS = {CREDENTIALS!r}\nUNITS = {units}\n"
    )
    with tempfile.TemporaryDirectory() as folder:
        out = os.path.join(folder, "callgrind.out")
        done = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={out}",
                sys.executable,
                "-c",
                preamble + code,
            ],
            env=env,
            check=False,
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            raise RuntimeError(f"the workload failed:\n{done.stderr[-2000:]}")
        with open(out, encoding="utf-8") as handle:
            totals = re.search(r"^(?:totals|summary): (\d+)", handle.read(), re.M)
    assert totals, "callgrind wrote no totals"
    units_done = re.search(r"^DONE (\d+)$", done.stdout, re.M)
    assert units_done, f"the workload did not finish: {done!r}"
    return int(totals.group(1)), int(units_done.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--units",
        type=int,
        help="calls or events per step (default: 200 calls; 6,000 events, since a stream's "
        "per-event count moves by 5% with fewer)",
    )
    parser.add_argument("--baseline", help="a folder with another fastconverse build")
    args = parser.parse_args()
    builds = {"this build": None}
    if args.baseline:
        builds["baseline"] = args.baseline
    print("instructions per unit (valgrind callgrind, client process, all threads)")
    with local_server() as server:
        for workload, code in WORKLOADS.items():
            row = {}
            units = args.units or DEFAULT_UNITS[workload]
            for build, path in builds.items():
                one, one_units = instructions(code, units, server.url, path)
                two, two_units = instructions(code, 2 * units, server.url, path)
                row[build] = (two - one) / (two_units - one_units)
            shown = "  ".join(f"{build}: {count:,.0f}" for build, count in row.items())
            if "baseline" in row:
                shown += f"  (this build / baseline: {row['this build'] / row['baseline']:.2f})"
            print(f"{workload:<34} {shown}", flush=True)
            emit("instructions", {"workload": workload, **row})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
