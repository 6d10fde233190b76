"""The database schema: declarative models, and their Core tables for the repositories."""

from storage.tables.base import Base, table_of
from storage.tables.directory import (
    ChannelIdentityRow,
    EnterpriseRow,
    PersonRoleRow,
    PersonRow,
    ProjectRow,
    TaskForceMemberRow,
    TaskForceRow,
)
from storage.tables.issues import CounterRow, IssueCoHandlerRow, IssueEventRow, IssueRow
from storage.tables.messaging import (
    DialogStateRow,
    InboxRow,
    InviteRow,
    MessageViewRow,
    NoticeRow,
)
from storage.tables.scheduling import ActionMarkRow, LeaseRow

metadata = Base.metadata

task_forces = table_of(TaskForceRow)
task_force_members = table_of(TaskForceMemberRow)
people = table_of(PersonRow)
person_roles = table_of(PersonRoleRow)
channel_identities = table_of(ChannelIdentityRow)
enterprises = table_of(EnterpriseRow)
projects = table_of(ProjectRow)
issues = table_of(IssueRow)
issue_co_handlers = table_of(IssueCoHandlerRow)
issue_events = table_of(IssueEventRow)
counters = table_of(CounterRow)
notices = table_of(NoticeRow)
invites = table_of(InviteRow)
dialog_states = table_of(DialogStateRow)
inbox = table_of(InboxRow)
message_views = table_of(MessageViewRow)
action_marks = table_of(ActionMarkRow)
leases = table_of(LeaseRow)

__all__ = [
    "Base",
    "action_marks",
    "channel_identities",
    "counters",
    "dialog_states",
    "enterprises",
    "inbox",
    "invites",
    "issue_co_handlers",
    "issue_events",
    "issues",
    "leases",
    "message_views",
    "metadata",
    "notices",
    "people",
    "person_roles",
    "projects",
    "task_force_members",
    "task_forces",
]
