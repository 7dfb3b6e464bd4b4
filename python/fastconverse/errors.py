"""The exceptions of fastconverse: one base class, a subclass per Bedrock error code.

Service errors carry what boto3's ``ClientError`` carries (``response`` with ``Error`` and
``ResponseMetadata``) plus ``code``, ``message``, ``status_code`` and ``request_id`` as
attributes. Every exception pickles and unpickles with its attributes intact.
"""

from __future__ import annotations

from typing import Any


class BedrockError(Exception):
    """Base class of every error fastconverse raises.

    Attributes:
        code: the Bedrock error code (``"ThrottlingException"``), or the client-side kind.
        message: the message, as the service or the client gave it.
        status_code: the HTTP status of the response, or None for client-side errors.
        request_id: the ``x-amzn-RequestId`` of the response, or None.
        response: boto3's error dict: ``{"Error": {"Code", "Message"}, "ResponseMetadata": ...}``.
        operation_name: the operation that failed (``"Converse"``), when known.
    """

    default_code = "BedrockError"

    def __init__(
        self,
        message: str = "",
        *,
        code: str | None = None,
        status_code: int | None = None,
        request_id: str | None = None,
        response: dict[str, Any] | None = None,
        operation_name: str | None = None,
    ) -> None:
        self.message = message
        self.code = code if code is not None else self.default_code
        self.status_code = status_code
        self.request_id = request_id
        self.response: dict[str, Any] = (
            response if response is not None else {"Error": {"Code": self.code, "Message": message}}
        )
        self.operation_name = operation_name
        super().__init__(self._text())

    def _text(self) -> str:
        if self.operation_name is not None:
            return (
                f"An error occurred ({self.code}) when calling the {self.operation_name} "
                f"operation: {self.message}"
            )
        return self.message

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.message,), self.__dict__.copy())

    def __setstate__(self, state: dict[str, Any] | None) -> None:
        self.__dict__.update(state or {})
        self.args = (self._text(),)


class ServiceError(BedrockError):
    """An error answered by Bedrock whose code has no class of its own."""


class ThrottlingException(ServiceError):
    """Too many requests: slow down and retry (HTTP 429)."""

    default_code = "ThrottlingException"


class ValidationException(ServiceError):
    """The request does not satisfy Bedrock's constraints (HTTP 400)."""

    default_code = "ValidationException"


class AccessDeniedException(ServiceError):
    """The caller may not use this model or operation (HTTP 403)."""

    default_code = "AccessDeniedException"


class ResourceNotFoundException(ServiceError):
    """The model or resource does not exist (HTTP 404)."""

    default_code = "ResourceNotFoundException"


class ModelTimeoutException(ServiceError):
    """The model took too long to answer (HTTP 408)."""

    default_code = "ModelTimeoutException"


class ModelNotReadyException(ServiceError):
    """The model is not ready to serve yet; retry later (HTTP 429)."""

    default_code = "ModelNotReadyException"


class ModelErrorException(ServiceError):
    """The model failed while processing the request (HTTP 424)."""

    default_code = "ModelErrorException"


class ModelStreamErrorException(ServiceError):
    """The model failed in the middle of a stream."""

    default_code = "ModelStreamErrorException"


class ServiceUnavailableException(ServiceError):
    """The service is unavailable; retry later (HTTP 503)."""

    default_code = "ServiceUnavailableException"


class InternalServerException(ServiceError):
    """Bedrock failed internally; retry (HTTP 500)."""

    default_code = "InternalServerException"


class ServiceQuotaExceededException(ServiceError):
    """A service quota was exceeded (HTTP 400)."""

    default_code = "ServiceQuotaExceededException"


SERVICE_ERRORS: dict[str, type[ServiceError]] = {
    cls.__name__: cls
    for cls in (
        ThrottlingException,
        ValidationException,
        AccessDeniedException,
        ResourceNotFoundException,
        ModelTimeoutException,
        ModelNotReadyException,
        ModelErrorException,
        ModelStreamErrorException,
        ServiceUnavailableException,
        InternalServerException,
        ServiceQuotaExceededException,
    )
}


def error_class_for(code: str) -> type[ServiceError]:
    """The class raised for a Bedrock error code (``ServiceError`` for codes without one).

    An exception event in the middle of a stream has its event's name as its code, as boto3
    reports it (``throttlingException``): it is raised as the class of the same error
    outside a stream (``ThrottlingException``).
    """
    found = SERVICE_ERRORS.get(code) or SERVICE_ERRORS.get(code[:1].upper() + code[1:])
    return found or ServiceError


class ParamValidationError(BedrockError, ValueError):
    """The request is malformed (wrong type, missing or unknown member); nothing was sent.

    ``path`` names the field, e.g. ``messages[0].content[1].image.source.bytes``.
    """

    default_code = "ParamValidationError"

    def __init__(self, message: str = "", *, path: str = "", **kwargs: Any) -> None:
        self.path = path
        super().__init__(message, **kwargs)

    def _text(self) -> str:
        return f"Parameter validation failed:\n{self.message}"


class ClientConfigError(BedrockError, ValueError):
    """The client's configuration is inconsistent."""

    default_code = "ClientConfigError"


class NoCredentialsError(BedrockError):
    """No AWS credentials or Bedrock API key could be found."""

    default_code = "NoCredentialsError"


