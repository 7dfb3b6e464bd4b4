"""The ``fastconverse`` command line: ``chat`` (one call), ``serve`` (LocalBedrock),
``compare`` (the same prompts across models, summarised as a table) and ``many`` (a
JSON-lines file of requests through ``converse_many``, for shell and batch pipelines)."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import tempfile
import threading
from collections.abc import Sequence
from typing import IO, Any

DEFAULT_MODEL = "us.anthropic.claude-sonnet-4-5-20250929-v1:0"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fastconverse", description="A fast client for the Amazon Bedrock Converse API."
    )
    commands = parser.add_subparsers(dest="command", required=True)

    chat = commands.add_parser("chat", help="send one prompt and print the reply as it streams")
    chat.add_argument("prompt", help="the user message")
    chat.add_argument("--local", action="store_true", help="answer with an embedded LocalBedrock")
    chat.add_argument("--model", default=DEFAULT_MODEL, help=f"model id (default {DEFAULT_MODEL})")
    chat.add_argument("--system", help="a system prompt")
    chat.add_argument("--region", help="AWS region (default: from the environment)")
    chat.add_argument("--max-tokens", type=int, help="inferenceConfig.maxTokens")

    serve = commands.add_parser("serve", help="run LocalBedrock until Ctrl-C")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=int, default=0, help="port (default: a free one)")
    serve.add_argument("--latency", type=float, default=0.0, help="seconds before each reply")
    serve.add_argument("--region", default="us-east-1", help="region the server signs for")
    serve.add_argument(
        "--bearer-token",
        help="also accept this Bedrock API key as `Authorization: Bearer <token>`",
    )
    serve.add_argument(
        "--request-log-limit",
        type=int,
        default=1000,
        help="latest requests kept for inspection (1000; the counters count all)",
    )
    serve.add_argument(
        "--catalog",
        action="store_true",
        help="answer like each model would (fastconverse.models): ValidationException for "
        "features a model lacks, replies within its output limit",
    )

    compare = commands.add_parser(
        "compare", help="run the same prompts on several models and print a summary per model"
    )
    compare.add_argument("--models", required=True, help="comma-separated model ids")
    compare.add_argument(
        "--prompts",
        required=True,
        help='a JSON-lines file: each line a prompt string, {"prompt": ...}, or a request dict',
    )
    compare.add_argument(
        "--local", action="store_true", help="answer with an embedded LocalBedrock (catalog on)"
    )
    compare.add_argument("--concurrency", type=int, default=16, help="requests at once (16)")
    compare.add_argument("--region", help="AWS region (default: from the environment)")
    compare.add_argument(
        "--prices",
        help='a JSON file of prices per model: {"model": {"input_per_1m": 3.0, ...}}',
    )

    many = commands.add_parser(
        "many",
        help="answer a JSON-lines file of Converse requests, one result line per request",
        description="Each input line is a Converse request object (boto3's keywords), with "
        'an optional "id" that is echoed back. Each output line, in input order, is '
        '{"line", "id", "response"} or {"line", "id", "error"}. Exit status: 0 when every '
        "line succeeded, 1 when any failed, 2 when the input cannot be read, 130 on Ctrl-C.",
    )
    many.add_argument("input", help="the requests, one JSON object a line ('-': stdin)")
    many.add_argument(
        "-o", "--output", default="-", help="where the results go ('-', the default: stdout)"
    )
    many.add_argument("--concurrency", type=int, default=16, help="requests at once (16)")
    many.add_argument(
        "--max-retries", type=int, default=8, help="retries of a throttled or failed call (8)"
    )
    many.add_argument(
        "--checkpoint",
        help="a JSON-lines file of finished results: a rerun with it sends only what is left",
    )
    many.add_argument("--model", help="modelId for lines that name none")
    many.add_argument("--region", help="AWS region (default: from the environment)")
    many.add_argument("--endpoint-url", help="another endpoint, such as a LocalBedrock's")
    many.add_argument("--local", action="store_true", help="answer with an embedded LocalBedrock")
    many.add_argument("--quiet", action="store_true", help="no progress and no summary on stderr")
    return parser


def _chat(args: argparse.Namespace) -> int:
    from fastconverse import BedrockError, ChatClient, LocalBedrock

    request: dict[str, Any] = {
        "modelId": args.model,
        "messages": [{"role": "user", "content": [{"text": args.prompt}]}],
    }
    if args.system:
        request["system"] = [{"text": args.system}]
    if args.max_tokens is not None:
        request["inferenceConfig"] = {"maxTokens": args.max_tokens}

    server = LocalBedrock() if args.local else None
    printed = False
    try:
        client = server.client() if server is not None else ChatClient(region_name=args.region)
        with client.converse_stream(**request) as stream:
            for text in stream.iter_text():
                print(text, end="", flush=True)
                printed = True
            response = stream.final_response()
    except BedrockError as err:
        if printed:
            print()
        print(f"error: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        if printed:
            print()
        print("interrupted", file=sys.stderr)
        return 130
    finally:
        if server is not None:
            server.stop()

    print()
    usage = response.get("usage", {})
    print(
        f"[{response.get('stopReason')}; tokens in {usage.get('inputTokens')}, "
        f"out {usage.get('outputTokens')}, total {usage.get('totalTokens')}]",
        file=sys.stderr,
    )
    return 0


def _serve(args: argparse.Namespace) -> int:
    from fastconverse import LocalBedrock

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with LocalBedrock(
        host=args.host,
        port=args.port,
        region=args.region,
        bearer_token=args.bearer_token,
        latency=args.latency,
        catalog=args.catalog,
        request_log_limit=args.request_log_limit,
    ) as server:
        print(f"LocalBedrock listening on {server.endpoint_url}")
        print(f"  region:                {server.region}")
        print(f"  aws_access_key_id:     {server.aws_access_key_id}")
        print(f"  aws_secret_access_key: {server.aws_secret_access_key}")
        if server.bearer_token is not None:
            print("  bearer token:          accepted (--bearer-token)")
        if server.catalog:
            print("  catalog:               on (answers like each model would)")
        print("Ctrl-C to stop.", flush=True)
        try:
            while not stop.wait(0.2):
                pass
        except KeyboardInterrupt:
            pass
    print("stopped")
    return 0


def _read_prompts(path: str) -> list[Any]:
    """Prompt strings or request dicts, one JSON value a line (blank lines skipped)."""
    prompts: list[Any] = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except ValueError as err:
                raise ValueError(f"{path}:{number}: not JSON: {err}") from None
            if isinstance(value, dict) and set(value) == {"prompt"}:
                value = value["prompt"]
            if not isinstance(value, (str, dict)):
                raise ValueError(f"{path}:{number}: expected a string or an object")
            prompts.append(value)
    return prompts


def _compare(args: argparse.Namespace) -> int:
    from fastconverse import BedrockError, ChatClient, LocalBedrock, compare
    from fastconverse._compare import SUMMARY_COLUMNS, format_table

    models = [m.strip() for m in args.models.split(",") if m.strip()]
    try:
        prompts = _read_prompts(args.prompts)
        prices = None
        if args.prices:
            with open(args.prices, encoding="utf-8") as handle:
                prices = json.load(handle)
    except (OSError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    server = LocalBedrock(catalog=True) if args.local else None
    try:
        client = server.client() if server is not None else ChatClient(region_name=args.region)
        result = compare(client, models, prompts, concurrency=args.concurrency, prices=prices)
    except (BedrockError, ValueError, TypeError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    finally:
        if server is not None:
            server.stop()
    columns = [c for c in SUMMARY_COLUMNS if c != "cost" or prices]
    print(format_table(result.summary_records, columns))
    failed = [r for r in result.records if r["error"] is not None]
    for row in failed[:5]:
        print(f"{row['model']} request {row['request']}: {row['error']}", file=sys.stderr)
    return 0


class InvalidLine(ValueError):
    """An input line of ``many`` that is not a JSON object; its output line holds this error."""


class _Line:
    """One input line: its number, its ``id``, and its request or the reason it has none."""

    def __init__(self, number: int, text: str, model: str | None) -> None:
        from fastconverse._many import _decode_bytes

        self.number = number
        self.id: Any = None
        self.request: dict[str, Any] | None = None
        self.problem: InvalidLine | None = None
        try:
            value = json.loads(text, object_hook=_decode_bytes)
        except ValueError as err:
            self.problem = InvalidLine(f"line {number}: not JSON: {err}")
            return
        if not isinstance(value, dict):
            self.problem = InvalidLine(f"line {number}: expected a JSON object (a request)")
            return
        self.id = value.pop("id", None)
        if model is not None:
            value.setdefault("modelId", model)
        self.request = value


def _read_lines(source: IO[str], model: str | None) -> list[_Line]:
    """The input's lines, blank lines skipped."""
    return [_Line(n, text, model) for n, text in enumerate(source, 1) if text.strip()]


