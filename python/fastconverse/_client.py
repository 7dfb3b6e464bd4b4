"""``ChatClient`` and ``AsyncConverseStream``: the public classes over the native client.

The native ``_native.Client`` does the I/O and the conversions (boto3's dicts both ways,
the GIL released while a call waits, awaitables on the package's asyncio bridge). This
layer owns what a user reads and calls: the signatures and docstrings, real ``async
def`` methods (so that ``asyncio.create_task``, ``TaskGroup``, ``wait_for``, ``shield``
and anyio take them), the preflight, and converse_many's ordering, checkpoint and
progress (``fastconverse._many``).
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from fastconverse import _native, errors

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from fastconverse._many import ManyResults
    from fastconverse._native import ConverseStream, ManyRun
    from fastconverse._shapes import (
        ConverseRequest,
        ConverseResponseTypeDef,
        CountTokensRequest,
        CountTokensResponseTypeDef,
    )
    from fastconverse._structured import Structured, StructuredStream

__all__ = ["AsyncConverseStream", "ChatClient"]

T = TypeVar("T")

_PREFLIGHT_MODES = ("off", "warn", "error")
_RETRY_MODES = ("standard", "adaptive")
# Keywords whose values are secrets: left out of pickles unless the caller opts in.
_SECRETS = ("aws_access_key_id", "aws_secret_access_key", "aws_session_token", "bearer_token")


def _check_text(name: str, value: object) -> None:
    if value is not None and not isinstance(value, str):
        raise errors.ClientConfigError(f"{name} must be a str or None, got {type(value).__name__}")


def _check_seconds(name: str, value: object) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise errors.ClientConfigError(
            f"{name} must be a number of seconds or None, got {type(value).__name__}"
        )
    if not (0 < value < float("inf")):
        raise errors.ClientConfigError(f"{name} must be a positive number of seconds, got {value}")


def _check_flag(name: str, value: object) -> None:
    if not isinstance(value, bool):
        raise errors.ClientConfigError(f"{name} must be True or False, got {value!r}")


def _check_choice(name: str, value: object, choices: tuple[str, ...]) -> None:
    if value not in choices:
        listed = ", ".join(repr(choice) for choice in choices)
        raise errors.ClientConfigError(f"{name} must be one of {listed}, got {value!r}")


def _preflight_module() -> Any:
    # Imported on first use: the model table costs more to import than the client does.
    from fastconverse import models

    return models


class ChatClient:
    """A Bedrock Runtime client for the Converse API: cheap to build, thread-safe, picklable.

    Requests and responses are boto3's dicts. Nothing is resolved or sent until the first
    call; credentials and region follow the standard AWS chain unless given here.
    ``preflight="warn"`` or ``"error"`` checks each request against ``fastconverse.models``
    before sending it. ``pickle_credentials=True`` lets pickles carry explicit keys and
    tokens (by default an unpickled client finds its credentials as any client does).
    ``http2=True`` speaks HTTP/2 to an ``http://`` ``endpoint_url`` without negotiating it
    (prior knowledge, as LocalBedrock and h2c proxies accept): up to 100 calls then share
    each connection; over ``https://`` HTTP/2 is used whenever the server offers it.
    ``inference_profiles={arn: model_id}`` names the base model of application inference
    profile ARNs (which name none), for the preflight, structured-output routes and prices.
    Every invalid argument raises ``ClientConfigError`` (a ``BedrockError`` and a
    ``ValueError``) naming it.
    """

    __slots__ = (
        "__weakref__",
        "_native",
        "_options",
        "_pickle_credentials",
        "_preflight",
        "_profiles",
    )

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
        retry_mode: Literal["standard", "adaptive"] | None = None,
        http2: bool = False,
        preflight: Literal["off", "warn", "error"] = "off",
        pickle_credentials: bool = False,
        inference_profiles: Mapping[str, str] | None = None,
    ) -> None:
        options: dict[str, Any] = {
            "region_name": region_name,
            "profile_name": profile_name,
            "endpoint_url": endpoint_url,
            "aws_access_key_id": aws_access_key_id,
            "aws_secret_access_key": aws_secret_access_key,
            "aws_session_token": aws_session_token,
            "bearer_token": bearer_token,
            "connect_timeout": connect_timeout,
            "read_timeout": read_timeout,
            "max_attempts": max_attempts,
            "retry_mode": retry_mode,
            "http2": http2,
        }
        for name in (
            "region_name",
            "profile_name",
            "endpoint_url",
            *_SECRETS,
        ):
            _check_text(name, options[name])
        _check_seconds("connect_timeout", connect_timeout)
        _check_seconds("read_timeout", read_timeout)
        if max_attempts is not None and (
            isinstance(max_attempts, bool)
            or not isinstance(max_attempts, int)
            or not 1 <= max_attempts <= 2**32 - 1
        ):
            raise errors.ClientConfigError(
                f"max_attempts must be an int of at least 1, or None, got {max_attempts!r}"
            )
        if retry_mode is not None:
            _check_choice("retry_mode", retry_mode, _RETRY_MODES)
        _check_choice("preflight", preflight, _PREFLIGHT_MODES)
        _check_flag("http2", http2)
        _check_flag("pickle_credentials", pickle_credentials)
        profiles = dict(inference_profiles or {})
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in profiles.items()):
            raise errors.ClientConfigError(
                "inference_profiles must map profile ARNs (str) to base model ids (str)"
            )
        self._profiles = profiles
        self._native = _native.Client(**options)
        self._options = options
        self._preflight = None if preflight == "off" else preflight
        self._pickle_credentials = pickle_credentials

    def converse(self, **request: Unpack[ConverseRequest]) -> ConverseResponseTypeDef:
        """Sends a Converse request (boto3's keywords) and returns boto3's response dict."""
        if self._preflight is not None:
            _preflight_module()._preflight(request, self._preflight, False, self._profiles)
        return self._native.converse(request)

    async def converse_async(self, **request: Unpack[ConverseRequest]) -> ConverseResponseTypeDef:
        """Awaitable form of ``converse``; cancelling the task closes the request."""
        if self._preflight is not None:
            _preflight_module()._preflight(request, self._preflight, False, self._profiles)
        return await self._native.converse_async(request)

    def count_tokens(self, **request: Unpack[CountTokensRequest]) -> CountTokensResponseTypeDef:
        """Counts the tokens of a request (boto3's ``count_tokens`` keywords)."""
        return self._native.count_tokens(request)

    async def count_tokens_async(
        self, **request: Unpack[CountTokensRequest]
    ) -> CountTokensResponseTypeDef:
        """Awaitable form of ``count_tokens``."""
        return await self._native.count_tokens_async(request)

    def converse_stream(self, **request: Any) -> ConverseStream:
        """Sends a ConverseStream request (boto3's keywords) and returns a ``ConverseStream``
        once the response headers arrive; iterate it for boto3's event dicts."""
        if self._preflight is not None:
            _preflight_module()._preflight(request, self._preflight, True, self._profiles)
        return self._native.converse_stream(request)

    async def converse_stream_async(self, **request: Any) -> AsyncConverseStream:
        """Awaitable form of ``converse_stream``, resolving to an ``AsyncConverseStream``."""
        if self._preflight is not None:
            _preflight_module()._preflight(request, self._preflight, True, self._profiles)
        return AsyncConverseStream(await self._native.converse_stream_async(request))

    def converse_structured(
        self,
        output_type: type[T] | Mapping[str, Any],
        *,
        repair_rounds: int = 0,
        route: Literal["native", "tool"] | None = None,
        **request: Any,
    ) -> Structured[T]:
        """Sends a Converse request (boto3's keywords) asking for a reply valid against
        ``output_type`` (a pydantic model, a TypedDict, a dataclass or a JSON schema dict)
        and returns ``Structured(value, response, route)``.

        The route is the model's (``outputConfig.textFormat`` where the catalog says it
        supports structured output, else a forced tool call); ``route`` overrides it. A
        reply that does not validate is sent back with its errors up to ``repair_rounds``
        times, then raises ``StructuredOutputError``; a schema Bedrock cannot take raises
        ``UnsupportedSchemaError`` before anything is sent.
        """
        from fastconverse._structured import StructuredCall

        call = StructuredCall(output_type, request, repair_rounds, route, self._base_model(request))
        while True:
            result = call.accept(self.converse(**call.request))
            if result is not None:
                return result

    async def converse_structured_async(
        self,
        output_type: type[T] | Mapping[str, Any],
        *,
        repair_rounds: int = 0,
        route: Literal["native", "tool"] | None = None,
        **request: Any,
    ) -> Structured[T]:
        """Awaitable form of ``converse_structured``."""
        from fastconverse._structured import StructuredCall

        call = StructuredCall(output_type, request, repair_rounds, route, self._base_model(request))
        while True:
            result = call.accept(await self.converse_async(**call.request))
            if result is not None:
                return result

    def converse_structured_stream(
        self,
        output_type: type[T] | Mapping[str, Any],
        *,
        route: Literal["native", "tool"] | None = None,
        **request: Any,
    ) -> StructuredStream[T]:
        """``converse_structured`` over ConverseStream: iterate the returned
        ``StructuredStream`` for partial values (dicts, as the JSON arrives), then the
        validated instance, last. No repair rounds: a reply that does not validate raises
        ``StructuredOutputError`` at the end of the stream."""
        from fastconverse._structured import StructuredCall, StructuredStream

        call = StructuredCall(output_type, request, 0, route, self._base_model(request))
        return StructuredStream(call.spec, self.converse_stream(**call.request))

    async def converse_structured_stream_async(
        self,
        output_type: type[T] | Mapping[str, Any],
        *,
        route: Literal["native", "tool"] | None = None,
        **request: Any,
    ) -> StructuredStream[T]:
        """Awaitable form of ``converse_structured_stream``: ``async for`` the result."""
        from fastconverse._structured import StructuredCall, StructuredStream

        call = StructuredCall(output_type, request, 0, route, self._base_model(request))
        return StructuredStream(call.spec, await self.converse_stream_async(**call.request))

    def _checked(self, requests: Iterable[dict[str, Any]]) -> Iterable[dict[str, Any]]:
        """``requests``, each checked as the run reads it when preflight is on."""
        if self._preflight is None:
            return requests
        return _preflight_module()._preflight_iter(  # type: ignore[no-any-return]
            requests, self._preflight, self._profiles
        )

    def converse_many_iter(
        self,
        requests: Iterable[dict[str, Any]],
        *,
        concurrency: int = 16,
        max_retries: int = 8,
    ) -> ManyRun:
        """Starts a converse_many job and returns it as a ``ManyRun``: iterate it (or ``async
        for``) to get ``(index, result)`` as each request finishes. ``requests`` is any
        iterable of request dicts, read lazily; at most ``concurrency`` requests are in
        flight, fewer while a model throttles; retryable failures are retried up to
        ``max_retries`` times. With preflight on, each request is checked as it is read
        ("error": the first unsupported one ends the input, and its error is raised once
        the run drains)."""
        return self._native.many(self._checked(requests), concurrency, max_retries)

    async def _converse_many_iter_async(
        self, requests: Iterable[dict[str, Any]], concurrency: int, max_retries: int
    ) -> ManyRun:
        """``converse_many_iter`` with the configuration resolved off the loop's thread."""
        return await self._native.many_async(self._checked(requests), concurrency, max_retries)

    def converse_many(
        self,
        requests: Iterable[dict[str, Any]],
        *,
        concurrency: int = 16,
        max_retries: int = 8,
        on_error: Literal["return", "raise"] = "return",
        progress: bool | Callable[[dict[str, Any]], object] | None = None,
        checkpoint: str | os.PathLike[str] | None = None,
        output_type: type[Any] | Mapping[str, Any] | None = None,
        prices: Mapping[str, Mapping[str, float]] | None = None,
    ) -> ManyResults:
        """Runs every request and returns the results in input order: each a response dict,
        or the exception for a request that failed for good (``on_error="raise"`` raises it
        instead). ``progress=True`` shows a tqdm bar, a callable receives the counters;
        ``checkpoint="run.jsonl"`` records each result so that a rerun sends only what is
        left. The returned list has a ``summary`` dict. With ``output_type`` (as in
        ``converse_structured``) each request asks for that structure on its model's route
        and each item is a ``Structured``, or the ``StructuredOutputError`` of a reply that
        does not validate (no repair rounds). The summary counts cache tokens by TTL and
        gives the run's ``cost`` (USD, at each response's service tier), ``cost_batch``
        (the same tokens priced as a batch job) and ``unpriced`` (responses of models
        without a price), from ``prices.json`` with ``prices`` overriding entries (see
        ``compare``)."""
        from fastconverse import _many

        return _many.converse_many(
            self,
            requests,
            concurrency=concurrency,
            max_retries=max_retries,
            on_error=on_error,
            progress=progress,
            checkpoint=checkpoint,
            output_type=output_type,
            prices=prices,
        )

    async def converse_many_async(
        self,
        requests: Iterable[dict[str, Any]],
        *,
        concurrency: int = 16,
        max_retries: int = 8,
        on_error: Literal["return", "raise"] = "return",
        progress: bool | Callable[[dict[str, Any]], object] | None = None,
        checkpoint: str | os.PathLike[str] | None = None,
        output_type: type[Any] | Mapping[str, Any] | None = None,
        prices: Mapping[str, Mapping[str, float]] | None = None,
    ) -> ManyResults:
        """Awaitable form of ``converse_many``: the same results, without blocking the loop."""
        from fastconverse import _many

        return await _many.converse_many_async(
            self,
            requests,
            concurrency=concurrency,
            max_retries=max_retries,
            on_error=on_error,
            progress=progress,
            checkpoint=checkpoint,
            output_type=output_type,
            prices=prices,
        )

    @property
    def exceptions(self) -> errors._Exceptions:
        """The exception classes, as boto3's ``client.exceptions`` (``ThrottlingException``...)."""
        return errors.exceptions

    @property
    def inference_profiles(self) -> dict[str, str]:
        """The caller's map from application inference profile ARNs to base model ids."""
        return dict(self._profiles)

    def _base_model(self, request: Mapping[str, Any]) -> str | None:
        """The base model of a request's ``modelId`` per ``inference_profiles``, if mapped."""
        return self._profiles.get(request.get("modelId"))  # type: ignore[arg-type]

    @property
    def region_name(self) -> str | None:
        """The region given at construction (None: resolved from the environment at first call)."""
        return self._options["region_name"]  # type: ignore[no-any-return]

    @property
    def endpoint_url(self) -> str | None:
        """The endpoint override, if any."""
        return self._options["endpoint_url"]  # type: ignore[no-any-return]

    def __reduce__(self) -> tuple[Callable[..., ChatClient], tuple[dict[str, Any]]]:
        """Pickles the configuration only; the unpickled client resolves it again where it
        lands. Explicit keys and tokens travel only with ``pickle_credentials=True``: pickles
        end up in caches and spill files."""
        options = {name: value for name, value in self._options.items() if value is not None}
        if self._pickle_credentials:
            options["pickle_credentials"] = True
        else:
            for name in _SECRETS:
                options.pop(name, None)
        if self._preflight is not None:
            options["preflight"] = self._preflight
        if self._profiles:
            options["inference_profiles"] = self._profiles
        return (_rebuild, (options,))

    def __repr__(self) -> str:
        options = self._options
        if options["bearer_token"] is not None:
            credentials = "bearer token"
        elif options["aws_access_key_id"] is not None:
            credentials = "explicit keys"
        elif options["profile_name"] is not None:
            credentials = "profile"
        else:
            credentials = "default chain"
        region = options["region_name"] or "<from environment>"
        parts = [f"region_name={region!r}"]
        if options["endpoint_url"] is not None:
            parts.append(f"endpoint_url={options['endpoint_url']!r}")
        if options["profile_name"] is not None:
            parts.append(f"profile_name={options['profile_name']!r}")
        parts.append(f"credentials={credentials!r}")
        if options["http2"]:
            parts.append("http2=True")
        if self._preflight is not None:
            parts.append(f"preflight={self._preflight!r}")
        return f"ChatClient({', '.join(parts)})"


def _rebuild(options: dict[str, Any]) -> ChatClient:
    """An unpickled ``ChatClient``."""
    return ChatClient(**options)


class AsyncConverseStream:
    """The asyncio form of ``ConverseStream``: ``async for``, ``async with``, ``aclose()``,
    and the same helpers as coroutines.

    ``response["stream"]`` (the object itself) and ``async for`` give boto3's event dicts;
    ``response["ResponseMetadata"]`` is the initial HTTP response's. Leaving a loop early,
    ``aclose()`` or dropping the last reference ends the HTTP response.
    """

    __slots__ = ("_stream",)

    def __init__(self, stream: _native.AsyncConverseStream) -> None:
        self._stream = stream

    def __aiter__(self) -> AsyncIterator[dict[str, Any]]:
        """Iterates the events not yet iterated; leaving the loop early closes the stream."""
        return self._stream.__aiter__()

    def __getitem__(self, key: Literal["stream", "ResponseMetadata"]) -> Any:
        """boto3's response keys: ``"stream"`` (this object) and ``"ResponseMetadata"``."""
        if key == "stream":
            return self
        return self._stream[key]

    def get(self, key: str, default: Any = None) -> Any:
        """``response.get(key, default)``, as on boto3's dict."""
        if key == "stream":
            return self
        return self._stream.get(key, default)

    def keys(self) -> list[str]:
        """The keys of boto3's response dict."""
        return self._stream.keys()

    def __contains__(self, key: object) -> bool:
        return key in self._stream

    async def __aenter__(self) -> AsyncConverseStream:
        """Awaits to the stream itself."""
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        """Closes the stream; exceptions propagate."""
        self._stream.close()

    async def aclose(self) -> None:
        """Ends the HTTP response. Idempotent; what was received stays readable."""
        self._stream.close()

    @property
    def closed(self) -> bool:
        """Whether the connection is released: closed, read to its end, or failed."""
        return self._stream.closed

    async def text(self) -> str:
        """All the text of the reply, joined (reads the stream to its end)."""
        return await self._stream.text()

    def iter_text(self) -> AsyncIterator[str]:
        """The text deltas, from the first, as they arrive (an async iterator)."""
        return self._stream.iter_text()

    async def final_response(self) -> dict[str, Any]:
        """The reply assembled in ``converse()``'s dict shape (reads the stream to its end)."""
        return await self._stream.final_response()

    def __repr__(self) -> str:
        return repr(self._stream)