class NoRegionError(BedrockError):
    """No AWS region is configured (pass ``region_name`` or set ``AWS_REGION``)."""

    default_code = "NoRegionError"


class EndpointConnectionError(BedrockError, ConnectionError):
    """The endpoint could not be reached, or the connection broke."""

    default_code = "EndpointConnectionError"


class RequestTimeoutError(BedrockError, TimeoutError):
    """A connect or read timeout expired."""

    default_code = "RequestTimeoutError"


class InvalidResponseError(BedrockError):
    """A response arrived that could not be read."""

    default_code = "InvalidResponseError"


class InternalError(BedrockError):
    """A bug in fastconverse (a Rust panic, caught); please report it."""

    default_code = "InternalError"


class IncompleteStreamError(BedrockError):
    """A ConverseStream response ended before its answer was complete.

    Raised when the stream ends without ``messageStop`` and ``metadata``, when its
    connection drops, when a frame fails its checksum, and when the stream is read after
    it was closed early. ``events`` holds the event dicts received before that which the
    caller's loop had not taken yet, in order (a stream keeps no event its loop took).
    """

    default_code = "IncompleteStreamError"

    def __init__(
        self, message: str = "", *, events: list[dict[str, Any]] | None = None, **kwargs: Any
    ) -> None:
        self.events: list[dict[str, Any]] = events if events is not None else []
        super().__init__(message, **kwargs)


class UnsupportedFeatureError(BedrockError, ValueError):
    """The request uses a feature its model does not support, per ``fastconverse.models``;
    nothing was sent (``ChatClient(preflight="error")``).

    ``problems`` lists them (``fastconverse.models.Problem``: feature, path, model, message).
    """

    default_code = "UnsupportedFeatureError"

    def __init__(
        self, message: str = "", *, problems: list[Any] | None = None, **kwargs: Any
    ) -> None:
        self.problems: list[Any] = problems if problems is not None else []
        super().__init__(message, **kwargs)


class UnsupportedSchemaError(BedrockError, ValueError):
    """A structured-output schema that Bedrock does not take (a recursive ``$ref``, a
    ``not``, a free-form ``additionalProperties``, ...); nothing was sent.

    ``path`` names the place in the schema (``properties.items.items``).
    """

    default_code = "UnsupportedSchemaError"

    def __init__(self, message: str = "", *, path: str = "", **kwargs: Any) -> None:
        self.path = path
        super().__init__(message, **kwargs)


class StructuredOutputError(BedrockError):
    """The model's reply to a structured-output call does not validate against the schema
    (after any repair rounds).

    Attributes:
        raw_text: the reply's JSON text (a forced tool call's input, serialized), or the
            text it gave instead.
        errors: the validation errors, each ``"path: message"`` (``"age: not an integer"``).
        response: the last response dict, as ``converse`` returns it.
    """

    default_code = "StructuredOutputError"

    def __init__(
        self,
        message: str = "",
        *,
        raw_text: str = "",
        errors: list[str] | None = None,
        response: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        self.raw_text = raw_text
        self.errors: list[str] = errors if errors is not None else []
        super().__init__(message, **kwargs)
        # The reply, not an error dict: what the caller inspects to see what went wrong.
        self.response = response if response is not None else {}


class PreflightWarning(UserWarning):
    """A request uses a feature its model may not support (``ChatClient(preflight="warn")``).

    ``problems`` lists them (``fastconverse.models.Problem``); the request is still sent,
    since Bedrock may support more than the catalog knows.
    """

    def __init__(self, message: str = "", problems: list[Any] | None = None) -> None:
        super().__init__(message)
        self.problems: list[Any] = problems if problems is not None else []


class _Exceptions:
    """boto3's ``client.exceptions``: every class by name, ``ClientError`` as the base."""

    ClientError = BedrockError
    BedrockError = BedrockError
    ServiceError = ServiceError
    ThrottlingException = ThrottlingException
    ValidationException = ValidationException
    AccessDeniedException = AccessDeniedException
    ResourceNotFoundException = ResourceNotFoundException
    ModelTimeoutException = ModelTimeoutException
    ModelNotReadyException = ModelNotReadyException
    ModelErrorException = ModelErrorException
    ModelStreamErrorException = ModelStreamErrorException
    ServiceUnavailableException = ServiceUnavailableException
    InternalServerException = InternalServerException
    ServiceQuotaExceededException = ServiceQuotaExceededException
    IncompleteStreamError = IncompleteStreamError
    StructuredOutputError = StructuredOutputError


exceptions = _Exceptions()

__all__ = [
    "SERVICE_ERRORS",
    "AccessDeniedException",
    "BedrockError",
    "ClientConfigError",
    "EndpointConnectionError",
    "IncompleteStreamError",
    "InternalError",
    "InternalServerException",
    "InvalidResponseError",
    "ModelErrorException",
    "ModelNotReadyException",
    "ModelStreamErrorException",
    "ModelTimeoutException",
    "NoCredentialsError",
    "NoRegionError",
    "ParamValidationError",
    "PreflightWarning",
    "RequestTimeoutError",
    "ResourceNotFoundException",
    "ServiceError",
    "ServiceQuotaExceededException",
    "ServiceUnavailableException",
    "StructuredOutputError",
    "ThrottlingException",
    "UnsupportedFeatureError",
    "UnsupportedSchemaError",
    "ValidationException",
    "error_class_for",
    "exceptions",
]
