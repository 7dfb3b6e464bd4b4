"""The response decoder (src/wire/json.rs, src/wire/decode.rs) against botocore's own parsers.

Each test hands the same bytes to fastconverse's private hooks (``_decode_response``,
``_decode_event``, ``_decode_error``) and to botocore's ``RestJSONParser`` /
``EventStreamJSONParser``, driven as boto3 drives them (``Endpoint._add_modeled_error_fields``
for errors, ``EventStream._parse_event`` for events), and asserts identical dicts: same keys
in the same order, same types (1 is not 1.0 nor True), same values. Where botocore raises,
the hooks must raise ``ValueError``.
"""

from __future__ import annotations

import base64
import json
from typing import Any

import botocore.session
import pytest
from botocore import parsers
from botocore.awsrequest import HeadersDict
from botocore.endpoint import Endpoint
from botocore.eventstream import EventStream, EventStreamMessage
from botocore.exceptions import EventStreamError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fastconverse import _native

from .helpers import (
    SHAPES,
    Examples,
    assert_identical,
    is_union,
    member_pairs,
    path_to,
    reachable,
)

SERVICE = botocore.session.get_session().get_service_model("bedrock-runtime")
STREAM_SHAPE = SERVICE.operation_model("ConverseStream").output_shape.members["stream"]
RAISES = object()  # botocore raised


# --------------------------------------------------------------------------------------------
# botocore's side
# --------------------------------------------------------------------------------------------


def botocore_response(operation: str, body: bytes) -> Any:
    """boto3's response dict for a 200 with ``body``, without ResponseMetadata, or RAISES."""
    parser = parsers.RestJSONParser()
    output = SERVICE.operation_model(operation).output_shape
    try:
        parsed = parser.parse({"status_code": 200, "headers": HeadersDict(), "body": body}, output)
    except Exception:  # botocore's parser raises many kinds; all are "it failed"
        return RAISES
    parsed.pop("ResponseMetadata")
    return parsed


def botocore_error(status: int, headers: dict[str, str], body: bytes) -> Any:
    """boto3's ``ClientError.response`` for an error response, without ResponseMetadata."""
    parser = parsers.RestJSONParser()
    operation = SERVICE.operation_model("Converse")
    response = {"status_code": status, "headers": HeadersDict(headers), "body": body}
    try:
        parsed = parser.parse(response, operation.output_shape)
        # Endpoint._add_modeled_error_fields does not use `self`.
        Endpoint._add_modeled_error_fields(None, response, parsed, operation, parser)
        SERVICE.shape_for_error_code(parsed["Error"]["Code"])  # boto3 looks the code up
    except Exception:
        return RAISES
    parsed.pop("ResponseMetadata")
    return parsed


def botocore_event(headers: dict[str, str], payload: bytes) -> Any:
    """What boto3's EventStream makes of one message: the event it yields, None when it
    yields nothing, ``{"error": e.response}`` when it raises EventStreamError e, or RAISES."""
    message = EventStreamMessage(b"", headers, payload, 0)
    stream = EventStream(None, STREAM_SHAPE, parsers.EventStreamJSONParser(), "ConverseStream")
    try:
        parsed = stream._parse_event(message)
    except EventStreamError as e:
        return {"error": e.response}
    except Exception:
        return RAISES
    return parsed or None


# --------------------------------------------------------------------------------------------
# fastconverse's side and the comparison
# --------------------------------------------------------------------------------------------


def ours(call: Any, *args: Any) -> Any:
    try:
        return call(*args)
    except ValueError:
        return RAISES


def assert_same(actual: Any, expected: Any, where: str = "response") -> None:
    """Identical values: same types, dict keys in the same order, NaN equal to NaN."""
    assert_identical(actual, expected, where, ordered=True)


def compare(expected: Any, actual: Any, raises: bool | None, given: bytes, where: str) -> Any:
    """Ours against botocore's on the same input `given`: both raise, or both give the
    same value; `raises` (when set) says which botocore must do."""
    if raises is not None:
        assert (expected is RAISES) == raises, f"botocore gave {expected!r} for {given!r}"
    if expected is RAISES:
        assert actual is RAISES, f"botocore raises on {given!r}; we gave {actual!r}"
    else:
        assert actual is not RAISES, f"botocore gives {expected!r} for {given!r}; we raised"
        assert_same(actual, expected, where)
    return expected


