"""The Python ChatClient's async methods are real coroutines: every asyncio idiom takes them.

Each test runs on the default event loop and on uvloop. The bridge underneath (delivery,
loops closed with calls pending, loops without add_reader) has its own tests in
test_async_bridge.py.
"""

from __future__ import annotations

import asyncio
import inspect
import re
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any, TypeVar

import pytest

import fastconverse
from fastconverse import (
    AsyncConverseStream,
    BedrockError,
    ChatClient,
    ClientConfigError,
    NoRegionError,
)
from fastconverse.testing import LocalBedrock

from .conftest import MODEL_ID, user
from .helpers import wait_for
from .raw_server import RawServer, stall_before_headers

T = TypeVar("T")
Runner = Callable[[Coroutine[Any, Any, T]], T]

REQUEST: dict[str, Any] = {"modelId": MODEL_ID, "messages": [user("Hello there")]}


def _loop_factories() -> list[Any]:
    factories: list[Any] = [pytest.param(asyncio.new_event_loop, id="asyncio")]
    try:
        import uvloop
    except ImportError:  # not on Windows
        return factories
    factories.append(pytest.param(uvloop.new_event_loop, id="uvloop"))
    return factories


@pytest.fixture(params=_loop_factories())
def run(request: pytest.FixtureRequest) -> Runner[Any]:
    """Runs a coroutine to its end on a fresh loop of the parametrized kind."""

    def runner(coroutine: Coroutine[Any, Any, T]) -> T:
        with asyncio.Runner(loop_factory=request.param) as loop_runner:
            return loop_runner.run(coroutine)

    return runner


ASYNC_METHODS = [
    (ChatClient, "converse_async"),
    (ChatClient, "count_tokens_async"),
    (ChatClient, "converse_stream_async"),
    (ChatClient, "converse_many_async"),
    (AsyncConverseStream, "text"),
    (AsyncConverseStream, "final_response"),
    (AsyncConverseStream, "aclose"),
    (AsyncConverseStream, "__aenter__"),
    (AsyncConverseStream, "__aexit__"),
]


@pytest.mark.parametrize(("owner", "name"), ASYNC_METHODS)
def test_async_methods_are_coroutine_functions(owner: type, name: str) -> None:
    assert inspect.iscoroutinefunction(getattr(owner, name))


def test_create_task_takes_the_call_directly(run: Runner[Any], client: ChatClient) -> None:
    async def main() -> Any:
        return await asyncio.create_task(client.converse_async(**REQUEST))

    response = run(main())
    assert response["output"]["message"]["content"][0]["text"] == "Hello there"


def test_task_group_takes_every_kind_of_call(run: Runner[Any], client: ChatClient) -> None:
    async def main() -> list[Any]:
        async with asyncio.TaskGroup() as group:
            tasks = [
                group.create_task(client.converse_async(**REQUEST)),
                group.create_task(
                    client.count_tokens_async(
                        modelId=MODEL_ID, input={"converse": {"messages": [user("Hello there")]}}
                    )
                ),
                group.create_task(client.converse_stream_async(**REQUEST)),
            ]
        stream = tasks[2].result()
        assert isinstance(stream, AsyncConverseStream)
        text = await group_text(stream)
        return [tasks[0].result(), tasks[1].result(), text]

    async def group_text(stream: AsyncConverseStream) -> str:
        async with stream:
            return await stream.text()

    converse, tokens, text = run(main())
    assert converse["stopReason"] == "end_turn"
    assert tokens["inputTokens"] > 0
    assert text == "Hello there"


def test_wait_for_cancels_the_request(run: Runner[Any], server: LocalBedrock) -> None:
    server.latency = 5.0
    client = server.client(max_attempts=1)

    async def main() -> None:
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(client.converse_async(**REQUEST), timeout=0.2)

    run(main())
    # The task was cancelled, so the request's connection closed long before the
    # server's 5 s latency ran out.
    wait_for(lambda: server.stats()["in_flight"] == 0, "the request to be dropped", timeout=4.0)


def test_shield_keeps_the_call_running(run: Runner[Any], server: LocalBedrock) -> None:
    server.latency = 0.3
    client = server.client()

    async def main() -> Any:
        inner = asyncio.ensure_future(client.converse_async(**REQUEST))
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(asyncio.shield(inner), timeout=0.05)
        return await inner

    assert run(main())["stopReason"] == "end_turn"


def test_anyio_on_asyncio(client: ChatClient) -> None:
    anyio = pytest.importorskip("anyio")
    results: list[Any] = []

    async def call() -> None:
        results.append(await client.converse_async(**REQUEST))

    async def main() -> None:
        async with anyio.create_task_group() as group:
            for _ in range(3):
                group.start_soon(call)

    anyio.run(main, backend="asyncio")
    assert [r["stopReason"] for r in results] == ["end_turn"] * 3


