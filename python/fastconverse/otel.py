"""OpenTelemetry GenAI spans, metrics and events for fastconverse (the ``otel`` extra).

``fastconverse.instrument()`` (or ``opentelemetry-instrument``, through the
``opentelemetry_instrumentor`` entry point) wraps ``ChatClient``'s methods so that each
converse, converse_stream and count_tokens call, sync or async, records what
opentelemetry-instrumentation-botocore's Bedrock extension records for the same call
through boto3: a CLIENT span with the same name and attributes, the
``gen_ai.client.operation.duration`` and ``gen_ai.client.token.usage`` histograms, and the
GenAI message events (their content only with
``OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true``). converse_many gets a span
per attempt, built from the times the Rust scheduler records. ``uninstrument()`` puts the
original methods back, so an uninstrumented client runs exactly its own code.

Where this module records more than botocore's extension (botocore has no such call or
value to compare with): count_tokens carries ``gen_ai.system``, ``gen_ai.request.model``
and ``gen_ai.usage.input_tokens``; a stream records ``gen_ai.response.time_to_first_chunk``
and the ``gen_ai.client.operation.time_to_first_chunk`` histogram; errors that are not
Bedrock's (timeouts, connection failures, bad input) carry ``error.type`` too.
"""

from __future__ import annotations

import contextlib
import functools
import os
import time
from collections.abc import AsyncIterator, Collection, Iterable, Iterator, Mapping
from typing import Any, Callable
from urllib.parse import urlparse

from opentelemetry import context as otel_context
from opentelemetry import trace
from opentelemetry._logs import LogRecord, get_logger
from opentelemetry.instrumentation.instrumentor import (  # type: ignore[attr-defined]
    BaseInstrumentor,
)
from opentelemetry.instrumentation.utils import is_instrumentation_enabled
from opentelemetry.metrics import get_meter
from opentelemetry.trace import SpanKind, Status, StatusCode

from fastconverse._client import AsyncConverseStream, ChatClient

__all__ = ["FastConverseInstrumentor", "instrument", "uninstrument"]

_VERSION = "0.1.0"
# What botocore's instrumentation names the service and the system (span names, rpc.*).
_SERVICE = "Bedrock Runtime"
_SYSTEM = "aws.bedrock"
_CHAT = "chat"
# The standard GenAI content-capture switch, the one botocore's extension reads.
CAPTURE_CONTENT_ENV = "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT"
# Bucket boundaries the GenAI conventions advise (the same as botocore's extension).
_DURATION_BUCKETS = [0.01 * 2**i for i in range(14)]
_TOKEN_BUCKETS = [4**i for i in range(14)]
# Inference settings recorded on the span: request key -> attribute.
_INFERENCE_ATTRIBUTES = (
    ("temperature", "gen_ai.request.temperature"),
    ("topP", "gen_ai.request.top_p"),
    ("maxTokens", "gen_ai.request.max_tokens"),
    ("stopSequences", "gen_ai.request.stop_sequences"),
)
# Usage keys recorded on the span when non-zero: response key -> attribute.
_USAGE_ATTRIBUTES = (
    ("inputTokens", "gen_ai.usage.input_tokens"),
    ("outputTokens", "gen_ai.usage.output_tokens"),
    ("cacheReadInputTokens", "gen_ai.usage.cache_read.input_tokens"),
    ("cacheWriteInputTokens", "gen_ai.usage.cache_creation.input_tokens"),
)


def capture_content() -> bool:
    """Whether message content goes into the GenAI events (the standard switch)."""
    return os.environ.get(CAPTURE_CONTENT_ENV, "false").lower() == "true"


