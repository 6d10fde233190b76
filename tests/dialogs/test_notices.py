"""Queued notices become messages in the recipient's language, with the buttons they act by."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from bot.bootstrap import city_calendar
from bot.config import default_settings
from bot.dialogs.notices import render
from bot.domain.model import IssueEvent, Urgency
from bot.domain.notice import Notice, NoticeStatus, Priority
from bot.domain.notification import RULES, SWEEP_TEMPLATES, notices_for
from bot.domain.people import ChannelIdentity
from bot.i18n.catalog import default_catalog
from bot.services import teamwork
from bot.services.recipients import Delivery
from bot.services.recording import build_audience
from scheduler.dispatcher import Dispatcher
from tests.fakes import FakeMessenger
from tests.services.city import ALU_GROUP, MONDAY_10, City

CALENDAR = city_calendar(default_settings())

TEMPLATES = sorted(
    {t for rules in RULES.values() for _, _, t in rules}
    | {"direct_report", "needs_dispatch", *SWEEP_TEMPLATES.values()}
)
# What the reports and the dispatcher send, with the parameters they carry.
REPORTS: dict[str, dict[str, Any]] = {
    "digest": {
        "overdue": 2,
        "overdue_list": "ZB-2026-000001, ZB-2026-000002",
        "direct": 0,
        "direct_list": "",
        "supervised": 1,
        "supervised_list": "ZB-2026-000001",
    },
    "weekly": {
        "since": "2026-10-01",
        "until": "2026-10-08",
        "criticised": "ZB-2026-000001",
        "criticised_count": 1,
        "rows": [
            {
                "team": "alu",
                "name_zh": "高端铝业",
                "name_en": "High-end aluminium",
                "open": 3,
                "overdue": 1,
                "filed": 2,
                "closed": 1,
                "on_time": 50,
                "satisfaction": 100,
                "rating": 4.5,
            }
        ],
    },
    "delivery_failed": {
        "issue": "ZB-2026-000001",
        "title": "info_requested",
        "recipient": "李副市长",
        "error": "Forbidden: bot was blocked by the user",
    },
}


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("template", TEMPLATES)
def test_every_notice_renders_in_both_languages(template: str, language: str) -> None:
    notice = Notice(
        f"k:{template}",
        Priority.NORMAL,
        f"notice.{template}",
        MONDAY_10,
        params={
            "code": "ZB-2026-000001",
            "text": "已处理",
            "new_due": "2026-12-22 17:30",
            "score": 5,
            "event": "x",
            "clock": "sign",
            "due_at": "2026-11-24T09:30:00+00:00",
            "level": 2,
            "leader": "李副市长",
        },
    )
    reply = render(
        default_catalog(), Delivery(notice, "42", language, None, "a"), CALENDAR, MONDAY_10
    )
    assert "ZB-2026-000001" in reply.text
    for row in reply.buttons:
        for button in row:
            assert len(button.payload.encode()) <= 64 and button.label


# What these notices carried when queued by the version before their texts gained a fact.
QUEUED_BEFORE = {
    "instruction": {"code": "ZB-2026-000001", "text": "请加快办理"},
    "supervised": {"code": "ZB-2026-000001"},
    "delivery_failed": {"dedupe_key": "event:6:person:11", "recipient": "赵专员", "error": "x"},
}


@pytest.mark.parametrize("template", sorted(QUEUED_BEFORE))
def test_a_notice_queued_before_its_text_gained_a_fact_still_renders(template: str) -> None:
    notice = Notice("k", Priority.HIGH, f"notice.{template}", MONDAY_10, QUEUED_BEFORE[template])
    reply = render(default_catalog(), Delivery(notice, "42", "zh", None, "a"), CALENDAR, MONDAY_10)
    assert reply.text.startswith(
        ("【领导批示】ZB-2026-000001（市领导）", "【领导督办】", "【投递失败】")
    )


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("template", sorted(REPORTS))
def test_every_report_renders_in_both_languages(template: str, language: str) -> None:
    notice = Notice("k", Priority.DIGEST, f"notice.{template}", MONDAY_10, REPORTS[template])
    text = render(
        default_catalog(), Delivery(notice, "42", language, None, "a"), CALENDAR, MONDAY_10
    ).text
    assert "ZB-2026-000001" in text
    if template == "weekly":
        assert ("高端铝业" if language == "zh" else "High-end aluminium") in text
        assert "50%" in text and "100%" in text and "4.5" in text


@pytest.mark.parametrize("level", [1, 2, 3])
def test_each_escalation_level_has_its_own_words_and_the_city_time(level: int) -> None:
    params = {"code": "ZB-2026-000001", "clock": "reply", "due_at": "2026-11-24T09:30:00+00:00"}
    notice = Notice("k", Priority.HIGH, "notice.escalation", MONDAY_10, params | {"level": level})
    text = render(
        default_catalog(), Delivery(notice, "42", "zh", None, "a"), CALENDAR, MONDAY_10
    ).text
    assert text.startswith(("【催办】", "【督办】", "【超期通报】")[level - 1])
    assert "11月24日 17:30" in text and "答复" in text


async def deliver_queued(city: City, messenger: FakeMessenger) -> int:
    """One dispatcher round at the city's time; how many notices it sent."""
    dispatcher = Dispatcher(
        city.new_uow, city.ctx, default_catalog(), messenger, "test", lambda: city.now
    )
    return (await dispatcher.run_once()).sent


