"""The report of one `python bench/run.py`: bench/results.md (tables, the issue's targets
met or not) and the chart bench/results.png, from the records the benchmarks printed.

Used by bench/run.py; not a command of its own.
"""

from __future__ import annotations

import datetime
import os
import platform
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from _common import CPU_TICK

Records = list[dict[str, Any]]


def of(records: Records, name: str) -> Records:
    return [r for r in records if r["name"] == name]


def raw_sdk_us(records: Records) -> float | None:
    """CPU per call of fastconverse's core without Python (bench/layers.rs): the cheaper of
    calling on the calling thread and handing the call to a worker, as the binding does."""
    core = [r["cpu_us"] for r in of(records, "layers") if r["variant"] in LAYERS_CORE]
    return min(core) if core else None


# The layers variants that are fastconverse's core as the binding runs it.
LAYERS_CORE = ("core", "core-on-a-worker")


def environment(record: dict[str, Any]) -> str:
    """The environment a start-up record was measured in (records before there were two
    came from a plain shell)."""
    return str(record.get("environment", "plain shell"))


def ratio(slow: float | None, fast: float | None) -> str:
    return f"{slow / fast:.1f}x" if slow and fast else "n/a"


def number(value: float | None, digits: int = 0) -> str:
    return "n/a" if value is None else f"{value:,.{digits}f}"


def server_us(value: float | None, units: int) -> str:
    """A server CPU figure (µs per unit) with its resolution: one CPU tick over `units`."""
    if value is None:
        return "n/a"
    error = CPU_TICK / units * 1e6
    digits = 0 if error >= 1 else 1
    return f"{value:.{digits}f} ± {error:.{digits}f}"


@dataclass(frozen=True)
class Target:
    """One of issue 16's targets: the measure, both sides' figures, the measured value (a
    ratio, a share or an overhead) against its threshold, and whether it holds."""

    measure: str
    fastconverse: str
    other: str
    wanted: str
    threshold: float
    value: float | None  # in the threshold's unit; None: not measured in this run
    percent: bool = False  # shown as a percentage rather than a ratio
    lower_is_better: bool = False
    overhead: bool = True  # a lower-is-better value shown as +N% (else as a ratio or unit)
    unit: str = "x"

    @property
    def met(self) -> bool | None:
        if self.value is None:
            return None
        return (
            self.value <= self.threshold if self.lower_is_better else self.value >= self.threshold
        )

    @property
    def shown(self) -> str:
        if self.value is None:
            return "n/a"
        if self.lower_is_better and self.overhead:
            return f"{self.value:+.0%}"
        return f"{self.value:.1%}" if self.percent else f"{self.value:.1f}{self.unit}"


def memory_growth(records: Records) -> dict[str, float]:
    return {r["client"]: r["growth_kib_per_call"] for r in of(records, "memory")}


def worst(rows: Records, slow: Callable[[Any], float], fast: Callable[[Any], float]) -> Any:
    """The row where fastconverse does least well (slow / fast smallest), or None."""
    return min(rows, key=lambda r: slow(r) / fast(r), default=None)


def rps(value: float | None) -> str:
    return "n/a" if value is None else f"{value:,.0f} req/s"


