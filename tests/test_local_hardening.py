"""LocalBedrock under pressure and as strict as Bedrock: descriptor limits, session tokens,
signed payloads, secrets kept out of the log, raw answers, connection faults, and
stopping without holding up the garbage collector or the interpreter's exit."""

from __future__ import annotations

import gc
import hashlib
import http.client
import json
import logging
import socket
import subprocess
import sys
import textwrap
import threading
import time
import zlib
from collections.abc import Iterator
from typing import Any

import pytest

from fastconverse.testing import LocalBedrock

botocore_auth = pytest.importorskip("botocore.auth")
botocore_awsrequest = pytest.importorskip("botocore.awsrequest")
botocore_credentials = pytest.importorskip("botocore.credentials")
botocore_exceptions = pytest.importorskip("botocore.exceptions")

MODEL_ID = "us.anthropic.claude-sonnet-4-5-20250929-v1:0"
PATH = "/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse"
STREAM_PATH = PATH + "-stream"
BODY = json.dumps({"messages": [{"role": "user", "content": [{"text": "Hello there"}]}]})
API_KEY = "bedrock-api-key-for-tests"
#: A subprocess gets this long before the test calls it hung (it takes about a second).
SUBPROCESS_LIMIT = 120
#: How long LocalServer::shutdown waits for its tasks (src/emulator/server.rs).
SHUTDOWN_WAIT = 5.0

unix_only = pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_NOFILE is Unix only")


def messages(text: str = "Hello there") -> list[dict[str, Any]]:
    return [{"role": "user", "content": [{"text": text}]}]


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    """Runs `code` in a fresh interpreter (so limits and exits stay there)."""
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=SUBPROCESS_LIMIT,
        check=False,
    )


@pytest.fixture
def keyed() -> Iterator[LocalBedrock]:
    """A server that also takes a bearer API key, for raw HTTP requests."""
    with LocalBedrock(bearer_token=API_KEY) as server:
        yield server


def raw_request(path: str = PATH, body: str = BODY) -> bytes:
    """A complete HTTP/1.1 request with the bearer key, as bytes."""
    head = (
        f"POST {path} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {API_KEY}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body.encode())}\r\n\r\n"
    )
    return head.encode() + body.encode()


def connect(server: LocalBedrock, timeout: float = 10.0) -> socket.socket:
    return socket.create_connection(("127.0.0.1", server.port), timeout=timeout)


#: Connections opened by http_post, closed after each test.
CONNECTIONS: list[http.client.HTTPConnection] = []


@pytest.fixture(autouse=True)
def _close_connections() -> Iterator[None]:
    yield
    while CONNECTIONS:
        CONNECTIONS.pop().close()


