"""Shared fixtures: one LocalBedrock per test module, reset before each test."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from fastconverse import ChatClient
from fastconverse.testing import LocalBedrock

from .helpers import SUMMARY

MODEL_ID = "us.anthropic.claude-sonnet-4-5-20250929-v1:0"


@pytest.fixture(scope="module")
def module_server() -> Iterator[LocalBedrock]:
    with LocalBedrock() as server:
        yield server


@pytest.fixture
def server(module_server: LocalBedrock) -> LocalBedrock:
    module_server.reset()
    module_server.latency = 0.0
    return module_server


@pytest.fixture
def client(server: LocalBedrock) -> ChatClient:
    return server.client(max_attempts=1)


@pytest.fixture
def boto(server: LocalBedrock) -> Any:
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
