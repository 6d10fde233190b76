"""The direct-report loop played through the playground page in a headless Chromium.

One scenario, as the README's one-minute walkthrough tells it, begun in the night (the bot's
clock reads 02:00 when `zhibao run` starts, and the playground moves it into office hours):
the enterprise files an urgent issue about its city-coordinated project, which reaches the
leaders at once (直报); the officer claims it in the task force's group; the supervising leader
instructs; time travel makes the reply deadline pass, so the officer, the lead and the
instructing leader are told (催办); the issue panel shows its clocks (overdue) and timeline;
the officer answers, and the enterprise confirms and rates. The page must have no console
errors on the way, fit a 1,600 × 900 window, and say in each pane what to do there.
"""

from __future__ import annotations

import re
import signal
import subprocess
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.page.conftest import VIEWPORT, Playground, Watched

try:
    from playwright.sync_api import expect

    from tests.page.chat import PANES, Pane, file_urgent_issue, open_playground, travel
except ImportError:
    pytest.skip(
        "Playwright for Python is not installed: the playground page tests are skipped",
        allow_module_level=True,
    )

STOP_PROMPTLY = 5  # seconds from SIGTERM to exit
ENTERPRISE = "滨州宏达铝业有限公司"
PROBLEM = "园区110千伏变电站迟迟没有送电，新生产线无法投产，请尽快协调供电公司。"
INSTRUCTION = "请专班今天内协调供电公司送电，结果报我。"
ANSWER = "已协调供电公司，变电站已送电，生产线可以投产。"
# "答复时限：12月1日 17:30" on the officer's card (with the year when it is another year's).
REPLY_DUE = re.compile(r"答复时限：(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日\s*(\d{2}):(\d{2})")
# What each pane says to do before anything happened in it, in Chinese and in English.
HINTS = {
    "enterprise": ("输入 /new 反映问题", "Type /new to report a problem"),
    "group": ("签收", "claim"),
    "officer": ("办结答复", "answer"),
    "lead": ("催办", "overdue"),
    "leader": ("批示", "instruct"),
    "principal": ("每日汇总", "morning digest"),
    "office": ("直报", "Direct reports"),
}


def shown_time(text: str) -> datetime:
    """The clock's "2026-12-04 09:30" as a datetime."""
    return datetime.strptime(text, "%Y-%m-%d %H:%M")


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

    # Started at 02:00, the bot's clock was moved to 09:30 that working day, where urgent
    # notices are not held by quiet hours; the page shows that time, and says it moved.
    started = (playground.folder / "run.out").read_text()
    opened = playground.night.replace(hour=9, minute=30)
    assert f"moved it to {opened:%Y-%m-%d %H:%M}" in started, started
    first_clock = clock.inner_text()
    assert (
        timedelta(0) <= shown_time(first_clock) - opened.replace(tzinfo=None) < timedelta(hours=1)
    ), f"the page's clock reads {first_clock}, not the morning of {opened:%Y-%m-%d}"
    expect(page.get_by_test_id("clock-offset")).to_contain_text("已快进")
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
    year, month, day, hour, minute = (int(part or 0) for part in found.groups())
    reply_due = datetime(year or shown_time(first_clock).year, month, day, hour, minute)

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

    # The issue panel: clocks in the city's time (whatever the browser's), the reply clock
    # overdue (in the list too), the timeline.
    item = page.get_by_test_id(f"issue-{code}")
    expect(item).to_have_attribute("data-overdue", "true")
    expect(item.get_by_test_id("overdue")).to_have_text("已超期")
    item.click()
    expect(page.get_by_test_id("issue-detail")).to_be_visible()
    expect(page.get_by_test_id("issue-title")).to_contain_text(code)
    rows = page.get_by_test_id("clocks").get_by_test_id("clock-row")
    expect(rows.filter(has_text="签收")).to_contain_text(first_due)
    replying = rows.filter(has_text="答复")
    expect(replying).to_contain_text(reply_due.strftime("%m-%d %H:%M"))
    expect(replying).to_contain_text("已超期")
    expect(replying).to_have_attribute("data-overdue", "true")
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
    confirm = officer.next("将发送给企业的办理结果", lambda: officer.say(ANSWER))
    officer.next("办理结果已发送给企业", lambda: officer.press(confirm, "发送"))
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


def test_every_pane_fits_the_window_and_says_what_to_do(
    watched: Watched, playground: Playground
) -> None:
    page = watched.page
    open_playground(page, playground.url)
    for key in PANES:
        pane = page.get_by_test_id(f"pane-{key}")
        box = pane.bounding_box()
        assert box is not None, f"the {key} pane is not drawn"
        right, bottom = box["x"] + box["width"], box["y"] + box["height"]
        assert box["x"] >= 0 and right <= VIEWPORT["width"], f"the {key} pane is cut: {box}"
        assert box["y"] >= 0 and bottom <= VIEWPORT["height"], f"the {key} pane is cut: {box}"
        expect(page.get_by_test_id(f"hint-{key}")).to_contain_text(HINTS[key][0])
        # The attach button is a drawing, not an emoji a browser may lack the font for.
        attach = page.get_by_test_id(f"attach-{key}")
        expect(attach).to_have_accessible_name("发送文件或图片")
        expect(attach.locator("svg")).to_have_count(1)
        assert attach.inner_text().strip() == ""
    page.get_by_test_id("lang-toggle").click()
    for key in PANES:
        expect(page.get_by_test_id(f"hint-{key}")).to_contain_text(HINTS[key][1])
    expect(page.get_by_test_id("attach-enterprise")).to_have_accessible_name(
        "Send a file or photo"
    )
    page.get_by_test_id("lang-toggle").click()
    assert watched.errors == [], "the page had console errors"


def test_a_notice_held_by_quiet_hours_says_until_when(
    watched: Watched, playground: Playground
) -> None:
    page = watched.page
    open_playground(page, playground.url)
    clock = page.request.get(f"{playground.url}api/clock").json()["result"]
    for _ in range(24):
        if not 7 <= int(clock["shown"][11:13]) < 22:
            break
        clock = travel(page, "hour")
    # The officials' quiet hours (22:00-07:30): the direct report goes at once, being
    # critical; the group's post waits, and the issue panel says until when and why.
    code, _ = file_urgent_issue(Pane(page, "enterprise"), "厂区夜间突然停电，熔铸车间停产。")
    page.get_by_test_id(f"issue-{code}").click()
    held = page.get_by_test_id("waiting").locator('[data-reason="quiet_hours"]')
    expect(held).to_contain_text("高端铝业专班群")
    expect(held).to_contain_text(re.compile(r"等待至 \d\d-\d\d 07:30（免打扰时段）"))
    group = Pane(page, "group")
    expect(Pane(page, "leader").messages(f"【直报】{code}")).to_have_count(1)
    expect(group.messages(f"【紧急】{code}")).to_have_count(0)
    page.get_by_test_id("lang-toggle").click()
    expect(held).to_contain_text(re.compile(r"waits until \d\d-\d\d 07:30 \(quiet hours\)"))
    page.get_by_test_id("lang-toggle").click()
    for _ in range(12):
        if clock["shown"][11:16] >= "07:30" and int(clock["shown"][11:13]) < 22:
            break
        clock = travel(page, "hour")
    expect(group.messages(f"【紧急】{code}")).to_have_count(1)
    expect(page.get_by_test_id("waiting").get_by_test_id("waiting-entry")).to_have_count(0)
    assert watched.errors == [], "the page had console errors"


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
