"""In-memory stand-ins for storage and messaging, with the semantics of the real ones.

A FakeUnitOfWork works on a private deep copy of the shared store; `commit` merges what it
changed back (all or nothing) and raises ConcurrentUpdate if an issue it changed was committed
by someone else meanwhile; leaving without commit discards everything. Ids and issue codes come
from shared sequences, so like SQL sequences they are never reused, even after a rollback.
"""

from __future__ import annotations

import itertools
from dataclasses import fields, replace
from types import TracebackType
from typing import Any

from bot.dialogs.capabilities import TELEGRAM_LIKE, Capabilities
from bot.dialogs.events import Reply
from bot.dialogs.notices import DeliveryError
from bot.domain.errors import ConcurrentUpdate
from bot.services.ports import (
    ActionMarkRepository,
    DialogRepository,
    EnterpriseRepository,
    EventRepository,
    InboxRepository,
    InviteRepository,
    IssueRepository,
    LeaseRepository,
    NoticeRepository,
    PersonRepository,
    ProjectRepository,
    TaskForceRepository,
    ViewRepository,
)
from tests.storage.fake_directory import (
    FakeEnterprises,
    FakeInvites,
    FakePeople,
    FakeProjects,
    FakeTaskForces,
)
from tests.storage.fake_outbox import FakeLeases, FakeMarks, FakeNotices, FakeViews
from tests.storage.fake_repositories import (
    FakeDialogs,
    FakeEvents,
    FakeInbox,
    FakeIssues,
    FakeStore,
    copied,
)

# Collections keyed by a unique key other than an id: of two concurrent adds, the first wins,
# as INSERT ... ON CONFLICT DO NOTHING does.
FIRST_WINS = frozenset({"notices", "inbox", "marks", "views"})
# Collections whose rows are guarded: a row changed by another commit since this unit of work
# began makes the commit fail, as an issue's version or a lease's conditional update does (the
# first-wins collections' existing rows too: a notice claimed twice, where SQL skips locked rows).
GUARDED = frozenset({"issues", "leases"})


class FakeDatabase:
    """The committed store shared by its units of work, plus id and code sequences."""

    def __init__(self) -> None:
        self.store = FakeStore()
        self.counters: dict[str, int] = {}
        self.commits = 0
        self._ids = itertools.count(1)

    def next_id(self) -> int:
        """A fresh id, never handed out twice."""
        return next(self._ids)

    def unit_of_work(self) -> FakeUnitOfWork:
        """A new unit of work (a UnitOfWorkFactory)."""
        return FakeUnitOfWork(self)


class FakeUnitOfWork:
    """UnitOfWork in memory: staged on a copy, merged on commit."""

    issues: IssueRepository
    events: EventRepository
    notices: NoticeRepository
    people: PersonRepository
    task_forces: TaskForceRepository
    enterprises: EnterpriseRepository
    projects: ProjectRepository
    invites: InviteRepository
    dialogs: DialogRepository
    inbox: InboxRepository
    marks: ActionMarkRepository
    leases: LeaseRepository
    views: ViewRepository

    def __init__(self, db: FakeDatabase) -> None:
        self.db = db
        self.work = FakeStore()
        self.read_only = False
        self._base: FakeStore | None = None
        self.issues = FakeIssues(self)
        self.events = FakeEvents(self)
        self.notices = FakeNotices(self)
        self.people = FakePeople(self)
        self.task_forces = FakeTaskForces(self)
        self.enterprises = FakeEnterprises(self)
        self.projects = FakeProjects(self)
        self.invites = FakeInvites(self)
        self.dialogs = FakeDialogs(self)
        self.inbox = FakeInbox(self)
        self.marks = FakeMarks(self)
        self.leases = FakeLeases(self)
        self.views = FakeViews(self)

    async def __aenter__(self) -> FakeUnitOfWork:
        if self._base is not None:
            raise RuntimeError("this unit of work is already in use")
        self._begin()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._base = None
        self.work = FakeStore()

    def reading(self) -> FakeUnitOfWork:
        """This unit of work, for reading only: commit is refused."""
        if self._base is not None:
            raise RuntimeError("choose reading before the unit of work begins")
        self.read_only = True
        return self

    async def commit(self) -> None:
        """Merge the staged changes into the shared store, all or nothing."""
        if self._base is None:
            raise RuntimeError("use the unit of work inside `async with`")
        if self.read_only:
            raise RuntimeError("this unit of work is for reading only")
        changes: list[tuple[dict[Any, Any], Any, Any]] = []
        for name in (f.name for f in fields(FakeStore)):
            mine, base, now = (getattr(s, name) for s in (self.work, self._base, self.db.store))
            for key in mine.keys() | base.keys():
                if key in mine and key in base and mine[key] == base[key]:
                    continue
                guarded = name in GUARDED or (name in FIRST_WINS and key in base)
                if guarded and now.get(key) is not base.get(key):
                    raise ConcurrentUpdate(
                        "issue.concurrent_update", "the issue was changed by someone else"
                    )
                if name in FIRST_WINS and key not in base and key in now:
                    continue
                changes.append((now, key, copied(mine[key]) if key in mine else None))
        for target, key, value in changes:
            if value is None:
                target.pop(key, None)
            else:
                target[key] = value
        self.db.commits += 1
        self._begin()

    async def rollback(self) -> None:
        """Discard the staged changes."""
        self._begin()

    def _begin(self) -> None:
        self._base = self.db.store.shallow()
        self.work = copied(self._base)


