"""`__all__` is the public API and nothing else; `dir(fastconverse)` shows it and no helpers."""

from __future__ import annotations

import json
import subprocess
import sys
import types

import fastconverse

PUBLIC_SUBMODULES = {"errors", "models", "testing"}


def _is_dunder(name: str) -> bool:
    return name.startswith("__") and name.endswith("__")


def test_every_name_in_all_resolves_to_something_of_the_package() -> None:
    assert len(set(fastconverse.__all__)) == len(fastconverse.__all__), "a name twice in __all__"
    for name in fastconverse.__all__:
        assert not name.startswith("_") or name == "__version__", name
        value = getattr(fastconverse, name)
        if isinstance(value, types.ModuleType):
            assert value.__name__ == f"fastconverse.{name}", name
        elif name != "__version__":
            # Defined by the package, not re-exported from the standard library or typing.
            assert getattr(value, "__module__", "").startswith("fastconverse"), name


def test_all_names_the_public_submodules_and_the_version() -> None:
    assert PUBLIC_SUBMODULES | {"__version__"} <= set(fastconverse.__all__)


def test_dir_is_the_public_api_and_module_dunders() -> None:
    names = dir(fastconverse)
    assert names == sorted(names)
    public = [name for name in names if not _is_dunder(name)]
    # No typing helpers (Any, TYPE_CHECKING, annotations), no imported stdlib modules
    # (importlib), no private modules or tables (_native, _client, _LAZY).
    assert sorted(public) == sorted(n for n in fastconverse.__all__ if not _is_dunder(n))
    assert "__version__" in names and "__all__" in names


def test_dir_and_star_import_in_a_fresh_interpreter() -> None:
    # Before anything lazy is loaded, and after pytest's plugin imported a submodule here.
    code = (
        "import fastconverse, json\n"
        "before = dir(fastconverse)\n"
        "namespace = {}\n"
        "exec('from fastconverse import *', namespace)\n"
        "star = sorted(n for n in namespace if n != '__builtins__')\n"
        "print(json.dumps([before, star, dir(fastconverse)]))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    before, star, after = json.loads(out.stdout)
    assert before == after == dir(fastconverse)
    assert star == sorted(fastconverse.__all__)