class _Telemetry:
    """The tracer, logger and instruments of one ``instrument()``."""

    def __init__(self, tracer_provider: Any, meter_provider: Any, logger_provider: Any) -> None:
        self.tracer = trace.get_tracer(__name__, _VERSION, tracer_provider)
        self.logger = get_logger(__name__, _VERSION, logger_provider=logger_provider)
        meter = get_meter(__name__, _VERSION, meter_provider)
        self.duration = meter.create_histogram(
            "gen_ai.client.operation.duration",
            unit="s",
            description="GenAI operation duration",
            explicit_bucket_boundaries_advisory=_DURATION_BUCKETS,
        )
        self.token_usage = meter.create_histogram(
            "gen_ai.client.token.usage",
            unit="{token}",
            description="Measures number of input and output tokens used",
            explicit_bucket_boundaries_advisory=_TOKEN_BUCKETS,
        )
        self.first_chunk = meter.create_histogram(
            "gen_ai.client.operation.time_to_first_chunk",
            unit="s",
            description="Time to receive the first chunk of a response stream",
            explicit_bucket_boundaries_advisory=_DURATION_BUCKETS,
        )


_telemetry: _Telemetry | None = None
# ChatClient's original methods while instrumented, by name.
_originals: dict[str, Callable[..., Any]] = {}


def _server(client: ChatClient, region: str | None) -> dict[str, Any]:
    """server.address and server.port, as botocore reads them from the endpoint."""
    url = client.endpoint_url or (region and f"https://bedrock-runtime.{region}.amazonaws.com")
    if not url:
        return {}
    parsed = urlparse(url)
    if not parsed.hostname:
        return {}
    return {"server.address": parsed.hostname, "server.port": parsed.port or 443}


def _tool_calls(message: Mapping[str, Any], capture: bool) -> list[dict[str, Any]]:
    """The GenAI ``tool_calls`` of a message's toolUse blocks (arguments only if captured)."""
    calls = []
    for block in message.get("content") or ():
        tool_use = block.get("toolUse") if isinstance(block, Mapping) else None
        if tool_use is None:
            continue
        call: dict[str, Any] = {"type": "function"}
        if tool_use.get("toolUseId"):
            call["id"] = tool_use["toolUseId"]
        if tool_use.get("name"):
            call["function"] = {"name": tool_use["name"]}
        if capture and tool_use.get("input"):
            call.setdefault("function", {})["arguments"] = tool_use["input"]
        calls.append(call)
    return calls


