"""Load botocore's bedrock-runtime service model and cut it to the Converse operations.

`python codegen/service_model.py` rewrites src/wire/service_model.json: the shapes
reachable from Converse, ConverseStream and CountTokens (inputs, outputs, errors) and
every error shape of the service (botocore reads any of them by its code),
without documentation, keys sorted but the members of each shape (botocore's order, which
its messages follow), so the file changes only when the model does.
LocalBedrock validates requests against it and the tests walk it.
"""

from __future__ import annotations

import gzip
import json
import pathlib
from typing import Any

import botocore

OPERATIONS = ("Converse", "ConverseStream", "CountTokens")
ROOT = pathlib.Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "src" / "wire" / "service_model.json"
DROPPED_KEYS = {"documentation", "documentationUrl"}


def load_full_model() -> dict[str, Any]:
    """The whole bedrock-runtime model of the installed botocore."""
    folder = pathlib.Path(botocore.__file__).parent / "data" / "bedrock-runtime"
    (version,) = sorted(p.name for p in folder.iterdir() if p.is_dir())[-1:]
    path = folder / version / "service-2.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        model: dict[str, Any] = json.load(handle)
    return model


def _strip(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k not in DROPPED_KEYS}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def converse_subset(model: dict[str, Any]) -> dict[str, Any]:
    """The metadata, the three operations and every shape they reach."""
    shapes = model["shapes"]
    reached: set[str] = set()

    def walk(name: str) -> None:
        if name in reached:
            return
        reached.add(name)
        shape = shapes[name]
        for member in shape.get("members", {}).values():
            walk(member["shape"])
        for key in ("member", "key", "value"):
            if key in shape:
                walk(shape[key]["shape"])

    operations = {}
    for op_name in OPERATIONS:
        op = model["operations"][op_name]
        operations[op_name] = _strip(op)
        walk(op["input"]["shape"])
        walk(op["output"]["shape"])
        for error in op.get("errors", []):
            walk(error["shape"])
    # botocore finds an error's shape by its code among all the service's error shapes
    # (`shape_for_error_code`), not only those the operation declares.
    for name, shape in shapes.items():
        if shape.get("exception"):
            walk(name)
    return {
        "botocore_version": botocore.__version__,
        "metadata": _strip(model["metadata"]),
        "operations": operations,
        "shapes": {name: _strip(shapes[name]) for name in sorted(reached)},
    }


def _sorted(value: Any, key: str = "") -> Any:
    """Keys sorted, except the members of a shape: botocore's order, which its messages
    (`must be one of: ...`) follow and so do the generated shapes."""
    if isinstance(value, dict):
        keys = list(value) if key == "members" else sorted(value)
        return {k: _sorted(value[k], k) for k in keys}
    if isinstance(value, list):
        return [_sorted(v) for v in value]
    return value


def main() -> None:
    subset = _sorted(converse_subset(load_full_model()))
    OUTPUT.write_text(json.dumps(subset, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}: {len(subset['shapes'])} shapes")


if __name__ == "__main__":
    main()
