"""What issue cards say and offer as the issue moves on (a new user's review): clocks that
stopped, a nominee who never signed, the wait for a confirmation, the desk, a leader's
instruction, timelines that say where and whom, one card per claim, Details with the reader's
buttons, the task force that passed an issue on, and heads that fit the issue now."""

from __future__ import annotations

from datetime import timedelta

from bot.dialogs.card_parts import Buttons, Texts
from bot.dialogs.cards import CardKind, render_card, render_group_post
from bot.dialogs.engine import Dialogs
from bot.dialogs.events import Answer, Incoming, Reply
from bot.domain.model import IssueState
from bot.domain.notification import changes_cards
from bot.domain.people import OPERATOR
from bot.i18n.catalog import default_catalog
from bot.services import follow_up, sessions, teamwork
from bot.services.queries import show_issue
from tests.dialogs.chat import Chat
from tests.dialogs.officials import claimed, post_to_group, with_accounts
from tests.services.city import City

UNROUTED = "请问这个怎么办"  # no project, no keyword: it waits at the desk


async def card(
    city: City, who: int, code: str, kind: CardKind = CardKind.CARD, language: str = "zh"
) -> tuple[str, Buttons]:
    """The card of `who` for the issue as it is now."""
    view = await show_issue(city.new_uow(), OPERATOR, code)
    actor = await sessions.actor_of(city.new_uow(), who)
    assert actor is not None
    words = Texts(default_catalog(), language, city.ctx.calendar)
    return render_card(words, kind, view, actor, city.now)


def labels(buttons: Buttons) -> list[str]:
    """The buttons' labels, row after row."""
    return [b.label for row in buttons for b in row]


async def post(city: City, code: str, language: str = "zh") -> str:
    """The alu group's post of the issue as it is now."""
    view = await show_issue(city.new_uow(), OPERATOR, code)
    words = Texts(default_catalog(), language, city.ctx.calendar)
    return render_group_post(words, view, view.issue.task_force_id, city.now)[0]


async def press_kept(chat: Chat, label: str, message_id: str) -> Answer:
    """Press a button of message `message_id`; the answer's new messages are kept as the
    runtime keeps them, numbered from 100."""
    chat.now += timedelta(seconds=5)
    incoming = Incoming(
        "telegram",
        chat.user_id,
        "private",
        chat.user_id,
        chat.name,
        chat.now,
        language_code=chat.language_code,
        button=chat.find_button(label).payload,
        button_message_id=message_id,
    )

    async def deliver(answer: Answer) -> list[str | None]:
        return [r.edit_message_id or str(100 + n) for n, r in enumerate(answer.replies)]

    answer = await chat.dialogs.handle(incoming, deliver)
    chat.answers.append(answer)
    return answer


async def test_a_withdrawn_issue_shows_no_signer_and_stopped_clocks(city: City) -> None:
    code = (await city.file()).issue.code
    await teamwork.assign(city.new_uow(), city.ctx, city.lead, code, city.officer2, city.now)
    await follow_up.withdraw(city.new_uow(), city.ctx, city.member, code, None, city.now)
    for language, named, stopped, wrong in (
        ("zh", "指定签收人：钱专员", "签收：已停止（企业已撤回）", ("经办人", "已完成", "签收 ")),
        (
            "en",
            "Named to claim it: 钱专员",
            "Sign: stopped (withdrawn by the enterprise)",
            ("Handled by", ": done", "Claimed by"),
        ),
    ):
        for who, kind in ((city.officer2, CardKind.ASSIGNED), (city.officer, CardKind.NEW)):
            text, buttons = await card(city, who, code, kind, language)
            assert named in text and stopped in text, text
            assert not any(word in text for word in wrong), text
            assert not text.startswith("【") and not text.startswith("["), text
            assert len(labels(buttons)) == 1
        text = await post(city, code, language)
        assert stopped in text and not any(word in text for word in wrong), text


