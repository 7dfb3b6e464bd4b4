"""The mkdocs site builds strictly, covers the promised topics, and its Python examples parse."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = [
    "index.md",
    "migrating-from-boto3.md",
    "migrating-from-langchain-aws.md",
    "migrating-from-litellm.md",
    "streaming.md",
    "async.md",
    "pipelines.md",
    "structured-output.md",
    "cost.md",
    "testing.md",
    "errors.md",
    "reliability.md",
    "logging.md",
    "observability.md",
    "reference.md",
]


def test_strict_build_with_the_api_reference(tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    reference = (site / "reference" / "index.html").read_text()
    # mkdocstrings rendered the docstrings, from the stubs of the compiled module too.
    for name in ["converse_async", "iter_text", "final_response", "queue_error", "bedrock_client"]:
        assert f"{name}" in reference, name
    assert "ThrottlingException" in reference


def test_every_topic_has_a_page() -> None:
    assert sorted(p.name for p in DOCS.glob("*.md")) == sorted(PAGES)


@pytest.mark.parametrize("page", PAGES)
def test_python_examples_parse(page: str) -> None:
    blocks = re.findall(r"```python\n(.*?)```", (DOCS / page).read_text(), flags=re.S)
    for block in blocks:
        # Top-level await is allowed: pages show notebook and async snippets.
        compile(block, f"{page}", "exec", flags=0x2000)  # PyCF_ALLOW_TOP_LEVEL_AWAIT


def test_the_migration_page_is_a_side_by_side_of_the_same_program() -> None:
    text = (DOCS / "migrating-from-boto3.md").read_text()
    boto3_block, fast_block = re.findall(r"```python\n(.*?)```", text, flags=re.S)[:2]

    def calls(code: str) -> list[str]:
        """The program below the client's construction, which must be identical."""
        return code[code.index("try:") :].splitlines()

    assert "boto3.client(" in boto3_block and "ChatClient(" in fast_block
    assert calls(boto3_block) == calls(fast_block)


@pytest.mark.parametrize("page", ["migrating-from-langchain-aws.md", "migrating-from-litellm.md"])
def test_the_framework_migration_pages_map_each_common_use(page: str) -> None:
    headings = re.findall(r"^## (.+)$", (DOCS / page).read_text(), flags=re.M)
    for use in [
        "Stream",
        "Tools",
        "Structured output",
        "Async",
        "Batch",
        "Retries and throttling",
        "Prompt caching",
        "What fastconverse does not do",
    ]:
        assert use in headings, f"{page} has no section {use!r}"
