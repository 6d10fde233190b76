"""/new and free text: filing an issue in a few taps, across restarts, with stale buttons."""

from __future__ import annotations

from bot.dialogs.engine import Dialogs
from bot.dialogs.turn import DialogDeps
from bot.domain.model import Attachment, IssueState
from bot.domain.people import ChannelIdentity
from bot.i18n.catalog import default_catalog
from bot.services import turns
from bot.services.ports import IssueQuery
from bot.services.queries import list_issues
from bot.services.registration import (
    EnterpriseRegistration,
    ProjectRegistration,
    register_enterprise,
    register_project,
)
from bot.services.turns import TurnOutcome
from tests.dialogs.chat import Chat
from tests.dialogs.officials import with_accounts
from tests.services.city import City


async def one_project_member(dialogs: Dialogs, city: City) -> Chat:
    """A registered member whose enterprise has exactly one project."""
    registration = EnterpriseRegistration(
        "滨州铝箔有限公司",
        "913716000000000000",
        "刘经理",
        identity=ChannelIdentity("telegram", "7001", "7001"),
    )
    enterprise, member = await register_enterprise(city.new_uow(), registration, city.now)
    assert enterprise.id is not None and member.id is not None
    await register_project(
        city.new_uow(), city.ctx, member.id, ProjectRegistration(enterprise.id, "铝箔二期", "alu")
    )
    return Chat(dialogs, "7001", "刘经理", city.now)


async def test_a_member_with_one_project_files_in_four_taps(dialogs: Dialogs, city: City) -> None:
    chat = await one_project_member(dialogs, city)
    await chat.command("new")
    assert chat.last().text.startswith("请描述遇到的问题")
    await chat.say("铝箔二期的35千伏变电站迟迟不能送电，影响试生产")
    await chat.press("完成")
    await chat.press("一般")
    assert "35千伏变电站" in chat.last().text
    await chat.press("提交")
    assert chat.last().text.startswith("已受理，编号 ZB-2026-000001")
    assert chat.taps <= 4, chat.taps
    found = await list_issues(city.new_uow(), city.admin, IssueQuery())
    assert [(i.code, i.state) for i in found] == [("ZB-2026-000001", IssueState.ASSIGNED)]


async def test_a_description_in_several_messages_with_a_photo(
    dialogs: Dialogs, city: City
) -> None:
    chat = Chat(dialogs, "5001", "王经理", city.now)
    await chat.command("new")
    await chat.press("铝箔扩建")  # two projects: the member chooses
    await chat.say("厂区道路还没有通")
    await chat.send_file(Attachment("photo", "photo-1", size=2048), caption="现场照片")
    assert "文字 2 条，附件 1 个" in chat.last().text
    await chat.press("完成")
    await chat.press("紧急")
    summary = chat.last().text
    assert "厂区道路还没有通\n现场照片" in summary and "附件：1 个" in summary
    await chat.press("修改")
    assert "已保留您的描述（文字 2 条，附件 1 个）" in chat.last().text
    await chat.press("重新描述（清空已发送的内容）")
    await chat.say("道路和供水都没有通")
    await chat.press("完成")
    # New words, decided anew: they name no one category; the urgency is still known.
    await chat.press("水电气暖")
    assert "紧急程度：紧急" in chat.last().text
    await chat.press("提交")
    issue = (await list_issues(city.new_uow(), city.admin, IssueQuery()))[0]
    assert issue.text == "道路和供水都没有通" and issue.attachments == ()


async def test_free_text_is_offered_for_filing(dialogs: Dialogs, city: City) -> None:
    chat = Chat(dialogs, "5001", "王经理", city.now)
    await chat.say("我们的项目环评批复一直没有下来")
    assert chat.last().text == "要将这段文字作为新问题反映吗？"
    await chat.press("是，反映问题")
    await chat.press("不涉及具体项目")
    assert "文字 1 条" in chat.last().text
    await chat.press("完成")
    # No project and no industry word: the office will dispatch it. 环评 and 批复 point to two
    # categories alike, so the member picks one.
    assert chat.last().text == "这个问题属于哪一类？"
    await chat.press("环保安全")
    assert chat.last().text == "问题是否紧急？"


