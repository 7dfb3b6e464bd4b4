"""converse_many inside Ray Data's map_batches on a local Ray cluster, against a LocalBedrock."""

from __future__ import annotations

import os

import pytest

from .helpers import run_pipeline_example

pytest.importorskip("ray.data")


def test_rows_of_a_ray_dataset_are_answered_in_ray_workers_in_order() -> None:
    # The example starts a local Ray cluster of two CPUs and shuts it down after; its
    # workers are answered by the test's LocalBedrock.
    summary, received = run_pipeline_example("ray_pipeline.py", rows=120)
    assert summary["rows"] == summary["answered"] == 120
    assert summary["in_order"] and summary["replies_match"]
    assert received == 120
    # The batches ran in Ray's worker processes, none of them the driver or this one.
    pids = set(summary["worker_pids"])
    assert pids and not pids & {summary["driver_pid"], os.getpid()}
