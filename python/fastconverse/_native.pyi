"""Type stubs of the native module ``fastconverse._native`` (the Rust core)."""

import sys
from typing import Any, Literal

if sys.version_info >= (3, 11):
    from typing import Self
else:
    from typing_extensions import Self

class ChatClient:
    """A Bedrock Runtime client for the Converse API: cheap to build, thread-safe, picklable.

    Requests and responses are boto3's dicts. Nothing is resolved or sent until the first
    call; credentials and region follow the standard AWS chain unless given here.
    """

    def __init__(
        self,
        region_name: str | None = None,
        *,
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
    ) -> None: ...
    def converse(self, **request: Any) -> dict[str, Any]:
        """Sends a Converse request (boto3's keywords) and returns boto3's response dict."""
    async def converse_async(self, **request: Any) -> dict[str, Any]:
        """Awaitable form of `converse`; cancelling the task closes the request."""
    def count_tokens(self, **request: Any) -> dict[str, Any]:
        """Counts the tokens of a request (boto3's `count_tokens` keywords)."""
    async def count_tokens_async(self, **request: Any) -> dict[str, Any]:
        """Awaitable form of `count_tokens`."""
    @property
    def exceptions(self) -> Any:
        """The exception classes, as boto3's `client.exceptions` (`ThrottlingException`, ...)."""
    @property
    def region_name(self) -> str | None:
        """The region given at construction (None: resolved from the environment at first call)."""
    @property
    def endpoint_url(self) -> str | None:
        """The endpoint override, if any."""
    def __getnewargs_ex__(self) -> tuple[tuple[()], dict[str, Any]]: ...

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
        bearer_token: str | None = None,
        latency: float = 0.0,
        max_concurrency: int | None = None,
    ) -> None: ...
    def start(self) -> None:
        """Starts the server again after `stop()`, with an empty queue and log."""
    def stop(self) -> None:
        """Stops accepting, closes every connection and frees the port. Idempotent."""
    def __enter__(self) -> Self: ...
    def __exit__(self, *exc_info: object) -> bool: ...
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
    def queue_reply(self, reply: dict[str, Any]) -> None:
        """Queues a reply (converse()'s dict shape) for the next Converse or ConverseStream."""
    def queue_error(
        self, code: str, message: str = "Error injected by LocalBedrock", status: int | None = None
    ) -> None:
        """Queues an error answer for the next Converse or ConverseStream request."""
    def queue_stream(
        self,
        events: list[dict[str, Any]],
        pace: float = 0.0,
        fault: Literal["truncate", "drop", "corrupt"] | None = None,
    ) -> None:
        """Queues a ConverseStream answer event by event (boto3's event shape)."""
    @property
    def requests(self) -> list[dict[str, Any]]:
        """Every request received, oldest first: method, path, headers, body, json."""
    def stats(self) -> dict[str, int]:
        """Counters: requests, in_flight, max_in_flight, throttled, cancelled, errors,
        connections, open_connections, queued."""
    def reset(self) -> None:
        """Empties the queue and the request log and zeroes the counters."""