def http_post(
    server: LocalBedrock, path: str = PATH, body: str = BODY, timeout: float = 10.0
) -> http.client.HTTPResponse:
    """POSTs with the bearer key and returns the response, body unread."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=timeout)
    CONNECTIONS.append(conn)
    conn.request(
        "POST",
        path,
        body=body,
        headers={"Authorization": f"Bearer {API_KEY}", "Content-Type": "application/json"},
    )
    return conn.getresponse()


# --- 1. the file-descriptor limit ---------------------------------------------------


@unix_only
def test_starting_raises_the_soft_open_file_limit_toward_the_hard_one() -> None:
    result = run_python(
        """
        import resource
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        resource.setrlimit(resource.RLIMIT_NOFILE, (256, hard))
        from fastconverse import LocalBedrock
        with LocalBedrock():
            print(hard, resource.getrlimit(resource.RLIMIT_NOFILE)[0])
        """
    )
    assert result.returncode == 0, result.stderr
    hard, soft = map(int, result.stdout.split())
    if hard <= 256:
        pytest.skip(f"the hard limit here is {hard}: nothing to raise")
    # RLIM_INFINITY reads as a huge number; the server stops at 65,536 (10,240 on macOS).
    assert soft > 256
    assert soft == min(hard, 65_536) or (sys.platform == "darwin" and soft == 10_240)


@unix_only
def test_calls_beyond_the_hard_descriptor_limit_all_finish() -> None:
    # Soft and hard limits both 256, so raising the limit cannot help: 200 calls at once
    # need 400 descriptors in-process. Before, accept failed with EMFILE for ever while
    # idle keep-alive connections held every descriptor, and the gather never finished.
    result = run_python(
        f"""
        import asyncio, logging, resource, time
        resource.setrlimit(resource.RLIMIT_NOFILE, (256, 256))
        from fastconverse import LocalBedrock

        warnings = []
        class Collect(logging.Handler):
            def emit(self, record):
                warnings.append(record.getMessage())
        logging.getLogger("fastconverse").addHandler(Collect(logging.WARNING))

        MESSAGES = [{{"role": "user", "content": [{{"text": "hi"}}]}}]

        async def main():
            started = time.monotonic()
            with LocalBedrock(latency=0.05) as server:
                client = server.client()
                async def call(i):
                    return await client.converse_async(modelId="{MODEL_ID}", messages=MESSAGES)
                # 200 and then 300 at once: the client itself may run out of descriptors
                # to open sockets with (the server holds the rest), or (rarely) reuse a
                # kept-alive connection just as the server closes it to free descriptors;
                # each such call fails with a clear connection error, none hangs.
                clear = ("Too many open files", "connection closed before message completed")
                for batch in (200, 300):
                    mixed = await asyncio.gather(
                        *[call(i) for i in range(batch)], return_exceptions=True
                    )
                    failed = [r for r in mixed if isinstance(r, BaseException)]
                    assert all(any(c in str(e) for c in clear) for e in failed), failed[:3]
                    assert len(failed) < batch
                    ok = [r for r in mixed if not isinstance(r, BaseException)]
                    assert all(r["stopReason"] == "end_turn" for r in ok)
                # And the server is well again.
                after = await asyncio.gather(*[call(i) for i in range(20)])
                assert len(after) == 20
                accept_warnings = [w for w in warnings if "accept failed" in w]
                periods = int((time.monotonic() - started) // 10) + 1
                print(len(accept_warnings), periods, server.stats()["requests"])

        asyncio.run(main())
        """
    )
    assert result.returncode == 0, result.stderr[-3000:]
    warnings, periods, requests = map(int, result.stdout.split())
    # At most one warning per 10 seconds (ACCEPT_WARNING_EVERY), not 20 a second.
    assert 1 <= warnings <= periods
    assert requests >= 21


# --- 2. as strict as Bedrock ------------------------------------------------------------


def signed_request(
    server: LocalBedrock,
    body: str = BODY,
    *,
    token: str | None = None,
    unsigned_payload: bool = False,
) -> Any:
    """A botocore AWSRequest to `server`, signed with SigV4 as boto3 signs it."""
    request = botocore_awsrequest.AWSRequest(
        method="POST",
        url=server.endpoint_url + PATH,
        data=body.encode(),
        headers={"Content-Type": "application/json"},
    )
    credentials = botocore_credentials.Credentials(
        server.aws_access_key_id, server.aws_secret_access_key, token
    )

    class UnsignedPayload(botocore_auth.SigV4Auth):  # type: ignore[misc]
        def payload(self, request: Any) -> str:
            return "UNSIGNED-PAYLOAD"

    signer = UnsignedPayload if unsigned_payload else botocore_auth.SigV4Auth
    if unsigned_payload:
        request.headers["X-Amz-Content-SHA256"] = "UNSIGNED-PAYLOAD"
    signer(credentials, "bedrock", server.region).add_auth(request)
    return request


def send(server: LocalBedrock, request: Any, body: bytes | None = None) -> tuple[int, dict, Any]:
    """Sends a prepared AWSRequest (optionally with another body); status, headers, JSON."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    payload = request.body if body is None else body
    headers = dict(request.headers.items())
    headers["Content-Length"] = str(len(payload))
    conn.request("POST", PATH, body=payload, headers=headers)
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response.status, dict(response.getheaders()), json.loads(data)


def error_code(headers: dict[str, str]) -> str:
    return headers.get("x-amzn-ErrorType", headers.get("x-amzn-errortype", "")).split(":")[0]


def test_a_session_token_the_server_was_not_given_is_refused() -> None:
    with LocalBedrock() as server:
        status, headers, body = send(server, signed_request(server, token="FwoGZXIvYXdzE"))
    assert status == 403
    assert error_code(headers) == "UnrecognizedClientException"
    assert body["message"] == "The security token included in the request is invalid."


def test_a_server_with_a_session_token_wants_exactly_that_token_signed() -> None:
    with LocalBedrock(aws_session_token="the-token") as server:
        assert server.aws_session_token == "the-token"
        status, _, _ = send(server, signed_request(server, token="the-token"))
        assert status == 200
        for token in (None, "another-token"):
            status, headers, _ = send(server, signed_request(server, token=token))
            assert (status, error_code(headers)) == (403, "UnrecognizedClientException")
        # The right token, added after signing: SigV4 must cover it.
        request = signed_request(server)
        request.headers["X-Amz-Security-Token"] = "the-token"
        status, headers, _ = send(server, request)
        assert (status, error_code(headers)) == (403, "InvalidSignatureException")
        # The clients made by the server carry it.
        reply = server.client(max_attempts=1).converse(modelId=MODEL_ID, messages=messages())
        assert reply["stopReason"] == "end_turn"
        boto = server.boto3_client().converse(modelId=MODEL_ID, messages=messages())
        assert boto["stopReason"] == "end_turn"
        assert all(r["headers"]["x-amz-security-token"] == "***" for r in server.requests[-2:])


def test_an_unsigned_payload_cannot_have_its_body_swapped() -> None:
    with LocalBedrock() as server:
        request = signed_request(server, unsigned_payload=True)
        swapped = json.dumps({"messages": messages("Something else entirely")}).encode()
        status, headers, body = send(server, request, swapped)
        assert (status, error_code(headers)) == (403, "InvalidSignatureException")
        assert body["message"].startswith("The request signature we calculated does not match")
        # Even the body it was meant for: Bedrock Runtime signs payloads.
        status, headers, _ = send(server, signed_request(server, unsigned_payload=True))
        assert (status, error_code(headers)) == (403, "InvalidSignatureException")


def test_a_declared_payload_hash_must_be_the_bodys() -> None:
    with LocalBedrock() as server:
        request = signed_request(server)
        request.headers["X-Amz-Content-SHA256"] = "0" * 64  # not signed, and wrong
        status, headers, _ = send(server, request)
        assert (status, error_code(headers)) == (403, "InvalidSignatureException")
        request = signed_request(server)
        request.headers["X-Amz-Content-SHA256"] = hashlib.sha256(request.body).hexdigest()
        status, _, _ = send(server, request)
        assert status == 200


def test_boto3_and_fastconverse_requests_still_pass() -> None:
    with LocalBedrock() as server:
        server.client(max_attempts=1).converse(modelId=MODEL_ID, messages=messages())
        stream = server.client(max_attempts=1).converse_stream(
            modelId=MODEL_ID, messages=messages()
        )
        assert stream.text() == "Hello there"
        server.boto3_client().converse(modelId=MODEL_ID, messages=messages())
        events = server.boto3_client().converse_stream(modelId=MODEL_ID, messages=messages())
        assert list(events["stream"])[-1].keys() == {"metadata"}
        sent = [r["headers"] for r in server.requests]
        assert len(sent) == 4
        assert server.stats()["errors"] == 0
        # Neither sends x-amz-content-sha256 today (both sign the body's hash in the
        # canonical request); should one start to, it must be the body's hash.
        assert all(h.get("x-amz-content-sha256") != "UNSIGNED-PAYLOAD" for h in sent)


def test_the_request_log_keeps_no_secrets() -> None:
    with LocalBedrock(bearer_token=API_KEY, aws_session_token="tok") as server:
        assert http_post(server).status == 200
        server.client(max_attempts=1).converse(modelId=MODEL_ID, messages=messages())
        bearer, signed = (r["headers"] for r in server.requests)
    assert bearer["authorization"] == "Bearer ***"
    assert API_KEY not in json.dumps(bearer)
    assert signed["x-amz-security-token"] == "***"
    # A SigV4 Authorization header holds no secret and stays as sent.
    assert signed["authorization"].startswith("AWS4-HMAC-SHA256 Credential=testing/")


# --- 3. raw answers and connection faults ----------------------------------------------

HTML_502 = b"<html><body><h1>502 Bad Gateway</h1></body></html>"


def test_queue_raw_answers_exactly_what_it_was_given(keyed: LocalBedrock) -> None:
    keyed.queue_raw(502, HTML_502, {"content-type": "text/html"})
    keyed.queue_raw(503)
    keyed.queue_raw(200, "{not json")
    keyed.queue_raw(200, json.dumps({"message": "an error's shape, with 200"}))

    response = http_post(keyed)
    assert (response.status, response.read()) == (502, HTML_502)
    names = {name.lower() for name, _ in response.getheaders()}
    assert names == {"content-type", "content-length", "date"}
    assert response.getheader("content-type") == "text/html"
    response = http_post(keyed)
    assert (response.status, response.read(), response.getheader("content-type")) == (
        503,
        b"",
        None,
    )
    assert http_post(keyed).read() == b"{not json"
    assert json.loads(http_post(keyed).read()) == {"message": "an error's shape, with 200"}
    stats = keyed.stats()
    assert (stats["errors"], stats["queued"]) == (2, 0)


def test_queue_raw_reaches_boto3_as_a_proxy_error(keyed: LocalBedrock) -> None:
    boto = keyed.boto3_client()
    keyed.queue_raw(502, HTML_502, {"content-type": "text/html"})
    with pytest.raises(botocore_exceptions.ClientError) as caught:
        boto.converse(modelId=MODEL_ID, messages=messages())
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 502


def test_queue_raw_refuses_what_it_cannot_send(keyed: LocalBedrock) -> None:
    with pytest.raises(ValueError, match="status"):
        keyed.queue_raw(99)
    with pytest.raises(ValueError, match="set by the server"):
        keyed.queue_raw(200, b"", {"Content-Length": "5"})
    with pytest.raises(TypeError, match="body must be bytes or str"):
        keyed.queue_raw(200, 5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="kind must be"):
        keyed.queue_fault("explode")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="stalls only"):
        keyed.queue_fault("reset", seconds=1)
    assert keyed.stats()["queued"] == 0


