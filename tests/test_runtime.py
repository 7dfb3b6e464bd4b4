"""The runtime from Python: GIL released, Ctrl-C and cancel stop calls, fork and pickle."""

from __future__ import annotations

import asyncio
import gc
import json
import multiprocessing
import os
import pickle
import signal
import subprocess
import sys
import textwrap
import threading
from typing import Any

import pytest

from fastconverse import ChatClient
from fastconverse.testing import LocalBedrock

from .conftest import MODEL_ID, user
from .helpers import posix_only, python_ticks_during, wait_for


def test_python_thread_runs_while_a_sync_call_waits(
    server: LocalBedrock, client: ChatClient
) -> None:
    server.latency = 1.0
    _, during = python_ticks_during(
        lambda: client.converse(modelId=MODEL_ID, messages=[user("Hi")])
    )
    # The counter ran throughout the call's second of latency: with the GIL held it
    # could not have moved at all.
    assert during > 50


CTRL_C_SCRIPT = textwrap.dedent(
    """
    import sys, time
    from fastconverse import ChatClient, ParamValidationError
    client = ChatClient(region_name="us-east-1", endpoint_url=sys.argv[1],
                        aws_access_key_id="testing", aws_secret_access_key="testing")
    print("calling", flush=True)
    try:
        client.converse(modelId="m", messages=[{"role": "user", "content": [{"text": "x"}]}])
    except KeyboardInterrupt:
        print("interrupted", flush=True)
        sys.exit(3)
    print("finished", flush=True)
    """
)


