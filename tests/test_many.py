"""converse_many: ordered, adaptive under throttling, nothing lost, resumable, bounded memory."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fastconverse import ChatClient, ParamValidationError, ValidationException, _native
from fastconverse.errors import InternalError
from fastconverse.testing import LocalBedrock

from .conftest import MODEL_ID, user
from .helpers import posix_only

PNG = b"\x89PNG\r\n\x1a\n" + bytes(32)


def ask(i: int) -> dict[str, Any]:
    return {"modelId": MODEL_ID, "messages": [user(f"question {i}")]}


def answer(result: dict[str, Any]) -> str:
    return str(result["output"]["message"]["content"][0]["text"])


def test_adapts_to_throttling_and_keeps_every_item_in_order() -> None:
    with LocalBedrock(max_concurrency=16, latency=0.02) as server:
        client = server.client()
        results = client.converse_many([ask(i) for i in range(2000)], concurrency=64)
        stats = server.stats()
    assert len(results) == 2000
    assert [answer(r) for r in results] == [f"question {i}" for i in range(2000)]
    summary = results.summary
    assert summary["succeeded"] == 2000 and summary["failed"] == 0
    # The client slowed down after the first throttles instead of hammering the server:
    # far fewer throttles than requests, and it settled near the server's limit.
    assert 0 < stats["throttled"] < 200
    assert stats["throttled"] == summary["throttled"] == summary["retried"]
    assert stats["requests"] == 2000 + stats["throttled"]
    assert stats["max_in_flight"] <= 16
    assert summary["concurrency"][MODEL_ID] <= 32


def test_permanent_failures_stay_in_their_slots(server: LocalBedrock, client: ChatClient) -> None:
    bad = {3, 7, 11}
    requests = []
    for i in range(20):
        if i in bad:  # refused by the service (unknown image format)
            requests.append(
                {
                    "modelId": MODEL_ID,
                    "messages": [
                        {
                            "role": "user",
                            "content": [{"image": {"format": "tiff", "source": {"bytes": PNG}}}],
                        }
                    ],
                }
            )
        elif i == 15:  # refused by the client: never sent
            requests.append({"modelId": MODEL_ID, "messages": "not a list"})
        else:
            requests.append(ask(i))
    results = client.converse_many(requests, concurrency=4)
    for i, result in enumerate(results):
        if i in bad:
            assert isinstance(result, ValidationException)
            assert result.index == i and "tiff" in result.message
        elif i == 15:
            assert isinstance(result, ParamValidationError)
            assert result.index == 15 and "messages" in str(result)
        else:
            assert answer(result) == f"question {i}"
    assert results.summary["failed"] == 4
    assert len(server.requests) == 19  # the client-side failure was never sent


def test_on_error_raise_stops_at_the_first_failure(
    server: LocalBedrock, client: ChatClient
) -> None:
    requests = [ask(0), {"modelId": MODEL_ID, "messages": 5}, ask(2)]
    with pytest.raises(ParamValidationError) as caught:
        client.converse_many(requests, concurrency=1, on_error="raise")
    assert caught.value.index == 1


def test_retries_are_capped_and_the_last_error_is_kept() -> None:
    # A server of its own: a request that an earlier test's run cancelled late may still
    # reach the shared one and be counted here.
    with LocalBedrock() as server:
        client = server.client()
        for _ in range(3):
            server.queue_error("ThrottlingException", "slow down", status=429)
        results = client.converse_many([ask(0)], concurrency=1, max_retries=2)
        assert results[0].code == "ThrottlingException"
        assert results.summary["retried"] == 2
        assert len(server.requests) == 3


def test_a_generator_is_read_lazily(server: LocalBedrock, client: ChatClient) -> None:
    pulled = 0

    def requests() -> Iterator[dict[str, Any]]:
        nonlocal pulled
        for i in range(1000):
            pulled += 1
            yield ask(i)

    run = client.converse_many_iter(requests(), concurrency=4)
    first = next(iter(run))
    # Only a bounded window was read ahead of the first answer, not the whole input.
    assert pulled < 200
    rest = list(run)
    assert sorted([first[0]] + [i for i, _ in rest]) == list(range(1000))
    assert pulled == 1000


def test_the_input_iterable_raising_is_raised(server: LocalBedrock, client: ChatClient) -> None:
    def requests() -> Iterator[dict[str, Any]]:
        yield ask(0)
        raise RuntimeError("the data source broke")

    with pytest.raises(RuntimeError, match="data source broke"):
        client.converse_many(requests())


async def test_converse_many_async_matches_sync(server: LocalBedrock, client: ChatClient) -> None:
    requests = [ask(i) for i in range(50)]
    results = await client.converse_many_async(requests, concurrency=8)
    assert [answer(r) for r in results] == [f"question {i}" for i in range(50)]
    pairs = []
    async for index, result in client.converse_many_iter(requests, concurrency=8):
        pairs.append((index, answer(result)))
    assert sorted(pairs) == [(i, f"question {i}") for i in range(50)]


def test_progress_callable_receives_the_figures(server: LocalBedrock, client: ChatClient) -> None:
    seen: list[dict[str, Any]] = []
    results = client.converse_many([ask(i) for i in range(30)], progress=seen.append)
    assert seen, "progress was never reported"
    last = seen[-1]
    assert last["done"] == 30 and last["succeeded"] == 30 and last["total"] == 30
    assert last["input_tokens"] > 0 and last["output_tokens"] > 0
    assert results.summary["requests_per_second"] > 0


def test_progress_bar_runs(server: LocalBedrock, client: ChatClient) -> None:
    pytest.importorskip("tqdm")
    results = client.converse_many([ask(i) for i in range(10)], progress=True)
    assert len(results) == 10


def test_checkpoint_resumes_without_resending_finished_items(
    tmp_path: Path, server: LocalBedrock, client: ChatClient
) -> None:
    checkpoint = tmp_path / "run.jsonl"
    requests = [ask(i) for i in range(40)]
    # Items 10 and 25 fail for good on the first run (queued errors are consumed in
    # arrival order, so with concurrency 1 they land on known items).
    stop_after = 30
    done: list[int] = []

    def progress(figures: dict[str, Any]) -> None:
        done.append(figures["done"])
        if figures["done"] >= stop_after:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        client.converse_many(requests, concurrency=1, progress=progress, checkpoint=checkpoint)
    first_run = len(server.requests)
    recorded = [json.loads(line)["index"] for line in checkpoint.read_text().splitlines()]
    assert len(recorded) == len(set(recorded)) >= stop_after

    server.reset()
    results = client.converse_many(requests, concurrency=4, checkpoint=checkpoint)
    assert [answer(r) for r in results] == [f"question {i}" for i in range(40)]
    sent_again = sorted(
        int(r["json"]["messages"][0]["content"][0]["text"].split()[1]) for r in server.requests
    )
    assert sent_again == sorted(set(range(40)) - set(recorded))
    assert first_run + len(server.requests) >= 40
    assert results.summary["resumed"] == len(recorded)

    server.reset()
    again = client.converse_many(requests, checkpoint=checkpoint)
    assert server.requests == [] and again == results


def test_checkpoint_reruns_changed_requests(
    tmp_path: Path, server: LocalBedrock, client: ChatClient
) -> None:
    checkpoint = tmp_path / "run.jsonl"
    client.converse_many([ask(0), ask(1)], checkpoint=checkpoint)
    server.reset()
    results = client.converse_many([ask(0), ask(99)], checkpoint=checkpoint)
    assert [answer(r) for r in results] == ["question 0", "question 99"]
    assert len(server.requests) == 1


SIGINT_SCRIPT = textwrap.dedent(
    """
    import sys
    from fastconverse import ChatClient
    client = ChatClient(region_name="us-east-1", endpoint_url=sys.argv[1],
                        aws_access_key_id="testing", aws_secret_access_key="testing")
    requests = [{"modelId": "m", "messages": [{"role": "user", "content": [{"text": f"q {i}"}]}]}
                for i in range(200)]
    def progress(figures):
        if figures["done"] >= 20:
            print("ready", flush=True)
    try:
        client.converse_many(requests, concurrency=4, checkpoint=sys.argv[2], progress=progress)
    except KeyboardInterrupt:
        print("interrupted", flush=True)
        sys.exit(3)
    """
)


@posix_only("sends SIGINT to a child process")
def test_sigint_stops_a_run_and_loses_nothing_finished(tmp_path: Path) -> None:
    checkpoint = tmp_path / "run.jsonl"
    with LocalBedrock(latency=0.05) as server:
        proc = subprocess.Popen(
            [sys.executable, "-c", SIGINT_SCRIPT, server.endpoint_url, str(checkpoint)],
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert proc.stdout is not None
            assert proc.stdout.readline().strip() == "ready"
            proc.send_signal(signal.SIGINT)
            out, _ = proc.communicate(timeout=60)
        finally:
            proc.kill()
        assert proc.returncode == 3 and "interrupted" in out
        sent_first = len(server.requests)
        recorded = {json.loads(line)["index"] for line in checkpoint.read_text().splitlines()}
        assert 20 <= len(recorded) < 200
        # The run stopped: far from all 200 requests were sent.
        assert sent_first < 200

        server.reset()
        client = server.client()
        requests = [
            {"modelId": "m", "messages": [{"role": "user", "content": [{"text": f"q {i}"}]}]}
            for i in range(200)
        ]
        results = client.converse_many(requests, concurrency=16, checkpoint=checkpoint)
        assert [answer(r) for r in results] == [f"q {i}" for i in range(200)]
        assert len(server.requests) == 200 - len(recorded)


MEMORY_SCRIPT = textwrap.dedent(
    """
    import resource, sys
    from fastconverse import ChatClient
    client = ChatClient(region_name="us-east-1", endpoint_url=sys.argv[1],
                        aws_access_key_id="testing", aws_secret_access_key="testing")
    count = int(sys.argv[2])
    def requests():
        for i in range(count):
            yield {"modelId": "m", "messages": [{"role": "user", "content": [{"text": f"q {i}"}]}]}
    ok = 0
    for index, result in client.converse_many_iter(requests(), concurrency=64):
        ok += isinstance(result, dict)
    print(ok, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    """
)


@pytest.mark.slow
@posix_only("the resource module and SIGINT")
def test_a_hundred_thousand_requests_run_in_bounded_memory() -> None:
    # The server runs in its own process: its request log grows, the client must not.
    server = subprocess.Popen(
        [sys.executable, "-m", "fastconverse", "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        endpoint = server.stdout.readline().rsplit(" ", 1)[1].strip()

        def peak_kib(count: int) -> int:
            out = subprocess.run(
                [sys.executable, "-c", MEMORY_SCRIPT, endpoint, str(count)],
                capture_output=True,
                text=True,
                timeout=600,
                check=True,
            )
            ok, peak = out.stdout.split()
            assert int(ok) == count
            return int(peak)

        small = peak_kib(5_000)
        large = peak_kib(100_000)
        print(f"peak RSS: {small} KiB for 5,000 requests, {large} KiB for 100,000")
    finally:
        server.send_signal(signal.SIGINT)
        server.communicate(timeout=30)
    # Twenty times the requests may not cost more than 32 MiB more peak memory: only a
    # window of about 4 x concurrency requests and results is ever held. (Holding all
    # 100,000 requests and results would cost well over 100 MiB.)
    assert large - small < 32 * 1024, (small, large)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_run_closed_early_cancels_in_flight(server: LocalBedrock, client: ChatClient) -> None:
    server.latency = 2.0
    run = client.converse_many_iter([ask(i) for i in range(8)], concurrency=8)
    import time

    deadline = time.monotonic() + 10
    while server.stats()["in_flight"] < 8 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert server.stats()["in_flight"] == 8
    run.close()
    while server.stats()["cancelled"] < 8 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert server.stats()["cancelled"] == 8
    assert os.getpid() > 0


def test_a_scheduler_failure_gives_internal_error_for_every_item_left(
    server: LocalBedrock, client: ChatClient
) -> None:
    # The fifth item admitted makes the scheduler panic: items before it may have been
    # answered or be in flight; it and every later one (in the feeder's channel or not
    # yet read from the input) never reach the scheduler's tasks.
    server.latency = 0.05
    _native._fail_next_many_run(5)
    results = client.converse_many([ask(i) for i in range(40)], concurrency=2)
    assert len(results) == 40
    failed = [i for i, r in enumerate(results) if isinstance(r, InternalError)]
    assert failed[-36:] == list(range(4, 40)), failed
    for index, result in enumerate(results):
        if isinstance(result, InternalError):
            assert result.index == index
            assert "scheduler failed" in str(result)
        else:
            assert answer(result) == f"question {index}"
    assert results.summary["failed"] == len(failed)

    # With on_error="raise" the same failure raises InternalError (before: KeyError).
    _native._fail_next_many_run(3)
    with pytest.raises(InternalError, match="scheduler failed"):
        client.converse_many([ask(i) for i in range(10)], concurrency=2, on_error="raise")

    # The fault was for one run only.
    assert [answer(r) for r in client.converse_many([ask(0)])] == ["question 0"]


@pytest.mark.parametrize(("max_retries", "reached"), [(1, True), (3, False)])
def test_results_count_the_schedulers_attempts_as_botocore_counts_its_own(
    max_retries: int, reached: bool
) -> None:
    # Throttled once, answered at the second attempt: one retry, and the last attempt
    # allowed was made only when a single retry was allowed (botocore's standard mode).
    with LocalBedrock() as server:  # its own: no late request of another test takes an error
        client = server.client()
        server.queue_error("ThrottlingException", "slow down", status=429)
        (result,) = client.converse_many([ask(0)], max_retries=max_retries)
        meta = result["ResponseMetadata"]
        assert meta["RetryAttempts"] == 1
        assert meta.get("MaxAttemptsReached", False) is reached
        server.queue_error("ValidationException", "bad", status=400)
        (failed,) = client.converse_many([ask(0)])
        assert failed.response["ResponseMetadata"]["RetryAttempts"] == 0
        assert "MaxAttemptsReached" not in failed.response["ResponseMetadata"]