async def test_keywords_offer_task_forces_by_name(dialogs: Dialogs, city: City) -> None:
    chat = Chat(dialogs, "5001", "王经理", city.now)
    await chat.command("new")
    await chat.press("不涉及具体项目")
    await chat.say("纺织厂扩建需要增加印染产能指标")
    await chat.press("完成")
    assert chat.last().text.startswith("根据描述")
    await chat.press("纺织家纺")
    await chat.press("审批许可")
    await chat.press("一般")
    await chat.press("提交")
    issue = (await list_issues(city.new_uow(), city.admin, IssueQuery()))[0]
    assert issue.state is IssueState.ASSIGNED


async def test_a_restart_in_the_middle_of_filing_resumes(dialogs: Dialogs, city: City) -> None:
    chat = Chat(dialogs, "5001", "王经理", city.now)
    await chat.command("new")
    await chat.press("铝箔扩建")
    await chat.say("用电报装卡住了")
    restarted = Dialogs(DialogDeps(city.new_uow, city.ctx, default_catalog()))
    chat.dialogs = restarted
    await chat.say("已经等了两个月")
    assert "文字 2 条" in chat.last().text
    await chat.press("完成")
    await chat.press("一般")
    await chat.press("提交")
    issue = (await list_issues(city.new_uow(), city.admin, IssueQuery()))[0]
    assert issue.text == "用电报装卡住了\n已经等了两个月"


async def test_stale_and_forged_buttons_change_nothing(dialogs: Dialogs, city: City) -> None:
    chat = Chat(dialogs, "5001", "王经理", city.now)
    forged = (
        "f:ok",
        "f:p:99",
        "zz:1",
        "i:cf:ZB-2026-000404",
        "g:fr",
        # Beyond 64 bits: refused as out of date, never an overflow at Submit.
        "f:p:99999999999999999999",
    )
    for payload in forged:
        answer = await chat.press_payload(payload)
        assert answer.toast in ("这个按钮已失效，请重新操作。", "未找到该问题。"), payload
    assert await list_issues(city.new_uow(), city.admin, IssueQuery()) == []


async def test_a_forged_project_beyond_64_bits_mid_filing_is_out_of_date(
    dialogs: Dialogs, city: City
) -> None:
    chat = Chat(dialogs, "5001", "王经理", city.now)
    await chat.command("new")
    answer = await chat.press_payload("f:p:99999999999999999999")
    assert answer.toast == "这个按钮已失效，请重新操作。"
    real = chat.find_button("铝箔扩建").payload
    nobodys = real.rpartition(":")[0] + ":424242"  # this filing's button, a project of nobody's
    answer = await chat.press_payload(nobodys)
    assert answer.toast == "这个按钮已失效，请重新操作。"
    await chat.press("铝箔扩建")  # the dialog goes on where it was
    assert chat.last().text.startswith("请描述遇到的问题")


async def test_the_category_is_inferred_and_can_be_changed(dialogs: Dialogs, city: City) -> None:
    chat = Chat(dialogs, "5001", "王经理", city.now)
    await chat.command("new")
    await chat.press("铝箔扩建")
    await chat.say("变电站迟迟不能送电")
    await chat.press("完成")
    await chat.press("一般")  # no category question: the words say 水电气暖
    assert "问题类别：水电气暖" in chat.last().text
    await chat.press("更改类别")
    await chat.press("审批许可")
    assert "问题类别：审批许可" in chat.last().text
    await chat.press("提交")
    issue = (await list_issues(city.new_uow(), city.admin, IssueQuery()))[0]
    assert issue.category == "permits"


async def test_noise_is_not_offered_for_filing(dialogs: Dialogs, city: City) -> None:
    chat = Chat(dialogs, "5001", "王经理", city.now)
    for noise in ("OK", "asdkjh", "👍👍", "好的", "..."):
        await chat.say(noise)
        assert chat.last().text.startswith("如需反映问题"), noise
        assert not chat.last().buttons
    await chat.say("变电站不能送电")
    assert chat.last().text == "要将这段文字作为新问题反映吗？"