class _Call:
    """One traced operation: its span (current while the call runs), the attributes its
    metrics share, and when it started. Ends once, through ``succeed`` or ``fail``."""

    __slots__ = ("chat", "ended", "first_chunk_seen", "metric_attributes", "span", "started")

    def __init__(
        self,
        telemetry: _Telemetry,
        client: ChatClient,
        operation: str,
        request: Mapping[str, Any],
        parent: otel_context.Context | None = None,
        start_time: int | None = None,
    ) -> None:
        region = (
            client.region_name
            or os.environ.get("AWS_REGION")
            or os.environ.get("AWS_DEFAULT_REGION")
        )
        server = _server(client, region)
        attributes: dict[str, Any] = {
            "rpc.system": "aws-api",
            "rpc.service": _SERVICE,
            "rpc.method": operation,
        }
        if region:
            attributes["cloud.region"] = region
        attributes.update(server)
        attributes["gen_ai.system"] = _SYSTEM
        model_id = request.get("modelId")
        self.chat = operation != "CountTokens"
        self.metric_attributes: dict[str, Any] = {"gen_ai.system": _SYSTEM, **server}
        name = f"{_SERVICE}.{operation}"
        if model_id:
            attributes["gen_ai.request.model"] = model_id
            if self.chat:
                name = f"{_CHAT} {model_id}"
                attributes["gen_ai.operation.name"] = _CHAT
                self.metric_attributes["gen_ai.request.model"] = model_id
                self.metric_attributes["gen_ai.operation.name"] = _CHAT
                config = request.get("inferenceConfig")
                if isinstance(config, Mapping):
                    for key, attribute in _INFERENCE_ATTRIBUTES:
                        if config.get(key) is not None:
                            attributes[attribute] = config[key]
        self.span = telemetry.tracer.start_span(
            name, parent, SpanKind.CLIENT, attributes, start_time=start_time
        )
        self.started = time.perf_counter()
        self.ended = False
        self.first_chunk_seen = False

    def request_events(self, request: Mapping[str, Any]) -> None:
        """The GenAI events of the request's system prompt and messages."""
        if not self.chat:
            return
        capture = capture_content()
        messages: list[Mapping[str, Any]] = []
        if request.get("system"):
            messages.append({"role": "system", "content": request["system"]})
        messages.extend(m for m in request.get("messages") or () if isinstance(m, Mapping))
        for message in messages:
            role = message.get("role")
            body: dict[str, Any] = {}
            if capture and message.get("content"):
                body["content"] = message["content"]
            if role == "assistant":
                calls = _tool_calls(message, capture)
                if calls:
                    body["tool_calls"] = calls
            elif role == "user":
                for block in message.get("content") or ():
                    result = block.get("toolResult") if isinstance(block, Mapping) else None
                    if result is None:
                        continue
                    tool_body: dict[str, Any] = {}
                    if result.get("toolUseId"):
                        tool_body["id"] = result["toolUseId"]
                    if capture and result.get("content"):
                        tool_body["content"] = result["content"]
                    self._emit("gen_ai.tool.message", tool_body)
            self._emit(f"gen_ai.{role}.message", body or None)

    def _emit(self, name: str, body: Any) -> None:
        assert _telemetry is not None
        _telemetry.logger.emit(
            LogRecord(
                event_name=name,
                attributes={"gen_ai.system": _SYSTEM},
                body=body,
                context=trace.set_span_in_context(self.span),
            )
        )

    def saw_first_chunk(self) -> None:
        """Records the time to the first chunk of a stream, once."""
        if self.first_chunk_seen or _telemetry is None:
            return
        self.first_chunk_seen = True
        elapsed = time.perf_counter() - self.started
        self.span.set_attribute("gen_ai.response.time_to_first_chunk", elapsed)
        _telemetry.first_chunk.record(elapsed, self.metric_attributes)

    def _metadata(self, metadata: Mapping[str, Any] | None) -> None:
        """aws.request_id, retry_attempts and http.status_code, as botocore sets them."""
        if not metadata:
            return
        if metadata.get("RequestId"):
            self.span.set_attribute("aws.request_id", metadata["RequestId"])
        if metadata.get("RetryAttempts") is not None:
            self.span.set_attribute("retry_attempts", metadata["RetryAttempts"])
        if metadata.get("HTTPStatusCode") is not None:
            self.span.set_attribute("http.status_code", metadata["HTTPStatusCode"])

    def succeed(
        self,
        response: Mapping[str, Any],
        end_time: int | None = None,
        duration: float | None = None,
    ) -> None:
        """Records a response (boto3's dict, or a stream's so far) and ends the span."""
        if self.ended or _telemetry is None:
            return
        self.ended = True
        self._metadata(response.get("ResponseMetadata"))
        # CountTokens answers its count at the top level.
        usage = response.get("usage") or {"inputTokens": response.get("inputTokens")}
        for key, attribute in _USAGE_ATTRIBUTES:
            if usage.get(key):
                self.span.set_attribute(attribute, usage[key])
        if self.chat:
            if response.get("stopReason"):
                self.span.set_attribute("gen_ai.response.finish_reasons", [response["stopReason"]])
            output = response.get("output")
            if isinstance(output, Mapping) and "message" in output:
                self._choice_event(output["message"], response.get("stopReason"))
            if duration is None:
                duration = time.perf_counter() - self.started
            _telemetry.duration.record(duration, self.metric_attributes)
            for key, token_type in (("inputTokens", "input"), ("outputTokens", "output")):
                if usage.get(key):
                    _telemetry.token_usage.record(
                        usage[key], {**self.metric_attributes, "gen_ai.token.type": token_type}
                    )
        self.span.end(end_time)

    def _choice_event(self, message: Mapping[str, Any], stop_reason: Any) -> None:
        capture = capture_content()
        choice: dict[str, Any] = {"role": message["role"]} if message.get("role") else {}
        calls = _tool_calls(message, capture)
        if calls:
            choice["tool_calls"] = calls
        elif capture and message.get("content"):
            choice["content"] = message["content"]
        self._emit("gen_ai.choice", {"finish_reason": stop_reason, "index": 0, "message": choice})

    def raised(self, error: BaseException) -> None:
        """Records an exception the call raised (an event, as botocore's span has) and ends
        the span with it."""
        self.span.record_exception(error)
        self.fail(error)

    def fail(
        self, error: BaseException, end_time: int | None = None, duration: float | None = None
    ) -> None:
        """Records a failure (error.type: the exception's class) and ends the span."""
        if self.ended or _telemetry is None:
            return
        self.ended = True
        response = getattr(error, "response", None)
        if isinstance(response, Mapping):
            self._metadata(response.get("ResponseMetadata"))
        error_type = type(error).__qualname__
        self.span.set_status(Status(StatusCode.ERROR, str(error)))
        self.span.set_attribute("error.type", error_type)
        if self.chat:
            if duration is None:
                duration = time.perf_counter() - self.started
            _telemetry.duration.record(
                duration, {**self.metric_attributes, "error.type": error_type}
            )
        self.span.end(end_time)


