"""Shared fixtures: the plugin's session LocalBedrock (reset before each test) and its clients.

``server`` and ``client`` are the ``local_bedrock`` and ``bedrock_client`` fixtures of
fastconverse's own pytest plugin (``fastconverse.pytest_plugin``, loaded through its
``pytest11`` entry point), so our suite uses them as a user's would. ``module_server``
is a fresh server per module, for hypothesis tests that cannot take function fixtures.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from fastconverse import ChatClient
from fastconverse.testing import LocalBedrock

from .helpers import SUMMARY

try:
    import uvloop
except ImportError:  # not on Windows
    uvloop = None

MODEL_ID = "us.anthropic.claude-sonnet-4-5-20250929-v1:0"


@pytest.fixture(scope="module")
def module_server() -> Iterator[LocalBedrock]:
    """A LocalBedrock of the module's own, never reset by the fixtures."""
    with LocalBedrock() as server:
        yield server


@pytest.fixture
def server(local_bedrock: LocalBedrock) -> LocalBedrock:
    """The plugin's ``local_bedrock``: the session's server, reset before each test."""
    return local_bedrock


@pytest.fixture
def client(bedrock_client: ChatClient) -> ChatClient:
    """The plugin's ``bedrock_client``: one attempt per call, on ``server``."""
    return bedrock_client


@pytest.fixture
def boto(server: LocalBedrock) -> Any:
    """A boto3 bedrock-runtime client on ``server`` (one attempt per call)."""
    return server.boto3_client()


def user(text: str) -> dict[str, Any]:
    """A user message with one text block."""
    return {"role": "user", "content": [{"text": text}]}


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    """Prints the lines tests left for the summary (`members carried: N/N`, ...)."""
    lines = config.stash.get(SUMMARY, [])
    if lines:
        terminalreporter.section("fastconverse")
        for line in lines:
            terminalreporter.write_line(line)


class NoReaderLoop(asyncio.SelectorEventLoop):
    """A loop without ``add_reader``, as Windows' Proactor loop and some custom loops."""

    def add_reader(self, fd: Any, callback: Any, *args: Any) -> None:
        raise NotImplementedError


@pytest.fixture(
    params=[
        pytest.param(asyncio.SelectorEventLoop, id="asyncio"),
        pytest.param(
            getattr(uvloop, "Loop", None),
            id="uvloop",
            marks=pytest.mark.skipif(uvloop is None, reason="uvloop is not installed"),
        ),
        pytest.param(NoReaderLoop, id="no-add-reader"),
    ]
)
def loop_class(request: pytest.FixtureRequest) -> type[asyncio.AbstractEventLoop]:
    """Each event loop class the asyncio bridge must serve: asyncio's default, uvloop's,
    and one without ``add_reader``. A class rather than a factory, so that a test can
    subclass it."""
    return request.param  # type: ignore[no-any-return]


def in_forked_child(work: Callable[[], str]) -> tuple[int, str]:
    """Runs `work` in a child made by ``os.fork``: its exit code and the text it returned.

    The child runs no pytest code: it leaves through ``os._exit`` (1 if `work` raised).
    """
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        status = 1
        try:
            os.write(write_end, work().encode())
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    with os.fdopen(read_end) as said:
        _, wait_status = os.waitpid(pid, 0)
        return os.waitstatus_to_exitcode(wait_status), said.read()
