"""Domain refusals as the operator reads them: plain verbs and states, not rule names."""

from __future__ import annotations

from typing import Final

from bot.domain.errors import DomainError
from bot.domain.model import IssueState
from bot.domain.permissions import Relation
from bot.domain.transitions import RULES

# The rules' action names, as the sentence "cannot … ZB-2026-000123" needs them.
ACTIONS: Final = {
    "add_co_handler": "add a co-handling task force to",
    "assign_member": "assign an officer to",
    "ask_info": "ask for information on",
    "mark_direct_report": "send as a direct report",
    "reject": "reject",
    "request_extension": "extend",
    "request_transfer": "ask to transfer",
    "return": "return",
    "supply_info": "add information to",
}
STATES: Final = {
    "in_progress": "in progress",
    "waiting_enterprise": "waiting for the enterprise",
}
WHO: Final = {
    Relation.ENTERPRISE: "the enterprise",
    Relation.ASSIGNEE: "the assigned officer",
    Relation.OFFICER: "the task force's officers",
    Relation.ACCOUNTABLE: "the accountable task force",
    Relation.CO_HANDLER: "the co-handling task forces",
    Relation.LEAD: "the task force's lead",
    Relation.SUPERVISOR: "the supervising leader",
    Relation.PRINCIPAL: "the principal leaders",
    Relation.OFFICE: "the office",
    Relation.ADMIN: "an admin",
    Relation.SYSTEM: "the scheduler",
}
# What to do about a refusal at the command line, where the chat's wording does not help.
HINTS: Final = {
    "person.task_force_needed": "name it with --task-force CODE",
}


def explain(error: DomainError, code: str | None = None) -> str:
    """The refusal as one sentence for the operator; `code` names the issue acted on."""
    action = str(error.params.get("action", ""))
    code = str(error.params.get("code") or code or "the issue")
    if error.key == "issue.wrong_state" and action in RULES:
        state = str(error.params.get("state", ""))
        sources = [s for s in IssueState if s in RULES[action].sources]
        possible = " or ".join(_state(s) for s in sources)
        return (
            f"cannot {_action(action)} {code} while it is {_state(state)}; "
            f"that is possible only while it is {possible}"
        )
    if error.key == "issue.not_allowed" and action in RULES:
        who = sorted(WHO[r] for r in RULES[action].who if r is not Relation.SYSTEM)
        return f"may not {_action(action)} {code}: only {' or '.join(who)} may"
    hint = HINTS.get(error.key)
    return f"{error}; {hint}" if hint else str(error)


def _action(name: str) -> str:
    return ACTIONS.get(name, name.replace("_", " "))


def _state(name: str) -> str:
    return STATES.get(name, name.replace("_", " "))
