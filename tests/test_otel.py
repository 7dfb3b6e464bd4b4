"""OpenTelemetry: fastconverse's spans, metrics and GenAI events against boto3's with
opentelemetry-instrumentation-botocore, the same calls on the same LocalBedrock.

Both instrumentations write to the same in-memory exporters; each test makes a call
through boto3 and the same call through fastconverse and compares what each recorded:
span names, kinds, status codes, attribute keys and values, events, metric points. What
must differ is left out, each named where it is: ``aws.request_id`` (one per request;
checked present on both), timings, ids, and the instrumentation scope.
"""

from __future__ import annotations

import asyncio
import gc
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("opentelemetry.sdk")
pytest.importorskip("opentelemetry.instrumentation.botocore")

from opentelemetry import trace
from opentelemetry.instrumentation.botocore import BotocoreInstrumentor
from opentelemetry.sdk._logs import LoggerProvider
from opentelemetry.sdk._logs.export import (
    InMemoryLogRecordExporter,
    SimpleLogRecordProcessor,
)
from opentelemetry.sdk.metrics import Histogram, MeterProvider
from opentelemetry.sdk.metrics.export import AggregationTemporality, InMemoryMetricReader
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import (
    InMemorySpanExporter,
)
from opentelemetry.trace import SpanKind, StatusCode

import fastconverse
from fastconverse import ChatClient, LocalBedrock, otel

from .conftest import MODEL_ID, user

OURS = "fastconverse.otel"
BOTOCORE = "opentelemetry.instrumentation.botocore"
# Differs per request by nature: checked present and non-empty on both sides instead.
PER_REQUEST = {"aws.request_id"}


class Recorded:
    """The in-memory exporters both instrumentations write to."""

    def __init__(self) -> None:
        self.spans = InMemorySpanExporter()
        self.tracer_provider = TracerProvider()
        self.tracer_provider.add_span_processor(SimpleSpanProcessor(self.spans))
        # Delta: each read has only what was recorded since the last one.
        self.metrics = InMemoryMetricReader(
            preferred_temporality={Histogram: AggregationTemporality.DELTA}
        )
        self.meter_provider = MeterProvider(metric_readers=[self.metrics])
        self.logs = InMemoryLogRecordExporter()
        self.logger_provider = LoggerProvider()
        self.logger_provider.add_log_record_processor(SimpleLogRecordProcessor(self.logs))
        self.last_points: dict[str, dict[str, list[Any]]] = {}

    def providers(self) -> dict[str, Any]:
        return {
            "tracer_provider": self.tracer_provider,
            "meter_provider": self.meter_provider,
            "logger_provider": self.logger_provider,
        }

    def clear(self) -> None:
        self.spans.clear()
        self.logs.clear()
        self.metrics.get_metrics_data()  # read off what earlier tests recorded

    def spans_of(self, scope: str) -> list[ReadableSpan]:
        found = self.spans.get_finished_spans()
        return [
            s
            for s in found
            if s.instrumentation_scope and s.instrumentation_scope.name.startswith(scope)
        ]

    def events_of(self, scope: str) -> list[tuple[Any, Any, dict[str, Any]]]:
        return [
            (r.log_record.event_name, r.log_record.body, dict(r.log_record.attributes or {}))
            for r in self.logs.get_finished_logs()
            if r.instrumentation_scope.name.startswith(scope)
        ]

    def points(self) -> dict[str, dict[str, list[tuple[tuple[Any, ...], int, float]]]]:
        """Per scope, per metric: (sorted attributes, count, sum) of each point."""
        found: dict[str, dict[str, list[Any]]] = {OURS: {}, BOTOCORE: {}}
        data = self.metrics.get_metrics_data()
        for resource in data.resource_metrics if data else ():
            for scope_metrics in resource.scope_metrics:
                scope = OURS if scope_metrics.scope.name.startswith(OURS) else BOTOCORE
                for metric in scope_metrics.metrics:
                    found[scope][metric.name] = sorted(
                        (tuple(sorted(p.attributes.items())), p.count, p.sum)
                        for p in metric.data.data_points
                    )
        return found