def test_faults_come_in_order_with_replies_and_errors(keyed: LocalBedrock) -> None:
    keyed.queue_error("ThrottlingException", "slow down")
    keyed.queue_fault("reset")
    keyed.queue_raw(504, b"gateway timeout")
    assert http_post(keyed).status == 429
    with pytest.raises((ConnectionError, http.client.RemoteDisconnected)):
        http_post(keyed)
    assert http_post(keyed).status == 504
    assert http_post(keyed).status == 200  # then the echo model


def test_reset_closes_with_a_tcp_reset_before_any_answer(keyed: LocalBedrock) -> None:
    keyed.queue_fault("reset")
    with connect(keyed) as sock:
        sock.sendall(raw_request())
        with pytest.raises(ConnectionResetError):
            while sock.recv(4096):
                pass  # nothing may arrive before the reset
    assert keyed.stats()["requests"] == 1


def test_reset_after_headers_sends_a_head_and_part_of_the_body(keyed: LocalBedrock) -> None:
    keyed.queue_fault("reset_after_headers")
    response = http_post(keyed)
    assert response.status == 200
    length = int(response.getheader("content-length") or 0)
    assert length > 0
    with pytest.raises(http.client.IncompleteRead) as caught:
        response.read()
    assert 0 < len(caught.value.partial) < length


