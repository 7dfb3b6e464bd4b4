"""examples/quickstart.ipynb runs top to bottom in a Jupyter kernel, with the outputs promised."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("ipywidgets")

NOTEBOOK = Path(__file__).resolve().parent.parent / "examples" / "quickstart.ipynb"
WIDGET = "application/vnd.jupyter.widget-view+json"


def text_of(cell: Any) -> str:
    """Everything a cell printed (stream outputs joined)."""
    return "".join(o["text"] for o in cell.outputs if o["output_type"] == "stream")


@pytest.fixture(scope="module")
def executed() -> list[Any]:
    """The notebook's code cells after a full run in a fresh kernel."""
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()  # raises CellExecutionError on any failing cell
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def find(cells: list[Any], needle: str) -> Any:
    """The code cell whose source contains `needle`."""
    matches = [cell for cell in cells if needle in cell.source]
    assert len(matches) == 1, f"{needle!r} is in {len(matches)} cells"
    return matches[0]


def test_no_cell_raised_or_wrote_to_stderr(executed: list[Any]) -> None:
    for cell in executed:
        assert all(o["output_type"] != "error" for o in cell.outputs), cell.source
        assert all(o.get("name") != "stderr" for o in cell.outputs), cell.outputs


def test_sync_call_works_inside_the_running_event_loop(executed: list[Any]) -> None:
    out = text_of(find(executed, "client.converse(\n"))
    assert "event loop running: True" in out
    assert "Hello from a notebook" in out  # the echo model's reply
    assert "stop reason: end_turn | HTTP 200" in out


def test_top_level_await(executed: list[Any]) -> None:
    cell = find(executed, "await client.converse_async(")
    assert text_of(cell) == "Hello, awaited\n"


def test_stream_reaches_the_cell_piece_by_piece(executed: list[Any]) -> None:
    cell = find(executed, "stream.iter_text()")
    assert text_of(cell) == "Streaming arrives word by word.\n"
    # Each flushed delta reached the front end as its own message, not one block at the end.
    pieces = [o for o in cell.outputs if o["output_type"] == "stream"]
    assert len(pieces) >= 3, pieces


def test_tool_use_final_response_is_assembled(executed: list[Any]) -> None:
    out = text_of(find(executed, "final_response()"))
    assert "stop reason: tool_use" in out
    assert "tool: get_weather input: {'city': 'Paris', 'days': 3}" in out
    assert "after the tool: end_turn" in out


def test_converse_many_shows_the_notebook_progress_bar(executed: list[Any]) -> None:
    cell = find(executed, "converse_many(")
    assert "40 results; 40 succeeded" in text_of(cell)
    assert "first: Question 0" in text_of(cell)
    # tqdm.auto picked the Jupyter widget (ipywidgets), not a text bar on stderr.
    shown = [o for o in cell.outputs if o["output_type"] == "display_data"]
    assert any(WIDGET in o["data"] for o in shown), cell.outputs


def test_a_trace_of_a_call_is_printed(executed: list[Any]) -> None:
    out = text_of(find(executed, "fastconverse.instrument("))
    assert out.startswith("chat us.anthropic.claude-sonnet-4-5-20250929-v1:0 CLIENT\n")
    assert "gen_ai.request.max_tokens: 64" in out
    assert "gen_ai.response.finish_reasons: ('end_turn',)" in out
