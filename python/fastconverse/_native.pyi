"""Type stubs of the native module ``fastconverse._native`` (the Rust core)."""

import sys
from collections.abc import AsyncIterator, Awaitable, Iterable, Iterator, Mapping, Sequence
from typing import Any, Literal, final

from typing_extensions import disjoint_base

from fastconverse._shapes import ConverseResponseTypeDef, CountTokensResponseTypeDef

if sys.version_info >= (3, 11):
    from typing import Self
else:
    from typing_extensions import Self

@final
class Client:
    """The native client under ``fastconverse.ChatClient``: I/O and conversion only."""

    def __init__(
        self,
        region_name: str | None = None,
        profile_name: str | None = None,
        endpoint_url: str | None = None,
        aws_access_key_id: str | None = None,
        aws_secret_access_key: str | None = None,
        aws_session_token: str | None = None,
        bearer_token: str | None = None,
        connect_timeout: float | None = None,
        read_timeout: float | None = None,
        max_attempts: int | None = None,
        retry_mode: str | None = None,
        http2: bool = False,
    ) -> None: ...
    def converse(self, request: Mapping[str, Any]) -> ConverseResponseTypeDef:
        """Sends a Converse request and returns boto3's response dict (GIL released)."""
    def count_tokens(self, request: Mapping[str, Any]) -> CountTokensResponseTypeDef:
        """Counts the tokens of a request (GIL released)."""
    def converse_async(self, request: Mapping[str, Any]) -> Awaitable[ConverseResponseTypeDef]:
        """`converse` as an asyncio awaitable of the running loop; cancelling it closes the
        request."""
    def count_tokens_async(
        self, request: Mapping[str, Any]
    ) -> Awaitable[CountTokensResponseTypeDef]:
        """`count_tokens` as an asyncio awaitable of the running loop."""
    def converse_stream(self, request: Mapping[str, Any]) -> ConverseStream:
        """Sends a ConverseStream request; returns the native `ConverseStream` once the
        response headers arrive (GIL released while waiting)."""
    def converse_stream_async(self, request: Mapping[str, Any]) -> Awaitable[AsyncConverseStream]:
        """Awaitable form of `converse_stream`, resolving to the native async stream."""
    def many(
        self,
        requests: Iterable[Any],
        concurrency: int,
        max_retries: int,
        record_attempts: bool = False,
    ) -> ManyRun:
        """Starts a converse_many run over `requests` (read lazily) once the client is
        resolved here, so that a missing region or bad configuration raises before any
        request is read. `record_attempts`: each result is `(index, result, attempts)`,
        `attempts` a list of `(start_ns, end_ns, exception or None)` (for tracing)."""
    def many_async(
        self,
        requests: Iterable[Any],
        concurrency: int,
        max_retries: int,
        record_attempts: bool = False,
    ) -> Awaitable[ManyRun]:
        """Awaitable form of `many`: the configuration resolves on the runtime, never on the
        loop's thread (SSO, a credential_process or the instance metadata service can take
        seconds)."""

def _install_errors(module: Any) -> None:
    """Takes the exception classes (the `fastconverse.errors` module, or any object with
    its names) once, at the package's import."""

@final
class ConverseStream:
    """A ConverseStream response, as boto3's dict and as an iterator of its events.

    `response["stream"]` (the object itself) and iterating the object give boto3's event
    dicts; `response["ResponseMetadata"]` is the initial HTTP response's. A context
    manager; leaving a loop early, `close()` or dropping the last reference ends the
    HTTP response. A stream that ends without `messageStop` and `metadata`, breaks, or
    carries a corrupt frame raises `IncompleteStreamError`; an exception event raises the
    class of its code.
    """

    def __iter__(self) -> Iterator[dict[str, Any]]:
        """Iterates the events not yet iterated; leaving the loop early closes the stream."""
    def __getitem__(self, key: Literal["stream", "ResponseMetadata"], /) -> Any:
        """boto3's response keys: `"stream"` (this object) and `"ResponseMetadata"`."""
    def get(self, key: str, default: Any = None) -> Any:
        """`response.get(key, default)`, as on boto3's dict."""
    def keys(self) -> list[str]:
        """The keys of boto3's response dict."""
    def __contains__(self, key: object, /) -> bool: ...
    def __enter__(self) -> Self:
        """Returns the stream itself."""
    def __exit__(self, *exc_info: object) -> None:
        """Closes the stream; exceptions propagate."""
    def close(self) -> None:
        """Ends the HTTP response. Idempotent; what was received stays readable."""
    @property
    def closed(self) -> bool:
        """Whether the connection is released: closed, read to its end, or failed."""
    def text(self) -> str:
        """All the text of the reply, joined (reads the stream to its end)."""
    def iter_text(self) -> Iterator[str]:
        """The text deltas, from the first, as they arrive."""
    def final_response(self) -> dict[str, Any]:
        """The reply assembled in `converse()`'s dict shape (reads the stream to its end)."""

