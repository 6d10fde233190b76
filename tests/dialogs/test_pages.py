"""Pickers and cards in pages where a channel's messages hold few buttons: officials' cards,
the task forces, the extension days, the settings; notices and bundles within the channel."""

from __future__ import annotations

from dataclasses import replace

import pytest
import pytest_asyncio

from bot.dialogs.bundles import bundle
from bot.dialogs.capabilities import TELEGRAM_LIKE
from bot.dialogs.cards import KINDS, CardKind
from bot.dialogs.engine import Dialogs
from bot.dialogs.events import Answer, Button, Reply
from bot.dialogs.notices import render
from bot.dialogs.pages import overflow, page_rows
from bot.dialogs.payloads import IssueCode, Page, Picker, decode
from bot.dialogs.turn import DialogDeps
from bot.domain.notice import Notice, Priority
from bot.domain.people import ChannelIdentity
from bot.i18n.catalog import default_catalog
from bot.services.queries import open_card
from bot.services.recipients import Delivery
from tests.dialogs.chat import Chat
from tests.dialogs.officials import Officials, claimed
from tests.dialogs.test_capabilities import WECOM, WECOM_LIKE, labels
from tests.services.city import City

# A channel whose messages hold two buttons: every card of a notice comes in pages.
TINY = replace(WECOM_LIKE, buttons_per_message=2)


@pytest_asyncio.fixture
async def dialogs(city: City) -> Dialogs:
    """The dialogs over the city, with WeCom-like and two-button channels declared."""
    declared = {WECOM: WECOM_LIKE, "tiny": TINY}
    return Dialogs(DialogDeps(city.new_uow, city.ctx, default_catalog(), capabilities=declared))


async def on_wecom(dialogs: Dialogs, city: City, who: str, user: str, name: str) -> Chat:
    """An official of the city in their private chat on the channel of `user`'s prefix."""
    channel = "tiny" if user.startswith("t") else WECOM
    async with city.new_uow() as uow:
        await uow.people.add_identity(getattr(city, who), ChannelIdentity(channel, user))
        await uow.commit()
    return Chat(dialogs, user, name, city.now, channel=channel)


def buttons(*names: str) -> tuple[tuple[Button, ...], ...]:
    """One button a row, labelled and carrying its name."""
    return tuple((Button(name, name),) for name in names)


def more(after: int, pages: int) -> Button:
    """A More button that says where it leads."""
    return Button(f"more {after + 1}/{pages}", f"p{after}")


def test_a_picker_that_fits_is_left_as_it_is() -> None:
    rows = ((Button("a", "a"), Button("b", "b")),)
    assert page_rows(rows, 6, 3, more, buttons("x")) == (*rows, *buttons("x"))


def test_pages_keep_their_tail_and_wrap_around() -> None:
    rows, tail = buttons(*"abcdefg"), buttons("cancel")
    first = page_rows(rows, 4, 0, more, tail)
    assert [b.label for row in first for b in row] == ["a", "b", "more 2/4", "cancel"]
    last = page_rows(rows, 4, 3, more, tail, width=2)
    assert last == ((Button("g", "g"),), (more(0, 4),), *tail)
    assert page_rows(rows, 4, 7, more, tail) == last  # an old page number wraps
    with pytest.raises(ValueError):
        page_rows(rows, 2, 0, more, buttons("x", "y"))


def test_a_reply_with_too_many_buttons_goes_on_in_another_message() -> None:
    replies = (Reply("1", "card", buttons("a", "b", "c")), Reply("1", "short", buttons("d")))
    fitted = overflow(replies, 2, "more:")
    assert [(r.text, [b.label for row in r.buttons for b in row]) for r in fitted] == [
        ("card", ["a", "b"]),
        ("more:", ["c"]),
        ("short", ["d"]),
    ]


async def test_a_leads_card_and_the_task_forces_come_in_pages(
    dialogs: Dialogs, city: City
) -> None:
    code = await claimed(Officials(dialogs, city))
    lead = await on_wecom(dialogs, city, "lead", "SunZuZhang", "孙组长")
    await lead.press_payload(f"i:d:{code}")
    assert labels(lead)[-1] == "更多（2/2）" and len(labels(lead)) == 6
    assert lead.last().views[0].kind == "details"
    await lead.press("更多（2/2）")
    assert labels(lead) == ["协办", "详情", "更多（1/2）"]
    assert lead.last().edit_message_id == "1" and lead.last().views[0].kind == "details"
    await lead.press("协办")
    assert len(labels(lead)) == 6 and labels(lead)[-2:] == ["更多（2/3）", "关闭"]
    await lead.press("更多（2/3）")
    await lead.press("更多（3/3）")
    last = labels(lead)
    assert last[-2:] == ["更多（1/3）", "关闭"]
    await lead.press(last[0])
    assert lead.last().text == f"已请{last[0]}协办 {code}。"


