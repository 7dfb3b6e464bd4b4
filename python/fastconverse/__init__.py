"""fastconverse: a fast client for the Amazon Bedrock Converse API, with a Rust core.

Requests and responses are boto3's dicts; calls come sync and async; LocalBedrock is an
embedded Bedrock Runtime server for tests, notebooks and demos. ``fastconverse.models``
says which model supports which Converse feature (``check_request``), and ``compare``
runs the same requests across models.
"""

from __future__ import annotations

from fastconverse import models
from fastconverse._compare import Comparison, compare
from fastconverse._native import AsyncConverseStream, ChatClient, ConverseStream
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
from fastconverse.models import Problem, check_request
from fastconverse.testing import LocalBedrock

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
    "ThrottlingException",
    "UnsupportedFeatureError",
    "ValidationException",
    "__version__",
    "check_request",
    "compare",
    "models",
]
