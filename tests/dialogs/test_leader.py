"""Leaders: the direct-report card, instructing in one tap and a text, supervising, /overview."""

from __future__ import annotations

from bot.dialogs.card_parts import Texts
from bot.dialogs.cards import CardKind, render_card
from bot.dialogs.engine import Dialogs
from bot.dialogs.events import Answer, Reply
from bot.domain.model import Urgency
from bot.domain.people import OPERATOR
from bot.i18n.catalog import default_catalog
from bot.services import follow_up, sessions, teamwork, turns
from bot.services.queries import show_issue
from tests.dialogs.chat import Chat
from tests.dialogs.officials import with_accounts
from tests.services.city import City


async def direct_report(city: City, chat: Chat, who: str, language: str = "zh") -> str:
    """An urgent issue of the city-coordinated project, its card in the chat of `who`."""
    code = (
        await city.file(
            "园区110千伏变电站迟迟未开工", urgency=Urgency.URGENT, project_id=city.big_project
        )
    ).issue.code
    view = await show_issue(city.new_uow(), OPERATOR, code)
    actor = await sessions.actor_of(city.new_uow(), getattr(city, who))
    assert actor is not None
    words = Texts(default_catalog(), language, city.ctx.calendar)
    text, buttons = render_card(words, CardKind.DIRECT, view, actor, city.now)
    chat.answers.append(Answer((Reply(chat.user_id, text, buttons),)))
    return code


async def test_the_card_shows_the_project_and_the_task_force(dialogs: Dialogs, city: City) -> None:
    officials = await with_accounts(dialogs, city)
    leader = officials.private("leader")
    code = await direct_report(city, leader, "leader")
    text = leader.last().text
    assert text.startswith(f"【直报】{code} · 已派单 · 紧急")
    assert [b.label for row in leader.last().buttons for b in row] == ["批示", "督办", "详情"]
    assert "项目：高端铝材产业园（总投资 30亿元，信息阶段）" in text
    assert "专班：高端铝业" in text and "园区110千伏变电站迟迟未开工" in text
    english = officials.private("principal")
    await direct_report(city, english, "principal", "en")
    assert "investment CNY 3 billion, lead" in english.last().text


async def test_a_leader_instructs_in_one_tap_and_a_text(dialogs: Dialogs, city: City) -> None:
    officials = await with_accounts(dialogs, city)
    leader = officials.private("leader")
    code = await direct_report(city, leader, "leader")
    await leader.press("批示")
    assert leader.last().text.startswith(f"请输入对 {code} 的批示")
    await leader.say("请供电公司本周内拿出方案")
    assert leader.last().text == f"批示已送达（{code}）。"
    assert (leader.taps, leader.typed) == (1, 1)
    view = await show_issue(city.new_uow(), OPERATOR, code)
    assert view.events[-1].kind == "instructed"
    assert view.events[-1].text == "请供电公司本周内拿出方案"


async def test_a_leader_supervises_once(dialogs: Dialogs, city: City) -> None:
    officials = await with_accounts(dialogs, city)
    leader = officials.private("leader")
    code = await direct_report(city, leader, "leader")
    answer = await leader.press("督办")
    assert answer.toast == "已督办"
    assert answer.replies[0].text.startswith(f"已将 {code} 列入督办")
    view = await show_issue(city.new_uow(), OPERATOR, code)
    assert view.issue.supervised_by == city.leader
    again = await leader.press("督办")
    assert (again.toast, again.alert) == ("您已在督办该问题。", True)
    await leader.press("详情")
    assert "领导督办" in leader.last().text and "办理进程：" in leader.last().text


async def test_only_leaders_instruct(dialogs: Dialogs, city: City) -> None:
    officials = await with_accounts(dialogs, city)
    office = officials.private("party_office")
    code = await direct_report(city, office, "party_office")
    assert "批示" not in [b.label for row in office.last().buttons for b in row]
    answer = await office.press_payload(f"i:i:{code}")
    assert (answer.toast, answer.alert) == ("您无权进行此操作。", True)
    assert (await turns.open_turn(city.new_uow(), "telegram", "8003", "8003"))[1] is None
    outsider = officials.private("energy_officer")
    assert (await outsider.press_payload(f"i:i:{code}")).toast == "未找到该问题。"
    member = officials.member()
    assert (await member.press_payload(f"i:s:{code}")).toast == "此操作仅限政府工作人员。"


async def test_no_instruction_on_an_issue_that_is_over(dialogs: Dialogs, city: City) -> None:
    officials = await with_accounts(dialogs, city)
    leader = officials.private("leader")
    code = await direct_report(city, leader, "leader")
    await follow_up.withdraw(city.new_uow(), city.ctx, city.member, code, None, city.now)
    answer = await leader.press("批示")
    assert (answer.toast, answer.alert) == (f"{code} 现为“已撤回”，不能再进行此操作。", True)
    assert (await turns.open_turn(city.new_uow(), "telegram", "8001", "8001"))[1] is None


async def test_overview_counts_open_overdue_on_time_and_ratings(
    dialogs: Dialogs, city: City
) -> None:
    officials = await with_accounts(dialogs, city)
    uow, ctx = city.new_uow, city.ctx
    on_time = (await city.file("道路未通")).issue.code
    late = (await city.file("用电未批")).issue.code
    waiting = (await city.file("环评延迟")).issue.code
    await city.file("光伏组件并网", project_id=None, task_force_code="energy")
    for code in (on_time, late):
        await teamwork.claim(uow(), ctx, city.officer, code, city.later(minutes=10))
    await teamwork.resolve(uow(), ctx, city.officer, on_time, "已通车", city.now)
    # A month later: the second resolution is late, and the two open issues are overdue.
    await teamwork.resolve(uow(), ctx, city.officer, late, "已批复", city.later(days=30))
    for code, score in ((on_time, 4), (late, 2)):
        await follow_up.confirm(uow(), ctx, city.member, code, city.now)
        await follow_up.rate(uow(), ctx, city.member, code, score, None, city.now)
    principal = officials.private("principal")
    principal.now = city.now
    await principal.command("overview")
    text = principal.last().text
    assert text.startswith("各专班办理情况：")
    # Rated 4 and 2: one of the two satisfied (4 or 5), an average of 3.0.
    assert "高端铝业：办理中 1，超期 1，按时办结率 50%，满意率 50%（平均 3.0 分）" in text
    assert "新能源新材料：办理中 1，超期 1，按时办结率 —，满意率 —" in text
    # Task forces with nothing to count share one line instead of rows of zeros.
    assert "高端化工：" not in text
    assert text.splitlines()[-1].startswith("暂无办件：高端化工、纺织家纺")
    assert waiting not in text
    leader = officials.private("leader")
    leader.now = city.now
    await leader.command("overview")
    assert leader.last().text.splitlines()[1:] == [
        "高端铝业：办理中 1，超期 1，按时办结率 50%，满意率 50%（平均 3.0 分）"
    ]
    await sessions.save_language(uow(), city.leader, "en")
    await leader.command("overview")
    assert leader.last().text.splitlines()[1:] == [
        "High-end aluminium: open 1, overdue 1, resolved on time 50%,"
        " satisfied 50% (average rating 3.0)"
    ]
    officer = officials.private("officer")
    await officer.command("overview")
    assert officer.last().text == "只有市领导和办公室可以查看总体情况。"