@pytest.fixture(scope="module")
def recorded() -> Iterator[Recorded]:
    """Both instrumentations on, for this module only (botocore's patches boto3 globally)."""
    recorded = Recorded()
    BotocoreInstrumentor().instrument(**recorded.providers())
    fastconverse.instrument(**recorded.providers())
    try:
        yield recorded
    finally:
        fastconverse.uninstrument()
        BotocoreInstrumentor().uninstrument()


@pytest.fixture
def otel_record(recorded: Recorded) -> Recorded:
    recorded.clear()
    return recorded


def comparable(span: ReadableSpan) -> dict[str, Any]:
    """What must match across the two: name, kind, status code, the names of the span's
    events, attributes without the per-request ones."""
    attributes = dict(span.attributes or {})
    for key in PER_REQUEST:
        assert attributes.pop(key, "x"), f"{key} empty on {span.name}"
    return {
        "name": span.name,
        "kind": span.kind,
        "status": span.status.status_code,
        "events": [event.name for event in span.events],
        "attributes": {k: list(v) if isinstance(v, tuple) else v for k, v in attributes.items()},
    }


def only(spans: list[ReadableSpan]) -> ReadableSpan:
    assert len(spans) == 1, [s.name for s in spans]
    return spans[0]


def assert_same(record: Recorded, extra: set[str] = frozenset()) -> ReadableSpan:  # type: ignore[assignment]
    """The one span of each side match (ours may carry the ``extra`` keys besides), as do
    the events and the metric points; returns our span (and keeps the points read in
    ``record.last_points``)."""
    ours = comparable(only(record.spans_of(OURS)))
    theirs = comparable(only(record.spans_of(BOTOCORE)))
    added = {k: ours["attributes"].pop(k) for k in extra if k in ours["attributes"]}
    assert ours == theirs
    assert set(added) == set(extra), added
    assert record.events_of(OURS) == record.events_of(BOTOCORE)
    points = record.last_points = record.points()
    for name in set(points[OURS]) | set(points[BOTOCORE]):
        if name == "gen_ai.client.operation.time_to_first_chunk":
            continue  # botocore has no such metric
        ours_points = [(a, c) for a, c, _ in points[OURS].get(name, [])]
        theirs_points = [(a, c) for a, c, _ in points[BOTOCORE].get(name, [])]
        assert ours_points == theirs_points, name
        if name == "gen_ai.client.token.usage":
            assert points[OURS][name] == points[BOTOCORE][name]
    return only(record.spans_of(OURS))


CONFIGURED = {
    "modelId": MODEL_ID,
    "messages": [user("Hello there")],
    "system": [{"text": "Be brief."}],
    "inferenceConfig": {"maxTokens": 64, "temperature": 0.5, "topP": 0.9, "stopSequences": ["##"]},
}


def test_converse_records_what_botocore_records(
    otel_record: Recorded, server: LocalBedrock, client: ChatClient, boto: Any
) -> None:
    boto.converse(**CONFIGURED)
    client.converse(**CONFIGURED)
    span = assert_same(otel_record)
    assert span.name == f"chat {MODEL_ID}"
    assert span.kind is SpanKind.CLIENT
    attributes = span.attributes or {}
    assert attributes["gen_ai.request.max_tokens"] == 64
    assert attributes["gen_ai.usage.input_tokens"] > 0
    assert attributes["gen_ai.response.finish_reasons"] == ("end_turn",)
    assert attributes["server.port"] == server.port


REPLY = {
    "output": {
        "message": {
            "role": "assistant",
            "content": [
                {"text": "Calling the tool."},
                {"toolUse": {"toolUseId": "t1", "name": "weather", "input": {"city": "Oslo"}}},
            ],
        }
    },
    "stopReason": "tool_use",
    "usage": {
        "inputTokens": 20,
        "outputTokens": 7,
        "totalTokens": 57,
        "cacheReadInputTokens": 10,
        "cacheWriteInputTokens": 20,
    },
    "metrics": {"latencyMs": 3},
}


