"""converse_many inside Dask distributed worker processes, against a LocalBedrock of the test."""

from __future__ import annotations

import os

import pytest

from .helpers import run_pipeline_example

pytest.importorskip("distributed")
pytest.importorskip("pandas")


def test_prompts_from_a_dataframe_run_on_two_worker_processes() -> None:
    # The example's cluster of two worker processes is answered by the test's LocalBedrock.
    summary, received = run_pipeline_example("dask_pipeline.py", rows=120)
    assert summary["rows"] == summary["answered"] == 120
    assert summary["in_order"] and summary["replies_match"]
    assert received == 120
    # The work ran in two worker processes, neither of them this one.
    assert len(set(summary["worker_pids"])) == 2 and os.getpid() not in summary["worker_pids"]