def check_response(operation: str, body: bytes, *, raises: bool | None = None) -> Any:
    expected = botocore_response(operation, body)
    actual = ours(_native._decode_response, operation, body)
    return compare(expected, actual, raises, body, "response")


def check_event(headers: dict[str, str], payload: bytes, *, raises: bool | None = None) -> Any:
    expected = botocore_event(headers, payload)
    actual = ours(_native._decode_event, headers, payload)
    return compare(expected, actual, raises, payload, "event")


def check_error(status: int, headers: dict[str, str], body: bytes) -> Any:
    expected = botocore_error(status, headers, body)
    assert expected is not RAISES, f"botocore raises on {status} {headers} {body!r}"
    assert_same(_native._decode_error(status, headers, body), expected, "error")
    return expected


def event_headers(event_type: str) -> dict[str, str]:
    return {
        ":message-type": "event",
        ":event-type": event_type,
        ":content-type": "application/json",
    }


def wire(value: Any) -> Any:
    """An example value as it travels in JSON: bytes as base64."""
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    if isinstance(value, dict):
        return {k: wire(v) for k, v in value.items()}
    if isinstance(value, list):
        return [wire(v) for v in value]
    return value


def body_of(value: Any) -> bytes:
    return json.dumps(wire(value)).encode()


EXAMPLES = Examples()
OUTPUTS = {"Converse": "ConverseResponse", "CountTokens": "CountTokensResponse"}
EVENTS = {name: m["shape"] for name, m in SHAPES["ConverseStreamOutput"]["members"].items()}


# --------------------------------------------------------------------------------------------
# Every member of every output shape
# --------------------------------------------------------------------------------------------

RESPONSE_CASES = [
    (operation, shape, member)
    for operation, root in OUTPUTS.items()
    for shape, member in member_pairs(root)
]
EVENT_CASES = [
    (event, shape, member) for event, root in EVENTS.items() for shape, member in member_pairs(root)
]


@pytest.mark.parametrize(("operation", "shape", "member"), RESPONSE_CASES)
def test_every_response_member(operation: str, shape: str, member: str) -> None:
    value = EXAMPLES.reaching(OUTPUTS[operation], shape, member)
    expected = check_response(operation, body_of(value), raises=False)
    assert expected  # the member's path is in it: not an empty, vacuous comparison


@pytest.mark.parametrize(("event", "shape", "member"), EVENT_CASES)
def test_every_event_member(event: str, shape: str, member: str) -> None:
    value = EXAMPLES.reaching(EVENTS[event], shape, member)
    expected = check_event(event_headers(event), body_of(value), raises=False)
    assert expected is not None and event in expected


def test_the_cases_cover_the_model() -> None:
    assert len(RESPONSE_CASES) > 100 and len(EVENT_CASES) > 100
    assert {"ModelErrorException", "ModelStreamErrorException"} <= {
        e.name for e in SERVICE.error_shapes
    }


def sprinkle(shape: str, value: Any) -> Any:
    """``value`` with unknown keys added to every structure (null ones to unions)."""
    s = SHAPES[shape]
    if s["type"] == "structure" and not s.get("document") and isinstance(value, dict):
        out: dict[str, Any] = {"zzFuture": None if is_union(shape) else {"x": [1, 2]}}
        for key, item in value.items():
            member = s["members"].get(key)
            out[key] = sprinkle(member["shape"], item) if member else item
        out["aaFuture"] = None if is_union(shape) else "later"
        return out
    if s["type"] == "list" and isinstance(value, list):
        return [sprinkle(s["member"]["shape"], v) for v in value]
    if s["type"] == "map" and isinstance(value, dict):
        return {k: sprinkle(s["value"]["shape"], v) for k, v in value.items()}
    return value


@pytest.mark.parametrize(("operation", "shape", "member"), RESPONSE_CASES[::7])
def test_unknown_structure_members_are_dropped(operation: str, shape: str, member: str) -> None:
    value = EXAMPLES.reaching(OUTPUTS[operation], shape, member)
    check_response(operation, body_of(sprinkle(OUTPUTS[operation], value)), raises=False)