def _current(call: _Call) -> Any:
    """``call``'s span made current; the wrappers record its exception themselves (before
    the span ends, as botocore's instrumentation does)."""
    return trace.use_span(
        call.span, end_on_exit=False, record_exception=False, set_status_on_exception=False
    )


def _start(client: ChatClient, operation: str, request: Mapping[str, Any]) -> _Call | None:
    """A call's span, or None when instrumentation is off or suppressed."""
    if _telemetry is None or not is_instrumentation_enabled():
        return None
    return _Call(_telemetry, client, operation, request)


@contextlib.contextmanager
def _calling(call: _Call, request: Mapping[str, Any]) -> Iterator[None]:
    """The call's span current around the call, its request's events emitted, and what
    the call raises recorded."""
    with _current(call):
        call.request_events(request)
        try:
            yield
        except BaseException as error:
            call.raised(error)
            raise


def _answered(call: _Call, answer: Any, answered: Callable[[Any, _Call], Any] | None) -> Any:
    """The span ended with the answer, or the answer handed to ``answered`` (a stream's:
    its span outlives the call)."""
    if answered is not None:
        return answered(answer, call)
    call.succeed(answer)
    return answer


def _traced(
    operation: str,
    original: Callable[..., Any],
    answered: Callable[[Any, _Call], Any] | None = None,
) -> Callable[..., Any]:
    """``original`` (a sync call) inside a span."""

    @functools.wraps(original)
    def traced(self: ChatClient, **request: Any) -> Any:
        call = _start(self, operation, request)
        if call is None:
            return original(self, **request)
        with _calling(call, request):
            answer = original(self, **request)
        return _answered(call, answer, answered)

    return traced


def _traced_async(
    operation: str,
    original: Callable[..., Any],
    answered: Callable[[Any, _Call], Any] | None = None,
) -> Callable[..., Any]:
    """``original`` (an ``async def``) inside a span, current in the caller's context
    and covering the await."""

    @functools.wraps(original)
    async def traced(self: ChatClient, **request: Any) -> Any:
        call = _start(self, operation, request)
        if call is None:
            return await original(self, **request)
        with _calling(call, request):
            answer = await original(self, **request)
        return _answered(call, answer, answered)

    return traced