@pytest.mark.parametrize("capture", ["false", "true"])
def test_cache_tokens_tool_calls_and_content_capture_match(
    otel_record: Recorded,
    server: LocalBedrock,
    client: ChatClient,
    boto: Any,
    monkeypatch: pytest.MonkeyPatch,
    capture: str,
) -> None:
    monkeypatch.setenv(otel.CAPTURE_CONTENT_ENV, capture)
    request = {
        "modelId": MODEL_ID,
        "messages": [
            user("Weather?"),
            REPLY["output"]["message"],
            {
                "role": "user",
                "content": [{"toolResult": {"toolUseId": "t1", "content": [{"text": "Sunny"}]}}],
            },
        ],
    }
    server.queue_reply(REPLY)
    boto.converse(**request)
    server.queue_reply(REPLY)
    client.converse(**request)
    span = assert_same(otel_record)
    assert (span.attributes or {})["gen_ai.usage.cache_read.input_tokens"] == 10
    events = otel_record.events_of(OURS)
    assert [name for name, _, _ in events] == [
        "gen_ai.user.message",
        "gen_ai.assistant.message",
        "gen_ai.tool.message",
        "gen_ai.user.message",
        "gen_ai.choice",
    ]
    captured = capture == "true"
    assert ("Weather?" in str(events[0][1])) is captured  # the user's text
    assert ("Sunny" in str(events[2][1])) is captured  # the tool's result
    assert ("Oslo" in str(events[-1][1])) is captured  # the tool call's arguments


def test_a_service_error_records_what_botocore_records(
    otel_record: Recorded, server: LocalBedrock, client: ChatClient, boto: Any
) -> None:
    for caller, error in ((boto, Exception), (client, fastconverse.ThrottlingException)):
        server.queue_error("ThrottlingException", "Slow down", status=429)
        with pytest.raises(error):
            caller.converse(**CONFIGURED)
    span = assert_same(otel_record)
    assert span.status.status_code is StatusCode.ERROR
    assert (span.attributes or {})["error.type"] == "ThrottlingException"
    assert (span.attributes or {})["http.status_code"] == 429


def test_a_stream_records_what_botocore_records_plus_the_first_chunk(
    otel_record: Recorded, server: LocalBedrock, client: ChatClient, boto: Any
) -> None:
    events_boto = list(boto.converse_stream(**CONFIGURED)["stream"])
    stream = client.converse_stream(**CONFIGURED)
    assert not otel_record.spans_of(OURS), "the span lasts until the stream ends"
    events_ours = list(stream)
    assert events_ours == events_boto
    span = assert_same(otel_record, extra={"gen_ai.response.time_to_first_chunk"})
    first_chunk = (span.attributes or {})["gen_ai.response.time_to_first_chunk"]
    assert span.end_time is not None and span.start_time is not None
    assert 0 < first_chunk * 1e9 <= span.end_time - span.start_time
    assert otel_record.last_points[OURS]["gen_ai.client.operation.time_to_first_chunk"]


def test_count_tokens_has_botocores_span_and_the_model_and_tokens(
    otel_record: Recorded, client: ChatClient, boto: Any
) -> None:
    request = {"modelId": MODEL_ID, "input": {"converse": {"messages": [user("Count me")]}}}
    boto.count_tokens(**request)
    tokens = client.count_tokens(**request)["inputTokens"]
    # botocore's extension does not handle CountTokens: its span is the generic AWS one.
    span = assert_same(
        otel_record,
        extra={"gen_ai.system", "gen_ai.request.model", "gen_ai.usage.input_tokens"},
    )
    assert span.name == "Bedrock Runtime.CountTokens"
    assert (span.attributes or {})["gen_ai.usage.input_tokens"] == tokens


def test_stream_span_ends_when_closed_or_left_early(
    otel_record: Recorded, client: ChatClient
) -> None:
    with client.converse_stream(**CONFIGURED) as stream:
        events = iter(stream)
        next(events)
        assert not otel_record.spans_of(OURS)
    assert only(otel_record.spans_of(OURS)).status.status_code is StatusCode.UNSET
    otel_record.clear()
    for _ in client.converse_stream(**CONFIGURED):
        break
    gc.collect()
    assert len(otel_record.spans_of(OURS)) == 1
    otel_record.clear()
    assert client.converse_stream(**CONFIGURED).text()
    span = only(otel_record.spans_of(OURS))
    assert "gen_ai.response.time_to_first_chunk" in (span.attributes or {})
    assert (span.attributes or {})["gen_ai.usage.output_tokens"] > 0