@pytest.mark.parametrize(("event", "shape", "member"), EVENT_CASES[::7])
def test_unknown_event_members_are_dropped(event: str, shape: str, member: str) -> None:
    value = EXAMPLES.reaching(EVENTS[event], shape, member)
    check_event(event_headers(event), body_of(sprinkle(EVENTS[event], value)), raises=False)


# --------------------------------------------------------------------------------------------
# Unions
# --------------------------------------------------------------------------------------------

UNIONS = [name for name in reachable("ConverseResponse") if is_union(name)]


@pytest.mark.parametrize("union", UNIONS)
@pytest.mark.parametrize(
    "node",
    [
        {"futureMember": {"x": 1}},
        {"__type": "com.amazon#Future", "futureMember": "x"},
        {"zzNull": None, "futureMember": [1]},
        {},
        {"__type": "x"},
        {"a": 1, "b": 2},
        [],
        "text",
    ],
    ids=["unknown", "type-first", "null-first", "empty", "only-type", "two", "list", "str"],
)
def test_unions_at_every_depth(union: str, node: Any) -> None:
    """Unknown members at every depth give SDK_UNKNOWN_MEMBER naming the first key as sent;
    not exactly one member set, or not an object, is an error as in botocore."""
    assert len(path_to("ConverseResponse", union)) >= 1
    value = EXAMPLES.wrap("ConverseResponse", union, node)
    check_response("Converse", json.dumps(value).encode())


@pytest.mark.parametrize("union", UNIONS)
def test_known_union_member_with_type_and_nulls(union: str) -> None:
    node = EXAMPLES.structure(union)
    (member,) = node
    node = {"__type": "x", "zz": None, **wire(node)}
    value = EXAMPLES.wrap("ConverseResponse", union, node)
    expected = check_response("Converse", json.dumps(value).encode(), raises=False)
    assert member in json.dumps(expected, default=repr)


def test_unknown_union_member_in_an_event() -> None:
    expected = check_event(
        event_headers("contentBlockDelta"),
        b'{"contentBlockIndex": 0, "delta": {"futureDelta": {"a": 1}}}',
        raises=False,
    )
    assert expected["contentBlockDelta"]["delta"] == {"SDK_UNKNOWN_MEMBER": {"name": "futureDelta"}}


# --------------------------------------------------------------------------------------------
# Events
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        {":message-type": "event", ":event-type": "futureEvent"},
        {":message-type": "event"},
        {":event-type": "futureEvent"},
        {},
    ],
)
def test_unknown_events_yield_nothing(headers: dict[str, str]) -> None:
    assert check_event(headers, b'{"a": 1}') is None


@pytest.mark.parametrize(
    "payload",
    [b"", b"not json", b"null", b"[]", b'"x"', b"5", b"\xff", b'{"role": null}', b"{}"],
)
def test_odd_event_payloads(payload: bytes) -> None:
    check_event(event_headers("messageStart"), payload)


def test_event_numbers_are_not_converted() -> None:
    """EventStreamJSONParser leaves numbers and booleans as they are (RestJSONParser does not)."""
    expected = check_event(
        event_headers("metadata"),
        b'{"usage": {"inputTokens": 1.5, "outputTokens": "2", "totalTokens": true},'
        b' "metrics": {"latencyMs": 1e400}}',
        raises=False,
    )
    assert expected["metadata"]["usage"]["inputTokens"] == 1.5


EXCEPTIONS = [name for name in EVENTS if name.endswith("Exception")]


@pytest.mark.parametrize("name", EXCEPTIONS)
@pytest.mark.parametrize("message_type", ["exception", "error"])
def test_exception_events(name: str, message_type: str) -> None:
    payload = {
        "message": "boom ✓",
        "originalStatusCode": 500,
        "originalMessage": "inner",
        "Message": "ignored unless modelled",
        "x": 1,
    }
    headers = {":message-type": message_type, ":exception-type": name}
    expected = check_event(headers, json.dumps(payload).encode(), raises=False)
    assert expected == {"error": {"Error": {"Code": name, "Message": "boom ✓"}}}