async def test_a_declined_issue_says_so_on_the_desk_card(city: City) -> None:
    code = (await city.file(UNROUTED, project_id=None)).issue.code
    await teamwork.reject_issue(
        city.new_uow(), city.ctx, city.party_office, code, "不属于", city.now
    )
    for language, stopped in (
        ("zh", "办结：已停止（不予受理）"),
        ("en", "Resolve: stopped (not accepted)"),
    ):
        text, _ = await card(city, city.party_office, code, CardKind.DESK, language)
        assert stopped in text and "已完成" not in text and ": done" not in text
        assert text.startswith(code), "no longer waiting for dispatch"


async def test_an_answered_issue_waits_for_the_enterprise_to_confirm(
    dialogs: Dialogs, city: City
) -> None:
    officials = await with_accounts(dialogs, city)
    code = await claimed(officials)
    await teamwork.resolve(city.new_uow(), city.ctx, city.officer, code, "已送电", city.now)
    for language, waiting in (
        ("zh", "办结：已暂停（等待企业确认）"),
        ("en", "Resolve: paused (waiting for the enterprise to confirm)"),
    ):
        for who in (city.officer, city.lead, city.leader):
            text, _ = await card(city, who, code, language=language)
            assert waiting in text and "补充" not in text, text
        assert waiting in await post(city, code, language)


async def test_officials_wait_for_the_enterprise_and_the_enterprise_for_itself(
    dialogs: Dialogs, city: City
) -> None:
    officials = await with_accounts(dialogs, city)
    code = await claimed(officials)
    await teamwork.ask_info(city.new_uow(), city.ctx, city.officer, code, "请提供负荷表", city.now)
    text, _ = await card(city, city.officer, code, language="en")
    assert text.startswith(f"{code} · waiting for the enterprise's information")
    assert "Resolve: paused (waiting for the enterprise's information)" in text
    member = officials.member()
    member.language_code = "en"
    await member.command("lang")
    await member.press("English")
    await member.command("my")
    assert member.find_button(f"{code} · waiting for your information")


async def test_the_desk_card_follows_its_issue(dialogs: Dialogs, city: City) -> None:
    officials = await with_accounts(dialogs, city)
    code = (await city.file(UNROUTED, project_id=None)).issue.code
    text, buttons = await card(city, city.party_office, code, CardKind.DESK)
    assert text.startswith(f"【待分派】{code}") and labels(buttons)[0] == "派至专班"
    _, english = await card(city, city.party_office, code, CardKind.DESK, "en")
    assert labels(english)[0] == "Dispatch"
    note = "请先联系供电公司"
    await teamwork.dispatch(city.new_uow(), city.ctx, OPERATOR, code, "alu", city.now, note)
    text, _ = await card(city, city.party_office, code, CardKind.DESK)
    assert text.startswith(f"{code} · 已派单"), "dispatched: no longer 待分派"
    assert f"办公室派单说明：{note}" in await post(city, code)
    assert f"The office's note: {note}" in (await card(city, city.officer, code, language="en"))[0]
    details, _ = await card(city, city.officer, code, CardKind.DETAILS)
    assert f"办公室派单至高端铝业：{note}" in details
    # Returned by the task force, it may still be declined.
    await teamwork.return_issue(city.new_uow(), city.ctx, city.officer, code, "非本专班", city.now)
    text, buttons = await card(city, city.party_office, code, CardKind.DESK)
    office = officials.private("party_office")
    office.answers.append(Answer((Reply(office.user_id, text, buttons),)))
    await office.press("不予受理")
    await office.say("属于个人事务")
    assert office.last().text == f"已不予受理 {code}，企业已收到原因。"
    assert (await show_issue(city.new_uow(), OPERATOR, code)).issue.state is IssueState.REJECTED


async def test_an_instruction_before_the_claim_reaches_the_claimant(
    dialogs: Dialogs, city: City
) -> None:
    officials = await with_accounts(dialogs, city)
    code = (await city.file()).issue.code
    outcome = await follow_up.instruct(
        city.new_uow(), city.ctx, city.leader, code, "请今天内协调", city.now
    )
    assert changes_cards(outcome.events[0]), "cards already sent show it too"
    group = officials.in_group("officer")
    await post_to_group(city, group, code)
    assert "领导批示（李副市长，" in group.last().text
    answer = await group.press("签收")
    (mine,) = answer.replies
    assert "领导批示（李副市长，" in mine.text and "）：请今天内协调" in mine.text
    text, _ = await card(city, city.lead, code, CardKind.NEW, "en")
    assert "Leader's instruction (李副市长, " in text and "): 请今天内协调" in text
    await teamwork.resolve(city.new_uow(), city.ctx, city.officer, code, "已送电", city.now)
    await follow_up.confirm(city.new_uow(), city.ctx, city.member, code, city.now)
    assert "领导批示" not in (await card(city, city.officer, code))[0], "over with its issue"