def _result_line(line: _Line, result: Any) -> str:
    """The output line of one input line: its response, or its error's type, code, message,
    HTTP status and request id."""
    from fastconverse._many import _encode

    record: dict[str, Any] = {"line": line.number, "id": line.id}
    if isinstance(result, BaseException):
        record["error"] = {
            "type": type(result).__name__,
            "code": getattr(result, "code", type(result).__name__),
            "message": getattr(result, "message", str(result)),
            "status_code": getattr(result, "status_code", None),
            "request_id": getattr(result, "request_id", None),
        }
    else:
        record["response"] = _encode(result)
    return json.dumps(record) + "\n"


def _write_results(path: str, lines: list[str]) -> None:
    """All lines to stdout, or to ``path`` through a temporary file renamed into place, so
    the file is either complete or not there."""
    if path == "-":
        sys.stdout.writelines(lines)
        sys.stdout.flush()
        return
    folder = os.path.dirname(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".fastconverse-", suffix=".jsonl")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.writelines(lines)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def _progress_printer(stream: IO[str]) -> Any:
    """A converse_many progress callback that redraws one status line on a terminal."""

    def show(figures: dict[str, Any]) -> None:
        stream.write(
            f"\rmany: {figures['done']}/{figures['total']} done, {figures['failed']} failed, "
            f"{figures['retried']} retried, {figures['requests_per_second']:.1f} req/s "
        )
        stream.flush()

    return show