@pytest.mark.parametrize(
    ("headers", "payload"),
    [
        ({":message-type": "error", ":error-code": "InternalFailure", ":error-message": "m"}, b""),
        ({":message-type": "error"}, b"{}"),
        ({":message-type": "exception", ":exception-type": "futureException"}, b'{"message": "x"}'),
        ({":message-type": "exception", ":exception-type": "messageStart"}, b'{"role": "user"}'),
        ({":message-type": "exception", ":exception-type": "throttlingException"}, b"not json"),
        ({":message-type": "exception", ":exception-type": "throttlingException"}, b""),
        ({":message-type": "exception", ":exception-type": "throttlingException"}, b"null"),
        (
            {":message-type": "exception", ":exception-type": "throttlingException"},
            b'{"message": 5}',
        ),
        ({":message-type": "exception", ":exception-type": "throttlingException"}, b"[1]"),
    ],
)
def test_odd_exception_events(headers: dict[str, str], payload: bytes) -> None:
    check_event(headers, payload)


# --------------------------------------------------------------------------------------------
# JSON: nulls, repeated keys, numbers, strings
# --------------------------------------------------------------------------------------------

CONVERSE = (
    b'{"output": {"message": {"role": "assistant", "content": [%s]}}, "stopReason": "end_turn"}'
)


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"  ",
        b"not json",
        b"<html>",
        b"null",
        b"[]",
        b'"x"',
        b"\xff\xfe",
        b"{}",
        b'{"output": null, "stopReason": null, "usage": {"inputTokens": null}}',
        CONVERSE % b'null, {"text": "a"}, null',
        b'{"stopReason": "a", "stopReason": "b", '
        b'"output": {"message": {"role": "x", "role": "y"}}}',
        b'{"usage": {"inputTokens": 1, "outputTokens": 2, "inputTokens": 3}}',
        b'{"additionalModelResponseFields": {"b": 1, "a": 2, "b": 3}}',
        b'{"additionalModelResponseFields": '
        b"[18446744073709551616, -18446744073709551617, -0, 0.0]}",
        b'{"additionalModelResponseFields": '
        b"[1.0, 1e400, -1e400, NaN, Infinity, -Infinity, 1e-400]}",
        b'{"additionalModelResponseFields": ["\\u00e9\\ud83d\\ude00\\n\\t\\"\\\\\\/", "\\u0000"]}',
        b'{"additionalModelResponseFields": null}',
        b'{"additionalModelResponseFields": "%s"}' % ("x" * 100).encode(),
        b'{"usage": {"inputTokens": 36893488147419103232, "outputTokens": -2, "totalTokens": 1.9}}',
        b'{"usage": {"inputTokens": "12", "outputTokens": " -7 ", "totalTokens": true}}',
        b'{"usage": {"inputTokens": 1e300}}',
        b'{"usage": {"inputTokens": 1e400}}',
        b'{"usage": {"inputTokens": NaN}}',
        b'{"usage": {"inputTokens": [1]}}',
        b'{"usage": {"inputTokens": "1.5"}}',
        b'{"usage": {"inputTokens": "1_000"}}',
        b'{"metrics": {"latencyMs": 2.5}}',
        b'{"stopReason": 5, "output": {"message": {"role": [1], "content": []}}}',
        b'{"output": {"message": {"content": {"a": 1}}}}',
        b'{"output": {"message": {"content": {}}}}',
        b'{"output": {"message": {"content": ""}}}',
        b'{"output": {"message": {"content": 5}}}',
        b'{"output": []}',
        b'{"output": "x"}',
        b'{"output": 5}',
        b"[" * 2000 + b"]" * 2000,
        b'{"usage": ' + b"[" * 2000 + b"]" * 2000 + b"}",
        b"1" * 4301,
        b'{"additionalModelResponseFields": ' + b"1" * 4301 + b"}",
        b'{"additionalModelResponseFields": -' + b"1" * 4300 + b"}",
    ],
)
def test_bodies(body: bytes) -> None:
    check_response("Converse", body)


@pytest.mark.parametrize(
    "inner",
    [b'"inputTokens": 5', b'"inputTokens": 5.5', b'"inputTokens": "5"', b'"inputTokens": false'],
)
def test_count_tokens(inner: bytes) -> None:
    check_response("CountTokens", b"{" + inner + b"}", raises=False)