def test_a_stream_that_breaks_ends_its_span_with_the_error(
    otel_record: Recorded, server: LocalBedrock, client: ChatClient
) -> None:
    server.queue_stream(
        [
            {"messageStart": {"role": "assistant"}},
            {"contentBlockDelta": {"delta": {"text": "Hi"}, "contentBlockIndex": 0}},
        ],
        fault="truncate",
    )
    with pytest.raises(fastconverse.IncompleteStreamError):
        list(client.converse_stream(**CONFIGURED))
    span = only(otel_record.spans_of(OURS))
    assert span.status.status_code is StatusCode.ERROR
    assert (span.attributes or {})["error.type"] == "IncompleteStreamError"


async def test_async_calls_are_children_of_the_callers_span_and_cover_the_await(
    otel_record: Recorded, server: LocalBedrock, client: ChatClient
) -> None:
    tracer = otel_record.tracer_provider.get_tracer("test")
    server.latency = 0.05
    with tracer.start_as_current_span("caller") as caller:
        await client.converse_async(**CONFIGURED)
        await client.count_tokens_async(
            modelId=MODEL_ID, input={"converse": {"messages": [user("Count")]}}
        )
        stream = await client.converse_stream_async(**CONFIGURED)
        assert [e async for e in stream]
        assert trace.get_current_span() is caller
    spans = otel_record.spans_of(OURS)
    assert [s.name for s in spans] == [
        f"chat {MODEL_ID}",
        "Bedrock Runtime.CountTokens",
        f"chat {MODEL_ID}",
    ]
    for span in spans:
        assert span.parent is not None
        assert span.parent.span_id == caller.get_span_context().span_id
        assert span.end_time is not None and span.start_time is not None
        # The span covers the server's 50 ms pause: it is not ended before the await.
        assert span.end_time - span.start_time >= 50_000_000
    assert "gen_ai.response.time_to_first_chunk" in (spans[2].attributes or {})


async def test_async_stream_helpers_end_the_span(otel_record: Recorded, client: ChatClient) -> None:
    stream = await client.converse_stream_async(**CONFIGURED)
    response = await stream.final_response()
    span = only(otel_record.spans_of(OURS))
    assert (span.attributes or {})["gen_ai.usage.output_tokens"] == response["usage"][
        "outputTokens"
    ]


def test_suppressed_instrumentation_records_nothing(
    otel_record: Recorded, client: ChatClient
) -> None:
    from opentelemetry.instrumentation.utils import suppress_instrumentation

    with suppress_instrumentation():
        client.converse(**CONFIGURED)
    assert not otel_record.spans_of(OURS)


def test_uninstrument_restores_the_clients_own_methods(recorded: Recorded) -> None:
    fastconverse.instrument()  # already on (the module fixture): does nothing
    instrumented = ChatClient.converse
    assert instrumented.__wrapped__ is not None  # type: ignore[attr-defined]
    fastconverse.uninstrument()
    try:
        assert ChatClient.__dict__["converse"] is instrumented.__wrapped__  # type: ignore[attr-defined]
        assert not hasattr(ChatClient.converse, "__wrapped__")
    finally:
        fastconverse.instrument(**recorded.providers())


