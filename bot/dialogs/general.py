"""Help, language, cancelling, a group's welcome, and the polite answers to what the bot
cannot use."""

from __future__ import annotations

from bot.dialogs.card_parts import Texts, rows_of
from bot.dialogs.payloads import Cancel, ChooseLanguage, LinkGroup, Page, Picker, Slug
from bot.dialogs.private_chat import require_official
from bot.dialogs.turn import NO_DIALOG, Turn, stamp_of
from bot.domain.people import OFFICIAL_ROLES, Person, Role
from bot.i18n.catalog import LANGUAGES
from bot.services import directory, sessions

# An enterprise's admin, among its members: the one who may invite colleagues.
ENTERPRISE_ADMIN = "enterprise_admin"
OFFICIALS = frozenset(role.value for role in OFFICIAL_ROLES)
REGISTERED = OFFICIALS | {Role.MEMBER.value}
# Who may use each command, in the order /help lists them; the catalog's "help-<command>"
# says what it does. Each command checks again when used: this only keeps /help honest.
COMMANDS: dict[str, frozenset[str]] = {
    "new": frozenset({Role.MEMBER.value}),
    "my": frozenset({Role.MEMBER.value}),
    # Leaders' /inbox holds the requests waiting for their decision.
    "inbox": frozenset(
        {
            Role.OFFICER.value,
            Role.LEAD.value,
            Role.OFFICE.value,
            Role.LEADER.value,
            Role.PRINCIPAL.value,
        }
    ),
    "team": frozenset({Role.OFFICER.value, Role.LEAD.value, Role.LEADER.value}),
    "overdue": OFFICIALS,
    "overview": frozenset(
        {Role.LEADER.value, Role.PRINCIPAL.value, Role.OFFICE.value, Role.ADMIN.value}
    ),
    "invite": frozenset({ENTERPRISE_ADMIN, Role.LEAD.value, Role.ADMIN.value}),
    "settings": REGISTERED,
    "lang": REGISTERED,
    "cancel": REGISTERED,
}


def audiences_of(person: Person) -> frozenset[str]:
    """Whom /help counts a person as: their roles, and an enterprise's admin if they are one."""
    found = {role.value for role in person.roles}
    if person.enterprise_admin and Role.MEMBER in person.roles:
        found.add(ENTERPRISE_ADMIN)
    return frozenset(found)


def commands_of(person: Person) -> list[str]:
    """The commands the person may use, in the order /help lists them."""
    mine = audiences_of(person)
    return [command for command, audiences in COMMANDS.items() if audiences & mine]


async def show_help(turn: Turn) -> None:
    """The commands the person's roles may use, and how work reaches them."""
    person = turn.person
    commands = commands_of(person) if person is not None else []
    if person is None or not commands:
        turn.say("help-newcomer")
        return
    tails: list[str] = []
    if Role.MEMBER in person.roles:
        tails.append(turn.t("help-tail-member"))
    # Only officers and leads have a task force's group; leaders and the office read in private.
    if person.roles & {Role.OFFICER, Role.LEAD}:
        tails.append(turn.t("help-tail-official"))
    elif person.roles & OFFICIAL_ROLES:
        tails.append(turn.t("help-tail-private"))
    lines = "\n".join(turn.t(f"help-{command}") for command in commands)
    turn.say("help", commands=lines, tail="\n".join(tails))


async def choose_language(turn: Turn, page: int = 0) -> None:
    """Offer the languages as buttons."""
    buttons = tuple(
        (turn.button(f"lang-name-{code}", ChooseLanguage(Slug(code))),) for code in LANGUAGES
    )
    more = turn.page(buttons, lambda n: Page(Picker.LANGUAGE, n), page, (turn.menu_close(),))
    turn.say("lang-choose", buttons=more, edit=turn.paging)


