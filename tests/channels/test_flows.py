"""The dialogs end to end on each channel, one test body for Telegram and WeCom (issue 13):
registration, filing, /my, the officer's claim and answer, confirming and rating, /help,
/lang, and buttons a person may not press."""

from __future__ import annotations

from bot.domain.model import IssueState
from bot.services import sessions
from bot.services.queries import show_issue
from storage.database import Database
from tests.channels.driver import WECOM, Driver, started_driver


async def cast(driver: Driver) -> str:
    """The member, two officers and the lead of alu on the driver's channel, and the alu
    group there with the officers in it; the group's chat id."""
    city, channel = driver.city, driver.channels[0]
    await driver.join("member", channel, "王经理", city.member)
    await driver.join("officer", channel, "赵专员", city.officer)
    await driver.join("officer2", channel, "钱专员", city.officer2)
    await driver.join("lead", channel, "孙组长", city.lead)
    return await driver.group(channel, ["officer", "officer2"])


async def say(driver: Driver, user: str, *texts: str) -> None:
    """The user sends each text, the bot answering each in turn."""
    for text in texts:
        await driver.send(user, text)
        await driver.turn()


async def tap(driver: Driver, user: str, *labels: str) -> None:
    """The user presses each button, the bot answering each in turn."""
    for label in labels:
        await driver.press(user, label)
        await driver.turn()


async def file_one(driver: Driver) -> None:
    """The member files a routine issue about 铝箔扩建 through the dialogs."""
    await say(driver, "member", "/new")
    await tap(driver, "member", "铝箔扩建")
    await say(driver, "member", "变电站迟迟不能送电")
    await tap(driver, "member", "完成", "一般", "提交")


async def test_an_enterprise_registers_with_a_typed_phone(driver: Driver) -> None:
    channel = driver.channels[0]
    account = await driver.join("newcomer", channel, "林芳")
    await say(driver, "newcomer", "/start", "滨州新材料科技有限公司", "913716000000000000", "林芳")
    await say(driver, "newcomer", "138 0000 0000")
    assert driver.texts("newcomer")[-1].startswith("注册成功")
    person = await sessions.identify(driver.city.new_uow(), channel, account)
    assert person is not None and person.phone == "+8613800000000"
    assert person.enterprise_id is not None


async def test_an_issue_is_filed_claimed_answered_confirmed_and_rated(driver: Driver) -> None:
    city, channel = driver.city, driver.channels[0]
    group = await cast(driver)
    await file_one(driver)
    assert "已受理" in driver.texts("member")[-1]
    post = driver.chat_texts(channel, group)[-1]
    assert post.startswith("【一般】ZB-2026-000001\n企业：滨州宏达铝业有限公司")
    await say(driver, "member", "/my")
    assert driver.texts("member")[-1].startswith("您的问题（1 个）")
    # On Telegram 签收 is on the group's post; on WeCom on each officer's private card.
    await tap(driver, "officer", "签收")
    assert "经办人：赵专员" in driver.texts("officer")[-1]
    await tap(driver, "officer", "办结答复")
    await say(driver, "officer", "已协调供电公司，今日送电")
    await tap(driver, "officer", "发送")
    assert "【办理结果】ZB-2026-000001：已协调供电公司，今日送电" in driver.texts("member")[-1]
    await tap(driver, "member", "确认已解决", "★★★★★")
    view = await show_issue(city.new_uow(), city.admin, "ZB-2026-000001")
    assert view.issue.state is IssueState.CLOSED and view.issue.rating == 5
    assert view.issue.assignee_id == city.officer


async def test_help_and_language(driver: Driver) -> None:
    await driver.join("member", driver.channels[0], "王经理", driver.city.member)
    await say(driver, "member", "/help")
    assert driver.texts("member")[-1].startswith("可用功能")
    await say(driver, "member", "/lang")
    await tap(driver, "member", "English")
    await say(driver, "member", "/help")
    assert not driver.texts("member")[-1].startswith("可用功能"), driver.texts("member")[-1]
    assert "/new" in driver.texts("member")[-1]


async def test_stale_and_forged_buttons_are_refused_politely(driver: Driver) -> None:
    city = driver.city
    await cast(driver)
    await say(driver, "member", "/new")
    await say(driver, "member", "/cancel")
    await tap(driver, "member", "铝箔扩建")  # the project picker of the dialog cancelled
    assert "按钮已失效" in driver.heard("member")
    filed = await city.file()
    await driver.turn()
    told = driver.heard("member")
    await driver.forge("member", f"i:c:{filed.issue.id}")  # the member "claims" it
    await driver.turn()
    assert len(driver.heard("member")) > len(told), "the forged press was answered"
    view = await show_issue(city.new_uow(), city.admin, filed.issue.code)
    assert view.issue.assignee_id is None and view.issue.state is IssueState.ASSIGNED


async def test_the_receipt_on_wecom_shows_the_issue_code(sqlite_database: Database) -> None:
    async with started_driver(sqlite_database, [WECOM]) as driver:
        await cast(driver)
        await file_one(driver)
        assert "ZB-2026-000001" in driver.heard("member").split("问题是否紧急")[-1]
