"""Who and where issues concern, by name: what the command line prints beside the ids."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final

from bot.cli.output import CommandError
from bot.domain.model import Issue, IssueEvent, Project, TaskForce
from bot.domain.people import CHANNEL_NAMES, Person
from bot.domain.permissions import Relation
from bot.domain.transitions import RULES
from bot.services.ports import UnitOfWork

# Events only a person may cause: without a person, the operator caused them (lines written
# before events said who, when nobody's id was theirs).
OPERATOR_EVENTS: Final = frozenset(
    rule.event for rule in RULES.values() if Relation.SYSTEM not in rule.who
)
# Timeline data that names a person, by key.
PERSON_KEYS: Final = ("assignee_id", "requested_by")


@dataclass(frozen=True)
class Names:
    """The task forces, people, enterprises and projects some issues name."""

    teams: dict[int, TaskForce]
    people: dict[int, str]
    enterprises: dict[int, str]
    projects: dict[int, Project]

    def team(self, team_id: object) -> TaskForce | None:
        """The task force with this id, if it is known."""
        return self.teams.get(team_id) if isinstance(team_id, int) else None

    def team_label(self, team_id: object) -> str | None:
        """A task force as "alu (高端铝业)"; None for no task force."""
        if team_id is None:
            return None
        team = self.team(team_id)
        return f"{team.code} ({team.name_zh})" if team is not None else f"task force {team_id}"

    def person(self, person_id: object) -> str | None:
        """A person's name; None for nobody."""
        if not isinstance(person_id, int):
            return None
        return self.people.get(person_id) or f"person {person_id}"

    def leader_of(self, issue: Issue) -> int | None:
        """The supervising leader (分管领导) of the task force that has the issue."""
        team = self.team(issue.task_force_id)
        return team.supervising_leader_id if team is not None else None

    def team_json(self, team_id: object) -> dict[str, Any]:
        """A task force for JSON: its id, code and name (None where unknown)."""
        team = self.team(team_id)
        return {
            "id": team_id,
            "code": team.code if team is not None else None,
            "name": team.name_zh if team is not None else None,
        }

    def team_fields(self, prefix: str, team_id: object) -> dict[str, Any]:
        """A task force for JSON beside other fields: `prefix`_id, _code and _name."""
        return {f"{prefix}_{key}": value for key, value in self.team_json(team_id).items()}


def actor_name(event: IssueEvent, names: Names) -> str:
    """Who wrote the timeline line: a person's name, "system" (the scheduler: routing, round
    robin, reminders, escalations, auto-closing) or "operator" (the command line)."""
    if event.actor_id is not None:
        return names.person(event.actor_id) or "?"
    if event.data.get("by") == "operator" or event.kind in OPERATOR_EVENTS:
        return "operator"
    return "system"


async def names_of(
    uow: UnitOfWork, issues: Sequence[Issue], events: Iterable[IssueEvent] = ()
) -> Names:
    """Read the names the issues and their timeline events need."""
    teams = {t.id: t for t in await uow.task_forces.all() if t.id is not None}
    wanted: set[int] = set()
    for issue in issues:
        wanted |= {p for p in (issue.assignee_id, issue.supervised_by) if p is not None}
        if issue.pending is not None:
            wanted.add(issue.pending.requested_by)
        team = teams.get(issue.task_force_id) if issue.task_force_id is not None else None
        if team is not None and team.supervising_leader_id is not None:
            wanted.add(team.supervising_leader_id)
    for event in events:
        if event.actor_id is not None:
            wanted.add(event.actor_id)
        wanted |= {v for k in PERSON_KEYS if isinstance(v := event.data.get(k), int)}
    enterprises: dict[int, str] = {}
    projects: dict[int, Project] = {}
    for issue in issues:
        if issue.enterprise_id not in enterprises:
            enterprise = await uow.enterprises.get(issue.enterprise_id)
            enterprises[issue.enterprise_id] = enterprise.name if enterprise else "?"
        if issue.project_id is not None and issue.project_id not in projects:
            project = await uow.projects.get(issue.project_id)
            if project is not None:
                projects[issue.project_id] = project
    people = await uow.people.names(sorted(wanted))
    return Names(teams, people, enterprises, projects)


def person_named(people: Sequence[Person], given: str) -> Person:
    """The one person an id or exact name names; refused when it names nobody or several."""
    text = given.strip()
    found = [p for p in people if str(p.id) == text] or [p for p in people if p.name == text]
    if not found:
        raise CommandError(f"nobody is named {text!r}; `zhibao person list` shows everyone")
    if len(found) > 1:
        ids = ", ".join(str(p.id) for p in found)
        raise CommandError(f"several people are named {text!r} (ids {ids}); give the id instead")
    return found[0]


def channel_label(channel: str) -> str:
    """A channel's name as people write it: Telegram, WeCom."""
    return CHANNEL_NAMES.get(channel, channel)