class _StreamWatch:
    """What a stream's events say so far, in ``converse()``'s shape: the stop reason, the
    usage and the message (for the choice event). Ends the call at the metadata event,
    where botocore's extension ends its span."""

    __slots__ = ("blocks", "call", "metadata", "response", "tool_input")

    def __init__(self, call: _Call, metadata: Any) -> None:
        self.call = call
        self.metadata = metadata
        self.response: dict[str, Any] = {}
        self.blocks: list[dict[str, Any]] | None = None
        self.tool_input = ""

    def see(self, event: Mapping[str, Any]) -> None:
        if "contentBlockDelta" in event:
            self.call.saw_first_chunk()
            if self.blocks is not None:
                delta = event["contentBlockDelta"].get("delta", {})
                if "text" in delta:
                    self._block().setdefault("text", "")
                    self._block()["text"] += delta["text"]
                elif "toolUse" in delta:
                    self.tool_input += delta["toolUse"].get("input") or ""
        elif "messageStart" in event:
            self.blocks = [{}]
        elif "contentBlockStart" in event:
            start = event["contentBlockStart"].get("start", {})
            if "toolUse" in start and self.blocks is not None:
                self.blocks[-1] = {"toolUse": dict(start["toolUse"])}
        elif "contentBlockStop" in event and self.blocks is not None:
            if self.tool_input and "toolUse" in self._block():
                self._block()["toolUse"]["input"] = self.tool_input
            self.tool_input = ""
            self.blocks.append({})
        elif "messageStop" in event:
            if event["messageStop"].get("stopReason"):
                self.response["stopReason"] = event["messageStop"]["stopReason"]
            if self.blocks is not None:
                content = [block for block in self.blocks if block]
                self.response["output"] = {"message": {"role": "assistant", "content": content}}
                self.blocks = None
        elif "metadata" in event:
            usage = event["metadata"].get("usage")
            if usage:
                self.response["usage"] = usage
            self.finish()

    def _block(self) -> dict[str, Any]:
        assert self.blocks is not None
        return self.blocks[-1]

    def finish(self, response: Mapping[str, Any] | None = None) -> None:
        """Ends the call with ``response``, or with what the events said."""
        if response is None:
            response = self.response
        self.call.succeed({**response, "ResponseMetadata": self.metadata})


class _StreamProxy:
    """What the sync and async stream proxies share: the keys, ``close`` and ``closed``."""

    __slots__ = ("_stream", "_watch")

    def __init__(self, stream: Any, call: _Call) -> None:
        self._stream = stream
        self._watch = _StreamWatch(call, stream["ResponseMetadata"])

    # boto3's response keys over the native stream, as AsyncConverseStream serves them.
    __getitem__ = AsyncConverseStream.__getitem__
    get = AsyncConverseStream.get
    keys = AsyncConverseStream.keys
    __contains__ = AsyncConverseStream.__contains__

    def close(self) -> None:
        """Ends the HTTP response, and the span with what the stream said so far."""
        self._stream.close()
        self._watch.finish()

    @property
    def closed(self) -> bool:
        return self._stream.closed  # type: ignore[no-any-return]

    @contextlib.contextmanager
    def _reading(self) -> Iterator[None]:
        """Around a read of the stream: a loop left early closes it (and ends the span),
        an error ends the span with it."""
        try:
            yield
        except GeneratorExit:
            self.close()
            raise
        except BaseException as error:
            self._watch.call.fail(error)
            raise

    @property
    def _ended(self) -> bool:
        return self._watch.call.ended

    def __del__(self) -> None:
        # A stream dropped unread: its span still ends (as closing it would).
        if not self._watch.call.ended:
            self._watch.finish()

    def __repr__(self) -> str:
        return repr(self._stream)


