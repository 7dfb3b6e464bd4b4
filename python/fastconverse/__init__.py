"""fastconverse: a fast client for the Amazon Bedrock Converse API, with a Rust core.

Requests and responses are boto3's dicts; calls come sync and async; LocalBedrock is an
embedded Bedrock Runtime server for tests, notebooks and demos. ``fastconverse.models``
says which model supports which Converse feature (``check_request``), and ``compare``
runs the same requests across models.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from fastconverse import _native, errors
from fastconverse._client import AsyncConverseStream, ChatClient
from fastconverse._native import ConverseStream
from fastconverse.errors import (
    AccessDeniedException,
    BedrockError,
    ClientConfigError,
    EndpointConnectionError,
    IncompleteStreamError,
    InternalError,
    InternalServerException,
    InvalidResponseError,
    ModelErrorException,
    ModelNotReadyException,
    ModelStreamErrorException,
    ModelTimeoutException,
    NoCredentialsError,
    NoRegionError,
    ParamValidationError,
    PreflightWarning,
    RequestTimeoutError,
    ResourceNotFoundException,
    ServiceError,
    ServiceQuotaExceededException,
    ServiceUnavailableException,
    ThrottlingException,
    UnsupportedFeatureError,
    ValidationException,
)
from fastconverse.testing import LocalBedrock

# The native module raises these classes; it is handed them here, once, and never
# imports the package itself.
_native._install_errors(errors)

if TYPE_CHECKING:
    from fastconverse import models
    from fastconverse._compare import Comparison, compare
    from fastconverse._structured import Structured
    from fastconverse.errors import StructuredOutputError, UnsupportedSchemaError
    from fastconverse.models import Problem, check_request
    from fastconverse.otel import instrument, uninstrument

# Loaded on first use: the model table and its JSON cost more to import than the whole
# client does (python -X importtime), and most programs never touch them.
_LAZY = {
    "models": ("fastconverse.models", None),
    "Problem": ("fastconverse.models", "Problem"),
    "check_request": ("fastconverse.models", "check_request"),
    "Comparison": ("fastconverse._compare", "Comparison"),
    "compare": ("fastconverse._compare", "compare"),
    # OpenTelemetry is an optional extra: imported only when tracing is switched on.
    "instrument": ("fastconverse.otel", "instrument"),
    "uninstrument": ("fastconverse.otel", "uninstrument"),
    "Structured": ("fastconverse._structured", "Structured"),
    "StructuredOutputError": ("fastconverse.errors", "StructuredOutputError"),
    "UnsupportedSchemaError": ("fastconverse.errors", "UnsupportedSchemaError"),
}


def __getattr__(name: str) -> Any:
    """Imports the lazily loaded names (``models``, ``check_request``, ``compare``...)."""
    try:
        module_name, attribute = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'fastconverse' has no attribute {name!r}") from None
    module = importlib.import_module(module_name)
    value = module if attribute is None else getattr(module, attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public API (``__all__``, the lazily loaded names included) and the module's dunders.

    Helpers imported for the package's own use (typing's, importlib) and private modules
    stay out, so completion in a notebook offers only what is meant to be used.
    """
    return sorted(set(__all__) | {name for name in globals() if name[:2] == name[-2:] == "__"})


__version__ = "0.1.0"

__all__ = [
    "AccessDeniedException",
    "AsyncConverseStream",
    "BedrockError",
    "ChatClient",
    "ClientConfigError",
    "Comparison",
    "ConverseStream",
    "EndpointConnectionError",
    "IncompleteStreamError",
    "InternalError",
    "InternalServerException",
    "InvalidResponseError",
    "LocalBedrock",
    "ModelErrorException",
    "ModelNotReadyException",
    "ModelStreamErrorException",
    "ModelTimeoutException",
    "NoCredentialsError",
    "NoRegionError",
    "ParamValidationError",
    "PreflightWarning",
    "Problem",
    "RequestTimeoutError",
    "ResourceNotFoundException",
    "ServiceError",
    "ServiceQuotaExceededException",
    "ServiceUnavailableException",
    "Structured",
    "StructuredOutputError",
    "ThrottlingException",
    "UnsupportedFeatureError",
    "UnsupportedSchemaError",
    "ValidationException",
    "__version__",
    "check_request",
    "compare",
    "errors",
    "instrument",
    "models",
    "testing",
    "uninstrument",
]
