"""A task force without a group (issue 12, point 5): its officers and lead get the new issue
privately, with 签收; the first claim wins and the other cards say who took it."""

from __future__ import annotations

from bot.domain.people import OPERATOR, ChannelIdentity, Role
from bot.services.directory import NewOfficial, add_official
from bot.services.queries import show_issue
from tests.telegram.conftest import Loop
from tests.telegram.test_enterprise_flow import bot_messages, last_text, press
from tests.telegram.test_views import labels, newest

CHEM = {
    8501: ("吴专员", Role.OFFICER),
    8502: ("郑专员", Role.OFFICER),
    8503: ("冯组长", Role.LEAD),
}


async def chemicals(loop: Loop) -> dict[int, int]:
    """The chemicals task force's officers and lead, each with a Telegram account; no group."""
    city, people = loop.city, {}
    for telegram_id, (name, role) in CHEM.items():
        new = NewOfficial(name, frozenset({role}), task_forces=("chem",))
        person = await add_official(city.new_uow(), OPERATOR, new)
        assert person.id is not None
        async with city.new_uow() as uow:
            identity = ChannelIdentity("telegram", str(telegram_id), str(telegram_id))
            await uow.people.add_identity(person.id, identity)
            await uow.commit()
        loop.sandbox.create_user(user_id=telegram_id, first_name=name, language_code="zh-hans")
        people[telegram_id] = person.id
    return people


async def test_the_first_private_claim_wins_and_the_other_cards_say_so(loop: Loop) -> None:
    people = await chemicals(loop)
    city = loop.city
    code = (
        await city.file("化工园区蒸汽管网未接通", project_id=None, task_force_code="chem")
    ).issue.code
    await loop.turn()
    cards = {user: bot_messages(loop, user)[-1] for user in CHEM}
    for card in cards.values():
        assert (card.text or "").startswith(f"【新问题】{code} · 已派单")
        assert labels(card)[0] == "签收"
    await press(loop, 8502, "签收", user_id=8502)
    assert last_text(loop, 8502).startswith(f"{code} · 已签收")
    view = await show_issue(city.new_uow(), city.admin, code)
    assert view.issue.assignee_id == people[8502]
    for user in (8501, 8503):
        card = newest(loop, user, cards[user].message_id)
        assert "已由 郑专员 签收" in (card.text or "")
        assert "签收" not in labels(card)


async def test_the_officer_of_a_groupless_task_force_works_the_issue(loop: Loop) -> None:
    await chemicals(loop)
    city = loop.city
    code = (await city.file("危化品仓库验收", project_id=None, task_force_code="chem")).issue.code
    await loop.turn()
    await press(loop, 8501, "签收", user_id=8501)
    await press(loop, 8501, "答复企业", user_id=8501)
    loop.sandbox.send_text(8501, "已安排下周验收")
    await loop.turn()
    await press(loop, 8501, "发送", user_id=8501)
    assert last_text(loop, 8501) == f"已答复企业（{code}）。"
