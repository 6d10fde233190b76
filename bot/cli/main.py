"""`zhibao`: the operator's command line. Every failure is a message and a non-zero exit."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.cli import calendar_commands, directory_commands, issue_commands, setup_commands
from bot.cli.output import CommandError
from bot.config import ConfigError
from bot.domain.errors import DomainError
from storage.database import StorageError


def build_parser() -> argparse.ArgumentParser:
    """The whole command tree."""
    parser = argparse.ArgumentParser(
        prog="zhibao", description="直报: the direct line from enterprises to the city."
    )
    parser.add_argument("--config", type=Path, help="zhibao.toml to use (default ./zhibao.toml)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in (setup_commands, directory_commands, issue_commands, calendar_commands):
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
    try:
        status: int = asyncio.run(args.handler(args))
    except (CommandError, ConfigError, StorageError) as error:
        print(f"zhibao: error: {error}", file=sys.stderr)
        return 1
    except DomainError as error:
        print(f"zhibao: error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("zhibao: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # a last resort: the operator gets a sentence, not a traceback
        logging.getLogger("zhibao").debug("unexpected failure", exc_info=True)
        print(
            f"zhibao: unexpected error: {type(error).__name__}: {error} "
            "(run with --verbose for details)",
            file=sys.stderr,
        )
        return 1
    return status


if __name__ == "__main__":
    sys.exit(main())