def test_async_stream_helpers_are_coroutines(run: Runner[Any], client: ChatClient) -> None:
    async def main() -> tuple[str, Any, bool]:
        first = await client.converse_stream_async(**REQUEST)
        text = await asyncio.create_task(first.text())
        second = await client.converse_stream_async(**REQUEST)
        final = await asyncio.create_task(second.final_response())
        third = await client.converse_stream_async(**REQUEST)
        assert third["stream"] is third and third.get("stream") is third
        assert "ResponseMetadata" in third and third["ResponseMetadata"]["HTTPStatusCode"] == 200
        await third.aclose()
        return text, final, third.closed

    text, final, closed = run(main())
    assert text == "Hello there"
    assert final["output"]["message"]["content"][0]["text"] == "Hello there"
    assert closed


def test_converse_many_async_resolves_configuration_off_the_loop(
    run: Runner[Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No region anywhere but the instance metadata service, which stalls: resolving the
    # configuration takes a while, and the loop must keep running meanwhile.
    for name in ("AWS_REGION", "AWS_DEFAULT_REGION", "AWS_PROFILE", "AWS_EC2_METADATA_DISABLED"):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / "config").write_text("")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "credentials"))
    with RawServer() as metadata:
        for _ in range(16):
            metadata.push(stall_before_headers())
        monkeypatch.setenv("AWS_EC2_METADATA_SERVICE_ENDPOINT", metadata.endpoint_url)
        client = ChatClient(
            endpoint_url="http://127.0.0.1:9", aws_access_key_id="a", aws_secret_access_key="b"
        )

        async def main() -> int:
            ticks = 0

            async def ticker() -> None:
                nonlocal ticks
                while True:
                    ticks += 1
                    await asyncio.sleep(0.01)

            ticking = asyncio.create_task(ticker())
            try:
                with pytest.raises(NoRegionError):
                    await client.converse_many_async([REQUEST])
                # Counted before anything else could run: with the loop's thread blocked
                # on the resolution, the ticker would not have run at all.
                return ticks
            finally:
                ticking.cancel()

        assert run(main()) > 0
        assert metadata.requests > 0


BAD_ARGUMENTS = [
    ({"region_name": 5}, "region_name"),
    ({"endpoint_url": "ftp://example.com"}, "endpoint_url"),
    ({"endpoint_url": b"http://x"}, "endpoint_url"),
    ({"aws_access_key_id": "a"}, "aws_secret_access_key"),
    ({"aws_session_token": "t"}, "aws_session_token"),
    ({"connect_timeout": 0}, "connect_timeout"),
    ({"connect_timeout": -1.5}, "connect_timeout"),
    ({"read_timeout": float("nan")}, "read_timeout"),
    ({"read_timeout": "10"}, "read_timeout"),
    ({"read_timeout": True}, "read_timeout"),
    ({"max_attempts": 0}, "max_attempts"),
    ({"max_attempts": -1}, "max_attempts"),
    ({"max_attempts": 2.5}, "max_attempts"),
    ({"max_attempts": 2**40}, "max_attempts"),
    ({"retry_mode": "legacy"}, "retry_mode"),
    ({"preflight": "strict"}, "preflight"),
    ({"pickle_credentials": "yes"}, "pickle_credentials"),
    ({"bearer_token": 123}, "bearer_token"),
]


@pytest.mark.parametrize(("kwargs", "named"), BAD_ARGUMENTS)
def test_bad_constructor_arguments_raise_client_config_error(
    kwargs: dict[str, Any], named: str
) -> None:
    with pytest.raises(ClientConfigError, match=named) as caught:
        ChatClient(**kwargs)
    # Caught by `except BedrockError` and by `except ValueError`.
    assert isinstance(caught.value, BedrockError)
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize(
    ("kwargs", "named"),
    [({"concurrency": 0}, "concurrency"), ({"max_retries": -1}, "max_retries")],
)
def test_converse_many_ranges_raise_value_error(
    client: ChatClient, kwargs: dict[str, Any], named: str
) -> None:
    with pytest.raises(ValueError, match=named):
        client.converse_many([REQUEST], **kwargs)


def test_the_native_module_never_imports_the_package() -> None:
    # The package hands the native module what it needs (the exception classes) at import;
    # a Rust -> Python -> Rust round trip through an import is a layering error.
    bindings = Path(__file__).parent.parent / "src" / "py"
    imports = [
        (path.name, match.group(0))
        for path in sorted(bindings.glob("*.rs"))
        for match in re.finditer(r'import\(\s*(?:py\s*,\s*)?"fastconverse[^"]*"', path.read_text())
    ]
    assert imports == []


def test_errors_reach_python_as_the_package_classes(client: ChatClient) -> None:
    with pytest.raises(fastconverse.ParamValidationError, match="messages"):
        client.converse(modelId=MODEL_ID, messages="not a list")
