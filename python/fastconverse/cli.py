"""The ``fastconverse`` command line: ``chat`` (one call) and ``serve`` (LocalBedrock)."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Sequence
from typing import Any

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
        host=args.host, port=args.port, region=args.region, latency=args.latency
    ) as server:
        print(f"LocalBedrock listening on {server.endpoint_url}")
        print(f"  region:                {server.region}")
        print(f"  aws_access_key_id:     {server.aws_access_key_id}")
        print(f"  aws_secret_access_key: {server.aws_secret_access_key}")
        print("Ctrl-C to stop.", flush=True)
        try:
            while not stop.wait(0.2):
                pass
        except KeyboardInterrupt:
            pass
    print("stopped")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Runs the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    if args.command == "chat":
        return _chat(args)
    return _serve(args)


if __name__ == "__main__":
    raise SystemExit(main())