def test_stall_headers_sends_nothing_until_stopped(keyed: LocalBedrock) -> None:
    keyed.queue_fault("stall_headers")
    with connect(keyed, timeout=0.3) as sock:
        sock.sendall(raw_request())
        with pytest.raises(socket.timeout):
            sock.recv(4096)
        assert keyed.stats()["in_flight"] == 1
        keyed.stop()  # ends the stall: the connection closes
        sock.settimeout(10)
        try:
            rest = sock.recv(4096)
        except ConnectionResetError:
            rest = b""
        assert rest == b""


def test_a_short_stall_then_answers(keyed: LocalBedrock) -> None:
    keyed.queue_fault("stall_headers", seconds=0.2)
    keyed.queue_fault("stall_body", seconds=0.2)
    for _ in range(2):
        response = http_post(keyed)
        reply = json.loads(response.read())
        assert reply["output"]["message"]["content"][0]["text"] == "Hello there"


def test_stall_body_sends_twenty_bytes_then_nothing_until_stopped(keyed: LocalBedrock) -> None:
    keyed.queue_fault("stall_body")
    response = http_post(keyed, timeout=0.3)
    assert response.status == 200
    assert int(response.getheader("content-length") or 0) > 20
    assert len(response.read(20)) == 20
    with pytest.raises(socket.timeout):
        response.read(1)
    assert keyed.stats()["in_flight"] == 1
    keyed.stop()  # ends the stall: the connection closes


