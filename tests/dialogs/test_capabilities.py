"""The dialogs on a channel like WeCom: no contact button, six buttons a card, 2,048 bytes a
message, photos up to 10 MB; and Telegram as it always was.

Every reply on the WeCom-like channel is checked against its limits as it comes (Chat._fits).
"""

from __future__ import annotations

import pytest_asyncio

from bot.dialogs.capabilities import TELEGRAM_LIKE, Capabilities
from bot.dialogs.engine import Dialogs
from bot.dialogs.turn import DialogDeps
from bot.domain.model import Attachment
from bot.domain.people import ChannelIdentity
from bot.i18n.catalog import default_catalog
from bot.services import sessions, turns
from bot.services.registration import (
    EnterpriseRegistration,
    ProjectRegistration,
    register_enterprise,
    register_project,
)
from tests.dialogs.chat import Chat
from tests.services.city import City

MB = 1024 * 1024
WECOM = "wecom"
WECOM_LIKE = Capabilities(
    text_limit=2048,
    text_bytes=True,
    buttons_per_message=6,
    can_edit=False,
    contact_sharing=False,
    file_bytes=20 * MB,
    photo_bytes=10 * MB,
    group_buttons=False,
)
CATEGORIES = ["土地规划", "审批许可", "水电气暖", "融资", "人才用工", "政策兑现", "环保安全"]


@pytest_asyncio.fixture
async def dialogs(city: City) -> Dialogs:
    """The dialogs over the city, with Telegram and a WeCom-like channel declared."""
    declared = {"telegram": TELEGRAM_LIKE, WECOM: WECOM_LIKE}
    return Dialogs(DialogDeps(city.new_uow, city.ctx, default_catalog(), capabilities=declared))


def on_wecom(dialogs: Dialogs, city: City, user_id: str, name: str) -> Chat:
    """A person in their private chat with the app on WeCom."""
    return Chat(dialogs, user_id, name, city.now, channel=WECOM)


def labels(chat: Chat) -> list[str]:
    """The buttons of the newest reply, in order."""
    return [button.label for row in chat.last().buttons for button in row]


async def member_on_wecom(dialogs: Dialogs, city: City) -> Chat:
    """A member on WeCom whose enterprise has one project."""
    identity = ChannelIdentity(WECOM, "LiuJingLi", "LiuJingLi")
    registration = EnterpriseRegistration(
        "滨州铝箔有限公司", "913716000000000000", "刘经理", identity=identity
    )
    enterprise, member = await register_enterprise(city.new_uow(), registration, city.now)
    assert enterprise.id is not None and member.id is not None
    project = ProjectRegistration(enterprise.id, "铝箔二期", "alu")
    await register_project(city.new_uow(), city.ctx, member.id, project)
    return on_wecom(dialogs, city, "LiuJingLi", "刘经理")


async def registering(dialogs: Dialogs, city: City) -> Chat:
    """A newcomer on WeCom at the phone step of the registration."""
    chat = on_wecom(dialogs, city, "LinFang", "林女士")
    await chat.command("start")
    for answer in ("滨州新材料科技有限公司", "913716000000000000", "林芳"):
        await chat.say(answer)
    return chat


async def test_without_a_contact_button_the_phone_is_typed_and_checked(
    dialogs: Dialogs, city: City
) -> None:
    chat = await registering(dialogs, city)
    assert chat.last().text.startswith("请输入您的手机号码")
    assert chat.last().ask_contact is None and labels(chat) == ["取消"]
    await chat.say("138 0000")
    assert chat.last().text.startswith("这不是有效的手机号码，未作任何更改")
    assert labels(chat) == ["取消"]
    assert await sessions.identify(city.new_uow(), WECOM, "LinFang") is None
    await chat.say("+86 139-1234-5678")
    assert chat.last().text.startswith("注册成功：滨州新材料科技有限公司")
    person = await sessions.identify(city.new_uow(), WECOM, "LinFang")
    assert person is not None and person.phone == "+8613912345678" and person.enterprise_admin
    assert (await turns.open_turn(city.new_uow(), WECOM, "LinFang", "LinFang"))[1] is None