def targets(records: Records, raw_us: float | None) -> list[Target]:
    """Issue 16's targets, each a ratio (or share) measured in this run."""
    found: list[Target] = []
    missing = Target("", "n/a", "n/a", "", 0, None)

    converse = of(records, "converse_cpu")
    for spacing, wanted in ((0, 5.0), (1, 3.5)):
        row = next(
            (r for r in converse if r["case"] == "small" and bool(r["spacing"]) == spacing), None
        )
        label = (
            f"client CPU per small converse call, {'spaced 50 ms' if spacing else 'back to back'}"
        )
        found.append(
            Target(
                label,
                f"{row['fastconverse_us']:,.0f} µs",
                f"boto3 {row['boto3_us']:,.0f} µs",
                f"≥ {wanted:g}x",
                wanted,
                row["boto3_us"] / row["fastconverse_us"],
            )
            if row
            else replace(missing, measure=label, wanted=f"≥ {wanted:g}x")
        )

    small = next((r for r in converse if r["case"] == "small" and not r["spacing"]), None)
    found.append(
        Target(
            "CPU the binding adds over the raw SDK path it uses (small request)",
            f"{small['fastconverse_us']:.0f} µs",
            f"core without Python {raw_us:.0f} µs",
            "≤ 20%",
            0.2,
            small["fastconverse_us"] / raw_us - 1,
            lower_is_better=True,
        )
        if small and raw_us
        else replace(missing, measure="CPU the binding adds over the raw SDK", wanted="≤ 20%")
    )

    streams = {r["events"]: r for r in of(records, "stream_cpu")}
    for events, wanted in ((1000, 10.0), (10, 5.0)):
        row = streams.get(events)
        label = f"client CPU per stream event, {events:,}-event streams"
        found.append(
            Target(
                label,
                f"{row['fastconverse_us']:.1f} µs",
                f"boto3 {row['boto3_us']:.1f} µs",
                f"≥ {wanted:g}x",
                wanted,
                row["boto3_us"] / row["fastconverse_us"],
            )
            if row
            else replace(missing, measure=label, wanted=f"≥ {wanted:g}x")
        )

    growth = memory_growth(records)
    in_flight = next((r["in_flight"] for r in of(records, "memory")), 0)
    fast, aio = growth.get("fastconverse"), growth.get("aioboto3")
    found.append(
        Target(
            f"memory per in-flight call, HTTP/1.1 ({in_flight:,} in flight), over aioboto3's",
            f"{fast:.1f} KiB",
            f"aioboto3 {aio:.1f} KiB",
            "≤ 1.0x",
            1.0,
            fast / aio,
            lower_is_better=True,
            overhead=False,
        )
        if aio and fast
        else replace(missing, measure="memory per in-flight call, HTTP/1.1", wanted="≤ 1.0x")
    )
    h2 = growth.get("fastconverse h2")
    found.append(
        Target(
            f"memory per in-flight call, HTTP/2 ({in_flight:,} in flight), in KiB",
            f"{h2:.1f} KiB",
            f"aioboto3 {aio:.1f} KiB (HTTP/1.1)" if aio else "",
            "≤ 24 KiB",
            24.0,
            h2,
            lower_is_better=True,
            overhead=False,
            unit=" KiB",
        )
        if h2
        else replace(missing, measure="memory per in-flight call, HTTP/2", wanted="≤ 24 KiB")
    )

    throughput = {r["in_flight"]: r for r in of(records, "throughput")}
    row = throughput.get(1000)
    found.append(
        Target(
            "requests/s at 1,000 in flight, 50 ms latency, share of the ideal",
            rps(row["rps"]["fastconverse"]),
            f"ideal {rps(row['ideal'])}; bare HTTP {rps(row['rps']['bare'])}",
            "≥ 80%",
            0.8,
            row["rps"]["fastconverse"] / row["ideal"],
            percent=True,
        )
        if row
        else replace(
            missing, measure="requests/s at 1,000 in flight (not in --quick)", wanted="≥ 80%"
        )
    )
    row = throughput.get(256)
    found.append(
        Target(
            "requests/s at 256 in flight, beside aioboto3",
            rps(row["rps"]["fastconverse"]),
            f"aioboto3 {rps(row['rps']['aioboto3'])}",
            "≥ 3x",
            3,
            row["rps"]["fastconverse"] / row["rps"]["aioboto3"],
        )
        if row and row["rps"].get("aioboto3")
        else replace(missing, measure="requests/s at 256 in flight (not in --quick)", wanted="≥ 3x")
    )

    startups = of(records, "startup")
    found += [
        Target(
            f"new process to ready client, less the bare interpreter ({environment(row)})",
            f"{row['fastconverse_ms']:.1f} ms",
            f"boto3 {row['boto3_ms']:.1f} ms",
            "≥ 10x",
            10,
            row["boto3_ms"] / row["fastconverse_ms"],
        )
        for row in startups
    ] or [replace(missing, measure="new process to ready client", wanted="≥ 10x")]
    return found


