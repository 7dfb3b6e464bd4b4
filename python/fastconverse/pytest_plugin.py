"""pytest fixtures to test code that calls Bedrock, offline: ``local_bedrock``, ``bedrock_client``.

Installed with fastconverse and registered through the ``pytest11`` entry point, so
any test suite can use the fixtures without importing anything::

    def test_summarize(bedrock_client, local_bedrock):
        local_bedrock.queue_reply({
            "output": {"message": {"role": "assistant", "content": [{"text": "Short."}]}},
            "stopReason": "end_turn",
        })
        assert summarize(bedrock_client, "a long text") == "Short."
        assert local_bedrock.requests[0]["json"]["messages"][0]["role"] == "user"

``local_bedrock`` is one :class:`fastconverse.testing.LocalBedrock` for the whole
session, reset before each test (queue, request log and counters emptied, ``latency``
back to 0, ``max_concurrency`` back to unlimited, restarted if a test stopped it).
``bedrock_client`` is a :class:`fastconverse.ChatClient` on it that makes one attempt
per call, so that an error a test queues reaches the code under test as queued; build
``local_bedrock.client(max_attempts=3)`` to exercise retries instead.

To disable the plugin: ``pytest -p no:fastconverse``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from fastconverse import ChatClient
    from fastconverse.testing import LocalBedrock

__all__ = ["bedrock_client", "local_bedrock"]


@pytest.fixture(scope="session")
def _fastconverse_local_bedrock_session() -> Iterator[LocalBedrock]:
    """The session's one LocalBedrock server (started on first use)."""
    # Imported here: pytest loads this plugin in every run, which should cost nothing
    # for suites that never ask for the fixtures.
    from fastconverse.testing import LocalBedrock

    with LocalBedrock() as server:
        yield server


@pytest.fixture
def local_bedrock(_fastconverse_local_bedrock_session: LocalBedrock) -> LocalBedrock:
    """A running :class:`~fastconverse.testing.LocalBedrock`, as fresh as a new one.

    One server serves the whole session; before each test its queue, request log and
    counters are emptied, ``latency`` goes back to 0 and ``max_concurrency`` to
    unlimited (and a stopped server is started again).
    """
    server = _fastconverse_local_bedrock_session
    if not server.running:
        server.start()
    server.reset()
    server.latency = 0.0
    server.max_concurrency = None
    return server


@pytest.fixture
def bedrock_client(local_bedrock: LocalBedrock) -> ChatClient:
    """A :class:`~fastconverse.ChatClient` on ``local_bedrock``, with its credentials.

    It makes a single attempt per call (``max_attempts=1``), so errors queued with
    ``local_bedrock.queue_error(...)`` reach the caller as queued.
    """
    return local_bedrock.client(max_attempts=1)
