"""All benchmarks in one run: fastconverse beside boto3, aioboto3, a bare HTTP client and
the raw Rust SDK (and langchain-aws and LiteLLM, bench/wrappers.py), against LocalBedrock
in a process of its own.

Each benchmark is a script of its own in this folder, run here as a child process (each
starts its own LocalBedrock in yet another process, so that the server's CPU is never
charged to a client; it is reported apart). aioboto3 runs from its own virtual
environment (`python -m venv /work/aio-venv && /work/aio-venv/bin/pip install aioboto3`,
or `--aioboto3-python`); its figures are n/a without it. The full run writes
bench/results.md and the chart bench/results.png (matplotlib); `--quick` writes to a
scratch folder unless given `--output`, and leaves the committed results alone.

    python bench/run.py            # the full run (several minutes on 2 cores)
    python bench/run.py --quick    # a short run that proves every benchmark still works
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import report
from _common import AIOBOTO3_PYTHON, HERE, results
from wrappers import WRAPPERS_PYTHON


def run(script: str, *args: str) -> list[dict[str, Any]]:
    """Runs one benchmark script; returns its result records (its table goes to the console)."""
    print(f"--- {script} {' '.join(args)}", flush=True)
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, str(HERE / script), *args], capture_output=True, text=True, check=False
    )
    if out.returncode != 0:
        raise SystemExit(f"{script} failed:\n{out.stdout}\n{out.stderr}")
    print("\n".join(line for line in out.stdout.splitlines() if not line.startswith("RESULT ")))
    print(f"({time.perf_counter() - start:.0f} s)", flush=True)
    return results(out.stdout)


def chart_path(output: Path) -> Path:
    """results.md -> results.png; any other name (a mktemp file) gets .png added."""
    return output.with_suffix(".png") if output.suffix == ".md" else Path(f"{output}.png")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a short run (a minute or two)")
    parser.add_argument(
        "--no-raw", action="store_true", help="skip the raw Rust SDK figures (bench/layers.rs)"
    )
    parser.add_argument("--aioboto3-python", default=AIOBOTO3_PYTHON)
    parser.add_argument(
        "--wrappers-python",
        default=WRAPPERS_PYTHON,
        help="the interpreter with langchain-aws and LiteLLM (bench/wrappers.py)",
    )
    parser.add_argument(
        "--output",
        type=Path,
        help="where results.md goes, the chart beside it (default: bench/results.md for the "
        "full run, a scratch folder for --quick)",
    )
    args = parser.parse_args()
    quick = args.quick
    output = args.output
    if output is None:
        folder = Path(tempfile.mkdtemp(prefix="fastconverse-bench-")) if quick else HERE
        output = folder / "results.md"
    output.parent.mkdir(parents=True, exist_ok=True)  # fail now rather than after the run
    aio = ("--aioboto3-python", args.aioboto3_python)

    records: list[dict[str, Any]] = []
    records += run(
        "converse_cpu.py",
        *("--calls", "50" if quick else "2000"),
        *("--spaced-calls", "5" if quick else "100"),
    )
    records += run(
        "stream_cpu.py", "--events", "10", "1000", "--total-events", "2000" if quick else "100000"
    )
    records += run(
        "throughput.py",
        "--concurrency",
        *(["8", "64"] if quick else ["8", "64", "256", "1000"]),
        *("--seconds", "0.5" if quick else "3"),
        *aio,
    )
    records += run(
        "wrappers.py",
        *("--calls", "20" if quick else "300"),
        *("--rounds", "2" if quick else "10"),
        *aio,
        *("--wrappers-python", args.wrappers_python),
    )
    records += run("python_layer.py", "--calls", "20000" if quick else "200000")
    records += run("startup.py", "--runs", "2" if quick else "10")
    records += run(
        "memory.py",
        *("--in-flight", "200" if quick else "1000"),
        *("--latency", "0.5" if quick else "2"),
        *aio,
    )
    if not args.no_raw:
        records += run(
            "layers.py",
            *("--calls", "50" if quick else "2000"),
            *([] if quick else ["--instructions", "200"]),
            *("--spaced-calls", "6" if quick else "300"),
        )
    raw_us = report.raw_sdk_us(records)

    chart = chart_path(output)
    drawn = report.chart(records, chart)
    text = report.markdown(records, raw_us, quick, chart.name if drawn else None)
    output.write_text(text, encoding="utf-8")
    print()
    print(text[text.index("## Targets") : text.index("\n## ", text.index("## Targets") + 1)])
    print(f"wrote {output}" + (f" and {chart}" if drawn else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
