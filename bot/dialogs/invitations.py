"""/invite in chat: admins invite officials, leads their officers, enterprises colleagues (§14).

The code is shown once, in private; who may invite whom is decided by the use case.
"""

from __future__ import annotations

from bot.dialogs.card_parts import Texts, rows_of
from bot.dialogs.events import Button
from bot.dialogs.payloads import InviteRole, Slug
from bot.dialogs.turn import Turn
from bot.domain.people import Role
from bot.i18n.formatting import format_moment
from bot.services import sessions
from bot.services.invites import TEAM_ROLES, IssuedInvite, create_invite

ADMIN_ROLES = (Role.OFFICER, Role.LEAD, Role.LEADER, Role.PRINCIPAL, Role.OFFICE)
# A leader may be invited without a task force and be given one later.
OPTIONAL_TEAM = frozenset({Role.LEADER})
NO_TEAM = 0
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
    rows = tuple((turn.button(f"role-{role}", InviteRole(Slug(role.value))),) for role in roles)
    turn.say("invite-choose-role", buttons=rows)


async def press(turn: Turn) -> None:
    """A role, then for roles of a task force the task force (0: none, for a leader)."""
    pressed, person = turn.pressed, turn.person
    assert isinstance(pressed, InviteRole)
    if turn.incoming.chat_kind != "private":
        turn.toast, turn.alert = turn.t("start-in-private"), True
        return
    if person is None or person.id is None:
        turn.toast, turn.alert = turn.t("error-invite-not_allowed"), True
        return
    try:
        role = Role(pressed.role)
    except ValueError:
        turn.stale()
        return
    if pressed.team is None and role in TEAM_ROLES:
        await _offer_teams(turn, person.id, role)
        return
    team = None
    if pressed.team:
        teams = {t.id: t.code for t in await sessions.task_forces(turn.uow())}
        team = teams.get(pressed.team)
        if team is None:
            turn.stale()
            return
    elif role in TEAM_ROLES and role not in OPTIONAL_TEAM:
        turn.stale()
        return
    issued = await create_invite(
        turn.uow(), turn.ctx, person.id, role, turn.now, task_force_code=team
    )
    _show(turn, issued, turn.t(f"role-{role}"), edit=True)


async def _offer_teams(turn: Turn, me: int, role: Role) -> None:
    actor = await sessions.actor_of(turn.uow(), me)
    teams = await sessions.task_forces(turn.uow())
    if actor is not None and not actor.has(Role.ADMIN):
        # A lead invites officers to the task forces they lead, and nowhere else.
        teams = [t for t in teams if t.id in actor.leads]
    w = Texts(turn.deps.catalog, turn.language)
    buttons = [
        Button(w.team(t), InviteRole(Slug(role.value), t.id).encode())
        for t in teams
        if t.id is not None
    ]
    if role in OPTIONAL_TEAM:
        buttons.append(turn.button("invite-no-team", InviteRole(Slug(role.value), NO_TEAM)))
    rows = rows_of(buttons, TEAMS_PER_ROW)
    turn.say("invite-choose-team", buttons=rows, edit=True, role=turn.t(f"role-{role}"))


def _show(turn: Turn, issued: IssuedInvite, role: str, edit: bool = False) -> None:
    expires = format_moment(
        issued.invite.expires_at, turn.language, turn.ctx.calendar.tz, turn.now
    )
    turn.say("invite-issued", edit=edit, role=role, code=issued.code, expires=expires)
