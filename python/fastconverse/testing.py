"""Testing helpers: ``LocalBedrock``, an embedded Bedrock Runtime server.

``LocalBedrock`` runs a real HTTP server on a loopback port that speaks the Bedrock
Runtime wire protocol, so that fastconverse, boto3 and any AWS SDK can be pointed at it
with ``endpoint_url``. It checks SigV4 signatures against its own credentials, validates
requests as Bedrock does, answers with scripted replies and errors in order, and falls
back to a deterministic echo model::

    from fastconverse.testing import LocalBedrock

    with LocalBedrock() as server:
        client = server.client()
        server.queue_error("ThrottlingException", "Slow down")
        ...
        assert server.requests[0]["json"]["messages"][0]["role"] == "user"
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from fastconverse import _native

if TYPE_CHECKING:
    from fastconverse import ChatClient

__all__ = ["LocalBedrock"]


class LocalBedrock(_native.LocalBedrock):
    """An embedded Bedrock Runtime server on a local port, for tests, notebooks and demos.

    Keywords: ``host`` (``"127.0.0.1"``), ``port`` (0: a free port), ``region``
    (``"us-east-1"``), ``aws_access_key_id`` and ``aws_secret_access_key`` (both
    ``"testing"``), ``aws_session_token`` (a session token signed requests must carry; by
    default none, and a request carrying one is refused, as Bedrock refuses a token it
    does not know), ``bearer_token`` (an API key also accepted, or None), ``latency``
    (seconds before each answer) and ``max_concurrency`` (requests answered at once;
    beyond it, ``ThrottlingException``). The server starts at construction; use it as a
    context manager, or call ``stop()``.

    ``catalog=True`` makes it answer like each model would, per ``fastconverse.models``: a
    request using a feature the model lacks gets the ``ValidationException`` Bedrock sends
    for it, and echo replies stop at the model's output limit (``stopReason``
    ``"max_tokens"``); unknown model ids keep the permissive echo model.
    ``model_latency={"model-id": seconds}`` and ``model_max_concurrency={"model-id": n}``
    give one model its own delay and its own limit of requests at once (beyond it,
    ``ThrottlingException`` for that model only, as Bedrock's per-model quotas do).
    ``requests`` keeps the latest ``request_log_limit`` requests (10,000; 0 keeps none),
    so that a long-running server does not grow without end; ``stats()`` counts all.
    Secrets are not kept: a bearer token is logged as ``Bearer ***``, a session token as
    ``***``.

    Faults, taken in order with queued replies and errors: ``queue_error`` (Bedrock's
    error answers), ``queue_raw`` (any status, headers and body, such as a proxy's HTML
    502), ``queue_fault`` (connection resets and stalls) and ``queue_stream(...,
    fault=...)`` (broken event streams).

    Starting a server raises the process's soft open-file limit toward the hard limit
    (at most 65,536; Unix only), as servers commonly do: each in-process call holds two
    descriptors. Should descriptors still run out, the server closes idle connections
    to free them rather than stop accepting.
    """

    def client(self, **overrides: Any) -> ChatClient:
        """A ``fastconverse.ChatClient`` pointed at this server with its credentials.

        Keywords override the defaults (``endpoint_url``, ``region_name``,
        ``aws_access_key_id``, ``aws_secret_access_key``, and ``aws_session_token`` when
        the server has one) or add others, such as ``max_attempts``.
        """
        from fastconverse import ChatClient

        # Test credentials, not secrets: the client stays usable in worker processes.
        options = {**self._credentials(), "pickle_credentials": True, **overrides}
        return ChatClient(**options)

    def _credentials(self) -> dict[str, Any]:
        """The endpoint, region and credentials a client needs, as keyword arguments."""
        options: dict[str, Any] = {
            "endpoint_url": self.endpoint_url,
            "region_name": self.region,
            "aws_access_key_id": self.aws_access_key_id,
            "aws_secret_access_key": self.aws_secret_access_key,
        }
        if self.aws_session_token is not None:
            options["aws_session_token"] = self.aws_session_token
        return options

    def boto3_client(self, **overrides: Any) -> Any:
        """A boto3 ``bedrock-runtime`` client pointed at this server with its credentials.

        It makes a single attempt per call (no retries), so that scripted errors reach
        the caller as they were queued. Keywords override the defaults or add others
        to ``boto3.client``. boto3 is a test dependency, imported only here.
        """
        # Imported by name: boto3 ships no type stubs, and stays a test-only dependency.
        boto3 = importlib.import_module("boto3")
        botocore_config = importlib.import_module("botocore.config")

        options = self._credentials()
        # "total_max_attempts" counts the first call; legacy "max_attempts" would still
        # allow one retry.
        options["config"] = botocore_config.Config(retries={"total_max_attempts": 1})
        options.update(overrides)
        return boto3.client("bedrock-runtime", **options)