async def test_an_official_typing_new_is_told_what_it_is_for(dialogs: Dialogs, city: City) -> None:
    officials = await with_accounts(dialogs, city)
    leader = officials.private("leader")
    await leader.command("new")
    assert leader.last().text.startswith("反映问题是企业用户的功能")


async def test_cancel_leaves_the_dialog(dialogs: Dialogs, city: City) -> None:
    chat = Chat(dialogs, "5001", "王经理", city.now)
    await chat.command("new")
    await chat.command("cancel")
    assert chat.last().text == "已取消。"
    await chat.command("cancel")
    assert chat.last().text == "当前没有进行中的操作。"


async def test_an_unsupported_message_is_explained_and_the_filing_goes_on(
    dialogs: Dialogs, city: City
) -> None:
    chat = Chat(dialogs, "5001", "王经理", city.now)
    await chat.command("new")
    await chat.press("铝箔扩建")
    await chat.say("道路没有修通")
    answer = await chat._send(unsupported=True)
    assert [r.text for r in answer.replies] == ["暂不支持这类消息。请发送文字、照片或文件。"]
    await chat.say("影响设备进场")
    assert "文字 2 条" in chat.last().text


async def test_a_description_too_long_in_all_is_refused_at_submit(
    dialogs: Dialogs, city: City
) -> None:
    chat = Chat(dialogs, "5001", "王经理", city.now)
    await chat.command("new")
    await chat.press("铝箔扩建")
    for _ in range(3):
        await chat.say("长" * 5000)
    await chat.press("完成")
    await chat.press("其他")
    await chat.press("一般")
    await chat.press("提交")
    assert chat.answers[-1].toast == "内容过长，请精简后再发送。"
    assert await list_issues(city.new_uow(), city.admin, IssueQuery()) == []
    await chat.press("修改")
    await chat.press("重新描述（清空已发送的内容）")
    await chat.say("变电站不能送电")
    await chat.press("完成")
    await chat.press("提交")
    assert chat.last().text.startswith("已受理")


async def test_a_submit_handled_twice_files_once(dialogs: Dialogs, city: City) -> None:
    chat = Chat(dialogs, "5001", "王经理", city.now)
    await chat.command("new")
    await chat.press("铝箔扩建")
    await chat.say("变电站不能送电")
    await chat.press("完成")
    await chat.press("一般")
    _, draft = await turns.open_turn(city.new_uow(), "telegram", "5001", "5001")
    assert draft is not None
    await chat.press("提交")
    # As if the process had died after filing but before the step was closed:
    await turns.close_turn(city.new_uow(), TurnOutcome(kept=(draft,)))
    await chat.press("提交")
    assert chat.last().text.startswith("已受理，编号 ZB-2026-000001")
    assert len(await list_issues(city.new_uow(), city.admin, IssueQuery())) == 1


async def test_buttons_of_an_earlier_filing_change_nothing_in_the_next(
    dialogs: Dialogs, city: City
) -> None:
    chat = Chat(dialogs, "5001", "王经理", city.now)
    await chat.command("new")
    await chat.press("铝箔扩建")
    await chat.say("道路未通")
    await chat.press("完成")
    await chat.press("一般")
    old_submit = chat.find_button("提交").payload
    await chat.command("new")  # a second filing, started over
    await chat.press("铝箔扩建")
    await chat.say("供水不足")
    old_done = chat.find_button("完成").payload
    await chat.press("完成")
    await chat.press("一般")
    assert "供水不足" in chat.last().text
    assert (await chat.press_payload(old_submit)).toast == "这个按钮已失效，请重新操作。"
    assert await list_issues(city.new_uow(), city.admin, IssueQuery()) == []
    await chat.command("new")
    await chat.press("铝箔扩建")
    assert (await chat.press_payload(old_done)).toast == "这个按钮已失效，请重新操作。"
