"""The command line: `chat --local` answers offline; `serve` runs a server boto3 can use."""

from __future__ import annotations

import signal
import subprocess
import sys

from .conftest import MODEL_ID, user
from .helpers import posix_only


def test_chat_local_prints_the_reply_and_usage() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "fastconverse", "chat", "--local", "Hello"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "Hello"
    assert "tokens in" in out.stderr and "end_turn" in out.stderr


def test_chat_local_with_system_and_max_tokens() -> None:
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "fastconverse",
            "chat",
            "--local",
            "--system",
            "Be brief.",
            "--max-tokens",
            "1",
            "one two three four five six",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert "max_tokens" in out.stderr


@posix_only("sends SIGINT to a child process")
def test_serve_runs_until_interrupted_and_boto3_can_use_it() -> None:
    import boto3

    proc = subprocess.Popen(
        [sys.executable, "-m", "fastconverse", "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        assert first.startswith("LocalBedrock listening on http://127.0.0.1:")
        endpoint = first.rsplit(" ", 1)[1].strip()
        boto = boto3.client(
            "bedrock-runtime",
            endpoint_url=endpoint,
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )
        reply = boto.converse(modelId=MODEL_ID, messages=[user("from boto3")])
        assert reply["output"]["message"]["content"] == [{"text": "from boto3"}]
        proc.send_signal(signal.SIGINT)
        rest, _ = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == 0
    assert "stopped" in rest


def test_quickstart_example_runs() -> None:
    import pathlib

    example = pathlib.Path(__file__).resolve().parent.parent / "examples" / "quickstart.py"
    out = subprocess.run([sys.executable, str(example)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [
        "Hello",
        "['one', 'two', 'three']",
        out.stdout.splitlines()[2],
    ]
    assert out.stdout.splitlines()[2].startswith("throttled: ThrottlingException (request ")
