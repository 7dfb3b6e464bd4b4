"""The asyncio bridge (src/py/asyncio.rs) on every kind of loop: asyncio's, uvloop's, and
one without ``add_reader`` (the ``loop_class`` fixture).

Each test drives its own loop, so that it runs on each class; the asyncio idioms wrap
the call in a coroutine of their own, so that they test the bridge, not a wrapper.
"""

from __future__ import annotations

import asyncio
import gc
import os
import sys
import time
import weakref
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

import pytest

from fastconverse import ChatClient
from fastconverse.testing import LocalBedrock

from .conftest import MODEL_ID, in_forked_child, user
from .helpers import wait_for

T = TypeVar("T")
LoopClass = type[asyncio.AbstractEventLoop]


def started(client: ChatClient, text: str) -> Any:
    """A call started on the bridge at once: the native client's asyncio future (the public
    ``converse_async`` is a coroutine function, which starts nothing until it runs)."""
    return client._native.converse_async({"modelId": MODEL_ID, "messages": [user(text)]})


def run(loop_class: LoopClass, main: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Runs `main()` to completion on a new loop of `loop_class`, then closes the loop."""
    loop = loop_class()
    try:
        return loop.run_until_complete(main())
    finally:
        loop.close()


def text_of(reply: dict[str, Any]) -> str:
    return str(reply["output"]["message"]["content"][0]["text"])


async def until(condition: Callable[[], bool], what: str, timeout: float = 10.0) -> None:
    """Polls `condition` while the loop runs; fails naming `what` (a bound against hangs)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        await asyncio.sleep(0.01)


def live_bridges() -> int:
    return sum(type(o).__name__ == "_LoopBridge" for o in gc.get_objects())


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def waker_threads() -> int:
    """Threads named as the bridge's waker threads are (thread names are at most 15 bytes)."""
    count = 0
    for task in os.listdir("/proc/self/task"):
        try:
            with open(f"/proc/self/task/{task}/comm") as comm:
                count += comm.read().strip() == "fastconverse-wk"
        except FileNotFoundError:  # the thread ended meanwhile
            pass
    return count


def test_calls_and_bursts_arrive(client: ChatClient, loop_class: LoopClass) -> None:
    async def main() -> list[str]:
        replies = await asyncio.gather(
            *(client.converse_async(modelId=MODEL_ID, messages=[user(f"n{i}")]) for i in range(50))
        )
        return [text_of(reply) for reply in replies]

    assert run(loop_class, main) == [f"n{i}" for i in range(50)]


def test_streams_arrive(client: ChatClient, loop_class: LoopClass) -> None:
    async def main() -> list[Any]:
        stream = await client.converse_stream_async(modelId=MODEL_ID, messages=[user("a b c")])
        return [event async for event in stream]

    events = run(loop_class, main)
    assert next(iter(events[0])) == "messageStart"
    assert next(iter(events[-1])) == "metadata"
    deltas = [e["contentBlockDelta"]["delta"]["text"] for e in events if "contentBlockDelta" in e]
    assert "".join(deltas) == "a b c"


def test_cancelling_a_call_closes_its_request(
    server: LocalBedrock, client: ChatClient, loop_class: LoopClass
) -> None:
    server.latency = 5.0

    async def main() -> None:
        future = started(client, "Hi")
        await until(lambda: server.stats()["in_flight"] == 1, "the request to arrive")
        future.cancel()
        with pytest.raises(asyncio.CancelledError):
            await future
        # Before the server's 5 s latency is up: the request was dropped, not answered.
        await until(lambda: server.stats()["cancelled"] == 1, "the request to be dropped")
        assert server.stats()["in_flight"] == 0

    run(loop_class, main)


def test_an_error_delivering_one_result_leaves_the_rest_of_its_batch(
    server: LocalBedrock, client: ChatClient, loop_class: LoopClass
) -> None:
    # A loop whose futures refuse the first result given to them: that error must go to
    # the loop's exception handler, and every other result of the batch still arrive.
    class RefusingFuture(asyncio.Future):  # type: ignore[type-arg]
        def set_result(self, result: Any) -> None:
            loop = self.get_loop()
            if not loop.refused:  # type: ignore[attr-defined]
                loop.refused = True  # type: ignore[attr-defined]
                raise RuntimeError("refused")
            super().set_result(result)

    class RefusingLoop(loop_class):  # type: ignore[valid-type,misc]
        refused = False

        def create_future(self) -> asyncio.Future[Any]:
            return RefusingFuture(loop=self)

    calls = 8
    errors: list[dict[str, Any]] = []

    async def main() -> None:
        asyncio.get_running_loop().set_exception_handler(lambda _loop, ctx: errors.append(ctx))
        futures = [started(client, f"n{i}") for i in range(calls)]
        # The loop is held (no await) until every reply is back, so that they are all
        # queued, then delivered in one batch.
        wait_for(
            lambda: server.stats()["requests"] == calls and server.stats()["in_flight"] == 0,
            "the replies",
        )
        time.sleep(0.2)  # the client reads the replies meanwhile
        await until(
            lambda: len(errors) == 1 and sum(f.done() for f in futures) == calls - 1,
            "the rest of the batch",
        )
        (refused,) = [f for f in futures if not f.done()]
        delivered = [text_of(f.result()) for f in futures if f is not refused]
        assert delivered == [f"n{i}" for i, f in enumerate(futures) if f is not refused]
        assert len(errors) == 1
        assert errors[0]["future"] is refused
        assert isinstance(errors[0]["exception"], RuntimeError)
        assert "message" in errors[0]
        refused.cancel()

    run(RefusingLoop, main)


def test_loops_closed_with_calls_pending_free_everything(
    server: LocalBedrock, client: ChatClient, loop_class: LoopClass
) -> None:
    async def call(i: int) -> Any:
        return await client.converse_async(modelId=MODEL_ID, messages=[user(f"n{i}")])

    # A first loop and call, for the connection pool and lazily made state.
    assert text_of(run(loop_class, lambda: call(0))) == "n0"
    gc.collect()
    fds, bridges, threads = open_fds(), live_bridges(), waker_threads()
    server.latency = 5.0
    loops = 20
    calls_per_loop = 3
    started = server.stats()["requests"]
    loop_refs = []
    for n in range(loops):
        loop = loop_class()
        # Quiets "Task was destroyed but it is pending!" when the tasks are collected.
        loop.set_exception_handler(lambda _loop, _ctx: None)
        expected = started + (n + 1) * calls_per_loop

        async def start() -> None:
            for i in range(calls_per_loop):
                asyncio.get_running_loop().create_task(call(i))
            await until(lambda: server.stats()["requests"] == expected, "the requests")  # noqa: B023

        loop.run_until_complete(start())
        loop_refs.append(weakref.ref(loop))
        loop.close()
        del loop
    gc.collect()
    assert [ref() for ref in loop_refs] == [None] * loops
    assert live_bridges() == bridges
    # The server's latency is 5 s: requests it no longer holds were dropped, not answered.
    wait_for(lambda: server.stats()["in_flight"] == 0, "the requests to be dropped", timeout=4)
    assert server.stats()["cancelled"] == loops * calls_per_loop
    wait_for(lambda: open_fds() <= fds, "the descriptors to be closed", timeout=4)
    wait_for(lambda: waker_threads() == threads, "the waker threads to end", timeout=4)


def test_asyncio_idioms(server: LocalBedrock, client: ChatClient, loop_class: LoopClass) -> None:
    async def call(text: str) -> str:
        return text_of(await client.converse_async(modelId=MODEL_ID, messages=[user(text)]))

    async def main() -> None:
        assert await asyncio.create_task(call("task")) == "task"
        if sys.version_info >= (3, 11):
            async with asyncio.TaskGroup() as group:
                tasks = [group.create_task(call(f"g{i}")) for i in range(5)]
            assert [task.result() for task in tasks] == [f"g{i}" for i in range(5)]

        # shield: the wait gives up, the shielded call goes on and answers.
        server.latency = 0.3
        shielded = asyncio.ensure_future(call("shielded"))
        with pytest.raises(asyncio.TimeoutError):
            await asyncio.wait_for(asyncio.shield(shielded), 0.01)
        assert not shielded.cancelled()
        assert await shielded == "shielded"

        # wait_for shorter than the server's latency cancels the call and its request.
        server.latency = 5.0
        with pytest.raises(asyncio.TimeoutError):
            await asyncio.wait_for(call("slow"), 0.1)
        await until(lambda: server.stats()["cancelled"] == 1, "the request to be dropped")
        assert server.stats()["in_flight"] == 0

    run(loop_class, main)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_forked_child_leaves_the_parents_bridge_alone(
    server: LocalBedrock, client: ChatClient, loop_class: LoopClass
) -> None:
    async def call(text: str) -> str:
        return text_of(await client.converse_async(modelId=MODEL_ID, messages=[user(text)]))

    loop = loop_class()
    try:
        assert loop.run_until_complete(call("before")) == "before"
        server.latency = 0.3
        pending = loop.create_task(call("parent"))

        async def started() -> None:
            await until(lambda: server.stats()["in_flight"] == 1, "the parent's request")

        loop.run_until_complete(started())

        # The same loop object in the child: it runs past the parent's reply, whose
        # wake-up must stay the parent's, then makes a call of its own.
        async def child() -> str:
            await asyncio.sleep(0.6)
            return await call("child")

        assert in_forked_child(lambda: loop.run_until_complete(child())) == (0, "child")
        # The parent's call is delivered in the parent (a bound against hangs).
        assert loop.run_until_complete(asyncio.wait_for(pending, 10)) == "parent"
        assert loop.run_until_complete(call("after")) == "after"
    finally:
        loop.close()


def test_a_cancelled_calls_queued_result_never_reaches_a_later_call(
    server: LocalBedrock, client: ChatClient, loop_class: LoopClass
) -> None:
    # The first call's result is queued, then the call is cancelled and its future freed;
    # a second call's future, made before the queue is drained, is likely to get the
    # freed future's address. The queued result must be dropped, not given to it.
    seconds: list[asyncio.Future[Any]] = []

    def second_call() -> None:
        seconds.append(started(client, "second"))

    async def main() -> str:
        loop = asyncio.get_running_loop()
        answered = server.stats()["requests"] + 1
        first = started(client, "first")
        wait_for(
            lambda: server.stats()["requests"] == answered and server.stats()["in_flight"] == 0,
            "the reply",
        )
        time.sleep(0.2)  # the client reads the reply and queues it meanwhile
        first.cancel()  # its done-callback runs next, then second_call
        del first
        loop.call_soon(second_call)
        await until(lambda: bool(seconds), "the second call")
        return text_of(await asyncio.wait_for(seconds[0], 10))

    for _ in range(5):
        assert run(loop_class, main) == "second"
        seconds.clear()