class _TracedStream(_StreamProxy):
    """``ConverseStream`` seen by a span (only while instrumented): the same iterator,
    keys, context manager and helpers, observing each event and the end."""

    __slots__ = ()

    def __iter__(self) -> Iterator[dict[str, Any]]:
        with self._reading():
            for event in self._stream:
                self._watch.see(event)
                yield event
        if not self._ended:
            self._watch.finish(self._stream.final_response())

    def __enter__(self) -> _TracedStream:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def iter_text(self) -> Iterator[str]:
        with self._reading():
            for text in self._stream.iter_text():
                self._watch.call.saw_first_chunk()
                yield text
        if not self._ended:
            self._watch.finish(self._stream.final_response())

    def text(self) -> str:
        return "".join(self.iter_text())

    def final_response(self) -> dict[str, Any]:
        for _ in self.iter_text():
            pass
        return self._stream.final_response()  # type: ignore[no-any-return]


class _TracedAsyncStream(_StreamProxy):
    """The native async stream under ``AsyncConverseStream``, seen by a span."""

    __slots__ = ()

    async def __aiter__(self) -> AsyncIterator[dict[str, Any]]:
        with self._reading():
            async for event in self._stream:
                self._watch.see(event)
                yield event
        if not self._ended:
            self._watch.finish(await self._stream.final_response())

    async def iter_text(self) -> AsyncIterator[str]:
        with self._reading():
            async for text in self._stream.iter_text():
                self._watch.call.saw_first_chunk()
                yield text
        if not self._ended:
            self._watch.finish(await self._stream.final_response())

    async def text(self) -> str:
        return "".join([text async for text in self.iter_text()])

    async def final_response(self) -> dict[str, Any]:
        async for _ in self.iter_text():
            pass
        return await self._stream.final_response()  # type: ignore[no-any-return]


def _traced_stream(stream: Any, call: _Call) -> _TracedStream:
    """A sync stream under its call's span, which lasts until it ends, closes or fails."""
    return _TracedStream(stream, call)


def _traced_stream_async(stream: AsyncConverseStream, call: _Call) -> AsyncConverseStream:
    """An ``AsyncConverseStream`` over the native stream seen by its call's span."""
    stream._stream = _TracedAsyncStream(stream._stream, call)  # type: ignore[assignment]
    return stream


def _remember(requests: Iterable[Any], read: dict[int, Any]) -> Iterator[Any]:
    """``requests``, each kept in ``read`` by its position until its result comes."""
    for position, request in enumerate(requests):
        read[position] = request
        yield request


class _TracedRun:
    """A ``ManyRun`` whose results come with their attempts (times and errors, recorded
    by the Rust scheduler): each attempt becomes a span, drawn afterwards with its own
    start and end, under the context that was current when the run started."""

    __slots__ = ("_client", "_parent", "_read", "_run")

    def __init__(self, run: Any, client: ChatClient, read: dict[int, Any]) -> None:
        self._run = run
        self._client = client
        self._read = read
        self._parent = otel_context.get_current()

    def _traced(self, item: tuple[int, Any, list[tuple[int, int, Any]]]) -> tuple[int, Any]:
        position, result, attempts = item
        request = self._read.pop(position, {})
        if _telemetry is not None:
            last = len(attempts) - 1
            for number, (start_ns, end_ns, error) in enumerate(attempts):
                call = _Call(_telemetry, self._client, "Converse", request, self._parent, start_ns)
                call.request_events(request)
                duration = (end_ns - start_ns) / 1e9
                if error is None:
                    call.succeed(result, end_ns, duration)
                    continue
                if number == last and isinstance(result, BaseException):
                    error = result  # the outcome's own, with the run's retry count
                else:
                    metadata = getattr(error, "response", {}).get("ResponseMetadata")
                    if isinstance(metadata, dict):
                        metadata["RetryAttempts"] = number
                call.fail(error, end_ns, duration)
        return position, result

    def __iter__(self) -> _TracedRun:
        return self

    def __next__(self) -> tuple[int, Any]:
        return self._traced(next(self._run))

    def __aiter__(self) -> _TracedRun:
        return self

    async def __anext__(self) -> tuple[int, Any]:
        return self._traced(await self._run.__anext__())

    def close(self) -> None:
        self._run.close()

    @property
    def total(self) -> int | None:
        return self._run.total  # type: ignore[no-any-return]

    def stats(self) -> dict[str, Any]:
        return self._run.stats()  # type: ignore[no-any-return]