def test_stalls_on_streams_and_stop_from_another_thread(keyed: LocalBedrock) -> None:
    keyed.queue_fault("stall_headers")
    outcome: list[BaseException | int] = []

    def call() -> None:
        try:
            outcome.append(http_post(keyed, STREAM_PATH, timeout=SUBPROCESS_LIMIT).status)
        except (OSError, http.client.HTTPException) as err:
            outcome.append(err)

    thread = threading.Thread(target=call)
    thread.start()
    while keyed.stats()["in_flight"] != 1:
        time.sleep(0.01)
    keyed.stop()
    thread.join(SUBPROCESS_LIMIT)
    assert not thread.is_alive()
    assert len(outcome) == 1 and isinstance(outcome[0], BaseException)


def test_an_oversized_frame_is_refused_by_boto3_at_its_prelude(server: LocalBedrock) -> None:
    server.queue_stream([{"messageStart": {"role": "assistant"}}], fault="oversized")
    response = server.boto3_client().converse_stream(modelId=MODEL_ID, messages=messages())
    events = iter(response["stream"])
    assert next(events) == {"messageStart": {"role": "assistant"}}
    with pytest.raises(Exception) as caught:
        next(events)
    # botocore.eventstream.InvalidPayloadLength: beyond its 24 MiB limit, seen at the prelude.
    assert type(caught.value).__name__ == "InvalidPayloadLength"


def test_an_oversized_frame_claims_four_gibibytes(keyed: LocalBedrock) -> None:
    keyed.queue_stream([], fault="oversized")
    response = http_post(keyed, STREAM_PATH, timeout=0.5)
    assert response.status == 200
    prelude = response.read(12)
    assert prelude[:8] == b"\xff\xff\xff\xff\x00\x00\x00\x00"
    assert int.from_bytes(prelude[8:], "big") == zlib.crc32(prelude[:8])
    response.read(1024)  # some of the claimed payload, then the connection held open
    with pytest.raises(socket.timeout):
        response.read(1)


# --- 4. stopping without holding anything up ------------------------------------------