async def press_language(turn: Turn) -> None:
    """A language chosen from /lang."""
    pressed = turn.pressed
    assert isinstance(pressed, ChooseLanguage)
    if pressed.language not in LANGUAGES:
        turn.stale()
        return
    if turn.person is None or turn.person.id is None:
        turn.say("need-registration")
        return
    await sessions.save_language(turn.uow(), turn.person.id, pressed.language)
    turn.language = pressed.language
    turn.say("lang-set", edit=True)


async def cancel(turn: Turn) -> None:
    """/cancel leaves whatever dialog is open; a prompt's Cancel only the dialog that drew it,
    and a menu's Close only closes that menu."""
    pressed = turn.pressed
    if isinstance(pressed, Cancel):
        _press_cancel(turn, pressed)
    elif turn.state is None:
        turn.say("cancel-nothing")
    else:
        turn.forget()
        turn.say("cancel-done", remove_keyboard=True)


def _press_cancel(turn: Turn, pressed: Cancel) -> None:
    if pressed.stamp == NO_DIALOG:
        # A menu in a group is the officials' (the work-group offer): not anyone's to close.
        if turn.incoming.chat_kind != "private" and require_official(turn) is None:
            return
        turn.say("dismissed", edit=True)
    elif turn.state is not None and pressed.stamp == stamp_of(turn.state):
        turn.forget()
        turn.say("cancel-done", edit=True)
    else:
        # From a dialog that is over, or another one than the dialog now open.
        turn.stale()


async def stale_button(turn: Turn) -> None:
    """A button the bot no longer knows (forged, or from an old message)."""
    turn.stale()


async def unknown_command(turn: Turn) -> None:
    """A command the bot does not have."""
    turn.say("command-unknown")


async def lost_state(turn: Turn) -> None:
    """A stored dialog step this version does not know: start over rather than guess."""
    turn.forget()
    turn.say("dialog-lost")


async def welcome_group(turn: Turn, page: int = 0) -> None:
    """The bot was added to a group: say whose group it is, or offer to make it one's (a
    More of that offer shows page `page` of it, to whoever may still take it)."""
    chat, channel = turn.incoming.chat_id, turn.incoming.channel
    teams = await sessions.task_forces(turn.uow())
    w = Texts(turn.deps.catalog, turn.language)
    linked = next((t for t in teams if t.group_on(channel) == chat), None)
    person = turn.person
    actor = await sessions.actor_of(turn.uow(), person.id) if person and person.id else None
    mine = [
        t
        for t in teams
        if actor is not None
        and actor.roles & OFFICIAL_ROLES
        and t.id is not None
        and not t.group_on(channel)
        and (actor.has(Role.ADMIN) or t.id in actor.leads)
    ]
    buttons = [
        turn.button("group-link-button", LinkGroup(t.id), team=w.team(t))
        for t in mine
        if t.id is not None
    ]
    if turn.paging and (linked is not None or not buttons):
        # Not for the presser to page: the offer stays as it is for whoever may take it.
        turn.stale()
    elif linked is not None:
        turn.say("group-hello-linked", team=w.team(linked))
    elif not buttons:
        turn.say("group-hello", chat=chat)
    else:
        close = (turn.menu_close(),)
        rows = turn.page(rows_of(buttons), lambda n: Page(Picker.LINK_GROUP, n), page, close, 2)
        turn.say("group-hello-offer", buttons=rows, edit=turn.paging, chat=chat)


async def press_link(turn: Turn) -> None:
    """Make this group the work group of the chosen task force (an admin or its lead)."""
    pressed, person = turn.pressed, turn.person
    assert isinstance(pressed, LinkGroup)
    if turn.incoming.chat_kind != "group" or person is None or person.id is None:
        turn.stale()
        return
    teams = {t.id: t for t in await sessions.task_forces(turn.uow())}
    team = teams.get(pressed.team)
    if team is None:
        turn.stale()
        return
    incoming = turn.incoming
    linked = await directory.link_group(
        turn.uow(), person.id, team.code, incoming.chat_id, incoming.channel
    )
    w = Texts(turn.deps.catalog, turn.language)
    turn.say("group-linked", edit=True, team=w.team(linked), name=person.name)