def _traced_many(original: Callable[..., Any]) -> Callable[..., Any]:
    """``converse_many_iter``: a span per attempt of each request."""

    @functools.wraps(original)
    def traced(
        self: ChatClient, requests: Iterable[Any], *, concurrency: int = 16, max_retries: int = 8
    ) -> Any:
        if _telemetry is None or not is_instrumentation_enabled():
            return original(self, requests, concurrency=concurrency, max_retries=max_retries)
        read: dict[int, Any] = {}
        checked = _remember(self._checked(requests), read)
        run = self._native.many(checked, concurrency, max_retries, True)
        return _TracedRun(run, self, read)

    return traced


def _traced_many_async(original: Callable[..., Any]) -> Callable[..., Any]:
    """``_converse_many_iter_async``: as ``converse_many_iter``."""

    @functools.wraps(original)
    async def traced(
        self: ChatClient, requests: Iterable[Any], concurrency: int, max_retries: int
    ) -> Any:
        if _telemetry is None or not is_instrumentation_enabled():
            return await original(self, requests, concurrency, max_retries)
        read: dict[int, Any] = {}
        checked = _remember(self._checked(requests), read)
        run = await self._native.many_async(checked, concurrency, max_retries, True)
        return _TracedRun(run, self, read)

    return traced


_WRAPPERS: dict[str, Callable[[Callable[..., Any]], Callable[..., Any]]] = {
    "converse": functools.partial(_traced, "Converse"),
    "count_tokens": functools.partial(_traced, "CountTokens"),
    "converse_async": functools.partial(_traced_async, "Converse"),
    "count_tokens_async": functools.partial(_traced_async, "CountTokens"),
    "converse_stream": functools.partial(_traced, "ConverseStream", answered=_traced_stream),
    "converse_stream_async": functools.partial(
        _traced_async, "ConverseStream", answered=_traced_stream_async
    ),
    "converse_many_iter": _traced_many,
    "_converse_many_iter_async": _traced_many_async,
}


class FastConverseInstrumentor(BaseInstrumentor):  # type: ignore[misc]
    """The OpenTelemetry instrumentor of fastconverse (what ``opentelemetry-instrument``
    finds through the ``opentelemetry_instrumentor`` entry point). ``instrument()``
    accepts ``tracer_provider``, ``meter_provider`` and ``logger_provider``."""

    def instrumentation_dependencies(self) -> Collection[str]:
        """The packages this instrumentor needs: fastconverse itself."""
        return ()

    def _instrument(self, **kwargs: Any) -> None:
        global _telemetry
        _telemetry = _Telemetry(
            kwargs.get("tracer_provider"),
            kwargs.get("meter_provider"),
            kwargs.get("logger_provider"),
        )
        for name, wrap in _WRAPPERS.items():
            original = ChatClient.__dict__[name]
            _originals[name] = original
            setattr(ChatClient, name, wrap(original))

    def _uninstrument(self, **kwargs: Any) -> None:
        global _telemetry
        for name, original in _originals.items():
            setattr(ChatClient, name, original)
        _originals.clear()
        _telemetry = None


def instrument(
    *,
    tracer_provider: Any = None,
    meter_provider: Any = None,
    logger_provider: Any = None,
) -> None:
    """Switches tracing on for every ``ChatClient``: spans, metrics and GenAI events, with
    the global providers unless given. Calling it again while on does nothing."""
    FastConverseInstrumentor().instrument(
        tracer_provider=tracer_provider,
        meter_provider=meter_provider,
        logger_provider=logger_provider,
    )


def uninstrument() -> None:
    """Switches tracing off: ``ChatClient``'s own methods are back, at no cost per call."""
    FastConverseInstrumentor().uninstrument()
