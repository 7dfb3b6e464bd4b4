"""The value so far of JSON text that is still arriving: ``parse_partial('{"a": [1, "b')``
is ``{"a": [1, "b"]}``.

Open strings, arrays and objects are closed where the text stops; what cannot be known yet
is left out: a key without its value, a number that may still grow (``12`` of ``123``), a
literal cut short (``tru``). Only a prefix of valid JSON is expected; anything else raises
``ValueError``.
"""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["MISSING", "parse_partial"]

#: What ``parse_partial`` returns before any value has begun.
MISSING: Any = object()

_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?")
_LITERALS = {"true": True, "false": False, "null": None}
_WHITESPACE = " \t\n\r"


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.at = 0

    def skip(self) -> bool:
        """Skips whitespace; False at the end of the text."""
        text = self.text
        while self.at < len(text) and text[self.at] in _WHITESPACE:
            self.at += 1
        return self.at < len(text)

    def value(self) -> tuple[Any, bool]:
        """The value at the cursor and whether it is complete (``MISSING`` if unknown yet)."""
        if not self.skip():
            return MISSING, False
        char = self.text[self.at]
        if char == "{":
            return self.object()
        if char == "[":
            return self.array()
        if char == '"':
            return self.string()
        for word, literal in _LITERALS.items():
            rest = self.text[self.at : self.at + len(word)]
            if rest == word:
                self.at += len(word)
                return literal, True
            if word.startswith(rest) and self.at + len(rest) == len(self.text):
                self.at = len(self.text)
                return MISSING, False
        match = _NUMBER.match(self.text, self.at)
        tail = self.text[self.at :]
        if match is None:
            if tail in ("-",):
                self.at = len(self.text)
                return MISSING, False
            raise ValueError(f"not JSON at character {self.at}: {tail[:20]!r}")
        end = match.end()
        if end == len(self.text) or self.text[end] in ".eE+-":
            # The number may go on; not known yet.
            self.at = len(self.text)
            return MISSING, False
        self.at = end
        return json.loads(match.group()), True

    def string(self) -> tuple[str, bool]:
        text = self.text
        start = self.at + 1
        at = start
        while at < len(text):
            char = text[at]
            if char == '"':
                self.at = at + 1
                return json.loads(text[start - 1 : at + 1]), True
            at += 2 if char == "\\" else 1
        self.at = len(text)
        body = text[start:]
        # Drops an escape cut short ("\" or "\u00"), then closes the string.
        body = re.sub(r"\\(u[0-9a-fA-F]{0,3})?$", "", body)
        return json.loads('"' + body + '"'), False

    def array(self) -> tuple[list[Any], bool]:
        self.at += 1
        items: list[Any] = []
        while True:
            if not self.skip():
                return items, False
            char = self.text[self.at]
            if char == "]":
                self.at += 1
                return items, True
            if char == ",":
                self.at += 1
                continue
            item, done = self.value()
            if item is not MISSING:
                items.append(item)
            if not done:
                return items, False

    def object(self) -> tuple[dict[str, Any], bool]:
        self.at += 1
        members: dict[str, Any] = {}
        while True:
            if not self.skip():
                return members, False
            char = self.text[self.at]
            if char == "}":
                self.at += 1
                return members, True
            if char == ",":
                self.at += 1
                continue
            if char != '"':
                raise ValueError(f"not JSON at character {self.at}: expected a key")
            key, done = self.string()
            if not done or not self.skip():
                return members, False
            if self.text[self.at] != ":":
                raise ValueError(f"not JSON at character {self.at}: expected ':'")
            self.at += 1
            value, done = self.value()
            if value is not MISSING:
                members[key] = value
            if not done:
                return members, False


def parse_partial(text: str) -> Any:
    """The value of a prefix of JSON text, open containers closed; ``MISSING`` when no
    value has begun. Raises ``ValueError`` when the text is not a prefix of JSON."""
    return _Parser(text).value()[0]
