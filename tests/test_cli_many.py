"""`fastconverse many`: a JSON-lines file of requests in, one result line per request out,
in input order, with checkpoint and resume, against LocalBedrock."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from fastconverse import cli
from fastconverse.testing import LocalBedrock

from .conftest import MODEL_ID, user


def _request(text: str, **extra: Any) -> dict[str, Any]:
    return {"modelId": MODEL_ID, "messages": [user(text)], **extra}


def _write_jsonl(path: Path, values: list[Any]) -> Path:
    path.write_text("".join(json.dumps(v) + "\n" for v in values), encoding="utf-8")
    return path


def _read_jsonl(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


def _reply(record: dict[str, Any]) -> str:
    return str(record["response"]["output"]["message"]["content"][0]["text"])


@pytest.fixture
def local_env(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """LocalBedrock's default credentials and region, as a user of --endpoint-url sets them."""
    env = {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_REGION": "us-east-1",
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    return env


def test_results_in_input_order_with_ids_and_each_bad_line_as_its_error(
    tmp_path: Path, local_env: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "requests.jsonl"
    source.write_text(
        "\n".join(
            [
                json.dumps({"id": "first", **_request("one")}),
                json.dumps(_request("two")),
                "",  # blank: skipped, no output line
                '{"modelId": "cut short',
                '"a string, not a request"',
                json.dumps({"id": 7, **_request("x"), "temperature": 1}),  # refused client-side
                json.dumps({"id": {"row": 9}, "messages": [user("three")]}),  # --model fills it
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    results = tmp_path / "results.jsonl"
    with LocalBedrock() as server:
        status = cli.main(
            [
                "many",
                str(source),
                "-o",
                str(results),
                "--endpoint-url",
                server.endpoint_url,
                "--model",
                MODEL_ID,
                "--concurrency",
                "4",
            ]
        )
        sent = [request["json"]["messages"][0]["content"][0]["text"] for request in server.requests]
    assert status == 1
    lines = _read_jsonl(results.read_text(encoding="utf-8"))
    assert [(r["line"], r["id"]) for r in lines] == [
        (1, "first"),
        (2, None),
        (4, None),
        (5, None),
        (6, 7),
        (7, {"row": 9}),
    ]
    assert [_reply(lines[i]) for i in (0, 1, 5)] == ["one", "two", "three"]
    assert lines[0]["response"]["stopReason"] == "end_turn"
    assert lines[2]["error"]["type"] == lines[2]["error"]["code"] == "InvalidLine"
    assert lines[2]["error"]["message"].startswith("line 4: not JSON: ")
    assert lines[3]["error"]["message"] == "line 5: expected a JSON object (a request)"
    assert lines[4]["error"]["type"] == "ParamValidationError"
    assert 'Unknown parameter in input: "temperature"' in lines[4]["error"]["message"]
    assert all("response" not in r for r in lines[2:5])
    # Only the sendable lines reached the server; the id never went on the wire.
    assert sorted(sent) == ["one", "three", "two"]
    err = capsys.readouterr().err
    assert "6 requests, 3 succeeded, 3 failed (lines 4, 5, 6)" in err


def test_stdout_with_dash_and_exit_zero_when_every_line_succeeds(
    tmp_path: Path, local_env: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    source = _write_jsonl(tmp_path / "in.jsonl", [_request(f"q{i}") for i in range(20)])
    with LocalBedrock() as server:
        status = cli.main(["many", str(source), "-o", "-", "--endpoint-url", server.endpoint_url])
    captured = capsys.readouterr()
    assert status == 0, captured.err
    lines = _read_jsonl(captured.out)
    assert [r["line"] for r in lines] == list(range(1, 21))
    assert [_reply(r) for r in lines] == [f"q{i}" for i in range(20)]
    # stderr is no terminal here: the summary, no progress line.
    assert "\r" not in captured.err and "20 succeeded, 0 failed" in captured.err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("quiet", [False, True])
def test_progress_on_a_terminal_and_quiet(
    tmp_path: Path, local_env: dict[str, str], monkeypatch: pytest.MonkeyPatch, quiet: bool
) -> None:
    source = _write_jsonl(tmp_path / "in.jsonl", [_request(f"q{i}") for i in range(5)])
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with LocalBedrock() as server:
        status = cli.main(
            ["many", str(source), "-o", str(tmp_path / "out.jsonl")]
            + ["--endpoint-url", server.endpoint_url]
            + (["--quiet"] if quiet else [])
        )
    assert status == 0
    if quiet:
        assert terminal.getvalue() == ""
    else:
        assert "\rmany: 5/5 done, 0 failed" in terminal.getvalue()
        assert terminal.getvalue().endswith("5 succeeded, 0 failed, 0 from the checkpoint\n")


def test_a_rerun_with_the_checkpoint_sends_only_what_failed(
    tmp_path: Path, local_env: dict[str, str]
) -> None:
    source = _write_jsonl(tmp_path / "in.jsonl", [_request(f"q{i}") for i in range(6)])
    results = tmp_path / "out.jsonl"
    checkpoint = tmp_path / "checkpoint.jsonl"
    command = ["many", str(source), "-o", str(results), "--checkpoint", str(checkpoint)]
    command += ["--concurrency", "1", "--max-retries", "0", "--quiet"]
    with LocalBedrock() as server:
        # Two of the six requests meet the queued errors.
        server.queue_error("ServiceUnavailableException", "busy", status=503)
        server.queue_error("ServiceUnavailableException", "busy", status=503)
        first = cli.main([*command, "--endpoint-url", server.endpoint_url])
        failed = _read_jsonl(results.read_text(encoding="utf-8"))
        sent_first = len(server.requests)
        second = cli.main([*command, "--endpoint-url", server.endpoint_url])
        sent_second = len(server.requests) - sent_first
    assert first == 1 and sent_first == 6
    errors = [r["error"] for r in failed if "error" in r]
    assert [(e["code"], e["status_code"]) for e in errors] == [
        ("ServiceUnavailableException", 503)
    ] * 2
    assert second == 0 and sent_second == 2
    lines = _read_jsonl(results.read_text(encoding="utf-8"))
    assert [_reply(r) for r in lines] == [f"q{i}" for i in range(6)]


def _subprocess_env(local_env: dict[str, str]) -> dict[str, str]:
    return {**os.environ, **local_env}


def test_an_interrupted_run_resumes_from_its_checkpoint(
    tmp_path: Path, local_env: dict[str, str]
) -> None:
    count = 12
    source = _write_jsonl(tmp_path / "in.jsonl", [_request(f"q{i}") for i in range(count)])
    results = tmp_path / "out.jsonl"
    checkpoint = tmp_path / "checkpoint.jsonl"
    with LocalBedrock(latency=0.3) as server:
        command = [sys.executable, "-m", "fastconverse", "many", str(source), "-o", str(results)]
        command += ["--checkpoint", str(checkpoint), "--concurrency", "2"]
        command += ["--endpoint-url", server.endpoint_url]
        proc = subprocess.Popen(
            command, env=_subprocess_env(local_env), stderr=subprocess.PIPE, text=True
        )
        try:
            # Interrupt once a few results are recorded, well before all twelve are.
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and proc.poll() is None:
                if checkpoint.exists() and len(checkpoint.read_text().splitlines()) >= 2:
                    break
                time.sleep(0.02)
            proc.send_signal(signal.SIGINT)
            _, err = proc.communicate(timeout=60)
        finally:
            proc.kill()
        assert proc.returncode == 130, err
        assert "interrupted" in err and str(checkpoint) in err
        assert not results.exists()  # the output is complete or absent
        kept = len(checkpoint.read_text().splitlines())
        assert 2 <= kept < count
        before = len(server.requests)
        status = cli.main(
            [
                "many",
                str(source),
                "-o",
                str(results),
                "--checkpoint",
                str(checkpoint),
                "--endpoint-url",
                server.endpoint_url,
                "--quiet",
            ]
        )
        resent = len(server.requests) - before
    assert status == 0
    assert resent == count - kept
    lines = _read_jsonl(results.read_text(encoding="utf-8"))
    assert [r["line"] for r in lines] == list(range(1, count + 1))
    assert [_reply(r) for r in lines] == [f"q{i}" for i in range(count)]


def test_stdin_and_an_embedded_local_bedrock_in_a_subprocess() -> None:
    requests = [{"id": i, "messages": [user(f"piped {i}")]} for i in range(3)]
    out = subprocess.run(
        [sys.executable, "-m", "fastconverse", "many", "-", "--local", "--model", MODEL_ID],
        input="".join(json.dumps(r) + "\n" for r in requests) + "not json\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 1, out.stderr
    lines = _read_jsonl(out.stdout)
    assert [r["id"] for r in lines] == [0, 1, 2, None]
    assert [_reply(r) for r in lines[:3]] == ["piped 0", "piped 1", "piped 2"]
    assert lines[3]["error"]["message"].startswith("line 4: not JSON")
    assert "1 failed (line 4)" in out.stderr


def test_an_unreadable_input_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = cli.main(["many", str(tmp_path / "missing.jsonl"), "--local"])
    assert status == 2
    assert "missing.jsonl" in capsys.readouterr().err