@final
class AsyncConverseStream:
    """The native half of `fastconverse.AsyncConverseStream` (which adds `async with`,
    `aclose()` and the helpers as coroutines): `async for` over the events, the response
    keys, and the helpers as awaitables."""

    def __aiter__(self) -> AsyncIterator[dict[str, Any]]:
        """Iterates the events not yet iterated; leaving the loop early closes the stream."""
    def __getitem__(self, key: Literal["stream", "ResponseMetadata"], /) -> Any:
        """boto3's response keys: `"stream"` (this object) and `"ResponseMetadata"`."""
    def get(self, key: str, default: Any = None) -> Any:
        """`response.get(key, default)`, as on boto3's dict."""
    def keys(self) -> list[str]:
        """The keys of boto3's response dict."""
    def __contains__(self, key: object, /) -> bool: ...
    def close(self) -> None:
        """Ends the HTTP response. Idempotent; what was received stays readable."""
    @property
    def closed(self) -> bool:
        """Whether the connection is released: closed, read to its end, or failed."""
    def text(self) -> Awaitable[str]:
        """Awaitable of all the text of the reply, joined (reads the stream to its end)."""
    def iter_text(self) -> AsyncIterator[str]:
        """The text deltas, from the first, as they arrive (an async iterator)."""
    def final_response(self) -> Awaitable[dict[str, Any]]:
        """Awaitable of the reply assembled in `converse()`'s dict shape (reads the stream to
        its end)."""

