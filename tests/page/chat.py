"""The playground page as the page tests drive it: its chat panes, time travel, filing."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from playwright.sync_api import Locator, Page, expect

WAIT = 15_000  # milliseconds: generous, yet a stuck page fails in seconds, not minutes
expect.set_options(timeout=WAIT)

PANES = ("enterprise", "group", "officer", "lead", "leader", "principal", "office")
PROJECT = "高端铝材产业园"  # 3 billion yuan: city-coordinated, so urgent issues are 直报
CODE = re.compile(r"ZB-\d{4}-\d{6}")
# "最近办理时限：11月30日 17:00" (with the year when it is another year's).
RECEIPT_DUE = re.compile(r"最近办理时限：(?:\d{4}年)?(\d{1,2})月(\d{1,2})日\s*(\d{2}:\d{2})")


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

    def card(self, text: str) -> Locator:
        """The pane's WeCom cards that contain `text`."""
        cards = self.list.get_by_test_id("message").filter(
            has=self.page.get_by_test_id("wecom-card")
        )
        return cards.filter(has_text=text)

    def next_card(self, text: str, action: Callable[[], None]) -> Locator:
        """On WeCom: do `action`, then wait for one more card containing `text` (sent or
        updated; a text that does not fit a card goes before it as a text message)."""
        before = self.card(text).count()
        action()
        found = self.card(text).nth(before)
        expect(found).to_be_visible()
        return found

    def some(self, text: str, action: Callable[[], None]) -> Locator:
        """On WeCom: do `action`, then wait for at least one more message containing `text`
        (a clicked card's grey label may repeat the answer's first line)."""
        before = self.messages(text).count()
        action()
        found = self.messages(text).nth(before)
        expect(found).to_be_visible()
        return self.messages(text).last


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