def test_garbage_collection_does_not_wait_with_the_gil() -> None:
    # Hold the server's only runtime thread in a Python logging handler (it waits with
    # the GIL released), as a slow log handler would: the server's tasks cannot end
    # until it returns. Dropping the server must not wait for them holding the GIL;
    # before, it waited the full 5 seconds of the shutdown.
    release = threading.Event()
    entered = threading.Event()

    class Blocking(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            entered.set()
            release.wait(SUBPROCESS_LIMIT)

    logger = logging.getLogger("fastconverse.emulator.server")
    handler = Blocking(logging.DEBUG)
    logger.addHandler(handler)
    old_level = logger.level
    logger.setLevel(logging.DEBUG)
    try:
        server = LocalBedrock()
        with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
            sock.sendall(b"NOT HTTP AT ALL\r\n\r\n")  # hyper fails it: a debug record
            assert entered.wait(SUBPROCESS_LIMIT)
            started = time.monotonic()
            del server
            gc.collect()
            took = time.monotonic() - started
            release.set()
        assert took < SHUTDOWN_WAIT
    finally:
        release.set()
        logger.removeHandler(handler)
        logger.setLevel(old_level)


def test_a_server_never_stopped_does_not_hold_up_exit() -> None:
    result = run_python(
        f"""
        import threading, time
        from fastconverse import LocalBedrock

        server = LocalBedrock()
        server.queue_fault("stall_headers")  # until the server stops
        client = server.client(max_attempts=1)

        def call():
            client.converse(modelId="{MODEL_ID}", messages=[
                {{"role": "user", "content": [{{"text": "hi"}}]}}])

        threading.Thread(target=call, daemon=True).start()
        while server.stats()["in_flight"] != 1:
            time.sleep(0.01)
        print("exiting")
        """
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "exiting\n", "")


def test_dropping_a_server_with_a_call_in_flight_lets_other_threads_run() -> None:
    # A call waits out the server's 5 s latency in a thread while another thread counts;
    # the server is dropped by the garbage collector meanwhile. The drop must neither wait
    # for the call's connection holding the GIL (the counter would stand still) nor
    # outlast the latency it cuts short.
    server = LocalBedrock(latency=5.0)
    client = server.client(max_attempts=1)
    outcome: list[BaseException | None] = []

    def call() -> None:
        try:
            client.converse(modelId=MODEL_ID, messages=messages())
            outcome.append(None)
        except Exception as error:
            outcome.append(error)

    counts = [0]
    counting = threading.Event()
    done = threading.Event()

    def count() -> None:
        while not done.is_set():
            counts[0] += 1
            counting.set()

    caller = threading.Thread(target=call)
    counter = threading.Thread(target=count)
    caller.start()
    try:
        while server.stats()["in_flight"] != 1:
            time.sleep(0.01)
        counter.start()
        assert counting.wait(SUBPROCESS_LIMIT)
        before = counts[0]
        started = time.monotonic()
        del server
        gc.collect()
        took = time.monotonic() - started
        # The counter keeps going while the dropped server's connections close.
        while counts[0] == before:
            time.sleep(0.001)
        caller.join(SUBPROCESS_LIMIT)
    finally:
        done.set()
        if counter.is_alive():
            counter.join()
    assert took < 5.0, "the drop waited out the call's latency"
    # Cut off by the stop, not answered after the latency.
    assert outcome and outcome[0] is not None


def test_scripts_keep_key_order_and_name_a_bad_values_place(keyed: LocalBedrock) -> None:
    client = keyed.client()
    keyed.queue_reply(
        {
            "output": {"message": {"role": "assistant", "content": [{"text": "hi"}]}},
            "stopReason": "end_turn",
            "usage": {"inputTokens": 1, "outputTokens": 1, "totalTokens": 2},
            "metrics": {"latencyMs": 1},
            "additionalModelResponseFields": {"zeta": 1, "alpha": (2, b"\x00")},
        }
    )
    reply = client.converse(
        modelId=MODEL_ID,
        messages=messages(),
        additionalModelRequestFields={"zeta": 2**70, "alpha": 1},
    )
    # The caller's order, tuples as lists and bytes as base64, as the wire carries them.
    assert reply["additionalModelResponseFields"] == {"zeta": 1, "alpha": [2, "AA=="]}
    assert list(reply["additionalModelResponseFields"]) == ["zeta", "alpha"]
    # The log reads the body as json.loads does: order kept, every digit of an int.
    logged = keyed.requests[-1]["json"]["additionalModelRequestFields"]
    assert list(logged) == ["zeta", "alpha"] and logged["zeta"] == 2**70

    with pytest.raises(TypeError, match=r"reply\.output\.message\.content\[0\]\.text"):
        keyed.queue_reply({"output": {"message": {"content": [{"text": {1, 2}}]}}})
    with pytest.raises(TypeError, match=r"events\[1\]\.contentBlockDelta.*does not fit"):
        keyed.queue_stream([{"messageStart": {}}, {"contentBlockDelta": 2**64}])
    looped: dict[str, Any] = {}
    looped["self"] = looped
    with pytest.raises(TypeError, match="contains itself"):
        keyed.queue_reply(looped)
    assert keyed.stats()["queued"] == 0  # nothing bad was queued
