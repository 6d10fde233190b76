"""The lead's 指派签收人 for the officer already named: refused, and nothing recorded or sent.

A new-user review found that naming the same officer twice (at the command line) recorded a
second `member_assigned` and told the officer again; the rule is the domain's, so the chat
refuses it in the same words the catalog gives it.
"""

from __future__ import annotations

from bot.dialogs.engine import Dialogs
from bot.domain.model import IssueState
from bot.domain.people import OPERATOR
from bot.services.queries import show_issue
from tests.dialogs.officials import with_accounts
from tests.services.city import City


async def _trace(city: City, code: str) -> tuple[list[str], int]:
    """The issue's timeline kinds and how many notices it has queued."""
    view = await show_issue(city.new_uow(), OPERATOR, code)
    async with city.new_uow().reading() as uow:
        notices = await uow.notices.find(issue_id=view.issue.id)
    return [e.kind for e in view.events], len(notices)


async def test_naming_the_named_officer_again_is_refused(dialogs: Dialogs, city: City) -> None:
    officials = await with_accounts(dialogs, city)
    code = (await city.file()).issue.code
    lead = officials.private("lead")
    await lead.press_payload(f"i:v:{code}")
    await lead.press("指派签收人")
    await lead.press("钱专员")
    assert lead.last().text == f"已指定 钱专员 签收 {code}。"
    before = await _trace(city, code)
    assert before[0].count("member_assigned") == 1
    await lead.press_payload(f"i:v:{code}")
    await lead.press("指派签收人")
    again = await lead.press("钱专员")
    assert (again.toast, again.alert) == (f"已指定此人签收 {code}，无需重复指派。", True)
    assert again.replies == ()
    assert await _trace(city, code) == before
    # The list stays open: another officer may be named, or it is closed.
    named = await lead.press("赵专员")
    assert named.replies[-1].text == f"已指定 赵专员 签收 {code}。"
    view = await show_issue(city.new_uow(), OPERATOR, code)
    assert (view.issue.state, view.issue.assignee_id) == (IssueState.ASSIGNED, city.officer)
