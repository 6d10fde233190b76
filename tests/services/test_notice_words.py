"""Notices say who acted and what they are about in words: the leader who instructed or
supervised, and the city reopening an enterprise's issue (§8, §9)."""

from __future__ import annotations

from bot.bootstrap import city_calendar
from bot.config import default_settings
from bot.dialogs.notices import render
from bot.domain.notice import Notice
from bot.i18n.catalog import default_catalog
from bot.services import follow_up
from bot.services.recipients import Delivery
from tests.services.city import City
from tests.services.probes import claimed, closed, snapshot

CALENDAR = city_calendar(default_settings())


def shown(notice: Notice, language: str) -> str:
    """The notice's text in the language."""
    delivery = Delivery(notice, "42", language, None, "a")
    return render(default_catalog(), delivery, CALENDAR, notice.created_at).text


async def new_notices(city: City, code: str, template: str) -> list[Notice]:
    """The notices of the template about the issue."""
    return [n for n in (await snapshot(city, code)).notices if n.template == template]


async def test_an_instruction_and_a_supervision_name_their_leader(city: City) -> None:
    code = await claimed(city)
    now = city.later(hours=1)
    await follow_up.instruct(city.new_uow(), city.ctx, city.leader, code, "三日内解决", now)
    await follow_up.supervise(city.new_uow(), city.ctx, city.leader, code, now)
    [instruction, *_] = await new_notices(city, code, "notice.instruction")
    [supervised, *_] = await new_notices(city, code, "notice.supervised")
    assert shown(instruction, "zh") == f"【领导批示】{code}（李副市长）：三日内解决"
    assert shown(instruction, "en") == f"[Leader's instruction] {code} (李副市长): 三日内解决"
    assert shown(supervised, "zh") == f"【领导督办】{code}（李副市长）"
    assert shown(supervised, "en") == f"[Under a leader's supervision] {code} (李副市长)"


async def test_the_enterprise_is_told_why_the_city_reopened_its_issue(city: City) -> None:
    code = await closed(city)
    now = city.later(hours=2)
    await follow_up.reopen(
        city.new_uow(), city.ctx, city.party_office, code, "企业反映仍未通电", now
    )
    [told] = await new_notices(city, code, "notice.reopened_by_office")
    assert told.person_id == city.member
    assert shown(told, "zh") == (
        f"【问题重新办理】{code} 已由市里重新打开，原因：企业反映仍未通电\n"
        "专班将重新办理，办好后会再答复您。"
    )
    assert "The task force will work on it again" in shown(told, "en")


async def test_the_enterprise_is_not_told_of_its_own_reopening(city: City) -> None:
    code = await closed(city)
    now = city.later(hours=2)
    await follow_up.reopen(city.new_uow(), city.ctx, city.member, code, "又停电了", now)
    assert await new_notices(city, code, "notice.reopened_by_office") == []
    assert len(await new_notices(city, code, "notice.reopened")) == 1
