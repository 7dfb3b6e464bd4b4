"""`fastconverse serve --bearer-token` accepts that API key, and only that one, over raw HTTP
(as bench/bare_http.rs calls it) and through ChatClient(bearer_token=...)."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from urllib.parse import quote

import pytest

from fastconverse import AccessDeniedException, ChatClient

from .conftest import MODEL_ID, user

TOKEN = "bench-api-key-123"


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[str, list[str]]]:
    """The endpoint of a `serve --bearer-token` process, and its banner's lines."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "fastconverse", "serve", "--port", "0", "--bearer-token", TOKEN],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        banner = [proc.stdout.readline()]
        while not banner[-1].startswith("Ctrl-C to stop.") and banner[-1]:
            banner.append(proc.stdout.readline())
        assert banner[0].startswith("LocalBedrock listening on http://127.0.0.1:")
        yield banner[0].rsplit(" ", 1)[1].strip(), banner
        if sys.platform == "win32":
            proc.terminate()  # Windows cannot send SIGINT to another process
            proc.communicate(timeout=30)
        else:
            proc.send_signal(signal.SIGINT)
            proc.communicate(timeout=30)
            assert proc.returncode == 0
    finally:
        proc.kill()


@pytest.fixture
def endpoint(served: tuple[str, list[str]]) -> str:
    return served[0]


def test_serve_says_it_accepts_a_bearer_token(served: tuple[str, list[str]]) -> None:
    assert any(line.startswith("  bearer token:") for line in served[1])
    assert TOKEN not in "".join(served[1])  # the secret itself is not printed


def post(endpoint: str, token: str) -> tuple[int, dict[str, object]]:
    request = urllib.request.Request(
        f"{endpoint}/model/{quote(MODEL_ID, safe='')}/converse",
        data=json.dumps({"messages": [user("raw http")]}).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


def test_serve_accepts_its_bearer_token_over_raw_http(endpoint: str) -> None:
    status, body = post(endpoint, TOKEN)
    assert status == 200
    assert body["output"] == {"message": {"role": "assistant", "content": [{"text": "raw http"}]}}


def test_serve_refuses_another_bearer_token(endpoint: str) -> None:
    status, body = post(endpoint, TOKEN + "x")
    assert status == 403
    assert "API Key" in str(body.get("message", body.get("Message")))


def test_serve_bearer_token_works_for_chat_client(endpoint: str) -> None:
    client = ChatClient(endpoint_url=endpoint, region_name="us-east-1", bearer_token=TOKEN)
    reply = client.converse(modelId=MODEL_ID, messages=[user("via api key")])
    assert reply["output"]["message"]["content"] == [{"text": "via api key"}]
    wrong = ChatClient(
        endpoint_url=endpoint, region_name="us-east-1", bearer_token="nope", max_attempts=1
    )
    with pytest.raises(AccessDeniedException):
        wrong.converse(modelId=MODEL_ID, messages=[user("denied")])
