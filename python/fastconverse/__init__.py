"""fastconverse: a fast client for the Amazon Bedrock Converse API, with a Rust core.

Requests and responses are boto3's dicts; calls come sync and async; LocalBedrock is an
embedded Bedrock Runtime server for tests, notebooks and demos.
"""

from __future__ import annotations

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
    RequestTimeoutError,
    ResourceNotFoundException,
    ServiceError,
    ServiceQuotaExceededException,
    ServiceUnavailableException,
    ThrottlingException,
    ValidationException,
)
from fastconverse.testing import LocalBedrock

__version__ = "0.1.0"

__all__ = [
    "AccessDeniedException",
    "AsyncConverseStream",
    "BedrockError",
    "ChatClient",
    "ClientConfigError",
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
    "RequestTimeoutError",
    "ResourceNotFoundException",
    "ServiceError",
    "ServiceQuotaExceededException",
    "ServiceUnavailableException",
    "ThrottlingException",
    "ValidationException",
    "__version__",
]