def test_importing_fastconverse_does_not_import_opentelemetry() -> None:
    code = (
        "import sys, fastconverse\n"
        "c = fastconverse.ChatClient(region_name='us-east-1')\n"
        "assert not [m for m in sys.modules if m.startswith('opentelemetry')], 'imported'\n"
        "assert callable(fastconverse.instrument)\n"
        "assert 'opentelemetry' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_instrumentor_entry_point_is_registered() -> None:
    from importlib.metadata import entry_points

    found = [
        e for e in entry_points(group="opentelemetry_instrumentor") if e.name == "fastconverse"
    ]
    assert found, "fastconverse's opentelemetry_instrumentor entry point"
    assert found[0].load() is otel.FastConverseInstrumentor


def test_opentelemetry_instrument_switches_it_on_by_itself() -> None:
    instrument = Path(sys.executable).with_name("opentelemetry-instrument")
    if not instrument.exists():
        pytest.skip("opentelemetry-instrument is not installed beside this interpreter")
    code = "from fastconverse import ChatClient; print(hasattr(ChatClient.converse, '__wrapped__'))"
    exporters = {f"OTEL_{kind}_EXPORTER": "none" for kind in ("TRACES", "METRICS", "LOGS")}
    done = subprocess.run(
        [str(instrument), sys.executable, "-c", code],
        env={**os.environ, **exporters},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert done.stdout == "True\n"


def test_asyncio_is_untouched() -> None:
    # The async wrappers are coroutine functions, as the originals are (create_task,
    # TaskGroup and anyio look at this).
    assert asyncio.iscoroutinefunction(ChatClient.converse_async)
    assert asyncio.iscoroutinefunction(ChatClient.converse_stream_async)


@pytest.fixture
def own_server() -> Iterator[LocalBedrock]:
    """A server of the test's own: queued errors stay out of reach of other tests' late
    requests (as in test_many.py)."""
    with LocalBedrock() as server:
        yield server


def check_attempt_spans(record: Recorded, caller: Any, results: list[Any]) -> None:
    spans = sorted(record.spans_of(OURS), key=lambda s: s.start_time or 0)
    assert [s.name for s in spans] == [f"chat {MODEL_ID}"] * 3
    assert [(s.attributes or {}).get("error.type") for s in spans] == [
        "ThrottlingException",
        "ThrottlingException",
        None,
    ]
    assert [(s.attributes or {})["retry_attempts"] for s in spans] == [0, 1, 2]
    assert [s.status.status_code for s in spans] == [
        StatusCode.ERROR,
        StatusCode.ERROR,
        StatusCode.UNSET,
    ]
    for span, after in zip(spans, spans[1:]):
        assert span.end_time is not None and after.start_time is not None
        assert span.end_time <= after.start_time, "one attempt after the other"
    for span in spans:
        assert span.kind is SpanKind.CLIENT
        assert span.parent is not None
        assert span.parent.span_id == caller.get_span_context().span_id
    last = spans[-1].attributes or {}
    assert last["gen_ai.usage.output_tokens"] == results[0]["usage"]["outputTokens"]
    assert last["aws.request_id"] == results[0]["ResponseMetadata"]["RequestId"]
    assert last["gen_ai.request.max_tokens"] == 64
    durations = record.points()[OURS]["gen_ai.client.operation.duration"]
    assert sorted(count for _, count, _ in durations) == [1, 2], "two throttled, one answered"


@pytest.fixture
def throttled_twice(own_server: LocalBedrock) -> LocalBedrock:
    """``own_server`` with two throttling answers queued before the echo's."""
    own_server.queue_error("ThrottlingException", "Slow down", status=429)
    own_server.queue_error("ThrottlingException", "Slow down", status=429)
    return own_server


def test_converse_many_draws_a_span_per_attempt_under_the_callers_span(
    otel_record: Recorded, throttled_twice: LocalBedrock
) -> None:
    tracer = otel_record.tracer_provider.get_tracer("test")
    with tracer.start_as_current_span("caller") as caller:
        results = throttled_twice.client().converse_many([CONFIGURED], max_retries=3)
    assert isinstance(results[0], dict)
    check_attempt_spans(otel_record, caller, results)


async def test_converse_many_async_draws_a_span_per_attempt(
    otel_record: Recorded, throttled_twice: LocalBedrock
) -> None:
    tracer = otel_record.tracer_provider.get_tracer("test")
    with tracer.start_as_current_span("caller") as caller:
        client = throttled_twice.client()
        results = await client.converse_many_async([CONFIGURED], max_retries=3)
    check_attempt_spans(otel_record, caller, results)


def test_a_request_that_fails_for_good_ends_its_last_span_with_the_error(
    otel_record: Recorded, own_server: LocalBedrock
) -> None:
    client = own_server.client()
    own_server.queue_error("ValidationException", "Bad", status=400)
    results = client.converse_many([CONFIGURED, CONFIGURED], concurrency=1, max_retries=0)
    # Either request may be sent first and get the error.
    assert sorted(type(r).__name__ for r in results) == ["ValidationException", "dict"]
    spans = otel_record.spans_of(OURS)
    assert sorted((s.attributes or {}).get("error.type", "ok") for s in spans) == [
        "ValidationException",
        "ok",
    ]