def table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> list[str]:
    header = list(header)
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def markdown(records: Records, raw_us: float | None, quick: bool, chart: str | None) -> str:
    """results.md: every table of the run, and the targets."""
    lines = [
        "# fastconverse benchmarks",
        "",
        f"Made by `python bench/run.py{' --quick' if quick else ''}` on "
        f"{datetime.date.today()}, {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}. LocalBedrock runs in a process of its own "
        "(`fastconverse serve`); its CPU is never a client's and is reported apart. Ratios: "
        "the other client's cost over fastconverse's (higher is better for fastconverse).",
        "",
        "## Targets (issue 16)",
        "",
        "Each a ratio or share measured in this run; the README shows this table.",
        "",
    ]
    met_text = {True: "met", False: "**not met**", None: "not measured"}
    lines += table(
        ("measure", "fastconverse", "beside", "measured", "target", "result"),
        (
            (t.measure, t.fastconverse, t.other, t.shown, t.wanted, met_text[t.met])
            for t in targets(records, raw_us)
        ),
    )
    if chart:
        lines += ["", f"![ratios and throughput]({chart})"]

    lines += ["", "## Client CPU per converse call (µs, `time.process_time`)", ""]
    converse = of(records, "converse_cpu")
    lines += table(
        ("request", "spacing", "fastconverse", "boto3", "boto3 / fastconverse"),
        (
            (
                r["case"],
                "50 ms" if r["spacing"] else "none",
                f"{r['fastconverse_us']:.1f}",
                f"{r['boto3_us']:.1f}",
                ratio(r["boto3_us"], r["fastconverse_us"]),
            )
            for r in converse
        ),
    )
    small = next((r for r in converse if r["case"] == "small" and not r["spacing"]), None)
    if raw_us is not None and small is not None:
        lines += [
            "",
            f"Raw Rust SDK through fastconverse's core (no Python; `bench/layers.rs`), "
            f"small request: {raw_us:.1f} µs per call; the binding layer adds "
            f"{(small['fastconverse_us'] / raw_us - 1) * 100:+.0f}%.",
        ]

    layers = of(records, "layers")
    if layers:
        sdk = next((r for r in layers if r["variant"] == "sdk-defaults"), None)
        counted = all("instructions" in r for r in layers)
        lines += [
            "",
            "## Where a converse call's CPU goes: each layer on its own (`bench/layers.rs`)",
            "",
            "The same small call, without Python, through each layer under fastconverse, "
            "against the same LocalBedrock"
            + (
                "; instructions counted by callgrind (all threads), which do not move with "
                "the machine's load."
                if counted
                else "."
            ),
            "",
        ]
        header = ["variant", "what it is", "CPU µs per call", "share of SDK defaults"]
        if counted:
            header += ["instructions per call", "share of SDK defaults"]

        def share(r: dict[str, Any], key: str) -> str:
            return f"{r[key] / sdk[key]:.2f}" if sdk and sdk.get(key) else "n/a"

        lines += table(
            header,
            (
                [r["variant"], r["what"], f"{r['cpu_us']:.1f}", share(r, "cpu_us")]
                + ([f"{r['instructions']:,.0f}", share(r, "instructions")] if counted else [])
                for r in layers
            ),
        )
        spaced = {r["variant"]: r for r in of(records, "layers_spaced")}
        if "core" in spaced and "core-on-a-worker" in spaced:
            lines += [
                "",
                f"{spaced['core']['spacing_ms']} ms apart (the median of three alternating "
                f"runs each): the core on the calling thread {spaced['core']['cpu_us']:.0f} µs "
                f"per call, handed to a worker {spaced['core-on-a-worker']['cpu_us']:.0f} µs: "
                "the thread hand-off's price when threads and caches go cold between calls.",
            ]

    lines += ["", "## Client CPU per stream event (µs)", ""]
    stream = of(records, "stream_cpu")
    lines += table(
        (
            "events per stream",
            "fastconverse",
            "fastconverse async",
            "boto3",
            "boto3 / fastconverse",
        ),
        (
            (
                str(r["events"]),
                f"{r['fastconverse_us']:.2f}",
                f"{r['fastconverse_async_us']:.2f}",
                f"{r['boto3_us']:.2f}",
                ratio(r["boto3_us"], r["fastconverse_us"]),
            )
            for r in stream
        ),
    )

    throughput = of(records, "throughput")
    lines += [
        "",
        "## Requests per second against 50 ms of server latency",
        "",
        "Ideal: in flight / latency. Bare HTTP: `bench/bare_http.rs` (hyper, one thread, "
        "bearer token), what the server itself allows.",
        "",
    ]
    lines += table(
        (
            "in flight",
            "ideal",
            "fastconverse",
            "share of ideal",
            "boto3 + threads",
            "aioboto3",
            "bare HTTP",
            "fastconverse / aioboto3",
        ),
        (
            (
                str(r["in_flight"]),
                number(r["ideal"]),
                number(r["rps"]["fastconverse"]),
                f"{r['rps']['fastconverse'] / r['ideal']:.0%}",
                number(r["rps"]["boto3"]),
                number(r["rps"]["aioboto3"]),
                number(r["rps"]["bare"]),
                ratio(r["rps"]["fastconverse"], r["rps"]["aioboto3"]),
            )
            for r in throughput
        ),
    )

    lines += [
        "",
        "## Server CPU per request (µs), reported apart",
        "",
        "LocalBedrock's own CPU (all its threads, from /proc) over each client's runs, per "
        "request (per event for streams), ± one CPU tick over the run (short runs are coarse). "
        "The SDK clients sign with SigV4, which the server verifies; the bare client sends a "
        "bearer token, cheaper to check.",
        "",
    ]
    rows: list[tuple[str, ...]] = [
        (
            f"converse, {r['case']}" + (", spaced" if r["spacing"] else ""),
            server_us(r["server_fastconverse_us"], r["calls"]),
            server_us(r["server_boto3_us"], r["calls"]),
            "",
            "",
        )
        for r in converse
    ]
    rows += [
        (
            f"stream, per event of {r['events']}",
            server_us(r["server_fastconverse_us"], r["streams"] * r["events"])
            + f" (async {r['server_fastconverse_async_us']:.1f})",
            server_us(r["server_boto3_us"], r["streams"] * r["events"]),
            "",
            "",
        )
        for r in stream
    ]
    rows += [
        (
            f"throughput, {r['in_flight']} in flight",
            *(
                server_us(r["server_cpu_us"][c], r["requests"])
                for c in ("fastconverse", "boto3", "aioboto3", "bare")
            ),
        )
        for r in throughput
    ]
    lines += table(("run", "fastconverse", "boto3", "aioboto3", "bare HTTP"), rows)
    if throughput:
        lines += [
            "",
            "Client CPU per request in the same throughput runs (µs), for comparison:",
            "",
        ]
        lines += table(
            ("in flight", "fastconverse", "boto3 + threads", "aioboto3", "bare HTTP"),
            (
                (
                    str(r["in_flight"]),
                    *(
                        number(r["client_cpu_us"][c], 1)
                        for c in ("fastconverse", "boto3", "aioboto3", "bare")
                    ),
                )
                for r in throughput
            ),
        )

    lines += wrappers_section(of(records, "wrappers"))

    layer = of(records, "python_layer")
    if layer:
        lines += [
            "",
            "## The Python layer per call (ns; budget 2,000)",
            "",
            "`ChatClient` (Python) over a stand-in native client that answers at once, beside "
            "the same call made on that native client directly (`bench/python_layer.py`); "
            "with OpenTelemetry installed, also while `fastconverse.instrument()` is on and "
            "after `uninstrument()` (no cost left).",
            "",
        ]
        lines += table(
            ("call", "through ChatClient", "native directly", "layer"),
            (
                (r["call"], number(r["through_ns"]), number(r["direct_ns"]), number(r["layer_ns"]))
                for r in layer
            ),
        )

    startups = of(records, "startup")
    if startups:
        lines += ["", "## New process to ready client, less the bare interpreter's start", ""]
        lines += table(
            ("environment", "fastconverse", "boto3", "ratio", "bare interpreter"),
            (
                (
                    environment(r),
                    f"{r['fastconverse_ms']:.1f} ms",
                    f"{r['boto3_ms']:.1f} ms",
                    ratio(r["boto3_ms"], r["fastconverse_ms"]),
                    f"{r['bare_ms']:.1f} ms",
                )
                for r in startups
            ),
        )

    memory = of(records, "memory")
    if memory:
        first = memory[0]
        growth = memory_growth(records)
        lines += [
            "",
            f"## Peak memory with {first['in_flight']:,} requests in flight against "
            f"{first['latency']:g} s of latency",
            "",
            "Each client in a fresh process, ready and warmed with two calls; RSS before the "
            "batch, then its peak during it (VmRSS sampled every 10 ms, and VmHWM). The batch's "
            "wall time close to the latency shows that all were in flight at once.",
            "",
        ]
        lines += table(
            ("client", "baseline", "peak", "growth per call", "batch", "aioboto3 / this"),
            (
                (
                    r["client"],
                    f"{r['baseline_kib'] / 1024:.1f} MiB",
                    f"{r['peak_kib'] / 1024:.1f} MiB",
                    f"{r['growth_kib_per_call']:.1f} KiB",
                    f"{r['batch_s']:.2f} s",
                    ratio(growth.get("aioboto3"), r["growth_kib_per_call"]),
                )
                for r in memory
            ),
        )
    return "\n".join(lines) + "\n"


