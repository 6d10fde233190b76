"""What the page needs from the running bot; the bot side implements it."""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

TRAVEL_STEPS = ("hour", "workday", "deadline")


class PlaygroundHooks(Protocol):
    """What the page needs from the running bot (implemented on the bot side).

    personas(): {"personas": [{"key", "role_zh", "role_en", "name", "user_id", "chat_id",
    "wecom_userid", "channel" ("telegram" | "wecom"), "language", "phone"?}], "group": {"key":
    "group", "chat_id", "title", "speaker", "channel", "wecom_chatid"?}, "channels": [...]}.
    A bot side with two channels also implements ChannelSwitch.
    clock(): {"now": iso, "shown": "2026-11-23 10:00 周一", "offset_seconds": 0}.
    travel(step): moves the clock by a step of TRAVEL_STEPS and returns what clock() returns;
    raises ValueError for an unknown step (or a step that cannot be taken now).
    issues(): [{"code", "state", "enterprise", "next_due", "overdue"?}].
    issue(code): {"code", "state", "text", "clocks": [{"name", "due_at", "status", "overdue"?}],
    "timeline": [{"at", "kind", "actor", "text"}], "waiting"?: [{"recipient", "until" (iso, or
    null when nothing holds it), "reason"}]}, or None when unknown.
    """

    async def personas(self) -> dict[str, Any]:
        """The people with a pane, and the task force's group."""
        ...

    async def clock(self) -> dict[str, Any]:
        """The bot's current time."""
        ...

    async def travel(self, step: str) -> dict[str, Any]:
        """Move the bot's clock forward by one step; answer as clock() does."""
        ...

    async def issues(self) -> list[dict[str, Any]]:
        """Every issue, newest first, with its state and next deadline."""
        ...

    async def issue(self, code: str) -> dict[str, Any] | None:
        """One issue with its clocks and timeline, or None."""
        ...


@runtime_checkable
class ChannelSwitch(Protocol):
    """Hooks that can move a persona between Telegram and WeCom (the pane's toggle).

    switch(key, channel): puts the persona on that channel (its notices go there first) and
    returns its entry as personas() lists it; raises ValueError for an unknown persona or a
    channel that does not run.
    """

    async def switch(self, key: str, channel: str) -> dict[str, Any]:
        """Put one persona on Telegram or WeCom; answer with its entry in personas()."""
        ...
