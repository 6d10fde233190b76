"""Which sent messages the bot keeps showing an issue on, and which it lets be.

A card the person deleted is not sent again on every later change; a request card keeps
its decision, and the next request comes as a message of its own; an emulator started
afresh never numbers a message as one the bot kept.
"""

from __future__ import annotations

from datetime import date, timedelta

from bot.services import follow_up, teamwork
from sandbox.telegram import Sandbox, unused_message_ids
from tests.telegram.conftest import Loop
from tests.telegram.test_desk import OFFICE, office_official, unrouted
from tests.telegram.test_enterprise_flow import bot_messages, press
from tests.telegram.test_officer_flow import GROUP, OFFICER, officials
from tests.telegram.test_paths import LEAD, more_officials
from tests.telegram.test_views import labels, newest


async def kept(loop: Loop, chat: int, message_id: int) -> list[str]:
    """The kinds of cards the bot keeps for one message."""
    async with loop.city.new_uow().reading() as uow:
        views = await uow.views.of_message("telegram", str(chat), str(message_id))
    return [v.kind for v in views]


async def test_a_card_the_officer_deleted_is_not_sent_again(loop: Loop) -> None:
    await officials(loop)
    city = loop.city
    code = (await city.file()).issue.code
    await loop.turn()
    await press(loop, GROUP, "签收", user_id=OFFICER)
    card = next(m for m in bot_messages(loop, OFFICER) if "答复企业" in labels(m))
    loop.sandbox.delete_for_both(OFFICER, card.message_id)
    before = len(bot_messages(loop, OFFICER))
    await teamwork.note(city.new_uow(), city.ctx, city.lead, code, "已约电网", city.now)
    await teamwork.resolve(city.new_uow(), city.ctx, city.officer, code, "已送电", city.now)
    await loop.turn()
    await follow_up.confirm(city.new_uow(), city.ctx, city.member, code, city.now)
    await loop.turn()
    after = [m for m in bot_messages(loop, OFFICER)[before:] if code in (m.text or "")]
    assert not [m for m in after if (m.text or "").startswith(code)], "no copy of the card"
    assert await kept(loop, OFFICER, card.message_id) == []


async def test_a_decided_request_keeps_its_decision_and_the_next_one_comes_anew(
    loop: Loop,
) -> None:
    await officials(loop)
    await more_officials(loop)
    city = loop.city
    code = (await city.file()).issue.code
    await loop.turn()
    await press(loop, GROUP, "签收", user_id=OFFICER)
    due = date(2026, 12, 17)  # two working days after the resolution deadline
    await follow_up.request_extension(
        city.new_uow(), city.ctx, city.officer, code, due, "等电网改造", city.now
    )
    await loop.turn()
    request = bot_messages(loop, LEAD)[-1]
    assert labels(request) == ["批准", "不批准"]
    await press(loop, LEAD, "批准", user_id=LEAD)
    decided = newest(loop, LEAD, request.message_id)
    assert "已批准" in (decided.text or "") and labels(decided) == []
    assert await kept(loop, LEAD, request.message_id) == ["decided"], "final: never refreshed"
    await teamwork.note(city.new_uow(), city.ctx, city.officer, code, "光伏项目", city.now)
    await teamwork.transfer(
        city.new_uow(), city.ctx, city.officer, code, "energy", "光伏", city.now
    )
    city.now += timedelta(minutes=11)  # past the routine notices' coalescing window
    await loop.turn()
    assert newest(loop, LEAD, request.message_id).text == decided.text, "left as decided"
    transfer = bot_messages(loop, LEAD)[-1]
    assert transfer.message_id != request.message_id
    assert "转派" in (transfer.text or "") and labels(transfer) == ["批准", "不批准"]
    await press(loop, LEAD, "不批准", user_id=LEAD)
    loop.sandbox.send_text(LEAD, "请先与新能源专班沟通")
    await loop.turn()
    shown = newest(loop, LEAD, transfer.message_id).text or ""
    assert shown == f"孙组长 未批准 {code} 的申请，理由：请先与新能源专班沟通"
    told = bot_messages(loop, OFFICER)[-1].text or ""
    assert "未获批准" in told and "请先与新能源专班沟通" in told, "at once, with the reason"


async def test_a_restarted_emulator_numbers_messages_beyond_the_last_run() -> None:
    started = 1_800_000_000.0
    first = Sandbox(first_message_id=unused_message_ids(started))
    first.create_user(user_id=5, first_name="甲")
    before = [first.send_text(5, "/start").message_id for _ in range(3)]
    again = Sandbox(first_message_id=unused_message_ids(started + 60))
    again.create_user(user_id=5, first_name="甲")
    assert again.send_text(5, "/start").message_id > max(before)
    assert unused_message_ids(0) == 1


async def test_a_desk_card_that_waited_is_dropped_once_the_issue_was_dispatched(
    loop: Loop,
) -> None:
    await officials(loop)
    await office_official(loop, loop.city.now)
    city = loop.city
    first = await unrouted(loop, "电解铝厂的铝液运输车辆需要通行证")
    assert (bot_messages(loop, OFFICE)[-1].text or "").startswith(f"【待分派】{first}")
    seen = len(bot_messages(loop, OFFICE))
    second = await unrouted(loop, "请问这个怎么办")  # waits out the coalescing window
    assert len(bot_messages(loop, OFFICE)) == seen
    await teamwork.dispatch(city.new_uow(), city.ctx, city.admin, second, "alu", city.now)
    city.now += timedelta(minutes=11)
    await loop.turn()
    assert not [m for m in bot_messages(loop, OFFICE)[seen:] if second in (m.text or "")]
    async with city.new_uow().reading() as uow:
        waited = [
            n.error
            for n in await uow.notices.find()
            if n.template == "notice.needs_dispatch" and n.params.get("code") == second
        ]
    assert "overtaken" in waited
