"""The SQL unit of work: one connection, one transaction, every repository on it."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager, AsyncExitStack
from types import TracebackType

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
from storage.inline import Connection
from storage.repositories.issues import SqlEventRepository, SqlIssueRepository
from storage.repositories.messaging import (
    SqlDialogRepository,
    SqlInboxRepository,
    SqlNoticeRepository,
    SqlViewRepository,
)
from storage.repositories.organisations import (
    SqlEnterpriseRepository,
    SqlProjectRepository,
    SqlTaskForceRepository,
)
from storage.repositories.people import SqlInviteRepository, SqlPersonRepository
from storage.repositories.scheduling import SqlActionMarkRepository, SqlLeaseRepository

# Opens a connection for a transaction; True asks for one that will only read.
Connector = Callable[[bool], AbstractAsyncContextManager[Connection]]


class SqlUnitOfWork:
    """UnitOfWork over SQLAlchemy: `async with` begins, `commit` commits, leaving rolls back."""

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

    def __init__(self, connect: Connector) -> None:
        self._connect = connect
        self._stack: AsyncExitStack | None = None
        self._connection: Connection | None = None
        self._read_only = False

    def reading(self) -> SqlUnitOfWork:
        """This unit of work, for reading only: it never waits for writers; commit is refused.

        On SQLite its transaction is a deferred one, which in WAL mode reads a snapshot while
        another connection writes, instead of queueing for the write lock.
        """
        if self._stack is not None:
            raise RuntimeError("choose reading before the unit of work begins")
        self._read_only = True
        return self

    async def __aenter__(self) -> SqlUnitOfWork:
        if self._stack is not None:
            raise RuntimeError("this unit of work is already in use")
        async with AsyncExitStack() as stack:
            connection = await stack.enter_async_context(self._connect(self._read_only))
            await connection.begin()
            self._bind(connection)
            self._stack = stack.pop_all()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        stack, connection = self._stack, self._connection
        self._stack = self._connection = None
        if stack is None or connection is None:
            return
        try:
            if connection.in_transaction():
                await connection.rollback()
        finally:
            await stack.aclose()

    async def commit(self) -> None:
        """Make everything done in this unit of work permanent."""
        if self._read_only:
            raise RuntimeError("this unit of work is for reading only")
        await self._active().commit()

    async def rollback(self) -> None:
        """Discard everything done in this unit of work since it began (or last committed)."""
        await self._active().rollback()

    def _active(self) -> Connection:
        if self._connection is None:
            raise RuntimeError("use the unit of work inside `async with`")
        return self._connection

    def _bind(self, connection: Connection) -> None:
        self._connection = connection
        self.issues = SqlIssueRepository(connection)
        self.events = SqlEventRepository(connection)
        self.notices = SqlNoticeRepository(connection)
        self.people = SqlPersonRepository(connection)
        self.task_forces = SqlTaskForceRepository(connection)
        self.enterprises = SqlEnterpriseRepository(connection)
        self.projects = SqlProjectRepository(connection)
        self.invites = SqlInviteRepository(connection)
        self.dialogs = SqlDialogRepository(connection)
        self.inbox = SqlInboxRepository(connection)
        self.marks = SqlActionMarkRepository(connection)
        self.leases = SqlLeaseRepository(connection)
        self.views = SqlViewRepository(connection)
