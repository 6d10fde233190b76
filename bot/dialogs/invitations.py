"""/invite in chat: admins invite officials, leads their officers, enterprises colleagues (§14).

The code is shown once, in private; who may invite whom is decided by the use case.
"""

from __future__ import annotations

from bot.dialogs.cards import Texts
from bot.dialogs.events import Button
from bot.dialogs.private_chat import split_payload
from bot.dialogs.turn import Turn
from bot.domain.people import Role
from bot.i18n.formatting import format_moment
from bot.services import sessions
from bot.services.invites import TEAM_ROLES, IssuedInvite, create_invite

ADMIN_ROLES = (Role.OFFICER, Role.LEAD, Role.LEADER, Role.PRINCIPAL, Role.OFFICE)
# A leader may be invited without a task force and be given one later.
OPTIONAL_TEAM = frozenset({Role.LEADER})
NO_TEAM = "-"
TEAMS_PER_ROW = 2


async def begin(turn: Turn) -> None:
    """Offer the roles the person may invite, or invite a colleague at once."""
    person = turn.person
    if turn.incoming.chat_kind != "private":
        # An invite code read by a whole group is no longer one person's.
        turn.say("start-in-private")
        return
    if person is None or person.id is None:
        turn.say("error-invite-not_allowed")
        return
    if Role.MEMBER in person.roles and person.enterprise_id is not None:
        issued = await create_invite(
            turn.uow(),
            turn.ctx,
            person.id,
            Role.MEMBER,
            turn.now,
            enterprise_id=person.enterprise_id,
        )
        _show(turn, issued, turn.t("role-member"))
        return
    actor = await sessions.actor_of(turn.uow(), person.id)
    if actor is not None and actor.has(Role.ADMIN):
        roles: tuple[Role, ...] = ADMIN_ROLES
    elif actor is not None and actor.leads:
        roles = (Role.OFFICER,)
    else:
        turn.say("error-invite-not_allowed")
        return
    rows = tuple((turn.button(f"role-{role}", f"i:r:{role}"),) for role in roles)
    turn.say("invite-choose-role", buttons=rows)


async def press(turn: Turn) -> None:
    """A role ("i:r:<role>"), then for team roles a task force ("i:t:<role>:<code>")."""
    parts = split_payload(turn, (3, 4))
    person = turn.person
    if turn.incoming.chat_kind != "private":
        turn.toast, turn.alert = turn.t("start-in-private"), True
        return
    if parts is None or person is None or person.id is None:
        if parts is not None:
            turn.toast, turn.alert = turn.t("error-invite-not_allowed"), True
        return
    try:
        role = Role(parts[2])
    except ValueError:
        turn.toast, turn.alert = turn.t("button-stale"), True
        return
    if parts[1] == "r" and len(parts) == 3 and role in TEAM_ROLES:
        await _offer_teams(turn, person.id, role)
    elif parts[1] == "r" and len(parts) == 3:
        issued = await create_invite(turn.uow(), turn.ctx, person.id, role, turn.now)
        _show(turn, issued, turn.t(f"role-{role}"), edit=True)
    elif parts[1] == "t" and len(parts) == 4:
        team = None if parts[3] == NO_TEAM else parts[3]
        issued = await create_invite(
            turn.uow(), turn.ctx, person.id, role, turn.now, task_force_code=team
        )
        _show(turn, issued, turn.t(f"role-{role}"), edit=True)
    else:
        turn.toast, turn.alert = turn.t("button-stale"), True


async def _offer_teams(turn: Turn, me: int, role: Role) -> None:
    actor = await sessions.actor_of(turn.uow(), me)
    teams = await sessions.task_forces(turn.uow())
    if actor is not None and not actor.has(Role.ADMIN):
        # A lead invites officers to the task forces they lead, and nowhere else.
        teams = [t for t in teams if t.id in actor.leads]
    w = Texts(turn.deps.catalog, turn.language)
    buttons = [Button(w.team(t), f"i:t:{role}:{t.code}") for t in teams]
    if role in OPTIONAL_TEAM:
        buttons.append(turn.button("invite-no-team", f"i:t:{role}:{NO_TEAM}"))
    rows = tuple(
        tuple(buttons[i : i + TEAMS_PER_ROW]) for i in range(0, len(buttons), TEAMS_PER_ROW)
    )
    turn.say("invite-choose-team", buttons=rows, edit=True, role=turn.t(f"role-{role}"))


def _show(turn: Turn, issued: IssuedInvite, role: str, edit: bool = False) -> None:
    expires = format_moment(
        issued.invite.expires_at, turn.language, turn.ctx.calendar.tz, turn.now
    )
    turn.say("invite-issued", edit=edit, role=role, code=issued.code, expires=expires)
