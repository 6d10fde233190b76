"""`zhibao`: the operator's command line. Every failure is a message and a non-zero exit."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from app import run_commands, wecom_commands
from bot.cli import (
    calendar_commands,
    directory_commands,
    doctor_commands,
    issue_commands,
    setup_commands,
    taskforce_commands,
)
from bot.cli.arguments import whole_number
from bot.cli.output import CommandError
from bot.cli.refusals import explain
from bot.config import ConfigError
from bot.domain.errors import DomainError
from storage.database import StorageError


class CommandParser(argparse.ArgumentParser):
    """A parser whose every command also takes the common options, before or after its name."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Every `type=int` option reads as a whole number, so "abc" gets a sentence, not
        # argparse's "invalid int value" or a helper's Python name.
        self.register("type", int, whole_number)
        # SUPPRESS keeps a value given at an outer level when the inner one is left out.
        self.add_argument(
            "--config",
            type=Path,
            default=argparse.SUPPRESS,
            help="zhibao.toml to use (default: $ZHIBAO_CONFIG, else ./zhibao.toml)",
        )
        self.add_argument(
            "-v",
            "--verbose",
            action="store_true",
            default=argparse.SUPPRESS,
            help="log what happens",
        )


def build_parser() -> argparse.ArgumentParser:
    """The whole command tree."""
    parser = CommandParser(
        prog="zhibao", description="直报: the direct line from enterprises to the city."
    )
    parser.set_defaults(config=None, verbose=False)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in (
        setup_commands,
        doctor_commands,
        run_commands,
        taskforce_commands,
        directory_commands,
        issue_commands,
        calendar_commands,
        wecom_commands,
    ):
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    # httpx logs every request URL, and a Bot API URL holds the bot's token (§14).
    logging.getLogger("httpx").setLevel(logging.WARNING)
    try:
        status: int = asyncio.run(args.handler(args))
    except (CommandError, ConfigError, StorageError) as error:
        print(f"zhibao: error: {error}", file=sys.stderr)
        return 1
    except DomainError as error:
        print(f"zhibao: error: {explain(error)}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away; that is not an error of ours.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 0
    except KeyboardInterrupt:
        print("zhibao: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # a last resort: the operator gets a sentence, not a traceback
        logging.getLogger("zhibao").info("unexpected failure", exc_info=True)
        # First line only: database errors append the whole SQL statement.
        summary = (str(error).strip().splitlines() or [""])[0]
        print(
            f"zhibao: unexpected error: {type(error).__name__}: {summary} "
            "(run with --verbose for details)",
            file=sys.stderr,
        )
        return 1
    return status


if __name__ == "__main__":
    sys.exit(main())
