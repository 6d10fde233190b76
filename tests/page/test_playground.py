"""The direct-report loop played through the playground page in a headless Chromium.

One scenario, as the README's one-minute walkthrough tells it: the enterprise files an urgent
issue about its city-coordinated project, which reaches the leaders at once (直报); the officer
claims it in the task force's group; the supervising leader instructs; time travel makes the
reply deadline pass, so the officer, the lead and the instructing leader are told (催办); the
issue panel shows its clocks and timeline; the officer answers, and the enterprise confirms and
rates. The page must have no console errors on the way.
"""

from __future__ import annotations

import re
import signal
import subprocess
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from tests.page.conftest import Playground, Watched

try:
    from playwright.sync_api import Locator, Page, expect
except ImportError:
    pytest.skip(
        "Playwright for Python is not installed: the playground page tests are skipped",
        allow_module_level=True,
    )

STOP_PROMPTLY = 5  # seconds from SIGTERM to exit
WAIT = 15_000  # milliseconds: generous, yet a stuck page fails in seconds, not minutes
expect.set_options(timeout=WAIT)

PANES = ("enterprise", "group", "officer", "lead", "leader", "principal", "office")
PROJECT = "高端铝材产业园"  # 3 billion yuan: city-coordinated, so urgent issues are 直报
ENTERPRISE = "滨州宏达铝业有限公司"
PROBLEM = "园区110千伏变电站迟迟没有送电，新生产线无法投产，请尽快协调供电公司。"
INSTRUCTION = "请专班今天内协调供电公司送电，结果报我。"
ANSWER = "已协调供电公司，变电站已送电，生产线可以投产。"
CODE = re.compile(r"ZB-\d{4}-\d{6}")
# "最近办理时限：11月30日 17:00" (with the year when it is another year's).
RECEIPT_DUE = re.compile(r"最近办理时限：(?:\d{4}年)?(\d{1,2})月(\d{1,2})日\s*(\d{2}:\d{2})")
# "答复时限：2026年12月1日 17:30" on the officer's card.
REPLY_DUE = re.compile(r"答复时限：(\d{4})年(\d{1,2})月(\d{1,2})日\s*(\d{2}):(\d{2})")


class Pane:
    """One chat pane of the page: its messages, its text box, its buttons."""

    def __init__(self, page: Page, key: str) -> None:
        self.page, self.key = page, key
        self.list = page.get_by_test_id(f"messages-{key}")

    def messages(self, text: str) -> Locator:
        """The pane's messages that contain `text`."""
        return self.list.get_by_test_id("message").filter(has_text=text)

    def say(self, text: str) -> None:
        """Type into the pane's box and press Enter; the box empties once it is sent."""
        box = self.page.get_by_test_id(f"input-{self.key}")
        box.fill(text)
        box.press("Enter")
        expect(box).to_have_value("")

    def press(self, message: Locator, label: str) -> None:
        """Press the inline button labelled exactly `label` under the message."""
        exact = re.compile(f"^{re.escape(label)}$")
        button = message.get_by_test_id("button").filter(has_text=exact)
        expect(button).to_be_enabled()
        button.click()

    def next(self, text: str, action: Callable[[], None]) -> Locator:
        """Do `action`, then wait for one more message containing `text` (new or edited)."""
        before = self.messages(text).count()
        action()
        found = self.messages(text)
        expect(found).to_have_count(before + 1)
        return found.last


def open_playground(page: Page, url: str) -> None:
    """Load the page and wait until every pane shows its chat's history so far (so that
    counting messages before an action counts the old ones too)."""
    page.set_default_timeout(WAIT)
    page.goto(url)
    cast = page.request.get(f"{url}api/personas").json()["result"]
    chats = {p["key"]: p["chat_id"] for p in cast["personas"]}
    chats[cast["group"]["key"]] = cast["group"]["chat_id"]
    assert sorted(chats) == sorted(PANES)
    for key, chat in chats.items():
        expect(page.get_by_test_id(f"pane-{key}")).to_be_visible()
        history = page.request.get(f"{url}control/history?chat_id={chat}").json()["result"]
        page.wait_for_function(
            "([key, known]) => document.querySelectorAll("
            "`[data-testid=messages-${key}] [data-testid=message]`).length >= known",
            arg=[key, len(history)],
        )


def short(match: re.Match[str] | None, text: str) -> str:
    """A date the bot wrote ("12月1日 17:30") as the issue panel writes it ("12-01 17:30")."""
    assert match is not None, f"no deadline in {text!r}"
    month, day, clock = match.groups()
    return f"{int(month):02d}-{int(day):02d} {clock}"


