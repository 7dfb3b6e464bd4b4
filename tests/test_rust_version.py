"""The Rust minimum stated by Cargo.toml, the README and the docs is what the locked crates need."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - the tests run on 3.11 here
    tomllib = pytest.importorskip("tomli")

ROOT = Path(__file__).resolve().parent.parent
# "Rust 1.94.1+" in prose: the minimum toolchain to build from source.
STATED_MINIMUM = re.compile(r"\bRust (\d+\.\d+(?:\.\d+)?)\+")


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def _declared() -> str:
    with open(ROOT / "Cargo.toml", "rb") as handle:
        return str(tomllib.load(handle)["package"]["rust-version"])


def test_readme_and_docs_state_cargo_tomls_rust_version() -> None:
    declared = _declared()
    stated = {
        str(path.relative_to(ROOT)): STATED_MINIMUM.findall(path.read_text(encoding="utf-8"))
        for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    }
    assert stated["README.md"], "the README states no Rust minimum"
    assert {page: found for page, found in stated.items() if set(found) - {declared}} == {}


def test_rust_version_covers_every_locked_crate() -> None:
    cargo = shutil.which("cargo")
    if cargo is None:
        pytest.skip("cargo is not on PATH")
    metadata = subprocess.run(
        [cargo, "metadata", "--format-version", "1", "--locked"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    needed = {
        (package["name"], package["version"]): package["rust_version"]
        for package in json.loads(metadata.stdout)["packages"]
        if package.get("rust_version") and package["name"] != "fastconverse"
    }
    assert needed, "cargo metadata reported no crate's rust-version"
    declared = _version(_declared())
    assert {crate: rust for crate, rust in needed.items() if _version(rust) > declared} == {}