async def test_the_extension_days_come_in_pages(dialogs: Dialogs, city: City) -> None:
    code = await claimed(Officials(dialogs, city))
    officer = await on_wecom(dialogs, city, "officer", "ZhaoZhuanYuan", "赵专员")
    await officer.press_payload(f"i:e:{code}")
    assert labels(officer)[4:] == ["更多（2/2）", "取消"]
    await officer.press("更多（2/2）")
    assert labels(officer) == [
        "2026年12月28日",
        "2027年1月4日（未核节假日）",
        "更多（1/2）",
        "取消",
    ]
    await officer.press("2026年12月28日")
    assert officer.last().text.startswith("请说明延期至 2026年12月28日 的理由")
    await officer.say("需等待供电公司批复")
    assert officer.last().text.startswith(f"已提交延期申请（{code}，延期至 2026年12月28日）")


async def test_a_page_of_another_dialog_is_stale(dialogs: Dialogs, city: City) -> None:
    code = await claimed(Officials(dialogs, city))
    officer = await on_wecom(dialogs, city, "officer", "ZhaoZhuanYuan", "赵专员")
    await officer.press_payload(f"i:e:{code}")
    await officer.press_payload(Page(Picker.EXTEND, 1, 12345, IssueCode(code)).encode())
    assert officer.answers[-1].toast == "这个按钮已失效，请重新操作。"
    await officer.press_payload(Page(Picker.FILING, 1, 12345).encode())
    assert officer.answers[-1].toast == "这个按钮已失效，请重新操作。"


async def test_settings_come_in_pages_and_work_from_any(dialogs: Dialogs, city: City) -> None:
    officer = await on_wecom(dialogs, city, "officer", "ZhaoZhuanYuan", "赵专员")
    await officer.command("settings")
    assert labels(officer)[-2:] == ["更多（2/2）", "关闭"]
    await officer.press("更多（2/2）")
    assert labels(officer) == ["静音1周", "取消静音", "更多（1/2）", "关闭"]
    await officer.press("静音1周")
    assert officer.answers[-1].toast == "已保存" and "至 " in officer.last().text


async def test_my_issues_come_in_pages(dialogs: Dialogs, city: City) -> None:
    codes = [(await city.file(f"第{n}个问题：道路不通")).issue.code for n in range(1, 8)]
    member = await on_wecom(dialogs, city, "member", "WangJingLi", "王经理")
    await member.command("my")
    assert len(labels(member)) == 6 and labels(member)[-1] == "更多（2/2）"
    await member.press("更多（2/2）")
    assert len(labels(member)) == 3 and labels(member)[-1] == "更多（1/2）"
    await member.press(labels(member)[0])
    assert any(code in member.last().text for code in codes)


async def test_a_notice_card_is_paged_and_its_more_shows_the_next_page(
    dialogs: Dialogs, city: City
) -> None:
    code = (await city.file(project_id=city.big_project)).issue.code
    leader = await on_wecom(dialogs, city, "leader", "tLi", "李副市长")
    actor, view = await open_card(city.new_uow(), city.ctx, city.leader, code, city.now)
    notice = Notice("k", Priority.HIGH, "notice.direct_report", city.now, person_id=city.leader)
    delivery = Delivery(notice, "tLi", "zh", None, "leader", actor=actor, view=view)
    reply = render(default_catalog(), delivery, city.ctx.calendar, city.now, TINY)
    assert [b.label for row in reply.buttons for b in row] == ["批示", "更多（2/3）"]
    assert decode(reply.buttons[1][0].payload) == Page(
        Picker.CARD, 1, KINDS.index(CardKind.DIRECT), IssueCode(code)
    )
    leader.answers.append(Answer((reply,)))  # the notice, as the leader's chat shows it
    await leader.press("更多（2/3）")
    assert labels(leader) == ["督办", "更多（3/3）"]
    assert leader.last().text.startswith(f"【直报】{code}")


async def test_a_group_without_buttons_reads_the_post_alone(city: City) -> None:
    code = (await city.file()).issue.code
    _, view = await open_card(city.new_uow(), city.ctx, city.lead, code, city.now)
    notice = Notice("k", Priority.HIGH, "notice.new_issue", city.now, task_force_id=1)
    delivery = Delivery(notice, "appchat:alu", "zh", None, "alu group", view=view)
    catalog = default_catalog()
    assert render(catalog, delivery, city.ctx.calendar, city.now).buttons
    posted = render(catalog, delivery, city.ctx.calendar, city.now, WECOM_LIKE)
    assert posted.buttons == () and posted.text.startswith(f"【一般】{code}")


def test_a_bundle_fits_the_channel_in_bytes() -> None:
    catalog = default_catalog()
    notices = [Reply("1", "字" * 300) for _ in range(4)]
    assert [n for _, n in bundle(catalog, "zh", notices)] == [4]
    # 300 characters are 900 bytes: two of them and the heading fit in 2,048 bytes.
    assert [n for _, n in bundle(catalog, "zh", notices, 2048, text_bytes=True)] == [2, 2]
    cards = [Reply("1", "card", buttons("a", "b", "c")) for _ in range(3)]
    assert [n for _, n in bundle(catalog, "zh", cards, button_limit=6)] == [2, 1]
    assert TELEGRAM_LIKE.text_limit == 4096