def travel(page: Page, step: str) -> dict[str, Any]:
    """Press a time-travel button; the bot's clock as the server answered, once shown."""
    with page.expect_response(
        lambda r: r.url.endswith("/api/clock") and r.request.method == "POST"
    ) as answered:
        page.get_by_test_id(f"travel-{step}").click()
    clock: dict[str, Any] = answered.value.json()["result"]
    expect(page.get_by_test_id("clock")).to_have_text(clock["shown"])
    return clock


def to_office_hours(page: Page, url: str) -> None:
    """Travel until the bot's clock reads 09:00–17:00 on a working day (urgent work waits
    out quiet hours, and the demo should look like an office day)."""
    clock: dict[str, Any] = page.request.get(f"{url}api/clock").json()["result"]
    for _ in range(30):
        if 9 <= int(clock["shown"][11:13]) < 17:
            if clock["working_day"]:
                return
            clock = travel(page, "workday")  # keeps the time of day
        else:
            clock = travel(page, "hour")
    raise AssertionError(f"travelled 30 steps and never reached office hours: {clock}")


def file_urgent_issue(enterprise: Pane, problem: str) -> tuple[str, str]:
    """/new, the project, the description, 完成, 紧急, 提交: the code and the first deadline."""
    ask = enterprise.next("这个问题涉及哪个项目", lambda: enterprise.say("/new"))
    enterprise.next("请描述遇到的问题", lambda: enterprise.press(ask, PROJECT))
    added = enterprise.next("已收到（文字 1 条", lambda: enterprise.say(problem))
    urgency = enterprise.next("问题是否紧急", lambda: enterprise.press(added, "完成"))
    summary = enterprise.next("紧急程度：紧急", lambda: enterprise.press(urgency, "紧急"))
    receipt = enterprise.next("已受理，编号", lambda: enterprise.press(summary, "提交"))
    words = receipt.get_by_test_id("message-text").inner_text()
    code = CODE.search(words)
    assert code is not None, f"no issue code in the receipt {words!r}"
    return code.group(), short(RECEIPT_DUE.search(words), words)