def test_lone_surrogate_becomes_replacement_character() -> None:
    """The one documented difference: Python keeps a lone surrogate, a Rust string cannot."""
    body = b'{"stopReason": "a\\ud800b"}'
    assert botocore_response("Converse", body) == {"stopReason": "a\ud800b"}
    assert _native._decode_response("Converse", body) == {"stopReason": "a\ufffdb"}


def test_guardrail_maps_with_null_values() -> None:
    """Map values are decoded by their shape, nulls included (None for a structure, an error
    for a list): here the trace's assessment maps."""
    base = b'{"trace": {"guardrail": {"inputAssessment": {"g1": %s}}}}'
    check_response("Converse", base % b"null", raises=False)
    check_response("Converse", base % b'{"topicPolicy": null}', raises=False)
    outputs = b'{"trace": {"guardrail": {"outputAssessments": {"g1": %s}}}}'
    check_response("Converse", outputs % b"null", raises=True)
    check_response("Converse", outputs % b"[null, {}]", raises=False)


# --------------------------------------------------------------------------------------------
# Blobs
# --------------------------------------------------------------------------------------------

IMAGE = (
    b'{"output": {"message": {"role": "assistant", "content": '
    b'[{"image": {"format": "png", "source": {"bytes": %s}}}]}}}'
)


@pytest.mark.parametrize(
    "text",
    [
        "YQ==",
        "YQ=",
        "YQ",
        "YQ===",
        "Y",
        "YWJj",
        "=YQ==",
        "YQ==YQ==",
        "Y Q = =",
        "YW=Jj",
        "YWI=Yw",
        "YQ=!=",
        "",
        "AAH/",
        "AAH_",
        "-_-_",
        "YWJjZA\n==",
        "abé",
    ],
)
def test_blob_padding(text: str) -> None:
    check_response("Converse", IMAGE % json.dumps(text).encode())


@pytest.mark.parametrize("raw", [b"null", b"5", b"[]", b"{}", b"true"])
def test_blob_of_the_wrong_type(raw: bytes) -> None:
    check_response("Converse", IMAGE % raw)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text(alphabet="AQYWJjZ+/=_- \n!é0", max_size=14))
def test_blob_any_text(text: str) -> None:
    check_response("Converse", IMAGE % json.dumps(text).encode())


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=40))
def test_blob_round_trip(data: bytes) -> None:
    body = IMAGE % json.dumps(base64.b64encode(data).decode()).encode()
    check_response("Converse", body, raises=False)


# --------------------------------------------------------------------------------------------
# Numbers as RestJSONParser converts them
# --------------------------------------------------------------------------------------------

ASCII_NUMBERISH = st.text(alphabet="0123456789_+-.eE nainfINF\t", max_size=12)


@settings(max_examples=400, deadline=None)
@given(
    st.one_of(
        st.integers(),
        st.floats(),
        st.booleans(),
        ASCII_NUMBERISH,
        st.sampled_from(["\u3000 12\x1c", "\xa012", "1\u2028", "infinity", "-iNf", "+nan"]),
    )
)
def test_integer_and_float_members(value: Any) -> None:
    """``int()`` for integer and long members, ``float()`` for double ones (Converse's
    ``ConverseMetrics.latencyMs`` is a long; guardrail coverage and scores hold floats)."""
    raw = json.dumps(value)
    check_response("CountTokens", b'{"inputTokens": %s}' % raw.encode())
    check_response("Converse", b'{"metrics": {"latencyMs": %s}}' % raw.encode())
    guard = (
        b'{"trace": {"guardrail": {"inputAssessment": {"g": {"contextualGroundingPolicy": '
        b'{"filters": [{"type": "GROUNDING", "threshold": %s, '
        b'"score": 0.5, "action": "NONE"}]}}}}}}'
    )
    check_response("Converse", guard % raw.encode())


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.booleans(), st.text(alphabet="truefalsTRUE ", max_size=6), st.integers()))
def test_boolean_members(value: Any) -> None:
    raw = json.dumps(value).encode()
    check_response("Converse", b'{"trace": {"guardrail": {"actionReason": "x"}}, "zz": %s}' % raw)
    body = (
        b'{"trace": {"guardrail": {"inputAssessment": {"g": {"invocationMetrics": '
        b'{"guardrailCoverage": {"textCharacters": {"guarded": 1}}}, '
        b'"automatedReasoningPolicy": {"findings": [{"valid": {"supportingRules": [], '
        b'"claimsTrueScenario": {"statements": []}, "logicWarning": null, "translation": '
        b'{"confidence": 0.5, "untranslatedPremises": [], "claims": [], "premises": [], '
        b'"untranslatedClaims": []}}}]}}}}}, "additionalModelResponseFields": %s}' % raw
    )
    check_response("Converse", body)


