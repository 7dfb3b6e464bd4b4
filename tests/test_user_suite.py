"""A user's test suite in a temporary folder passes with only the installed package's fixtures."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

USER_TESTS = '''
"""A user's tests of their summarizer, offline, with fastconverse's pytest fixtures."""

import pytest

from fastconverse import ChatClient, ThrottlingException

MODEL = "us.anthropic.claude-sonnet-4-5-20250929-v1:0"
SEEN = {}


def summarize(client: ChatClient, text: str) -> str:
    """The code under test: one Converse call."""
    reply = client.converse(
        modelId=MODEL,
        messages=[{"role": "user", "content": [{"text": f"Summarize: {text}"}]}],
        inferenceConfig={"maxTokens": 50},
    )
    return reply["output"]["message"]["content"][0]["text"]


def test_the_fixtures_come_from_fastconverse_plugin(request):
    plugin = request.config.pluginmanager.get_plugin("fastconverse")
    assert plugin is not None and plugin.__name__ == "fastconverse.pytest_plugin"


def test_scripted_reply(bedrock_client, local_bedrock):
    SEEN["endpoint"] = local_bedrock.endpoint_url
    local_bedrock.queue_reply({
        "output": {"message": {"role": "assistant", "content": [{"text": "Short."}]}},
        "stopReason": "end_turn",
    })
    assert summarize(bedrock_client, "a long text") == "Short."
    sent = local_bedrock.requests[0]["json"]
    assert sent["inferenceConfig"] == {"maxTokens": 50}
    # Left behind on purpose: the next test must not see any of it.
    local_bedrock.queue_error("ThrottlingException", "Too many requests", status=429)
    local_bedrock.latency = 0.5
    local_bedrock.stop()


def test_each_test_gets_a_reset_running_server(bedrock_client, local_bedrock):
    assert local_bedrock.running and local_bedrock.requests == []
    assert local_bedrock.latency == 0.0 and local_bedrock.stats()["queued"] == 0
    assert "echo this" in summarize(bedrock_client, "echo this")  # the default echo model


def test_queued_errors_reach_the_code_under_test(bedrock_client, local_bedrock):
    local_bedrock.queue_error("ThrottlingException", "Too many requests", status=429)
    with pytest.raises(ThrottlingException):
        summarize(bedrock_client, "anything")
    assert len(local_bedrock.requests) == 1  # one attempt: no retry ate the error


def test_async_code_works_too(bedrock_client):
    import asyncio

    async def main():
        reply = await bedrock_client.converse_async(
            modelId=MODEL, messages=[{"role": "user", "content": [{"text": "async"}]}]
        )
        return reply["stopReason"]

    assert asyncio.run(main()) == "end_turn"
'''


def run_pytest(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """pytest in a subprocess, from `folder`, with nothing of this repository on its path."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "PYTHONPATH"))}
    return subprocess.run(
        # pytest-asyncio (ours, not the user's) warns about its own unset options.
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:asyncio", *args],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def write_suite(folder: Path) -> None:
    """A user's project: a strict pytest.ini and one test file, no conftest."""
    (folder / "pytest.ini").write_text("[pytest]\nfilterwarnings = error\n")
    (folder / "test_pipeline.py").write_text(textwrap.dedent(USER_TESTS))


def test_a_users_suite_passes_with_the_plugins_fixtures(tmp_path: Path) -> None:
    write_suite(tmp_path)
    result = run_pytest(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "5 passed" in result.stdout, result.stdout


def test_without_the_plugin_the_fixtures_are_missing(tmp_path: Path) -> None:
    """The fixtures above came from the entry point, not from anything in the folder."""
    write_suite(tmp_path)
    result = run_pytest(tmp_path, "-p", "no:fastconverse")
    assert result.returncode != 0
    assert "fixture 'bedrock_client' not found" in result.stdout, result.stdout