@posix_only("sends SIGINT to a child process")
def test_sigint_interrupts_a_sync_call_and_closes_its_request(server: LocalBedrock) -> None:
    server.latency = 5.0
    proc = subprocess.Popen(
        [sys.executable, "-c", CTRL_C_SCRIPT, server.endpoint_url],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "calling"
        wait_for(lambda: server.stats()["in_flight"] == 1, "the request to arrive")
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == 3
    assert "interrupted" in out
    # The request was abandoned while the server still had seconds of latency to go.
    wait_for(lambda: server.stats()["cancelled"] == 1, "the server to see the request dropped")
    assert server.stats()["in_flight"] == 0


async def test_cancelling_converse_async_closes_its_connection(
    server: LocalBedrock, client: ChatClient
) -> None:
    server.latency = 5.0
    task = asyncio.ensure_future(client.converse_async(modelId=MODEL_ID, messages=[user("Hi")]))
    while server.stats()["in_flight"] == 0:
        await asyncio.sleep(0.01)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    for _ in range(1000):
        if server.stats()["cancelled"] == 1:
            break
        await asyncio.sleep(0.01)
    assert server.stats()["cancelled"] == 1
    assert server.stats()["in_flight"] == 0


async def test_many_async_calls_run_concurrently(server: LocalBedrock, client: ChatClient) -> None:
    server.latency = 0.2
    replies = await asyncio.gather(
        *(client.converse_async(modelId=MODEL_ID, messages=[user(f"n{i}")]) for i in range(20))
    )
    assert [r["output"]["message"]["content"][0]["text"] for r in replies] == [
        f"n{i}" for i in range(20)
    ]
    assert server.stats()["max_in_flight"] == 20


async def test_a_burst_of_results_all_arrive_in_their_own_futures(
    server: LocalBedrock, client: ChatClient
) -> None:
    # Results that finish together are delivered in one drain of the loop's queue.
    server.latency = 0.05
    prompts = [f"burst {i}" for i in range(300)]
    replies = await asyncio.gather(
        *(client.converse_async(modelId=MODEL_ID, messages=[user(p)]) for p in prompts)
    )
    assert [r["output"]["message"]["content"][0]["text"] for r in replies] == prompts


def test_async_calls_on_several_loops_in_several_threads(
    server: LocalBedrock, client: ChatClient
) -> None:
    # Each thread runs its own event loop; every loop gets its own results.
    server.latency = 0.02

    async def calls(thread: int) -> list[str]:
        replies = await asyncio.gather(
            *(
                client.converse_async(modelId=MODEL_ID, messages=[user(f"t{thread} n{i}")])
                for i in range(25)
            )
        )
        return [r["output"]["message"]["content"][0]["text"] for r in replies]

    results: dict[int, list[str]] = {}

    def run(thread: int) -> None:
        results[thread] = asyncio.run(calls(thread))

    threads = [threading.Thread(target=run, args=(t,)) for t in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert results == {t: [f"t{t} n{i}" for i in range(25)] for t in range(4)}


LOOP_FDS_SCRIPT = textwrap.dedent(
    """
    import asyncio, gc, json, os
    from fastconverse.testing import LocalBedrock

    MODEL_ID = "us.anthropic.claude-sonnet-4-5-20250929-v1:0"
    with LocalBedrock() as server:
        client = server.client()

        async def one():
            return await client.converse_async(
                modelId=MODEL_ID, messages=[{"role": "user", "content": [{"text": "Hi"}]}]
            )

        asyncio.run(one())
        gc.collect()
        before = len(os.listdir("/proc/self/fd"))
        for _ in range(30):
            asyncio.run(one())
        gc.collect()
        print(json.dumps({"before": before, "after": len(os.listdir("/proc/self/fd"))}))
    """
)


@posix_only("/proc/self/fd")
def test_event_loops_made_and_closed_leak_no_file_descriptors() -> None:
    # In a process of its own: the test session's other servers, clients and threads
    # open and close descriptors of their own at any time.
    out = subprocess.run(
        [sys.executable, "-c", LOOP_FDS_SCRIPT], capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr[-3000:]
    counts = json.loads(out.stdout.strip().splitlines()[-1])
    # Each loop's wake-up sockets go with the loop; a few fds of slack for the pool.
    assert counts["after"] <= counts["before"] + 4, counts


async def test_a_result_that_arrives_after_cancel_is_dropped(
    server: LocalBedrock, client: ChatClient
) -> None:
    # The call finishes on the runtime, but its future was cancelled first: the
    # loop must skip it (an InvalidStateError would end up in the loop's handler).
    errors: list[dict[str, Any]] = []
    asyncio.get_running_loop().set_exception_handler(lambda _loop, ctx: errors.append(ctx))
    task = asyncio.ensure_future(client.converse_async(modelId=MODEL_ID, messages=[user("Hi")]))
    await asyncio.sleep(0)  # the call starts: its native future exists
    task.cancel()
    reply = await client.converse_async(modelId=MODEL_ID, messages=[user("after")])
    assert reply["output"]["message"]["content"][0]["text"] == "after"
    await asyncio.sleep(0.05)
    assert errors == []


def test_async_calls_made_before_a_loop_runs_are_coroutines(
    server: LocalBedrock, client: ChatClient
) -> None:
    # asyncio.run(client.converse_async(...)): no loop runs at the call, so the call is
    # a coroutine that starts the request when the loop first runs it.
    coroutine = client.converse_async(modelId=MODEL_ID, messages=[user("lazy")])
    assert server.requests == []
    reply = asyncio.run(coroutine)
    assert reply["output"]["message"]["content"][0]["text"] == "lazy"
    tokens = asyncio.run(
        client.count_tokens_async(
            modelId=MODEL_ID, input={"converse": {"messages": [user("count me")]}}
        )
    )
    assert tokens["inputTokens"] > 0
    loop = asyncio.new_event_loop()
    try:
        stream = loop.run_until_complete(
            client.converse_stream_async(modelId=MODEL_ID, messages=[user("streamed")])
        )
        assert loop.run_until_complete(stream.text()) == "streamed"
    finally:
        loop.close()
    with pytest.raises(RuntimeError, match="already awaited"):
        asyncio.run(coroutine)


def test_an_unawaited_call_sends_nothing_and_a_cancelled_one_is_dropped(
    server: LocalBedrock, client: ChatClient
) -> None:
    never = client.converse_async(modelId=MODEL_ID, messages=[user("never")])
    never.close()
    gc.collect()
    assert server.requests == []

    server.latency = 5.0
    coroutine = client.converse_async(modelId=MODEL_ID, messages=[user("closed")])

    async def start_then_close() -> None:
        task = asyncio.ensure_future(coroutine)
        while server.stats()["in_flight"] == 0:
            await asyncio.sleep(0.01)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(start_then_close())
    wait_for(lambda: server.stats()["cancelled"] == 1, "the server to see the request dropped")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_client_works_in_a_forked_child_and_in_the_parent_after(
    server: LocalBedrock, client: ChatClient
) -> None:
    assert client.converse(modelId=MODEL_ID, messages=[user("parent")])["stopReason"] == "end_turn"
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: no pytest from here on, only an exit status
        status = 1
        try:
            reply = client.converse(modelId=MODEL_ID, messages=[user("child")])
            os.write(write_end, reply["output"]["message"]["content"][0]["text"].encode())
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    _, wait_status = os.waitpid(pid, 0)
    said = os.read(read_end, 100).decode()
    os.close(read_end)
    assert os.waitstatus_to_exitcode(wait_status) == 0
    assert said == "child"
    assert client.converse(modelId=MODEL_ID, messages=[user("again")])["stopReason"] == "end_turn"
    texts = [r["json"]["messages"][0]["content"][0]["text"] for r in server.requests]
    assert texts == ["parent", "child", "again"]


def _call_in_worker(client: ChatClient, text: str) -> str:
    reply = client.converse(modelId=MODEL_ID, messages=[user(text)])
    return str(reply["output"]["message"]["content"][0]["text"])


def test_pickled_client_works_in_a_spawn_pool(server: LocalBedrock, client: ChatClient) -> None:
    context = multiprocessing.get_context("spawn")
    with context.Pool(2) as pool:
        results = pool.starmap(_call_in_worker, [(client, f"w{i}") for i in range(4)])
    assert results == [f"w{i}" for i in range(4)]
    assert _call_in_worker(client, "parent") == "parent"


def test_pickle_keeps_configuration_and_repr_hides_secrets() -> None:
    client = ChatClient(
        region_name="eu-west-1",
        endpoint_url="http://127.0.0.1:1",
        aws_access_key_id="AKIDEXAMPLE",
        aws_secret_access_key="super-secret-key",
        aws_session_token="session-token-value",
        read_timeout=12.5,
        max_attempts=4,
        retry_mode="adaptive",
    )
    again = pickle.loads(pickle.dumps(client))
    assert again.__reduce__() == client.__reduce__()
    assert again.region_name == "eu-west-1"
    shown = repr(client) + repr(again)
    assert "super-secret-key" not in shown and "session-token-value" not in shown
    assert "eu-west-1" in shown


def test_pickles_carry_no_secret_unless_the_caller_opts_in() -> None:
    secrets = {
        "aws_access_key_id": "AKIDEXAMPLE",
        "aws_secret_access_key": "super-secret-key",
        "aws_session_token": "session-token-value",
    }
    client = ChatClient(region_name="eu-west-1", read_timeout=12.5, **secrets)
    data = pickle.dumps(client)
    for value in [*secrets.values(), "bearer-secret"]:
        assert value.encode() not in data
    bearer = pickle.dumps(ChatClient(region_name="eu-west-1", bearer_token="bearer-secret"))
    assert b"bearer-secret" not in bearer
    _, (kwargs,) = pickle.loads(data).__reduce__()
    assert kwargs["read_timeout"] == 12.5 and "aws_secret_access_key" not in kwargs

    opted = ChatClient(region_name="eu-west-1", pickle_credentials=True, **secrets)
    _, (kwargs,) = pickle.loads(pickle.dumps(opted)).__reduce__()
    assert {k: kwargs[k] for k in secrets} == secrets and kwargs["pickle_credentials"]


def test_building_a_client_does_no_io() -> None:
    # An endpoint nobody listens on and no credentials anywhere: construction succeeds.
    ChatClient(region_name="us-east-1", endpoint_url="http://127.0.0.1:9")


@pytest.mark.parametrize("http2", [False, True])
def test_connection_refused_is_a_connection_error(http2: bool) -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    client = ChatClient(
        region_name="us-east-1",
        endpoint_url=f"http://127.0.0.1:{port}",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        max_attempts=1,
        http2=http2,
    )
    from fastconverse import EndpointConnectionError

    with pytest.raises(EndpointConnectionError) as caught:
        client.converse(modelId=MODEL_ID, messages=[user("Hi")])
    assert isinstance(caught.value, ConnectionError)


def test_read_timeout_raises_a_timeout_error(server: LocalBedrock) -> None:
    from fastconverse import RequestTimeoutError

    server.latency = 3.0
    client = server.client(read_timeout=0.3, max_attempts=1)
    with pytest.raises(RequestTimeoutError) as caught:
        client.converse(modelId=MODEL_ID, messages=[user("Hi")])
    assert isinstance(caught.value, TimeoutError)


def test_missing_region_and_credentials_say_what_to_set(tmp_path: Any) -> None:
    script = textwrap.dedent(
        """
        from fastconverse import ChatClient, NoCredentialsError, NoRegionError
        try:
            ChatClient(endpoint_url="http://127.0.0.1:9").converse(modelId="m", messages=[])
        except NoRegionError as err:
            print("region:", err)
        try:
            ChatClient(region_name="us-east-1", endpoint_url="http://127.0.0.1:9", max_attempts=1
                       ).converse(modelId="m", messages=[])
        except NoCredentialsError as err:
            print("credentials:", err)
        """
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(
        {
            "HOME": str(tmp_path),
            "AWS_CONFIG_FILE": str(tmp_path / "config"),
            "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "credentials"),
            "AWS_EC2_METADATA_DISABLED": "true",
        }
    )
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].startswith("region:") and "AWS_REGION" in lines[0]
    assert lines[1].startswith("credentials:") and "aws_access_key_id" in lines[1]