def test_a_boolean_member_converts() -> None:
    booleans = [
        (shape, name)
        for shape in reachable("ConverseResponse")
        if SHAPES[shape]["type"] == "structure"
        for name, m in SHAPES[shape].get("members", {}).items()
        if SHAPES[m["shape"]]["type"] == "boolean"
    ]
    assert booleans, "no boolean member in ConverseResponse"
    for shape, name in booleans[:5]:
        for raw in ["true", '"TRUE"', '"yes"', "1", "[]", "null"]:
            value = EXAMPLES.reaching("ConverseResponse", shape, name)
            text = json.dumps(wire(value)).replace("true", raw, 1)
            check_response("Converse", text.encode())


# --------------------------------------------------------------------------------------------
# JSON documents, any shape
# --------------------------------------------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=4), children, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(JSON_VALUES)
def test_documents_pass_through(document: Any) -> None:
    body = json.dumps({"additionalModelResponseFields": document, "stopReason": "x"})
    check_response("Converse", body.encode(), raises=False)


@settings(max_examples=300, deadline=None)
@given(JSON_VALUES)
def test_any_json_anywhere(value: Any) -> None:
    """Any JSON value in any member's place: the same dict, or both raise."""
    for member in ["output", "usage", "stopReason", "trace", "metrics", "performanceConfig"]:
        check_response("Converse", json.dumps({member: value}).encode())
    check_event(event_headers("contentBlockDelta"), json.dumps({"delta": value}).encode())
    check_event(event_headers("contentBlockStart"), json.dumps({"start": value}).encode())


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=30) | st.text(max_size=30).map(str.encode))
def test_any_bytes_as_a_body(body: bytes) -> None:
    check_response("Converse", body)
    check_event(event_headers("messageStop"), body)


# --------------------------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------------------------

ERROR_SHAPES = sorted(e.name for e in SERVICE.error_shapes)


@pytest.mark.parametrize("code", ERROR_SHAPES)
@pytest.mark.parametrize("where", ["header", "type", "type-namespaced", "code"])
def test_modelled_errors_with_all_members(code: str, where: str) -> None:
    shape = SERVICE.shape_for(code)
    body: dict[str, Any] = {"Message": "ignored", "zz": 1}
    for name, member in shape.members.items():
        body[name] = 503 if member.type_name == "integer" else f"{name} ✓"
    headers = {}
    if where == "header":
        headers["X-Amzn-ErrorType"] = f"{code}:http://internal.amazon.com/coral/com.amazon.bedrock/"
    elif where == "type":
        body["__type"] = code
    elif where == "type-namespaced":
        body["__type"] = f"com.amazon.bedrock#{code}"
    else:
        body["code"] = code
    status = shape.metadata["error"]["httpStatusCode"]
    expected = check_error(status, headers, json.dumps(body).encode())
    assert expected["Error"]["Code"] == code
    assert list(expected)[1:] == list(shape.members)


