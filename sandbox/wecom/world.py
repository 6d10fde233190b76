"""The emulated corp's state and the rules every API call shares: tokens, the app, delivery.

Userids are case-insensitive in WeCom (answers name them in lower case), so members are kept
by their lower-cased userid. Time is the injected clock's (seconds since the epoch), so tests
can let tokens, response codes and media run out without waiting.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from typing import Any

from .defaults import (
    CODE_SECONDS,
    DEFAULT_AGENT_ID,
    DEFAULT_CORP_ID,
    DEFAULT_SECRET,
    GROUP_WINDOWS,
    MEDIA_SECONDS,
    MEMBER_WINDOWS,
    TOKEN_SECONDS,
)
from .errors import ApiError, ControlError
from .faults import FaultPlan
from .pusher import CallbackConfig, Pusher
from .quota import Quota
from .records import AppChat, CardCopy, Medium, Member, Received, ResponseCode, random_id
from .stats import Stats


class World:
    """One corp with one self-built app: its members, tokens, messages, cards and media."""

    def __init__(
        self,
        *,
        corp_id: str = DEFAULT_CORP_ID,
        secret: str = DEFAULT_SECRET,
        agent_id: int = DEFAULT_AGENT_ID,
        callback: CallbackConfig | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.corp_id, self.secret, self.agent_id = corp_id, secret, agent_id
        self.clock = clock
        self.base_url = ""
        self.members: dict[str, Member] = {}
        self.tokens: dict[str, float] = {}
        self.task_ids: set[str] = set()
        self.cards: dict[tuple[str, str], CardCopy] = {}
        self.codes: dict[str, ResponseCode] = {}
        self.media: dict[str, Medium] = {}
        self.appchats: dict[str, AppChat] = {}
        self.member_quota = Quota(MEMBER_WINDOWS)
        self.group_quota = Quota(GROUP_WINDOWS)
        self.stats = Stats()
        self.faults = FaultPlan()
        self.callback = callback or CallbackConfig(corp_id=corp_id, agent_id=agent_id)
        # A callback is an HTTP request made now: its signed timestamp is the wall clock's,
        # whatever time the corp's clock (moved by the playground) gives its messages.
        self.pusher = Pusher(self.callback, self.stats)
        self._msg_number = int(clock() * 1000) * 1000

    # Members -------------------------------------------------------------------------------

    def add_member(self, userid: str, name: str | None = None) -> Member:
        """Add a member within the app's visible range (ControlError if the userid is taken)."""
        if not userid or len(userid) > 64 or "|" in userid:
            raise ControlError(f"userid must be 1 to 64 characters without '|', not {userid!r}")
        if userid.lower() in self.members:
            raise ControlError(f"member {userid} exists")
        member = Member(userid, name or userid)
        self.members[userid.lower()] = member
        return member

    def get_member(self, userid: str) -> Member:
        """A member by userid (any case); ControlError if there is none."""
        member = self.members.get(str(userid).lower())
        if member is None:
            raise ControlError(f"unknown member {userid}")
        return member

    # Calls ---------------------------------------------------------------------------------

    def new_token(self) -> tuple[str, int]:
        """The app's access token and the seconds it has left (the same one while valid)."""
        now = self.clock()
        for token, until in self.tokens.items():
            if until > now:
                return token, int(until - now)
        token = secrets.token_urlsafe(48)
        self.tokens[token] = now + TOKEN_SECONDS
        return token, TOKEN_SECONDS

    def authenticate(self, query: dict[str, str]) -> None:
        """Check the call's access_token: missing 41001, unknown 40014, expired 42001."""
        token = query.get("access_token")
        if not token:
            raise ApiError(41001)
        until = self.tokens.get(token)
        if until is None:
            raise ApiError(40014)
        if until <= self.clock():
            raise ApiError(42001)

    def expire_tokens(self) -> int:
        """Let every token run out now (calls with them answer 42001); how many there were."""
        now = self.clock()
        for token in self.tokens:
            self.tokens[token] = min(self.tokens[token], now)
        return len(self.tokens)

    def check_agent(self, body: dict[str, Any]) -> None:
        """The agentid must be this app's (an int, or its digits): else 40056."""
        agent = body.get("agentid")
        if isinstance(agent, bool) or str(agent) != str(self.agent_id):
            raise ApiError(40056)

    def next_msgid(self) -> str:
        """A fresh msgid for a message the app sent."""
        return random_id("", 60)

    def next_member_msg_id(self) -> int:
        """A fresh MsgId for a member's message (64-bit, unique across restarts)."""
        self._msg_number += 1
        return self._msg_number

    # Delivery ------------------------------------------------------------------------------

    def deliver(self, member: Member, received: Received) -> bool:
        """Hand a message to a member within WeCom's limits; False if silently dropped."""
        if not self.member_quota.admit(member.userid.lower(), self.clock()):
            self.stats.drop(member.userid)
            return False
        member.received.append(received)
        self.stats.delivered += 1
        return True

    def deliver_to_group(self, chat: AppChat, received: Received) -> list[str]:
        """Post to a group chat; the members WeCom's group limits dropped it for."""
        dropped = []
        for userid in chat.userlist:
            if self.group_quota.admit(userid.lower(), self.clock()):
                self.stats.delivered += 1
            else:
                self.stats.drop(userid)
                dropped.append(userid)
        chat.received.append(received)
        return dropped

    def issue_code(self, task_id: str, source: str) -> str:
        """A fresh response_code for updating the card `task_id` once within 72 hours."""
        code = random_id("", 40)
        self.codes[code] = ResponseCode(code, task_id, self.clock(), source)
        return code

    def valid_code(self, code: Any) -> ResponseCode:
        """A usable response_code; 60140 if it is unknown, used or older than 72 hours."""
        found = self.codes.get(code) if isinstance(code, str) else None
        if found is None or found.used or found.issued_at <= self.clock() - CODE_SECONDS:
            raise ApiError(60140)
        return found

    # Media ---------------------------------------------------------------------------------

    def store_medium(self, kind: str, name: str, data: bytes, content_type: str) -> Medium:
        """Keep a temporary medium; WeCom lets it be used for 3 days."""
        medium = Medium(random_id("3", 63), kind, name, data, self.clock(), content_type)
        self.media[medium.media_id] = medium
        return medium

    def find_medium(self, media_id: Any, kind: str | None = None) -> Medium:
        """A medium still valid (of `kind`, when given); 40007 otherwise."""
        medium = self.media.get(media_id) if isinstance(media_id, str) else None
        if medium is None or medium.created_at <= self.clock() - MEDIA_SECONDS:
            raise ApiError(40007)
        if kind is not None and medium.kind != kind:
            raise ApiError(40007, f"the medium is a {medium.kind}, not a {kind}")
        return medium