async def test_timelines_say_where_and_whom(dialogs: Dialogs, city: City) -> None:
    officials = await with_accounts(dialogs, city)
    code = (await city.file()).issue.code
    await teamwork.assign(city.new_uow(), city.ctx, city.lead, code, city.officer2, city.now)
    await teamwork.add_co_handler(city.new_uow(), city.ctx, city.lead, code, "chem", city.now)
    details, _ = await card(city, city.officer, code, CardKind.DETAILS)
    for line in ("派单至高端铝业", "指定钱专员签收（孙组长）", "请高端化工协办（孙组长）"):
        assert line in details, details
    english, _ = await card(city, city.officer, code, CardKind.DETAILS, "en")
    assert "sent to High-end aluminium" in english and "钱专员 named to claim it" in english
    await teamwork.transfer(city.new_uow(), city.ctx, city.lead, code, "energy", "光伏", city.now)
    member = officials.member()
    await member.command("my")
    await member.press(member.last().buttons[0][0].label)
    assert "派单至高端铝业" in member.last().text and "转派至新能源新材料" in member.last().text


async def test_a_claim_on_a_private_card_shows_that_card_anew(
    dialogs: Dialogs, city: City
) -> None:
    officials = await with_accounts(dialogs, city)
    code = (await city.file()).issue.code
    private = officials.private("officer")
    await private.command("team")
    await press_kept(private, private.last().buttons[0][0].label, "1")
    answer = await press_kept(private, "签收", "100")
    (mine,) = answer.replies
    assert mine.edit_message_id == "100", "the pressed card itself, no second one"
    assert mine.text.startswith(f"{code} · 已签收") and "答复企业" in labels(mine.buttons)


async def test_details_come_with_the_readers_buttons(dialogs: Dialogs, city: City) -> None:
    officials = await with_accounts(dialogs, city)
    code = (await city.file()).issue.code
    group = officials.in_group("officer2")
    await post_to_group(city, group, code)
    (details,) = (await group.press("详情")).replies
    assert details.chat_id == "7002" and "办理进程：" in details.text
    assert labels(details.buttons)[0] == "签收" and "详情" in labels(details.buttons)
    assert [(v.kind, v.person_id) for v in details.views] == [("details", city.officer2)]


async def test_the_task_force_that_passed_an_issue_on_is_out_of_it(
    dialogs: Dialogs, city: City
) -> None:
    officials = await with_accounts(dialogs, city)
    code = await claimed(officials)
    await teamwork.reply(city.new_uow(), city.ctx, city.officer, code, "已受理", city.now)
    await teamwork.transfer(
        city.new_uow(), city.ctx, city.officer, code, "energy", "光伏", city.now
    )
    await follow_up.decide_request(city.new_uow(), city.ctx, city.lead, code, True, city.now)
    for language, gone in (
        ("zh", f"{code} 已不在您的职责范围内（现由新能源新材料办理）。"),
        ("en", f"{code} is no longer in your hands (now with New energy and new materials)."),
    ):
        for who in (city.officer, city.officer2, city.lead):
            assert await card(city, who, code, language=language) == (gone, ())
    answer = await officials.private("officer").press_payload(f"i:n:{code}")
    assert (answer.toast, answer.alert) == ("您无权进行此操作。", True)


async def test_heads_fit_the_issue_now(city: City) -> None:
    code = (await city.file()).issue.code
    text, _ = await card(city, city.lead, code, CardKind.NEW)
    assert text.startswith(f"【新问题】{code}")
    await teamwork.claim(city.new_uow(), city.ctx, city.officer, code, city.now)
    for language, signed in (("zh", "已由 赵专员 签收"), ("en", "Claimed by 赵专员")):
        text, _ = await card(city, city.lead, code, CardKind.NEW, language)
        assert text.startswith(code) and text.endswith(signed), text