@pytest.mark.parametrize(
    ("status", "headers", "body"),
    [
        (502, {}, b"<html><body><h1>502 Bad Gateway</h1></body></html>"),
        (503, {}, b"  \n<html>x"),
        (504, {"x-amzn-errortype": "ThrottlingException"}, b""),
        (500, {}, b""),
        (500, {}, b" \x0b\x0c "),
        (599, {}, b""),
        (502, {}, b"<HTML>upper case is not generic</HTML>"),
        (400, {}, b"<html>4xx is not generic</html>"),
        (400, {}, b"not json"),
        (400, {}, b""),
        (400, {"x-amzn-errortype": "ValidationException"}, b"not json"),
        (424, {"x-amzn-errortype": "ModelErrorException"}, b'{"originalStatusCode": "42"}'),
        (424, {"x-amzn-errortype": "ModelErrorException"}, b'{"originalStatusCode": 4.2}'),
        (429, {"x-amzn-errortype": "ThrottlingException:http://x#y"}, b'{"message": "slow"}'),
        (429, {"x-amzn-errortype": ""}, b'{"message": "slow"}'),
        (400, {}, b'{"__type": "a.b#c#ValidationException", "message": "m"}'),
        (400, {}, b'{"__type": "ns#ValidationException:extra#x"}'),
        (400, {}, b'{"__type": null, "message": "m"}'),
        (400, {}, b'{"__type": "FutureException", "message": "m"}'),
        (400, {}, b'{"code": "ValidationException", "__type": "Other"}'),
        (400, {}, b'{"Code": "ns#ValidationException"}'),
        (400, {}, b'{"code": null, "Code": "X"}'),
        (400, {}, b'{"code": 5}'),
        (400, {}, b'{"code": 1.5, "message": null}'),
        (400, {}, b'{"message": 5, "Message": "M"}'),
        (400, {}, b'{"Message": "only capital"}'),
        (400, {}, b'{"message": {"nested": [1]}}'),
        (409, {}, b'{"__type": "ConflictException", "message": "c"}'),
        (418, {}, b'{"message": "teapot"}'),
        (400, {"x-amzn-query-error": "AWS.Quota;Sender"}, b'{"__type": "ns#ValidationException"}'),
        (400, {"x-amzn-query-error": "AWS.Quota"}, b'{"__type": "ValidationException"}'),
        (400, {"x-amzn-query-error": ";Sender"}, b"{}"),
        (400, {"x-amzn-query-error": "Q;S", "x-amzn-errortype": "ThrottlingException"}, b"{}"),
        (400, {}, b'{"a": 1, "a": 2, "message": "first", "message": "last"}'),
        (400, {}, b'{"message": "\\u00e9\\ud83d\\ude00"}'),
    ],
)
def test_error_responses(status: int, headers: dict[str, str], body: bytes) -> None:
    check_error(status, headers, body)


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from([400, 403, 404, 408, 424, 429, 500, 502, 503]),
    st.one_of(
        st.text(max_size=20).map(str.encode),
        st.dictionaries(
            st.sampled_from(
                [
                    "message",
                    "Message",
                    "__type",
                    "code",
                    "Code",
                    "originalStatusCode",
                    "resourceName",
                    "x",
                ]
            ),
            st.none() | st.text(max_size=10) | st.integers() | st.sampled_from(ERROR_SHAPES),
            max_size=5,
        ).map(lambda d: json.dumps(d).encode()),
    ),
    st.sampled_from(
        [{}, {"x-amzn-errortype": "ModelErrorException:x"}, {"x-amzn-errortype": "Nope"}]
    ),
)
def test_any_error_response(status: int, body: bytes, headers: dict[str, str]) -> None:
    expected = botocore_error(status, headers, body)
    if expected is RAISES:  # botocore itself fails; _decode_error must not
        _native._decode_error(status, headers, body)
        return
    assert_same(_native._decode_error(status, headers, body), expected, "error")


@pytest.mark.parametrize(
    ("status", "body", "error"),
    [
        (400, b"[1]", {"Message": "[1]", "Code": "400"}),
        (400, b"null", {"Message": "null", "Code": "400"}),
        (400, b'{"__type": 5}', {"Message": "", "Code": "400"}),
        (400, b'{"code": ["x"]}', {"Message": "", "Code": "400"}),
        (400, b"\xff", {"Message": "\ufffd", "Code": "400"}),
    ],
)
def test_errors_where_botocore_raises(status: int, body: bytes, error: dict[str, str]) -> None:
    """botocore raises on these (AttributeError, TypeError, UnicodeDecodeError); the decoder
    never fails and reads them as documented in decode::error."""
    assert botocore_error(status, {}, body) is RAISES
    assert _native._decode_error(status, {}, body) == {"Error": error}