async def test_the_typed_phone_step_can_be_cancelled(dialogs: Dialogs, city: City) -> None:
    chat = await registering(dialogs, city)
    await chat.say("0543-3161234")  # a landline is not a mobile number
    await chat.press("取消")
    assert chat.last().text == "已取消。"
    await chat.say("13912345678")  # no dialog open: not taken as a phone
    assert await sessions.identify(city.new_uow(), WECOM, "LinFang") is None


async def test_telegram_still_offers_the_contact_button(dialogs: Dialogs, city: City) -> None:
    chat = Chat(dialogs, "9001", "林女士", city.now)
    await chat.command("start")
    for answer in ("滨州新材料科技有限公司", "913716000000000000", "林芳"):
        await chat.say(answer)
    assert chat.last().ask_contact == "共享手机号码" and chat.last().buttons == ()


async def test_a_category_is_chosen_from_the_third_page(dialogs: Dialogs, city: City) -> None:
    chat = await member_on_wecom(dialogs, city)
    await chat.command("new")
    await chat.say("有件事想请政府帮忙协调一下")
    await chat.press("完成")
    assert chat.last().text == "这个问题属于哪一类？"
    # Nine categories, More and Cancel in six buttons a card: four categories a page.
    assert labels(chat) == [*CATEGORIES[:4], "更多（2/3）", "取消"]
    await chat.press("更多（2/3）")
    assert labels(chat) == [*CATEGORIES[4:], "物流基础设施", "更多（3/3）", "取消"]
    assert chat.last().edit_message_id == "1"
    await chat.press("更多（3/3）")
    assert labels(chat) == ["其他", "更多（1/3）", "取消"]
    await chat.press("其他")
    await chat.press("一般")
    assert "类别：其他" in chat.last().text
    await chat.press("提交")
    assert chat.last().text.startswith("已受理，编号 ZB-2026-000001")


async def test_telegram_shows_every_category_at_once(dialogs: Dialogs, city: City) -> None:
    chat = await member_on_wecom(dialogs, city)
    chat.channel, chat.user_id = "telegram", "7001"
    async with city.new_uow() as uow:
        member = await uow.people.by_identity(WECOM, "LiuJingLi")
        assert member is not None and member.id is not None
        await uow.people.add_identity(member.id, ChannelIdentity("telegram", "7001", "7001"))
        await uow.commit()
    await chat.command("new")
    await chat.say("有件事想请政府帮忙协调一下")
    await chat.press("完成")
    assert labels(chat) == [*CATEGORIES, "物流基础设施", "其他", "取消"]


async def test_a_photo_too_large_for_the_channel_is_refused(dialogs: Dialogs, city: City) -> None:
    chat = await member_on_wecom(dialogs, city)
    await chat.command("new")
    await chat.say("厂区道路还没有通")
    big_photo = Attachment("photo", "media-1", "现场.jpg", "image/jpeg", 15 * MB)
    await chat.send_file(big_photo)
    assert chat.last().text == "文件超过10MB，无法转交，请压缩后再发送。"
    assert labels(chat) == ["取消"]
    # Nothing of the refused message was kept; a document of the same size is taken.
    await chat.send_file(Attachment("document", "media-2", "方案.pdf", "application/pdf", 15 * MB))
    assert "文字 1 条，附件 1 个" in chat.last().text


async def test_telegram_takes_the_same_photo(dialogs: Dialogs, city: City) -> None:
    chat = Chat(dialogs, "5001", "王经理", city.now)
    await chat.command("new")
    await chat.press("铝箔扩建")
    await chat.say("厂区道路还没有通")
    await chat.send_file(Attachment("photo", "photo-1", size=15 * MB))
    assert "文字 1 条，附件 1 个" in chat.last().text
