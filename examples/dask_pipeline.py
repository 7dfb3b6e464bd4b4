"""Prompts from a pandas DataFrame, answered across a Dask cluster with converse_many.

Each partition of the DataFrame goes to a Dask worker process, which sends its prompts
with ``converse_many`` (adaptive concurrency, retries, results in order) and returns
the replies as new columns. The client travels to the workers by pickling: only its
configuration does, and each worker resolves it again.

    python examples/dask_pipeline.py        # a LocalCluster of two processes + LocalBedrock
    python examples/dask_pipeline.py --endpoint http://127.0.0.1:PORT
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
from typing import cast

import pandas as pd
from distributed import Client as DaskClient
from distributed import LocalCluster, wait

from fastconverse import ChatClient, LocalBedrock

MODEL_ID = "us.anthropic.claude-sonnet-4-5-20250929-v1:0"


def answer_partition(frame: pd.DataFrame, client: ChatClient, concurrency: int) -> pd.DataFrame:
    """The partition with `reply`, `input_tokens`, `output_tokens` and `error` columns."""
    requests = [
        {
            "modelId": MODEL_ID,
            "messages": [{"role": "user", "content": [{"text": str(prompt)}]}],
            "inferenceConfig": {"maxTokens": 256},
        }
        for prompt in frame["prompt"]
    ]
    results = client.converse_many(requests, concurrency=concurrency)
    replies: list[str | None] = []
    inputs: list[int] = []
    outputs: list[int] = []
    errors: list[str | None] = []
    for result in results:
        if isinstance(result, BaseException):
            replies.append(None)
            inputs.append(0)
            outputs.append(0)
            errors.append(str(result))
        else:
            replies.append(result["output"]["message"]["content"][0]["text"])
            inputs.append(result["usage"]["inputTokens"])
            outputs.append(result["usage"]["outputTokens"])
            errors.append(None)
    return frame.assign(reply=replies, input_tokens=inputs, output_tokens=outputs, error=errors)


def answer_all(
    prompts: pd.DataFrame,
    client: ChatClient,
    dask: DaskClient,
    partitions: int = 4,
    concurrency: int = 16,
) -> pd.DataFrame:
    """Every prompt answered on the Dask cluster, the rows in the DataFrame's order."""
    size = -(-len(prompts) // partitions)  # rows per partition, rounded up
    chunks = [prompts.iloc[start : start + size] for start in range(0, len(prompts), size)]
    futures = dask.map(answer_partition, chunks, client=client, concurrency=concurrency, pure=False)
    # A bound, not a timing: a worker that cannot run the task must not hang the caller.
    wait(futures, timeout=600)
    # distributed's gather() is typed for sync and async clients alike.
    answered = cast("list[pd.DataFrame]", dask.gather(futures))
    return pd.concat(answered)


def main(argv: list[str] | None = None) -> None:
    """Answers 200 prompts on a LocalCluster of two processes; prints a JSON summary last.

    ``--endpoint URL`` uses a LocalBedrock that is already running (with its default
    credentials); without it, the example starts its own.
    """
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--endpoint", help="a running LocalBedrock's endpoint_url")
    parser.add_argument("--rows", type=int, default=200)
    args = parser.parse_args(argv)
    prompts = pd.DataFrame(
        {"id": range(args.rows), "prompt": [f"Question number {i}" for i in range(args.rows)]}
    )
    with contextlib.ExitStack() as stack:
        if args.endpoint:
            client = ChatClient(
                region_name="us-east-1",
                endpoint_url=args.endpoint,
                aws_access_key_id="testing",
                aws_secret_access_key="testing",
                # The workers get the keys in the pickle: fine for LocalBedrock's test keys;
                # against AWS, leave this off and let workers find their own credentials.
                pickle_credentials=True,
            )
        else:
            client = stack.enter_context(LocalBedrock(latency=0.01)).client()
        cluster = stack.enter_context(
            LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0")
        )
        dask = stack.enter_context(DaskClient(cluster))
        answered = answer_all(prompts, client, dask)
        worker_pids = sorted(cast("dict[str, int]", dask.run(os.getpid)).values())
    print(answered.head())
    summary = {
        "rows": len(answered),
        "answered": int(answered["error"].isna().to_numpy().sum()),
        "in_order": list(answered["id"]) == list(prompts["id"]),
        "replies_match": list(answered["reply"]) == list(prompts["prompt"]),
        "worker_pids": worker_pids,
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
