"""Arbitrary button payloads, pressed by arbitrary people, change nothing they may not change.

Property tests (issue 12, point 15; issue 13 on both channels): whatever a button carries that
is not a payload this version writes is answered "out of date" and changes nothing; a
well-formed payload changes an issue only if the presser may take its action now, whether they
press on Telegram or on WeCom (a card button's key up to WeCom's 1,024 bytes).
"""

from __future__ import annotations

import asyncio
import copy
from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.dialogs.capabilities import TELEGRAM_LIKE
from bot.dialogs.card_buttons import VERB_ACTIONS
from bot.dialogs.engine import Dialogs
from bot.dialogs.payloads import KINDS, StalePayload, Verb, decode
from bot.dialogs.throttle import Throttle
from bot.dialogs.turn import DialogDeps
from bot.domain.affordances import may_take
from bot.domain.people import OPERATOR, ChannelIdentity
from bot.i18n.catalog import default_catalog
from bot.services import sessions, teamwork
from bot.services.queries import show_issue
from tests.dialogs.chat import Chat
from tests.dialogs.officials import ACCOUNTS, with_accounts
from tests.fakes import FakeDatabase
from tests.services.city import City, build_city

STALE = "这个按钮已失效，请重新操作。"
PEOPLE = ["officer", "officer2", "lead", "leader", "principal", "party_office", "admin"]
CODES = ["ZB-2026-000001", "ZB-2026-000002", "ZB-2026-999999"]
numbers = st.one_of(
    st.integers(min_value=0, max_value=2**70).map(str),
    st.sampled_from(["", "-1", "01", "1e3", "٣", "²", "9" * 25]),
)
parts = st.one_of(
    numbers,
    st.sampled_from([v.value for v in Verb] + CODES + ["alu", "q", "off", "zh"]),
    st.text(max_size=12),
)
structured = st.builds(
    lambda prefix, fields: ":".join([prefix, *fields]),
    st.sampled_from([*KINDS, "t", "k", "m", "a", "zz"]),
    st.lists(parts, max_size=4),
)
payloads = st.one_of(structured, st.text(max_size=70), st.text(min_size=65, max_size=1024))
WECOM_LIKE = replace(
    TELEGRAM_LIKE, text_limit=2048, text_bytes=True, buttons_per_message=6, group_buttons=False
)


def world() -> tuple[City, Dialogs, dict[str, str]]:
    """A city with two issues (one claimed) and every official with an account."""

    async def build() -> tuple[City, Dialogs, dict[str, str]]:
        city = await build_city(FakeDatabase().unit_of_work)
        # Hundreds of presses a minute: the flood limit is not what is under test here.
        unlimited = Throttle(limit=10**9)
        capabilities = {"telegram": TELEGRAM_LIKE, "wecom": WECOM_LIKE}
        deps = DialogDeps(city.new_uow, city.ctx, default_catalog(), capabilities=capabilities)
        dialogs = Dialogs(deps, unlimited)
        await with_accounts(dialogs, city)
        async with city.new_uow() as uow:
            for who, (user, _) in ACCOUNTS.items():
                await uow.people.add_identity(
                    getattr(city, who), ChannelIdentity("wecom", f"wx{user}")
                )
            await uow.commit()
        first = (await city.file()).issue.code
        await city.file("道路未通")
        await teamwork.claim(city.new_uow(), city.ctx, city.officer, first, city.now)
        return city, dialogs, {who: user for who, (user, _) in ACCOUNTS.items()}

    return asyncio.run(build())


CITY, DIALOGS, USERS = world()


async def versions(city: City) -> dict[str, int]:
    """Each issue's version: it grows with every change."""
    found = {}
    for code in CODES[:2]:
        found[code] = (await show_issue(city.new_uow(), OPERATOR, code)).issue.version
    return found


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    payload=payloads,
    who=st.sampled_from(PEOPLE),
    in_group=st.booleans(),
    channel=st.sampled_from(["telegram", "wecom"]),
)
def test_a_press_changes_only_what_the_presser_may_change(
    payload: str, who: str, in_group: bool, channel: str
) -> None:
    # WeCom's app group chats send the app nothing: presses come from private chats there.
    asyncio.run(_press(payload, who, in_group and channel == "telegram", channel))


async def _press(payload: str, who: str, in_group: bool, channel: str) -> None:
    user, name = ACCOUNTS[who]
    user = user if channel == "telegram" else f"wx{user}"
    chat = Chat(
        DIALOGS,
        user,
        name,
        CITY.now,
        chat_id="-1001234" if in_group else None,
        kind="group" if in_group else "private",
        channel=channel,
    )
    before = await versions(CITY)
    store = copy.deepcopy(committed())
    try:
        pressed = decode(payload)
    except StalePayload:
        pressed = None
    answer = await chat.press_payload(payload)
    after = await versions(CITY)
    if pressed is None:
        assert (answer.toast, answer.replies) == (STALE, ()), payload
        assert committed() == store, "an undecodable press changed something"
        return
    changed = [code for code in before if after[code] != before[code]]
    if not changed:
        return
    (code,) = changed
    # Undo what the press did, so that every example starts from the same city.
    restore(store)
    actor = await sessions.actor_of(CITY.new_uow(), getattr(CITY, who))
    issue = (await show_issue(CITY.new_uow(), OPERATOR, code)).issue
    verb = getattr(pressed, "verb", None)
    actions = VERB_ACTIONS.get(verb, frozenset()) if verb else frozenset()
    assert actor is not None and any(may_take(a, issue, actor, CITY.now) for a in actions), (
        payload,
        who,
    )


def committed() -> object:
    """The fake database's committed rows."""
    db = CITY.new_uow.__self__  # type: ignore[attr-defined]
    return db.store


def restore(store: object) -> None:
    """Put the committed rows back as they were."""
    db = CITY.new_uow.__self__  # type: ignore[attr-defined]
    db.store = store
