"""/invite in chat: admins invite officials, leads their officers, enterprises colleagues (§14).

The code is shown once, in private, with the Telegram link that redeems it; who may invite
whom is decided by the use case. A menu of one choice is skipped: a lead of one task force
gets the invite at once.
"""

from __future__ import annotations

from bot.dialogs.card_parts import Texts, rows_of
from bot.dialogs.events import Button
from bot.dialogs.payloads import InviteRole, Page, Picker, Slug
from bot.dialogs.turn import Turn
from bot.domain.model import TaskForce
from bot.domain.people import Role
from bot.i18n.formatting import format_moment
from bot.services import sessions
from bot.services.invites import TEAM_ROLES, IssuedInvite, create_invite, invite_link

# The roles an admin may invite; a page of task forces names its role by its place here
# (payloads.Page.ref): append, never reorder.
ADMIN_ROLES = (Role.OFFICER, Role.LEAD, Role.LEADER, Role.PRINCIPAL, Role.OFFICE)
# A leader may be invited without a task force and be given one later.
OPTIONAL_TEAM = frozenset({Role.LEADER})
NO_TEAM = 0
TEAMS_PER_ROW = 2
# The only channel whose invites have a link that redeems them.
LINKED_CHANNEL = "telegram"


async def begin(turn: Turn, page: int = 0) -> None:
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
        _show(turn, issued, turn.t("role-member"), edit=False)
        return
    actor = await sessions.actor_of(turn.uow(), person.id)
    if actor is not None and actor.has(Role.ADMIN):
        roles: tuple[Role, ...] = ADMIN_ROLES
    elif actor is not None and actor.leads:
        roles = (Role.OFFICER,)
    else:
        turn.say("error-invite-not_allowed")
        return
    if len(roles) == 1:
        await _chosen(turn, person.id, roles[0], None, edit=False)
        return
    rows = tuple((turn.button(f"role-{role}", InviteRole(Slug(role.value))),) for role in roles)
    shown = turn.page(rows, lambda n: Page(Picker.INVITE_ROLE, n), page, (turn.menu_close(),))
    turn.say("invite-choose-role", buttons=shown, edit=turn.paging)


async def press_page(turn: Turn, pressed: Page) -> None:
    """Another page of the roles (an admin's menu), or of the task forces for the role
    `ref` names; a page shows choices and never invites by itself."""
    person = turn.person
    if turn.incoming.chat_kind != "private" or person is None or person.id is None:
        turn.stale()
        return
    if pressed.picker is Picker.INVITE_ROLE:
        actor = await sessions.actor_of(turn.uow(), person.id)
        if actor is None or not actor.has(Role.ADMIN):
            turn.stale()
            return
        await begin(turn, pressed.page)
    elif 0 <= pressed.ref < len(ADMIN_ROLES) and ADMIN_ROLES[pressed.ref] in TEAM_ROLES:
        role = ADMIN_ROLES[pressed.ref]
        _offer_teams(turn, role, await _teams(turn, person.id), True, pressed.page)
    else:
        turn.stale()


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
    await _chosen(turn, person.id, role, pressed.team, edit=True)


async def _chosen(turn: Turn, me: int, role: Role, team_id: int | None, edit: bool) -> None:
    """Ask for the task force if the role needs one and there is a choice, else invite."""
    if team_id is None and role in TEAM_ROLES:
        teams = await _teams(turn, me)
        if role in OPTIONAL_TEAM or len(teams) != 1:
            _offer_teams(turn, role, teams, edit)
            return
        team_id = teams[0].id
    team = None
    if team_id:
        team = {t.id: t for t in await sessions.task_forces(turn.uow())}.get(team_id)
        if team is None:
            turn.stale()
            return
    elif role in TEAM_ROLES and role not in OPTIONAL_TEAM:
        turn.stale()
        return
    issued = await create_invite(
        turn.uow(), turn.ctx, me, role, turn.now, task_force_code=team.code if team else None
    )
    shown = turn.t(f"role-{role}")
    if team is not None:
        words = Texts(turn.deps.catalog, turn.language)
        shown = turn.t("invite-role-team", role=shown, team=words.team(team))
    _show(turn, issued, shown, edit)


async def _teams(turn: Turn, me: int) -> list[TaskForce]:
    """The task forces the person may invite to: all for an admin, a lead's own otherwise."""
    actor = await sessions.actor_of(turn.uow(), me)
    teams = [t for t in await sessions.task_forces(turn.uow()) if t.id is not None]
    if actor is not None and not actor.has(Role.ADMIN):
        teams = [t for t in teams if t.id in actor.leads]
    return teams


def _offer_teams(
    turn: Turn, role: Role, teams: list[TaskForce], edit: bool, page: int = 0
) -> None:
    w = Texts(turn.deps.catalog, turn.language)
    buttons = [
        Button(w.team(t), InviteRole(Slug(role.value), t.id).encode())
        for t in teams
        if t.id is not None
    ]
    if role in OPTIONAL_TEAM:
        buttons.append(turn.button("invite-no-team", InviteRole(Slug(role.value), NO_TEAM)))
    number = ADMIN_ROLES.index(role)
    rows = turn.page(
        rows_of(buttons, TEAMS_PER_ROW),
        lambda n: Page(Picker.INVITE_TEAM, n, number),
        page,
        (turn.menu_close(),),
        TEAMS_PER_ROW,
    )
    turn.say("invite-choose-team", buttons=rows, edit=edit, role=turn.t(f"role-{role}"))


def _show(turn: Turn, issued: IssuedInvite, role: str, edit: bool) -> None:
    """The code once, with the link that redeems it where the channel has one."""
    expires = format_moment(
        issued.invite.expires_at, turn.language, turn.ctx.calendar.tz, turn.now
    )
    bot = turn.deps.telegram_bot if turn.incoming.channel == LINKED_CHANNEL else None
    if not bot:
        turn.say("invite-issued", edit=edit, role=role, code=issued.code, expires=expires)
        return
    link = invite_link(bot, issued.code)
    turn.say(
        "invite-issued-link", edit=edit, role=role, code=issued.code, link=link, expires=expires
    )
