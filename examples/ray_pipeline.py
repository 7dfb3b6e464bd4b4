"""Prompts in a Ray Dataset, answered in Ray worker processes with map_batches and converse_many.

The Dataset is cut into a few blocks; ``map_batches`` hands each block to a Ray worker
process as a batch of columns, and the worker sends its prompts with ``converse_many``
(adaptive concurrency, retries, results in order) and adds the replies as new columns.
The client travels to the workers by pickling: only its configuration does, and each
worker resolves it again.

    python examples/ray_pipeline.py        # a local Ray cluster of two CPUs + LocalBedrock
    python examples/ray_pipeline.py --endpoint http://127.0.0.1:PORT
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import os
from typing import Any

import numpy as np
import ray
import ray.data

from fastconverse import ChatClient, LocalBedrock

MODEL_ID = "us.anthropic.claude-sonnet-4-5-20250929-v1:0"

# Ray Data's default ("numpy") batch format: column name -> array.
Batch = dict[str, "np.ndarray[Any, Any]"]


def reply_of(result: Any) -> tuple[str | None, int, str | None]:
    """(reply text, total tokens, error) of one converse_many result."""
    if isinstance(result, BaseException):
        return None, 0, str(result)
    return result["output"]["message"]["content"][0]["text"], result["usage"]["totalTokens"], None


def answer_batch(batch: Batch, client: ChatClient, concurrency: int) -> Batch:
    """The batch with `reply`, `total_tokens`, `error` and `worker_pid` columns added."""
    requests = [
        {
            "modelId": MODEL_ID,
            "messages": [{"role": "user", "content": [{"text": str(prompt)}]}],
            "inferenceConfig": {"maxTokens": 256},
        }
        for prompt in batch["prompt"]
    ]
    results = client.converse_many(requests, concurrency=concurrency)
    replies, tokens, errors = zip(*map(reply_of, results))
    return {
        **batch,
        "reply": np.array(replies, dtype=object),
        "total_tokens": np.array(tokens),
        "error": np.array(errors, dtype=object),
        "worker_pid": np.full(len(requests), os.getpid()),
    }


def answer_all(
    rows: list[dict[str, Any]], client: ChatClient, blocks: int = 4, concurrency: int = 16
) -> list[dict[str, Any]]:
    """Every row answered on the Ray cluster, in the order given."""
    # Ray Data may hand blocks back as they finish; this run keeps the input's order.
    ray.data.DataContext.get_current().execution_options.preserve_order = True
    dataset = ray.data.from_items(rows, override_num_blocks=blocks)
    # Ray types a batch function over every batch format (Arrow, pandas, numpy) at once;
    # this one takes the default, numpy, which a type checker cannot see.
    answer = functools.partial(answer_batch, client=client, concurrency=concurrency)
    answered = dataset.map_batches(
        answer,  # pyright: ignore[reportArgumentType]
        batch_size=None,  # a whole block per converse_many call, its concurrency inside
    )
    return answered.take_all()


def main(argv: list[str] | None = None) -> None:
    """Answers 200 prompts on a local Ray cluster of two CPUs; prints a JSON summary last.

    ``--endpoint URL`` uses a LocalBedrock that is already running (with its default
    credentials); without it, the example starts its own.
    """
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--endpoint", help="a running LocalBedrock's endpoint_url")
    parser.add_argument("--rows", type=int, default=200)
    args = parser.parse_args(argv)
    rows = [{"id": i, "prompt": f"Question number {i}"} for i in range(args.rows)]
    with contextlib.ExitStack() as stack:
        # Without --endpoint, a LocalBedrock of the example's own answers.
        endpoint = args.endpoint or stack.enter_context(LocalBedrock(latency=0.01)).endpoint_url
        # Ray pickles the client to its workers, the keys with it (pickle_credentials): fine
        # for LocalBedrock's test keys; against AWS, pass no keys and leave that off, so that
        # each worker finds its own credentials.
        client = ChatClient(
            region_name="us-east-1",
            endpoint_url=endpoint,
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
            pickle_credentials=True,
        )
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
        stack.callback(ray.shutdown)
        answered = answer_all(rows, client)
    for row in answered[:3]:
        print(row["id"], row["reply"], row["total_tokens"])
    summary = {
        "rows": len(answered),
        "answered": sum(row["error"] is None for row in answered),
        "in_order": [row["id"] for row in answered] == [row["id"] for row in rows],
        "replies_match": [row["reply"] for row in answered] == [row["prompt"] for row in rows],
        "worker_pids": sorted({int(row["worker_pid"]) for row in answered}),
        "driver_pid": os.getpid(),
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
