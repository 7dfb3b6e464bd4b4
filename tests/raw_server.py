"""A small misbehaving HTTP server for the tests: each request gets scripted raw bytes.

LocalBedrock answers as Bedrock does, faults included; this one answers as a broken proxy,
a stalled connection or a hostile server would, byte for byte, for what LocalBedrock
cannot (or should not) produce. Loopback only; every wait ends when the server closes.
"""

from __future__ import annotations

import binascii
import collections
import contextlib
import json
import socket
import struct
import threading
from collections.abc import Callable
from typing import Any

# An action writes to the connection of one request; it may stall (``stop.wait``).
Action = Callable[[socket.socket, threading.Event], None]


class RawServer:
    """Answers each request with the next queued action (``Connection: close`` each time).

    A request with nothing queued gets a 500 with an empty body. ``requests`` counts the
    requests received; ``close()`` ends every stall and the accept loop.
    """

    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.05)
        self._stop = threading.Event()
        self._queue: collections.deque[Action] = collections.deque()
        self._lock = threading.Lock()
        self.requests = 0
        self._threads: list[threading.Thread] = []
        self._accepter = threading.Thread(target=self._accept, daemon=True)
        self._accepter.start()

    @property
    def endpoint_url(self) -> str:
        """``http://127.0.0.1:PORT``."""
        return f"http://127.0.0.1:{self._listener.getsockname()[1]}"

    def push(self, *actions: Action) -> None:
        """Queues actions, one per request, in order."""
        with self._lock:
            self._queue.extend(actions)

    def close(self) -> None:
        """Ends every stall, closes every connection and stops accepting."""
        self._stop.set()
        self._accepter.join(5)
        for thread in self._threads:
            thread.join(5)
        self._listener.close()

    def __enter__(self) -> RawServer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except (TimeoutError, socket.timeout):
                continue
            except OSError:
                return
            thread = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _serve(self, conn: socket.socket) -> None:
        with conn:
            if not _read_request(conn, self._stop):
                return
            with self._lock:
                self.requests += 1
                action = self._queue.popleft() if self._queue else respond(500, b"")
            with contextlib.suppress(OSError):
                action(conn, self._stop)


def _read_request(conn: socket.socket, stop: threading.Event) -> bool:
    """Reads one request (headers and Content-Length body); False if the client left."""
    conn.settimeout(0.05)
    data = b""

    def receive_until(done: Callable[[bytes], bool]) -> bool:
        nonlocal data
        while not done(data):
            if stop.is_set():
                return False
            try:
                chunk = conn.recv(65536)
            except (TimeoutError, socket.timeout):
                continue
            if not chunk:
                return False
            data += chunk
        return True

    if not receive_until(lambda d: b"\r\n\r\n" in d):
        return False
    head, _, _ = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    return receive_until(lambda d: len(d) >= len(head) + 4 + length)


def _head(status: int, headers: dict[str, str], length: int | None) -> bytes:
    lines = [f"HTTP/1.1 {status} Status", "Connection: close"]
    if length is not None:
        lines.append(f"Content-Length: {length}")
    lines += [f"{name}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def respond(
    status: int, body: bytes | str | dict[str, Any], headers: dict[str, str] | None = None
) -> Action:
    """A complete answer: `body` as given (a dict as JSON), then the connection closes."""
    if isinstance(body, dict):
        raw = json.dumps(body).encode()
    elif isinstance(body, str):
        raw = body.encode()
    else:
        raw = body

    def action(conn: socket.socket, stop: threading.Event) -> None:
        conn.sendall(_head(status, headers or {}, len(raw)) + raw)

    return action


def stall_after(
    prefix: bytes, *, status: int = 200, length: int = 1000, headers: dict[str, str] | None = None
) -> Action:
    """Headers claiming `length` bytes, then `prefix` of the body, then nothing until the
    server closes."""

    def action(conn: socket.socket, stop: threading.Event) -> None:
        conn.sendall(_head(status, headers or {"Content-Type": "application/json"}, length))
        conn.sendall(prefix)
        stop.wait()

    return action


def stall_before_headers() -> Action:
    """Reads the request and answers nothing until the server closes."""

    def action(conn: socket.socket, stop: threading.Event) -> None:
        stop.wait()

    return action


def reset() -> Action:
    """Closes the connection with a TCP reset, before any byte of an answer."""

    def action(conn: socket.socket, stop: threading.Event) -> None:
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))

    return action


def reset_after(prefix: bytes, *, length: int = 1000) -> Action:
    """Headers claiming `length` bytes and `prefix` of the body, then a TCP reset."""

    def action(conn: socket.socket, stop: threading.Event) -> None:
        conn.sendall(_head(200, {"Content-Type": "application/json"}, length) + prefix)
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))

    return action


EVENT_STREAM = {"Content-Type": "application/vnd.amazon.eventstream"}


def event_frame(event_type: str, payload: dict[str, Any], message_type: str = "event") -> bytes:
    """One AWS event-stream frame, as Bedrock frames a ConverseStream event."""
    headers = b""
    names = (
        {":event-type": event_type, ":content-type": "application/json"}
        if message_type == "event"
        else {":exception-type": event_type, ":content-type": "application/json"}
    )
    for name, value in {**names, ":message-type": message_type}.items():
        encoded = value.encode()
        headers += bytes([len(name)]) + name.encode() + b"\x07"
        headers += struct.pack(">H", len(encoded)) + encoded
    body = json.dumps(payload).encode()
    total = 16 + len(headers) + len(body)
    prelude = struct.pack(">II", total, len(headers))
    prelude += struct.pack(">I", binascii.crc32(prelude))
    message = prelude + headers + body
    return message + struct.pack(">I", binascii.crc32(message))


def stream(frames: list[bytes], *, then: str = "close") -> Action:
    """A 200 event stream of `frames` (chunked), then: ``"close"`` (the stream's end),
    ``"stall"`` (nothing until the server closes) or ``"reset"`` (a TCP reset)."""

    def action(conn: socket.socket, stop: threading.Event) -> None:
        head = _head(200, {**EVENT_STREAM, "Transfer-Encoding": "chunked"}, None)
        conn.sendall(head)
        for frame in frames:
            conn.sendall(f"{len(frame):x}\r\n".encode() + frame + b"\r\n")
        if then == "stall":
            stop.wait()
        elif then == "reset":
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        else:
            conn.sendall(b"0\r\n\r\n")

    return action