def _many(args: argparse.Namespace) -> int:
    from fastconverse import ChatClient, LocalBedrock

    try:
        if args.input == "-":
            lines = _read_lines(sys.stdin, args.model)
        else:
            with open(args.input, encoding="utf-8") as source:
                lines = _read_lines(source, args.model)
    except (OSError, UnicodeDecodeError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    sendable = [line for line in lines if line.request is not None]
    progress = None
    if not args.quiet and sys.stderr.isatty():
        progress = _progress_printer(sys.stderr)

    server = LocalBedrock() if args.local else None
    try:
        if server is not None:
            client = server.client()
        else:
            client = ChatClient(region_name=args.region, endpoint_url=args.endpoint_url)
        results = client.converse_many(
            [line.request for line in sendable if line.request is not None],
            concurrency=args.concurrency,
            max_retries=args.max_retries,
            progress=progress,
            checkpoint=args.checkpoint,
        )
    except KeyboardInterrupt:
        if progress is not None:
            print(file=sys.stderr)
        kept = f"; the checkpoint {args.checkpoint} keeps what finished" if args.checkpoint else ""
        print(f"interrupted{kept}", file=sys.stderr)
        return 130
    except (ValueError, TypeError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    finally:
        if server is not None:
            server.stop()

    answers: dict[int, Any] = {line.number: line.problem for line in lines}
    answers.update(zip((line.number for line in sendable), results))
    try:
        _write_results(args.output, [_result_line(line, answers[line.number]) for line in lines])
    except OSError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    failed = [number for number, answer in answers.items() if isinstance(answer, BaseException)]
    if not args.quiet:
        if progress is not None:
            print(file=sys.stderr)
        listed = ", ".join(map(str, failed[:10])) + (", ..." if len(failed) > 10 else "")
        which = "line" if len(failed) == 1 else "lines"
        print(
            f"many: {len(lines)} requests, {len(lines) - len(failed)} succeeded, "
            f"{len(failed)} failed{f' ({which} {listed})' if failed else ''}, "
            f"{results.summary['resumed']} from the checkpoint",
            file=sys.stderr,
        )
    return 1 if failed else 0


def main(argv: Sequence[str] | None = None) -> int:
    """Runs the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    if args.command == "chat":
        return _chat(args)
    if args.command == "compare":
        return _compare(args)
    if args.command == "many":
        return _many(args)
    return _serve(args)


if __name__ == "__main__":
    raise SystemExit(main())