async def identify(city: City, person: int, telegram_id: str) -> None:
    """Give a person of the test city a Telegram account."""
    async with city.new_uow() as uow:
        await uow.people.add_identity(person, ChannelIdentity("telegram", telegram_id))
        await uow.commit()


async def test_a_filing_reaches_the_group_and_the_leaders(city: City) -> None:
    await identify(city, city.leader, "8001")
    outcome = await city.file(urgency=Urgency.URGENT, project_id=city.big_project)
    messenger = FakeMessenger()
    sent = await deliver_queued(city, messenger)
    code = outcome.issue.code
    group = messenger.to(ALU_GROUP)
    assert len(group) == 1 and group[0].text.startswith(
        f"【紧急】{code}\n企业：滨州宏达铝业有限公司"
    )
    assert [b.payload for b in group[0].buttons[0]] == [
        f"i:c:{code}",
        f"i:d:{code}",
        f"i:r:{code}",
    ]
    card = messenger.to("8001")
    assert len(card) == 1 and code in card[0].text and "高端铝材产业园" in card[0].text
    assert [b.payload[:4] for b in card[0].buttons[0]] == ["i:i:", "i:s:", "i:d:"]
    # Both cards are kept, to be shown anew when the issue changes.
    async with city.new_uow() as uow:
        views = await uow.views.of_issue(outcome.issue.id or 0)
    assert sorted((v.chat_id, v.kind) for v in views) == [
        ("-1001234", "group"),
        ("8001", "direct"),
    ]
    assert sent == 2
    async with city.new_uow() as uow:
        notices = await uow.notices.find(issue_id=outcome.issue.id)
    by_status = {n.status for n in notices}
    # Offices and the principal have no chat account in the test city: given up at once, not
    # retried, and the admins told (the admin has no chat either: that alert fails too).
    assert by_status == {NoticeStatus.SENT, NoticeStatus.FAILED}
    unreachable = [n for n in notices if n.status is NoticeStatus.FAILED]
    assert all((n.error or "").startswith("unreachable: ") for n in unreachable)
    assert await deliver_queued(city, messenger) == 0


async def test_a_failed_send_is_retried_and_the_rest_go_on(city: City) -> None:
    await identify(city, city.leader, "8001")
    await city.file(urgency=Urgency.URGENT, project_id=city.big_project)
    messenger = FakeMessenger()
    messenger.failures.append(RuntimeError("network down"))
    assert await deliver_queued(city, messenger) == 1
    async with city.new_uow() as uow:
        waiting = await uow.notices.find(status=NoticeStatus.QUEUED)
    assert len(waiting) == 1 and waiting[0].attempts == 1
    assert waiting[0].not_before == city.now + timedelta(seconds=5), "backed off"
    assert await deliver_queued(city, messenger) == 0, "not before its back-off"
    city.now += timedelta(seconds=5)
    assert await deliver_queued(city, messenger) == 1
    assert len(messenger.sent) == 2


