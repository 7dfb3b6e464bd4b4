"""Shared fixtures: the plugin's session LocalBedrock (reset before each test) and its clients.

``server`` and ``client`` are the ``local_bedrock`` and ``bedrock_client`` fixtures of
fastconverse's own pytest plugin (``fastconverse.pytest_plugin``, loaded through its
``pytest11`` entry point), so our suite uses them as a user's would. ``module_server``
is a fresh server per module, for hypothesis tests that cannot take function fixtures.
"""

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
