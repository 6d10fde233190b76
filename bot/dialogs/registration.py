"""/start: an enterprise registers, or a person redeems an invite (§10)."""

from __future__ import annotations

from bot.dialogs.card_parts import Texts
from bot.dialogs.phones import parse_mobile
from bot.dialogs.turn import Turn
from bot.domain.credit_code import validate_credit_code
from bot.domain.people import ChannelIdentity
from bot.services import sessions
from bot.services.invites import accept_invite
from bot.services.registration import EnterpriseRegistration, clean_name, register_enterprise


async def start(turn: Turn) -> None:
    """Redeem an invite code, greet a known person, or begin an enterprise's registration."""
    incoming = turn.incoming
    if incoming.chat_kind != "private":
        turn.say("start-in-private")
        return
    if incoming.argument:
        await _redeem(turn, incoming.argument.strip())
        return
    if turn.person is not None:
        turn.say("start-welcome-back", name=turn.person.name)
        return
    turn.remember("reg.name")
    turn.ask("reg-ask-name")


async def step(turn: Turn) -> None:
    """The next answer of the registration dialog."""
    assert turn.state is not None
    name, data = turn.state.name, dict(turn.state.data)
    text = (turn.incoming.text or "").strip()
    if name == "reg.phone":
        await _finish(turn, data)
        return
    if not text:
        turn.ask("reg-need-text")
        return
    if name == "reg.name":
        data["enterprise"] = clean_name(text, "enterprise name")
        turn.remember("reg.code", **data)
        turn.ask("reg-ask-code")
    elif name == "reg.code":
        code = validate_credit_code(text)
        taken = await sessions.enterprise_named_by(turn.uow(), code)
        if taken is not None:
            # Asked again here, not after the phone: the person may have mistyped the code.
            turn.ask("reg-code-taken", enterprise=taken.name, code=code)
            return
        data["credit_code"] = code
        turn.remember("reg.contact", **data)
        turn.ask("reg-ask-contact")
    elif name == "reg.contact":
        data["contact"] = clean_name(text, "contact name")
        turn.remember("reg.phone", **data)
        _ask_phone(turn, "reg-ask-phone")
    else:
        turn.forget()
        turn.say("dialog-lost")


def _ask_phone(turn: Turn, key: str) -> None:
    """Ask for the phone: by the contact button where the channel has one (a number typed
    is taken too), else typed, with Cancel."""
    if turn.capabilities.contact_sharing:
        turn.say(key, ask_contact="reg-share-phone")
    else:
        turn.ask(f"{key}-typed")


async def _finish(turn: Turn, data: dict[str, object]) -> None:
    """The phone, shared or typed (a bad one is asked again and nothing changes), and the
    enterprise registered with it."""
    incoming = turn.incoming
    if incoming.contact_phone is not None and not incoming.contact_is_own:
        turn.say("reg-own-phone", ask_contact="reg-share-phone")
        return
    phone = incoming.contact_phone or parse_mobile(incoming.text or "")
    if phone is None:
        _ask_phone(turn, "reg-bad-phone")
        return
    registration = EnterpriseRegistration(
        name=str(data["enterprise"]),
        credit_code=str(data["credit_code"]),
        contact_name=str(data["contact"]),
        phone=phone,
        language=turn.language,
        identity=_identity(turn),
    )
    enterprise, _ = await register_enterprise(turn.uow(), registration, turn.now)
    turn.forget()
    turn.say("reg-done", enterprise=enterprise.name, remove_keyboard=True)


async def _redeem(turn: Turn, code: str) -> None:
    joined = await accept_invite(
        turn.uow(), code, _identity(turn), turn.incoming.user_name, turn.now, turn.language
    )
    turn.forget()
    name, role = joined.person.name, turn.t(f"role-{joined.role}")
    if joined.enterprise is not None:
        turn.say("invite-joined-enterprise", name=name, enterprise=joined.enterprise.name)
    elif joined.task_force is not None:
        team = Texts(turn.deps.catalog, turn.language).team(joined.task_force)
        turn.say("invite-joined-team", name=name, team=team, roles=role)
    else:
        turn.say("invite-joined-official", name=name, roles=role)


def _identity(turn: Turn) -> ChannelIdentity:
    incoming = turn.incoming
    return ChannelIdentity(incoming.channel, incoming.user_id, incoming.chat_id)