@disjoint_base
class LocalBedrock:
    """LocalBedrock: an embedded Bedrock Runtime server on a loopback port, for tests and demos."""

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        region: str = "us-east-1",
        aws_access_key_id: str = "testing",
        aws_secret_access_key: str = "testing",
        aws_session_token: str | None = None,
        bearer_token: str | None = None,
        latency: float = 0.0,
        max_concurrency: int | None = None,
        catalog: bool = False,
        model_latency: dict[str, float] | None = None,
        model_max_concurrency: dict[str, int] | None = None,
        request_log_limit: int = 10000,
    ) -> None: ...
    def start(self) -> None:
        """Starts the server again after `stop()`, with an empty queue and log."""
    def stop(self) -> None:
        """Stops accepting, closes every connection and frees the port. Idempotent."""
    def __enter__(self) -> Self: ...
    def __exit__(self, *exc_info: object) -> None: ...
    @property
    def running(self) -> bool:
        """Whether the server is accepting requests."""
    @property
    def endpoint_url(self) -> str:
        """`http://127.0.0.1:PORT`, for `endpoint_url=`."""
    @property
    def host(self) -> str: ...
    @property
    def port(self) -> int: ...
    @property
    def region(self) -> str: ...
    @property
    def aws_access_key_id(self) -> str: ...
    @property
    def aws_secret_access_key(self) -> str: ...
    @property
    def aws_session_token(self) -> str | None:
        """The session token signed requests must carry, if any."""
    @property
    def bearer_token(self) -> str | None: ...
    @property
    def latency(self) -> float:
        """Seconds waited before each answer (settable)."""
    @latency.setter
    def latency(self, value: float) -> None: ...
    @property
    def max_concurrency(self) -> int | None:
        """Requests answered at once before ThrottlingException (settable; None: unlimited)."""
    @max_concurrency.setter
    def max_concurrency(self, value: int | None) -> None: ...
    @property
    def catalog(self) -> bool:
        """Whether requests are checked against the model catalog (``catalog=True``)."""
    @property
    def model_latency(self) -> dict[str, float]:
        """Each model's own delay in seconds, by exact model id."""
    @property
    def model_max_concurrency(self) -> dict[str, int]:
        """Each model's own limit of requests at once, by exact model id."""
    @property
    def request_log_limit(self) -> int:
        """How many of the latest requests ``requests`` keeps."""
    def queue_reply(self, reply: dict[str, Any]) -> None:
        """Queues a reply (converse()'s dict shape) for the next Converse or ConverseStream."""
    def queue_error(
        self, code: str, message: str = "Error injected by LocalBedrock", status: int | None = None
    ) -> None:
        """Queues an error answer for the next Converse or ConverseStream request."""
    def queue_raw(
        self,
        status: int = 200,
        body: bytes | bytearray | str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        """Queues an answer given byte for byte (any status, these headers, this body;
        nothing of Bedrock's added) for the next Converse or ConverseStream request."""
    def queue_fault(
        self,
        kind: Literal["reset", "reset_after_headers", "stall_headers", "stall_body"],
        seconds: float | None = None,
    ) -> None:
        """Queues a connection fault (a reset, or a stall of ``seconds``; None: until the
        server stops) for the next Converse or ConverseStream request."""
    def queue_stream(
        self,
        events: Sequence[dict[str, Any] | float],
        pace: float = 0.0,
        fault: Literal["truncate", "drop", "corrupt", "oversized"] | None = None,
    ) -> None:
        """Queues a ConverseStream answer event by event (boto3's event shape); a number
        among the events is a pause of that many seconds."""
    @property
    def requests(self) -> list[dict[str, Any]]:
        """The latest requests (up to ``request_log_limit``), oldest first: method, path,
        http_version, headers, body, json."""
    def stats(self) -> dict[str, int]:
        """Counters: requests, in_flight, max_in_flight, throttled, cancelled, errors,
        connections, open_connections, queued."""
    def reset(self) -> None:
        """Empties the queue and the request log and zeroes the counters."""

@final
class ManyRun:
    """A converse_many job in progress: ``(index, result)`` pairs as each request finishes.

    ``result`` is the response dict, or the exception of a request that failed for good.
    Iterate it with ``for`` or ``async for``; ``close()`` cancels what is in flight.
    """

    def __iter__(self) -> Iterator[tuple[int, Any]]: ...
    def __next__(self) -> tuple[int, Any]: ...
    def __aiter__(self) -> AsyncIterator[tuple[int, Any]]: ...
    async def __anext__(self) -> tuple[int, Any]: ...
    def close(self) -> None:
        """Stops the run: requests in flight are cancelled, nothing more is read."""
    @property
    def total(self) -> int | None:
        """The number of requests, when the input has a length (else None)."""
    def stats(self) -> dict[str, Any]:
        """Counters so far (submitted, succeeded, failed, retried, throttled, tokens, ...)."""

def _catalog_json() -> str:
    """The model catalog's data file, as compiled in (``fastconverse.models`` parses it)."""

def _catalog_match(model_id: str) -> str | None:
    """The catalog family key of a model id (None: unknown), matched as LocalBedrock does."""

def _catalog_check(request: dict[str, Any], streaming: bool) -> list[tuple[str, str, str]]:
    """``(feature, path, Bedrock's message)`` for each feature the request's model lacks."""

# Private test hooks (src/py/probe.rs): the response decoder without HTTP, compared with
# botocore's own parsers in tests/test_wire_decode.py.

def _decode_response(operation: str, body: bytes) -> dict[str, Any]:
    """A successful response body of ``operation`` ("Converse" or "CountTokens") as boto3's
    dict, without ``ResponseMetadata``; ``ValueError`` where botocore's parser raises."""

def _decode_event(headers: dict[str, str], payload: bytes) -> dict[str, Any] | None:
    """One ConverseStream message (headers such as ``":event-type"``, and its payload): the
    event dict boto3 yields, ``None`` where boto3 yields nothing, or ``{"error": response}``
    where boto3 raises ``EventStreamError`` whose ``.response`` is ``response``;
    ``ValueError`` where botocore's parser raises."""

def _decode_error(status: int, headers: dict[str, str], body: bytes) -> dict[str, Any]:
    """An error response (``status`` >= 301) as boto3's ``ClientError.response``, without
    ``ResponseMetadata``."""

# Private test hooks (src/py/many.rs, src/py/logs.rs), for tests/test_many.py and
# tests/test_logging.py.

def _fail_next_many_run(after: int) -> None:
    """The next converse_many run's scheduler panics once it has admitted ``after`` items."""

def _log_flood(count: int, prefix: str, deliver: bool = True) -> None:
    """Logs ``count`` INFO records ``"{prefix} {i}"`` under ``fastconverse.py.logs`` from a
    runtime thread; returns once they are queued, and delivered if ``deliver``."""
