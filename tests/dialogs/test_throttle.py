"""Too many messages from one person in a minute: told once, then ignored; others unaffected."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.dialogs.engine import Dialogs
from bot.dialogs.throttle import Throttle
from bot.dialogs.turn import DialogDeps
from bot.i18n.catalog import default_catalog
from tests.dialogs.chat import Chat
from tests.services.city import City

START = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


def test_the_window_slides() -> None:
    throttle = Throttle(limit=3, window=timedelta(minutes=1))
    over = [throttle.admit("telegram", "1", START + timedelta(seconds=n)) for n in range(5)]
    assert over == [0, 0, 0, 1, 2]
    assert throttle.admit("telegram", "2", START) == 0, "another person has their own count"
    # At 61 s the events of second 0 and 1 have left the window; 2, 3, 4 and this one remain.
    assert throttle.admit("telegram", "1", START + timedelta(seconds=61)) == 1
    assert throttle.admit("telegram", "1", START + timedelta(minutes=5)) == 0


async def test_a_flood_is_answered_once_then_ignored(city: City) -> None:
    dialogs = Dialogs(DialogDeps(city.new_uow, city.ctx, default_catalog()), Throttle(limit=3))
    chat = Chat(dialogs, "5001", "王经理", city.now)
    for _ in range(3):
        await chat.command("help")
    told = await chat.command("help")
    assert [r.text for r in told.replies] == ["消息发送过于频繁，请稍后再试。"]
    ignored = await chat.command("help")
    assert ignored.replies == () and ignored.toast is None
    other = Chat(dialogs, "6001", "陈经理", city.now)
    assert (await other.command("help")).replies