def test_the_direct_report_loop_through_the_page(
    watched: Watched, playground: Playground, artefacts: Path
) -> None:
    page = watched.page
    open_playground(page, playground.url)
    clock = page.get_by_test_id("clock")
    expect(clock).to_have_text(re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d$"))
    page.screenshot(path=str(artefacts / "first-load.png"), full_page=True)

    # Chinese and English: the page's own words follow the toggle.
    toggle = page.get_by_test_id("lang-toggle")
    toggle.click()
    expect(page.get_by_test_id("travel-hour")).to_have_text("+1 hour")
    expect(page.get_by_test_id("pane-enterprise").locator("h2")).to_have_text("enterprise member")
    toggle.click()
    expect(page.get_by_test_id("travel-hour")).to_have_text("+1 小时")

    first_clock = clock.inner_text()
    to_office_hours(page, playground.url)
    enterprise, group, officer, lead, leader, principal, office = (
        Pane(page, key) for key in PANES
    )

    # Filing an urgent issue of a city-coordinated project: a direct report to the leaders.
    code, first_due = file_urgent_issue(enterprise, PROBLEM)
    for boss in (leader, principal, office):
        expect(boss.messages(f"【直报】{code}")).to_contain_text(ENTERPRISE)

    # The group's post; 签收 there (the group pane speaks as the officer 赵专员).
    post = group.messages(f"【紧急】{code}")
    expect(post).to_contain_text(PROBLEM)
    group.press(post, "签收")
    expect(page.get_by_test_id("status-group")).to_have_text("签收成功")
    expect(post).to_contain_text("已由 赵专员 签收")
    card = officer.messages(f"{code} · 已签收")
    expect(card.get_by_test_id("button").filter(has_text="办结答复")).to_be_visible()
    card_text = card.inner_text()
    found = REPLY_DUE.search(card_text)
    assert found is not None, f"no reply deadline on the officer's card {card_text!r}"
    year, month, day, hour, minute = (int(part) for part in found.groups())
    reply_due = datetime(year, month, day, hour, minute)

    # The supervising leader instructs; the officer and the group hear it at once.
    report = leader.messages(f"【直报】{code}")
    leader.next("请输入对", lambda: leader.press(report, "批示"))
    leader.next("批示已送达", lambda: leader.say(INSTRUCTION))
    expect(officer.messages(f"【领导批示】{code}")).to_contain_text(INSTRUCTION)
    expect(group.messages(f"【领导批示】{code}")).to_contain_text(INSTRUCTION)

    # Time travel, deadline by deadline (the 75% reminder first), past the reply deadline.
    shown = clock.inner_text()
    for _ in range(6):
        if datetime.strptime(shown, "%Y-%m-%d %H:%M") >= reply_due:
            break
        shown = travel(page, "deadline")["shown"]
    assert datetime.strptime(shown, "%Y-%m-%d %H:%M") >= reply_due, "never reached it"
    expect(officer.messages(f"【临期提醒】{code}").first).to_contain_text("答复时限")
    overdue = officer.messages(f"【催办】{code}")
    expect(overdue.first).to_contain_text("答复时限")
    expect(lead.messages(f"【催办】{code}").first).to_be_visible()
    expect(leader.messages(f"【催办】{code}").first).to_be_visible()  # instructors hear it
    expect(clock).not_to_have_text(first_clock)
    expect(page.get_by_test_id("clock-offset")).to_contain_text("已快进")

    # The issue panel: clocks in the city's time (whatever the browser's), the timeline.
    page.get_by_test_id(f"issue-{code}").click()
    expect(page.get_by_test_id("issue-detail")).to_be_visible()
    expect(page.get_by_test_id("issue-title")).to_contain_text(code)
    rows = page.get_by_test_id("clocks").get_by_test_id("clock-row")
    expect(rows.filter(has_text="签收")).to_contain_text(first_due)
    expect(rows.filter(has_text="答复")).to_contain_text(reply_due.strftime("%m-%d %H:%M"))
    timeline = page.get_by_test_id("timeline")
    instructed = timeline.get_by_test_id("timeline-entry").filter(has_text=INSTRUCTION)
    expect(instructed).to_have_attribute("data-kind", "领导批示")
    expect(instructed).to_contain_text("李副市长")
    expect(
        timeline.locator('[data-testid="timeline-entry"][data-kind="超期升级"]')
    ).not_to_have_count(0)
    toggle.click()
    expect(instructed).to_have_attribute("data-kind", "leader's instruction")
    toggle.click()
    expect(instructed).to_have_attribute("data-kind", "领导批示")

    # The officer answers from the private card; the enterprise confirms and rates.
    card = officer.list.get_by_test_id("message").filter(
        has=page.get_by_test_id("button").filter(has_text="办结答复")
    )
    officer.next("请输入办理结果", lambda: officer.press(card.last, "办结答复"))
    confirm = officer.next("请确认发送给企业的办理结果", lambda: officer.say(ANSWER))
    officer.next("办理结果已发送给企业", lambda: officer.press(confirm, "确认发送"))
    answer = enterprise.messages(f"【办理结果】{code}")
    expect(answer).to_contain_text(ANSWER)
    rating = enterprise.next("感谢确认！请为", lambda: enterprise.press(answer, "确认已解决"))
    expect(rating.get_by_test_id("button").filter(has_text="★")).to_have_count(5)
    enterprise.next("感谢您的评价", lambda: enterprise.press(rating, "★★★★★"))
    expect(page.get_by_test_id("issue-title")).to_contain_text("已办结")

    page.screenshot(path=str(artefacts / "playground.png"), full_page=True)
    assert watched.errors == [], "the page had console errors"


def test_the_issue_list_names_each_issues_enterprise(
    watched: Watched, playground: Playground
) -> None:
    page = watched.page
    open_playground(page, playground.url)
    try:
        code, _ = file_urgent_issue(
            Pane(page, "enterprise"), "厂区道路施工封闭，原料车辆无法进厂。"
        )
        item = page.get_by_test_id(f"issue-{code}")
        expect(item).to_be_visible()
    except AssertionError as error:  # not the bug this test waits on: fail for real
        raise RuntimeError(f"could not file an issue through the page: {error}") from error
    expect(item).to_contain_text(ENTERPRISE, timeout=4000)  # the list is fetched every 3 s


def test_zhibao_run_stops_soon_after_sigterm(playground: Playground) -> None:
    # Last in this module on purpose: it stops the product the tests above share.
    process = playground.process
    if process.poll() is not None:  # not the bug this test waits on: fail for real
        pytest.fail(f"zhibao run had stopped by itself (exit status {process.returncode})")
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=STOP_PROMPTLY)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        raise AssertionError(f"zhibao run still ran {STOP_PROMPTLY} s after SIGTERM") from None
    if process.returncode != 0:
        pytest.fail(f"zhibao run stopped with exit status {process.returncode} after SIGTERM")