class FakeMessenger:
    """Records the replies it is asked to send instead of sending them; can be told to fail.

    `shown` is what the chats show, as the channel's messenger would leave them: a text
    longer than the channel's limit in several messages (buttons on the last), an edit of a
    message it sent changed in place, an edit-only reply of any other message refused for
    good, as a chat in `blocked` refuses everything.
    """

    def __init__(
        self, channel: str = "telegram", capabilities: Capabilities = TELEGRAM_LIKE
    ) -> None:
        self.channel, self.capabilities = channel, capabilities
        self.sent: list[Reply] = []
        self.failures: list[Exception] = []
        self.blocked: set[str] = set()
        self.shown: dict[str, dict[str, Reply]] = {}
        self._numbers = itertools.count(1)

    async def send(self, reply: Reply) -> str:
        """Record a reply and return a message reference."""
        if self.failures:
            raise self.failures.pop(0)
        if reply.chat_id in self.blocked:
            raise DeliveryError(f"{reply.chat_id} blocked the bot", permanent=True)
        chat = self.shown.setdefault(reply.chat_id, {})
        if reply.edit_message_id in chat:
            self.sent.append(reply)
            chat[reply.edit_message_id] = replace(reply, edit_message_id=None)
            return f"{reply.chat_id}:{reply.edit_message_id}"
        if reply.edit_only:
            raise DeliveryError(f"no message {reply.edit_message_id} to edit", permanent=True)
        self.sent.append(reply)
        number = ""
        for part in _parts(reply, self.capabilities):
            number = str(next(self._numbers))
            chat[number] = part
        return f"{reply.chat_id}:{number}"

    def to(self, chat_id: str) -> list[Reply]:
        """What was sent to one chat, in order."""
        return [reply for reply in self.sent if reply.chat_id == chat_id]


def _parts(reply: Reply, capabilities: Capabilities) -> list[Reply]:
    """A reply as the messages it becomes: its text cut at line ends within the limit."""
    plain = replace(reply, edit_message_id=None, buttons=())
    texts: list[str] = []
    rest = reply.text
    while reply.file is None and not capabilities.fits_text(rest):
        limit = capabilities.text_limit
        head = (
            rest.encode()[:limit].decode(errors="ignore")
            if capabilities.text_bytes
            else rest[:limit]
        )
        cut = head.rfind("\n")
        cut = cut if cut > 0 else len(head)
        texts.append(rest[:cut])
        rest = rest[cut:].lstrip("\n")
    parts = [replace(plain, text=text) for text in texts]
    return [*parts, replace(reply, text=rest, edit_message_id=None)]
