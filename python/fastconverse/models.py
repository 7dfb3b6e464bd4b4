"""Which Bedrock model supports which Converse feature: lookup, ``supports`` and ``check_request``.

The data is one file, ``src/catalog/models.json`` in the source tree, compiled into the
native module (``catalog()`` parses it once), built from AWS's table "Supported models and
model features" of the Bedrock user guide (its ``source`` says which version, and each
family's ``notes`` where it is unsure). LocalBedrock's catalog mode reads the same data,
so what ``check_request`` reports offline is what LocalBedrock answers::

    from fastconverse import models

    models.supports("us.anthropic.claude-3-5-haiku-20241022-v1:0", "image")  # False
    models.supports("example.new-model-v1:0", "tool_use")                     # None: unknown
    for problem in models.check_request(request):
        print(problem.feature, problem.path, problem.message)

A model id may carry a cross-region inference-profile prefix (``us.``, ``eu.``,
``apac.``, ``global.``, ``us-gov.``, ...) or be an ARN of a foundation model or an
inference profile. Unknown models, and features the table does not settle, answer
``None``: never a guess.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from fastconverse import _native
from fastconverse.errors import PreflightWarning, UnsupportedFeatureError

__all__ = [
    "FEATURES",
    "ModelInfo",
    "Problem",
    "catalog",
    "check_request",
    "families",
    "lookup",
    "supports",
]

#: Feature names, as the data file spells them.
FEATURES: tuple[str, ...] = (
    "system_prompts",
    "document",
    "image",
    "video",
    "tool_use",
    "streaming_tool_use",
    "tool_choice",
    "reasoning",
    "citations",
    "cache_point",
    "structured_output",
    "guardrails",
    "s3_media",
)

_ALIASES = {
    "system": "system_prompts",
    "system_prompt": "system_prompts",
    "documents": "document",
    "document_chat": "document",
    "images": "image",
    "vision": "image",
    "videos": "video",
    "tools": "tool_use",
    "tool_config": "tool_use",
    "toolconfig": "tool_use",
    "tool_use_while_streaming": "streaming_tool_use",
    "tool_use_streaming": "streaming_tool_use",
    "toolchoice": "tool_choice",
    "thinking": "reasoning",
    "cachepoint": "cache_point",
    "prompt_caching": "cache_point",
    "outputconfig": "structured_output",
    "guardrail": "guardrails",
    "s3": "s3_media",
}


@dataclass(frozen=True)
class ModelInfo:
    """One model family of the catalog, as matched for a model id.

    Attributes:
        id: the family's key (``"anthropic.claude-3-5-haiku"``).
        name: its display name.
        provider: ``"Anthropic"``, ``"Meta"``, ...
        model_id: the model id that was looked up, as given.
        features: feature name to True, False or None (unknown).
        tool_choice: the ``toolChoice`` members accepted (``("auto", "any", "tool")``), or
            None when unknown.
        context_window: input tokens the model reads, or None when unknown.
        max_output_tokens: tokens it writes at most, or None when unknown.
        notes: where the table was unsure, if anywhere.
    """

    id: str
    name: str
    provider: str
    model_id: str
    features: Mapping[str, bool | None]
    tool_choice: tuple[str, ...] | None
    context_window: int | None
    max_output_tokens: int | None
    notes: str | None = None

    def supports(self, feature: str) -> bool | None:
        """Whether this family supports ``feature`` (None: unknown). See ``supports``."""
        name = _feature(feature)
        if name == "tool_choice":
            if self.tool_choice is None:
                return None
            return any(choice != "auto" for choice in self.tool_choice)
        if name.startswith("tool_choice."):
            if self.tool_choice is None:
                return None
            return name.split(".", 1)[1] in self.tool_choice
        return self.features.get(name)


@dataclass(frozen=True)
class Problem:
    """A feature a request uses that its model does not support.

    Attributes:
        feature: the catalog feature (``"tool_use"``, ``"image"``, ...; ``"max_tokens"``
            for ``maxTokens`` above the model's output limit).
        path: where in the request (``"messages[0].content[1].image"``, ``"toolConfig"``).
        model: the request's ``modelId``.
        message: the ``ValidationException`` message Bedrock answers for it.
    """

    feature: str
    path: str
    model: str
    message: str = field(compare=False)

    def __str__(self) -> str:
        return f"{self.path} [{self.feature}, {self.model}]: {self.message}"


@lru_cache(maxsize=1)
def catalog() -> dict[str, Any]:
    """The data file, parsed (``source``, ``features``, ``messages``, ``families``, ...)."""
    data: dict[str, Any] = json.loads(_native._catalog_json())
    return data


@lru_cache(maxsize=1)
def _families() -> dict[str, dict[str, Any]]:
    return {family["id"]: family for family in catalog()["families"]}


def families() -> list[str]:
    """The keys of every family in the catalog, in file order."""
    return list(_families())


def _feature(name: str) -> str:
    key = name.strip().replace(" ", "_").replace("-", "_")
    if key.lower().startswith("tool_choice."):
        return "tool_choice." + key.split(".", 1)[1].lower()
    lowered = key.lower()
    lowered = _ALIASES.get(lowered, lowered)
    if lowered not in FEATURES:
        raise ValueError(f"unknown feature {name!r}; features are: {', '.join(FEATURES)}")
    return lowered


def lookup(model_id: str) -> ModelInfo | None:
    """The catalog family of a model id, inference-profile id or ARN; None when unknown."""
    if not isinstance(model_id, str):
        raise TypeError(f"model_id must be a str, got {type(model_id).__name__}")
    key = _native._catalog_match(model_id)
    if key is None:
        return None
    family = _families()[key]
    choice = family.get("tool_choice")
    return ModelInfo(
        id=key,
        name=family["name"],
        provider=family["provider"],
        model_id=model_id,
        features=dict(family["features"]),
        tool_choice=tuple(choice) if choice is not None else None,
        context_window=family.get("context_window"),
        max_output_tokens=family.get("max_output_tokens"),
        notes=family.get("notes"),
    )


def supports(model_id: str, feature: str) -> bool | None:
    """Whether the model supports a Converse feature: True, False, or None when unknown.

    ``feature`` is one of ``FEATURES`` (``"tool_use"``, ``"image"``, ...; spaces and a few
    aliases such as ``"tool use"``, ``"vision"`` or ``"cachePoint"`` are accepted), or
    ``"tool_choice.any"`` / ``"tool_choice.tool"`` for one ``toolChoice`` member. An
    unknown feature name raises ``ValueError``; an unknown model answers None.
    """
    name = _feature(feature)
    info = lookup(model_id)
    return None if info is None else info.supports(name)


def check_request(request: Mapping[str, Any], *, streaming: bool = False) -> list[Problem]:
    """Every feature of a Converse request (boto3's keywords) that its model lacks.

    The request is walked as LocalBedrock's catalog mode walks it: system prompts, each
    content block of each message, ``toolConfig`` (``toolChoice``; with ``streaming=True``
    tool use while streaming), ``inferenceConfig.maxTokens`` against the model's output
    limit, reasoning fields in ``additionalModelRequestFields``, ``outputConfig`` and
    ``guardrailConfig``. Only features the catalog marks unsupported are reported: an
    unknown model, or a feature the table does not settle, gives no problem.
    """
    if not isinstance(request, Mapping):
        raise TypeError(f"request must be a dict, got {type(request).__name__}")
    model = request.get("modelId")
    if not isinstance(model, str):
        return []
    found = _native._catalog_check(dict(request), streaming)
    return [Problem(feature, path, model, message) for feature, path, message in found]


def _report(problems: list[Problem], mode: str, where: str = "") -> None:
    if not problems:
        return
    listed = "; ".join(str(p) for p in problems)
    text = f"{where}the model may not support this request: {listed}"
    if mode == "error":
        raise UnsupportedFeatureError(text, problems=problems)
    # stacklevel 4: past this function, _preflight and the client's method, to its caller.
    warnings.warn(PreflightWarning(text, problems), stacklevel=4)


def _with_base_model(
    request: Mapping[str, Any], profiles: Mapping[str, str] | None
) -> Mapping[str, Any]:
    """The request with an application inference profile ARN replaced by the base model
    the caller mapped it to (``ChatClient(inference_profiles=...)``): ARNs name no model."""
    model = request.get("modelId")
    base = profiles.get(model) if profiles and isinstance(model, str) else None
    return request if base is None else {**request, "modelId": base}


def _preflight(
    request: Mapping[str, Any],
    mode: str,
    streaming: bool,
    profiles: Mapping[str, str] | None = None,
) -> None:
    """The client's preflight (``ChatClient(preflight="warn" | "error")``) for one request."""
    _report(check_request(_with_base_model(request, profiles), streaming=streaming), mode)


class _Checked:
    """An iterable of requests checked as they are read (converse_many with preflight)."""

    def __init__(
        self, requests: Iterable[Any], mode: str, profiles: Mapping[str, str] | None = None
    ) -> None:
        self.requests = requests
        self.mode = mode
        self.profiles = profiles

    def __len__(self) -> int:
        return len(self.requests)  # type: ignore[arg-type]

    def __iter__(self) -> Iterator[Any]:
        for index, request in enumerate(self.requests):
            if isinstance(request, Mapping):
                checked = _with_base_model(request, self.profiles)
                _report(check_request(checked), self.mode, f"requests[{index}]: ")
            yield request


def _preflight_iter(requests: Any, mode: str, profiles: Mapping[str, str] | None = None) -> Any:
    """``requests`` wrapped so that each is checked as it is read; a dict passes through
    unwrapped, for ``converse_many_iter`` to refuse."""
    if isinstance(requests, Mapping):
        return requests
    checked = _Checked(requests, mode, profiles)
    if not hasattr(requests, "__len__"):
        return iter(checked)
    return checked
