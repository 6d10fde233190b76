"""The real product on free loopback ports, the system's Chromium, and a watched page."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from datetime import time as wall_time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from bot.bootstrap import city_calendar
from bot.config import default_settings

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, ViewportSize

NO_CHROMIUM = "no Chromium found (Debian package chromium): the playground page tests are skipped"
NO_PLAYWRIGHT = (
    "Playwright for Python is not installed (pip install -e '.[dev]'): "
    "the playground page tests are skipped"
)
ARTEFACTS_ENV = "ZHIBAO_TEST_ARTEFACTS"
BIN = Path(sys.executable).parent
START_SECONDS = 60.0
STOP_SECONDS = 5.0
# The window the page must fit with every pane in full (issue 12: a principal's pane was cut).
VIEWPORT: ViewportSize = {"width": 1600, "height": 900}
# Where the bot's clock stands when `zhibao run` starts: this hour of the night, city time, on
# a working day (the README walkthrough must complete whenever it is tried).
NIGHT_HOUR = 2
TRAVEL_FILE = "zhibao-playground.clock"
# Not the city's zone on purpose: the page must show the city's time in any browser.
BROWSER_ZONE = "America/New_York"


@dataclass(frozen=True)
class Playground:
    """A running `zhibao run` without a token: its page's address and its folder."""

    url: str
    folder: Path
    stderr: Path
    process: subprocess.Popen[bytes]
    # The city time the bot's clock read as it started (before the playground moved it).
    night: datetime


@dataclass
class Watched:
    """A page with the console errors and uncaught exceptions it has had since it opened."""

    page: Page
    errors: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def chromium() -> str:
    """The system's Chromium; the page tests are skipped without it or without Playwright."""
    path = shutil.which("chromium")
    if path is None:
        pytest.skip(NO_CHROMIUM)
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip(NO_PLAYWRIGHT)
    return path


@pytest.fixture(scope="module")
def artefacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go: $ZHIBAO_TEST_ARTEFACTS, else a folder of this test run."""
    named = os.environ.get(ARTEFACTS_ENV, "").strip()
    folder = Path(named) if named else tmp_path_factory.mktemp("playground-artefacts")
    folder.mkdir(parents=True, exist_ok=True)
    print(f"\nplayground page tests: screenshots in {folder.resolve()}")
    return folder


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def product_environment(sandbox_port: int, page_port: int) -> dict[str, str]:
    """This environment without a bot token or ZHIBAO_* settings, plus the test's own (the
    WeCom emulator and the bot's WeCom callback on free ports too)."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("ZHIBAO_") and name != "TELEGRAM_BOT_TOKEN"
    }
    env.update(
        ZHIBAO_SANDBOX_PORT=str(sandbox_port),
        ZHIBAO_PLAYGROUND_PORT=str(page_port),
        ZHIBAO_WECOM_SANDBOX_PORT=str(free_port()),
        ZHIBAO_WECOM_CALLBACK_PORT=str(free_port()),
        # Notices and the deadline sweep within a second, not the defaults' 2 and 30.
        ZHIBAO_SCHEDULER_SWEEP_SECONDS="1",
        ZHIBAO_SCHEDULER_DISPATCH_SECONDS="1",
    )
    return env


def next_night(now: datetime) -> datetime:
    """The first NIGHT_HOUR:00 after `now`, city time, on one of the city's working days."""
    calendar = city_calendar(default_settings())
    day = now.astimezone(calendar.tz).date()
    while True:
        moment = datetime.combine(day, wall_time(NIGHT_HOUR), tzinfo=calendar.tz)
        if moment > now and calendar.is_workday(day):
            return moment
        day += timedelta(days=1)


def set_clock_at_night(folder: Path) -> datetime:
    """Have the bot's clock read NIGHT_HOUR:00 of a working day when it starts: time travel
    as the playground keeps it, an offset from the wall clock in the working folder."""
    now = datetime.now(UTC)
    night = next_night(now)
    (folder / TRAVEL_FILE).write_text(f"{(night - now).total_seconds():.3f}\n")
    return night


def answers(url: str) -> bool:
    """Whether the playground answers GET /api/personas with its people."""
    try:
        with urllib.request.urlopen(f"{url}api/personas", timeout=2) as response:
            body = json.load(response)
    except (OSError, urllib.error.URLError, ValueError):
        return False
    return bool(body.get("ok")) and bool(body["result"].get("personas"))


def stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM (what Ctrl-C or a service manager sends), then kill if it will not stop."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=STOP_SECONDS)


def show_stderr(stderr: Path, why: str) -> None:
    text = stderr.read_text(errors="replace") if stderr.exists() else ""
    print(f"\n--- zhibao run: standard error ({why}) ---\n{text or '(empty)'}\n--- end ---")


@pytest.fixture(scope="module")
def playground(
    chromium: str, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[Playground]:
    """`zhibao init` and `zhibao run` in an empty folder, with the demo city loaded and the
    bot's clock starting in the night."""
    folder = tmp_path_factory.mktemp("playground-city")
    sandbox_port, page_port = free_port(), free_port()
    while page_port == sandbox_port:
        page_port = free_port()
    env = product_environment(sandbox_port, page_port)
    init = subprocess.run(
        [str(BIN / "zhibao"), "init"], cwd=folder, env=env, capture_output=True, check=False
    )
    assert init.returncode == 0, init.stderr.decode(errors="replace")
    night = set_clock_at_night(folder)
    stdout, stderr = folder / "run.out", folder / "run.err"
    with stdout.open("wb") as out, stderr.open("wb") as err:
        process = subprocess.Popen(
            [str(BIN / "zhibao"), "run"], cwd=folder, env=env, stdout=out, stderr=err
        )
    url = f"http://127.0.0.1:{page_port}/"
    failed_before = request.session.testsfailed
    try:
        deadline = time.monotonic() + START_SECONDS
        while not answers(url):
            if process.poll() is not None or time.monotonic() > deadline:
                show_stderr(stderr, f"no playground at {url}")
                pytest.fail(f"zhibao run did not serve the playground at {url}")
            time.sleep(0.2)
        yield Playground(url, folder, stderr, process, night)
    finally:
        stop(process)
        if request.session.testsfailed > failed_before:
            show_stderr(stderr, "a page test failed")


@pytest.fixture(scope="module")
def browser(chromium: str) -> Iterator[Browser]:
    """Headless Chromium from the system, driven by Playwright's sync API."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def watched(
    browser: Browser, playground: Playground, artefacts: Path, request: pytest.FixtureRequest
) -> Iterator[Watched]:
    """A fresh page on the playground, its console errors and page errors collected from the
    start; a screenshot is saved when the test fails."""
    context = browser.new_context(viewport=VIEWPORT, locale="zh-CN", timezone_id=BROWSER_ZONE)
    page = context.new_page()
    seen = Watched(page)
    page.on(
        "console",
        lambda message: (
            seen.errors.append(f"console: {message.text} ({message.location})")
            if message.type == "error"
            else None
        ),
    )
    page.on("pageerror", lambda error: seen.errors.append(f"page error: {error}"))
    failed_before = request.session.testsfailed
    try:
        yield seen
    finally:
        if request.session.testsfailed > failed_before:
            shot = artefacts / f"failed-{request.node.name}.png"
            page.screenshot(path=str(shot), full_page=True)
            print(f"\nscreenshot of the failed page: {shot}")
        context.close()
