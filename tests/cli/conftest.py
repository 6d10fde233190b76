"""Running `zhibao` in-process in an empty folder of its own, and seeding its database."""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pytest

from app.main import main
from bot.services.ports import UnitOfWorkFactory
from storage.database import Database

T = TypeVar("T")
KEPT_VARIABLE = "ZHIBAO_TEST_POSTGRES_URL"
# The ten task forces of the default zhibao.toml, in file order.
TASK_FORCES = [
    "alu",
    "chem",
    "textile",
    "food",
    "equip",
    "energy",
    "ict",
    "health",
    "agri",
    "tourism",
]


@dataclass(frozen=True)
class Result:
    """What one command did: exit status, standard output and standard error."""

    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        """Standard output, line by line."""
        return self.out.splitlines()


class Cli:
    """Calls `app.main.main` with an argument list and captures what it prints."""

    def __init__(self, capsys: pytest.CaptureFixture[str]) -> None:
        self.capsys = capsys

    def __call__(self, *argv: str) -> Result:
        """Run one command; argparse's SystemExit becomes the exit status."""
        self.capsys.readouterr()
        try:
            code = main(list(argv))
        except SystemExit as exit_:
            code = 0 if exit_.code is None else exit_.code if isinstance(exit_.code, int) else 1
        captured = self.capsys.readouterr()
        return Result(code, captured.out, captured.err)

    def ok(self, *argv: str) -> Result:
        """Run a command that must succeed silently on standard error."""
        result = self(*argv)
        assert result.code == 0, result
        assert result.err == ""
        return result


def clean_environment() -> dict[str, str]:
    """The process environment without ZHIBAO_* variables, except the test server's URL."""
    return {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("ZHIBAO_") or name == KEPT_VARIABLE
    }


@pytest.fixture(autouse=True)
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty working folder, with no ZHIBAO_* variable from the caller's environment."""
    for name in list(os.environ):
        if name.startswith("ZHIBAO_") and name != KEPT_VARIABLE:
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    yield tmp_path


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    """The command line, run in-process."""
    return Cli(capsys)


@pytest.fixture(scope="session")
def initialised_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder after one real `zhibao init` of the session (run as the console script)."""
    template = tmp_path_factory.mktemp("initialised")
    zhibao = Path(sys.executable).with_name("zhibao")
    done = subprocess.run(
        [str(zhibao), "init"], cwd=template, env=clean_environment(), capture_output=True
    )
    assert done.returncode == 0, done.stderr
    return template


@pytest.fixture
def initialised(initialised_once: Path, folder: Path) -> Path:
    """A folder after `zhibao init`: zhibao.toml, a migrated zhibao.db and the task forces
    (copied from the session's one init: migrating for every test costs most of its time)."""
    for name in ("zhibao.toml", "zhibao.db"):
        shutil.copyfile(initialised_once / name, folder / name)
    return folder


def seed(work: Callable[[UnitOfWorkFactory], Awaitable[T]]) -> T:
    """Run `work` through the use cases against ./zhibao.db, then close the database."""

    async def run() -> T:
        db = Database.open("zhibao.db")
        try:
            return await work(db.unit_of_work)
        finally:
            await db.dispose()

    return asyncio.run(run())
