"""converse_many inside Dask distributed worker processes, against a LocalBedrock of the test."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fastconverse.testing import LocalBedrock

pytest.importorskip("distributed")
pytest.importorskip("pandas")

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "dask_pipeline.py"


def test_prompts_from_a_dataframe_run_on_two_worker_processes() -> None:
    # The example runs as a script (as a user runs it), its cluster of two worker
    # processes answered by the LocalBedrock this test started.
    with LocalBedrock() as server:
        out = subprocess.run(
            [sys.executable, str(EXAMPLE), "--endpoint", server.endpoint_url, "--rows", "120"],
            capture_output=True,
            text=True,
            timeout=600,
        )
        requests = server.requests
    assert out.returncode == 0, out.stderr[-3000:]
    summary = json.loads(out.stdout.strip().splitlines()[-1])
    assert summary["rows"] == summary["answered"] == 120
    assert summary["in_order"] and summary["replies_match"]
    assert len(requests) == 120
    # The work ran in two worker processes, neither of them this one.
    assert len(set(summary["worker_pids"])) == 2 and os.getpid() not in summary["worker_pids"]