def wrappers_section(rows: Records) -> list[str]:
    """The table of bench/wrappers.py: every client's CPU per small call, n/a where its
    interpreter or package was missing."""
    if not rows:
        return []
    fast = next((r.get("median_us") for r in rows if r["client"] == "fastconverse"), None)
    lines = [
        "",
        "## Beside the wrappers: client CPU per small converse call (µs)",
        "",
        "Each client in a process of its own, calls in interleaved rounds "
        "(`bench/wrappers.py`); langchain-aws and LiteLLM run from a virtual environment of "
        "their own (`--wrappers-python`), n/a without it. Start-up: the CPU of the imports and "
        "the client's construction, inside the process.",
        "",
    ]
    return lines + table(
        ("client", "median", "mean", "median / fastconverse's", "start-up CPU"),
        (
            (
                r["client"],
                number(r.get("median_us")),
                number(r.get("mean_us")),
                ratio(r.get("median_us"), fast),
                "n/a" if r.get("startup_cpu_ms") is None else f"{r['startup_cpu_ms']:,.0f} ms",
            )
            for r in rows
        ),
    )


def chart(records: Records, path: Path) -> bool:
    """Draws the chart to `path`; False (with a note) where matplotlib is missing."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        from matplotlib.ticker import FixedLocator, NullLocator, StrMethodFormatter
    except ImportError:
        print("matplotlib is not installed: no chart (pip install matplotlib)")
        return False

    bars = ratio_bars(records)
    throughput = of(records, "throughput")
    figure, (left, right) = plt.subplots(
        1, 2, figsize=(14, max(4.5, 0.4 * len(bars) + 1.5)), width_ratios=(3, 2)
    )
    colours = {True: "#2e7d32", False: "#c62828", None: "#9e9e9e"}
    for y, bar in enumerate(bars):
        met = None if bar.target is None else bar.value >= bar.target
        # From parity (1x), so that a ratio below 1 points left.
        left.barh(y, bar.value - 1, left=1, color=colours[met])
        text = f"{bar.value:.1f}x"
        if bar.value >= 1.6:  # inside the bar's end, clear of the marks beyond it
            left.text(bar.value / 1.04, y, text, ha="right", va="center", fontsize=8, color="w")
        elif bar.value >= 1:
            beyond = max(bar.value, bar.ceiling or 0) * 1.08
            left.text(beyond, y, text, va="center", fontsize=8)
        else:
            left.text(bar.value / 1.06, y, text, ha="right", va="center", fontsize=8)
        if bar.target is not None:
            left.plot([bar.target] * 2, [y - 0.42, y + 0.42], color="black", linewidth=2.5)
        if bar.ceiling is not None:
            left.plot(bar.ceiling, y, "D", color="#1565c0", markersize=5)
    left.axvline(1, color="black", linewidth=0.8)
    left.set_xscale("log")
    left.set_xlim(0.25, 40)
    left.xaxis.set_major_locator(FixedLocator([0.25, 0.5, 1, 2, 3, 5, 10, 15, 20, 40]))
    left.xaxis.set_minor_locator(NullLocator())
    left.xaxis.set_major_formatter(StrMethodFormatter("{x:g}x"))
    left.set_yticks(range(len(bars)), [bar.label for bar in bars], fontsize=8)
    left.invert_yaxis()
    left.grid(axis="x", alpha=0.3)
    left.set_xlabel(
        "the other client's cost over fastconverse's (log scale)\n"
        "black mark: the target; blue diamond: what the server allowed (bare HTTP)"
    )
    left.set_title("fastconverse beside boto3 and aioboto3 (green: target met, red: not)")

    in_flight = [r["in_flight"] for r in throughput]
    right.plot(in_flight, [r["ideal"] for r in throughput], "k--", label="ideal")
    names = {"bare": "bare HTTP (what the server allows)", "boto3": "boto3 + threads"}
    for client, style in (
        ("bare", "s:"),
        ("fastconverse", "o-"),
        ("aioboto3", "^-"),
        ("boto3", "v-"),
    ):
        points = [(r["in_flight"], r["rps"][client]) for r in throughput if r["rps"][client]]
        if points:
            right.plot(*zip(*points), style, label=names.get(client, client))
    right.set_xscale("log")
    right.set_yscale("log")
    right.xaxis.set_major_locator(FixedLocator(in_flight))
    right.xaxis.set_minor_locator(NullLocator())
    right.xaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    right.yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    right.yaxis.set_minor_formatter(StrMethodFormatter("{x:,.0f}"))
    right.tick_params(axis="y", which="minor", labelsize=7)
    right.grid(which="both", alpha=0.3)
    right.set_xlabel("requests in flight")
    right.set_ylabel("requests per second")
    right.set_title("throughput against 50 ms of latency")
    right.legend(fontsize=8)
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return True


@dataclass(frozen=True)
class Bar:
    """One ratio on the chart; `ceiling`: the most the server allowed (bare HTTP's ratio)."""

    label: str
    value: float
    target: float | None
    ceiling: float | None = None


def ratio_bars(records: Records) -> list[Bar]:
    """Every ratio of the run over boto3 or aioboto3, in the report's order."""
    bars: list[Bar] = []
    for r in of(records, "converse_cpu"):
        spacing = ", spaced" if r["spacing"] else ""
        label = f"CPU/call vs boto3: {r['case']}{spacing}"
        bars.append(Bar(label, r["boto3_us"] / r["fastconverse_us"], 15))
    for r in of(records, "stream_cpu"):
        label = f"CPU/event vs boto3: {r['events']}-event"
        bars.append(Bar(label, r["boto3_us"] / r["fastconverse_us"], 10))
    for r in of(records, "throughput"):
        speeds = r["rps"]
        if speeds["aioboto3"]:
            bars.append(
                Bar(
                    f"req/s vs aioboto3: {r['in_flight']} in flight",
                    speeds["fastconverse"] / speeds["aioboto3"],
                    3.0 if r["in_flight"] >= 256 else None,
                    speeds["bare"] / speeds["aioboto3"] if speeds["bare"] else None,
                )
            )
    for r in of(records, "startup"):
        label = f"start-up vs boto3 ({environment(r)} env)"
        bars.append(Bar(label, r["boto3_ms"] / r["fastconverse_ms"], 10))
    growth = memory_growth(records)
    for client in ("fastconverse", "fastconverse async"):
        if growth.get(client) and growth.get("aioboto3"):
            label = f"memory/call vs aioboto3: {client}"
            bars.append(Bar(label, growth["aioboto3"] / growth[client], 2))
    return bars
