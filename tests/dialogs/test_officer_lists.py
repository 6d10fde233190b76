"""/inbox, /team and /overdue: short lists in private, each issue a button to its card."""

from __future__ import annotations

from datetime import timedelta

from bot.dialogs.engine import Dialogs
from bot.services import teamwork
from tests.dialogs.officials import Officials, claimed, with_accounts
from tests.services.city import City


async def three_issues(dialogs: Dialogs, city: City) -> tuple[Officials, list[str]]:
    """Two issues 赵专员 signed for and one nobody has claimed yet."""
    officials = await with_accounts(dialogs, city)
    first = await claimed(officials, "厂区道路未通")
    second = await claimed(officials, "用电报装未批复")
    waiting = (await city.file("环评批复延迟")).issue.code
    return officials, [first, second, waiting]


async def test_inbox_lists_my_issues_by_deadline(dialogs: Dialogs, city: City) -> None:
    officials, (first, second, _) = await three_issues(dialogs, city)
    chat = officials.private("officer")
    await chat.command("inbox")
    assert chat.last().text == "我的待办（2 个；待审批、待分派的在前，其余按时限先后）："
    labels = [b.label for row in chat.last().buttons for b in row]
    # Due Thursday 17:30, seen on Monday: the deadline and the working days left.
    due = "11月26日 17:30（剩余3个工作日）"
    assert labels == [f"{first} · 已签收 · {due}", f"{second} · 已签收 · {due}"]
    await chat.press(labels[0])
    assert chat.last().text.startswith(f"{first} · 已签收 · 一般")
    assert chat.taps == 2
    colleague = officials.private("officer2")
    await colleague.command("inbox")
    assert colleague.last().text == "您目前没有待办的问题，也没有待审批的申请。"


async def test_team_lists_the_task_forces_open_issues(dialogs: Dialogs, city: City) -> None:
    officials, codes = await three_issues(dialogs, city)
    chat = officials.private("officer2")
    await chat.command("team")
    assert chat.last().text == "本专班办理中的问题（3 个）："
    listed = [b.payload for row in chat.last().buttons for b in row]
    assert sorted(listed) == sorted(f"i:v:{code}" for code in codes)
    other = officials.private("energy_officer")
    await other.command("team")
    assert other.last().text == "本专班目前没有办理中的问题。"
    principal = officials.private("principal")
    await principal.command("team")
    assert principal.last().text == "您不属于任何专班。"


async def test_overdue_lists_missed_deadlines(dialogs: Dialogs, city: City) -> None:
    officials, (_, _, waiting) = await three_issues(dialogs, city)
    chat = officials.private("lead")
    await chat.command("overdue")
    assert chat.last().text == "目前没有超期问题。"
    # Wednesday morning: the unclaimed issue missed Tuesday's sign deadline.
    chat.now += timedelta(days=2)
    await chat.command("overdue")
    assert chat.last().text == "超期问题（1 个）："
    (row,) = chat.last().buttons
    assert row[0].label == f"⚠ {waiting} · 已派单 · 已超期 11月24日 17:30"
    leader = officials.private("leader")
    leader.now = chat.now
    await leader.command("overdue")
    assert [b.payload for row in leader.last().buttons for b in row] == [f"i:v:{waiting}"]
    await leader.press(row[0].label)
    assert leader.last().text.startswith(f"{waiting} · 已派单")
    labels = [b.label for r in leader.last().buttons for b in r]
    assert labels == ["批示", "督办", "详情"]


async def test_lists_asked_for_in_a_group_are_answered_in_private(
    dialogs: Dialogs, city: City
) -> None:
    officials, _ = await three_issues(dialogs, city)
    group = officials.in_group("officer")
    answer = await group.command("inbox")
    assert [r.chat_id for r in answer.replies] == ["7001"]
    answer = await group.command("team")
    assert [r.chat_id for r in answer.replies] == ["7001"]


async def test_enterprises_and_strangers_get_no_lists(dialogs: Dialogs, city: City) -> None:
    officials, _ = await three_issues(dialogs, city)
    member = officials.member()
    for command in ("inbox", "team", "overdue", "overview"):
        await member.command(command)
        assert member.last().text == "此操作仅限政府工作人员。", command


async def test_at_most_ten_are_listed(dialogs: Dialogs, city: City) -> None:
    officials = await with_accounts(dialogs, city)
    for n in range(12):
        code = (await city.file(f"第{n}个问题")).issue.code
        await teamwork.claim(city.new_uow(), city.ctx, city.officer, code, city.now)
    chat = officials.private("officer")
    answer = await chat.command("inbox")
    listed, more = answer.replies
    assert len(listed.buttons) == 10 and more.text == "仅显示前 10 个。"
