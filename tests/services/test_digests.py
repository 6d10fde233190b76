"""What the reports carry (§9, measure 15, issue 12): the weekly rows name their task force and
give satisfaction as a rate; the digest says nothing about what has nothing in it."""

from __future__ import annotations

from bot.dialogs.notices import render
from bot.domain.notice import Notice
from bot.i18n.catalog import default_catalog
from bot.services import follow_up, teamwork
from bot.services.digests import queue_morning_digests, queue_weekly_summaries
from bot.services.recipients import Delivery
from tests.services.city import City
from tests.services.weeks import at


async def report_of(city: City, template: str, person: int) -> Notice:
    """The one report of this kind queued for the person."""
    async with city.new_uow().reading() as uow:
        notices = await uow.notices.find()
    found = [n for n in notices if n.template == template and n.person_id == person]
    assert len(found) == 1, found
    return found[0]


def text_of(city: City, notice: Notice, language: str) -> str:
    """The report as its reader gets it."""
    delivery = Delivery(notice, "42", language, None, "a")
    return render(default_catalog(), delivery, city.ctx.calendar, city.now).text


async def test_the_weekly_row_names_the_task_force_and_rates_satisfaction(city: City) -> None:
    city.now = at(11, 23, 10)
    codes = [(await city.file(f"第{n}个问题")).issue.code for n in range(4)]
    for code, score in zip(codes, (5, 4, 1), strict=False):
        await teamwork.claim(city.new_uow(), city.ctx, city.officer, code, city.now)
        await teamwork.resolve(city.new_uow(), city.ctx, city.officer, code, "已解决", city.now)
        await follow_up.confirm(city.new_uow(), city.ctx, city.member, code, city.now)
        await follow_up.rate(city.new_uow(), city.ctx, city.member, code, score, None, city.now)
    assert await queue_weekly_summaries(city.new_uow, city.ctx, at(11, 30, 9)) > 0
    weekly = await report_of(city, "notice.weekly", city.principal)
    rows = weekly.params["rows"]
    assert isinstance(rows, list) and len(rows) == 1
    # Two of the three rated issues were rated 4 or 5; the average is 10 / 3.
    assert rows[0] == {
        "team": "alu",
        "name_zh": "高端铝业",
        "name_en": "High-end aluminium",
        "open": 1,
        "overdue": 1,
        "filed": 4,
        "closed": 3,
        "on_time": 100,
        "satisfaction": 67,
        "rating": 3.3,
    }
    assert (weekly.params["criticised"], weekly.params["criticised_count"]) == ("", 0)
    zh = text_of(city, weekly, "zh").splitlines()
    assert zh[1:] == [
        "高端铝业：在办 1，超期 1，本周新增 4，本周办结 3，按时办结率 100%，"
        "满意率 67%（平均 3.3 分）"
    ]
    en = text_of(city, weekly, "en").splitlines()
    assert en[1].startswith("High-end aluminium: open 1,")
    assert en[1].endswith("satisfied 67% (average rating 3.3)")


async def test_the_digest_has_no_line_for_what_has_nothing_in_it(city: City) -> None:
    city.now = at(11, 23, 10)
    code = (await city.file()).issue.code
    # Wednesday morning: the sign deadline (Tuesday) has passed; nothing new was reported
    # directly and the leader supervises nothing.
    assert await queue_morning_digests(city.new_uow, city.ctx, at(11, 25, 8, 30)) > 0
    digest = await report_of(city, "notice.digest", city.leader)
    assert digest.params["direct"] == digest.params["supervised"] == 0
    assert digest.params["direct_list"] == digest.params["supervised_list"] == ""
    assert text_of(city, digest, "zh").splitlines() == ["【每日汇总】", f"超期未办 1 件：{code}"]
    assert text_of(city, digest, "en").splitlines() == ["[Daily summary]", f"Overdue (1): {code}"]