async def test_a_notice_that_keeps_failing_is_given_up_and_the_admins_are_told(
    city: City,
) -> None:
    await identify(city, city.leader, "8001")
    await identify(city, city.admin, "9001")
    await city.file(urgency=Urgency.URGENT, project_id=city.big_project)
    messenger = FakeMessenger()
    for _ in range(5):
        messenger.failures.extend([RuntimeError("down"), RuntimeError("down")])
        await deliver_queued(city, messenger)
        city.now += timedelta(minutes=5)  # past the longest back-off
    async with city.new_uow() as uow:
        failed = await uow.notices.find(status=NoticeStatus.FAILED)
    tried = [n for n in failed if not (n.error or "").startswith("unreachable: ")]
    assert {n.attempts for n in tried} == {5} and len(tried) == 2
    await deliver_queued(city, messenger)
    alerts = messenger.to("9001")
    # One alert for each notice given up: the two sends that kept failing, and those to
    # people nobody can reach (offices and principals who never joined).
    assert len(alerts) == len(failed) and all(a.text.startswith("【投递失败】") for a in alerts)
    assert sum("down" in a.text for a in alerts) == 2


async def test_phone_numbers_never_reach_a_group(city: City) -> None:
    code = (await city.file("变电站不能送电，联系人电话13912345678")).issue.code
    await teamwork.supply_info(
        city.new_uow(), city.ctx, city.member, code, "补充：也可拨 0543-3161234", city.now
    )
    messenger = FakeMessenger()
    await deliver_queued(city, messenger)
    group = " ".join(r.text for r in messenger.to(ALU_GROUP))
    assert "13912345678" not in group and "3161234" not in group
    assert "139****5678" in group


def rendered(template: str, params: dict[str, Any], language: str = "zh") -> str:
    """The text a notice of the template renders to."""
    notice = Notice("k", Priority.HIGH, f"notice.{template}", MONDAY_10, params)
    return render(
        default_catalog(), Delivery(notice, "42", language, None, "a"), CALENDAR, MONDAY_10
    ).text


def test_a_supervision_standing_in_for_a_missing_leader_asks_the_office() -> None:
    base = {"code": "ZB-2026-000001", "clock": "sign", "due_at": "2026-11-24T09:30:00+00:00"}
    office = rendered("escalation", base | {"level": 2, "stand_in": "yes"})
    assert "请办公室协调推进" in office and "请分管领导关注" not in office
    leader = rendered("escalation", base | {"level": 2})
    assert leader.endswith("请分管领导关注。")


def test_a_decided_request_says_which_request_and_what_became_of_it() -> None:
    code = {"code": "ZB-2026-000001"}
    extension = rendered(
        "request_approved",
        code | {"event": "extension_approved", "new_due": "2026-12-22T09:30:00+00:00"},
    )
    assert extension == "【延期申请已批准】ZB-2026-000001 的办结时限调整为 12月22日 17:30。"
    transfer = rendered("request_approved", code | {"event": "transferred"}, "en")
    assert transfer.startswith("[Transfer approved]") and "takes over ZB-2026-000001" in transfer
    denied = rendered("request_denied", code | {"request": "transfer", "text": ""})
    assert denied == "【转派申请未获批准】ZB-2026-000001"
    with_note = rendered("request_denied", code | {"request": "extension", "text": "请先核实"})
    assert with_note == "【延期申请未获批准】ZB-2026-000001：请先核实"


async def test_a_missing_supervising_leader_is_stood_in_for_by_the_desk(city: City) -> None:
    issue = (await city.file(project_id=None, task_force_code="chem")).issue
    events = [
        IssueEvent(
            "escalated",
            city.now,
            None,
            issue.state,
            issue.state,
            None,
            {"level": 2, "audience": ["supervising_leader"]},
        )
    ]
    async with city.new_uow() as uow:
        stored = await uow.events.add_all(issue.id or 0, events)
        audience = await build_audience(uow, city.ctx, issue, stored)
    notices = notices_for(issue, stored[0], audience, city.now)
    assert {n.person_id for n in notices} == {city.party_office, city.government_office}
    assert all(n.params["stand_in"] == "yes" for n in notices)
