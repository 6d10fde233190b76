"""Clock and escalation policy, and the snapshot of it copied onto each issue (§7, §8)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from bot.domain.calendar import Duration


@dataclass(frozen=True)
class ClockDurations:
    """How long each of the three clocks runs."""

    sign: Duration
    reply: Duration
    resolve: Duration

    def to_dict(self) -> dict[str, str]:
        """Serialise as short strings ("1d", "2h")."""
        return {"sign": str(self.sign), "reply": str(self.reply), "resolve": str(self.resolve)}

    @classmethod
    def from_dict(cls, data: dict[str, str]) -> ClockDurations:
        """Read what to_dict wrote."""
        return cls(*(Duration.parse(data[k]) for k in ("sign", "reply", "resolve")))


NORMAL_CLOCKS = ClockDurations(Duration(1, "days"), Duration(3, "days"), Duration(15, "days"))
URGENT_CLOCKS = ClockDurations(Duration(2, "hours"), Duration(1, "days"), Duration(5, "days"))


@dataclass(frozen=True)
class PolicySnapshot:
    """Everything about deadlines and escalation that an issue keeps from its filing."""

    clocks: ClockDurations
    reminder_fraction: float = 0.75
    level2_after: Duration = Duration(1, "days")
    level3_after: Duration = Duration(5, "days")
    idle_after: Duration = Duration(3, "days")
    auto_close_answered: Duration = Duration(5, "days")
    auto_close_waiting: Duration = Duration(10, "days")
    reopen_window_days: int = 30
    extension_cap: Duration = Duration(30, "days")

    def to_dict(self) -> dict[str, Any]:
        """Serialise for storage on the issue row."""
        return {
            "clocks": self.clocks.to_dict(),
            "reminder_fraction": self.reminder_fraction,
            "level2_after": str(self.level2_after),
            "level3_after": str(self.level3_after),
            "idle_after": str(self.idle_after),
            "auto_close_answered": str(self.auto_close_answered),
            "auto_close_waiting": str(self.auto_close_waiting),
            "reopen_window_days": self.reopen_window_days,
            "extension_cap": str(self.extension_cap),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PolicySnapshot:
        """Read what to_dict wrote."""
        durations = {
            name: Duration.parse(data[name])
            for name in (
                "level2_after",
                "level3_after",
                "idle_after",
                "auto_close_answered",
                "auto_close_waiting",
                "extension_cap",
            )
        }
        return cls(
            clocks=ClockDurations.from_dict(data["clocks"]),
            reminder_fraction=float(data["reminder_fraction"]),
            reopen_window_days=int(data["reopen_window_days"]),
            **durations,
        )


@dataclass(frozen=True)
class ClockRule:
    """Clock durations for issues matching a category, urgency and task force (None: any)."""

    clocks: ClockDurations
    category: str | None = None
    urgency: str | None = None
    task_force: str | None = None

    def matches(self, category: str, urgency: str, task_force: str | None) -> bool:
        """True if every condition the rule sets holds."""
        return (
            (self.category is None or self.category == category)
            and (self.urgency is None or self.urgency == urgency)
            and (self.task_force is None or self.task_force == task_force)
        )

    @property
    def specificity(self) -> int:
        """How many conditions the rule sets; the most specific match wins."""
        return sum(x is not None for x in (self.category, self.urgency, self.task_force))


@dataclass(frozen=True)
class Policy:
    """The city's configured policy; issues copy a snapshot of it when filed."""

    base: PolicySnapshot
    urgent_clocks: ClockDurations = URGENT_CLOCKS
    rules: tuple[ClockRule, ...] = ()

    def snapshot(self, category: str, urgency: str, task_force: str | None) -> PolicySnapshot:
        """The policy an issue with these attributes is held to."""
        clocks = self.urgent_clocks if urgency == "urgent" else self.base.clocks
        matching = [r for r in self.rules if r.matches(category, urgency, task_force)]
        if matching:
            # Later rules win among equally specific ones, as in most config languages.
            best = max(enumerate(matching), key=lambda pair: (pair[1].specificity, pair[0]))
            clocks = best[1].clocks
        return replace(self.base, clocks=clocks)


DEFAULT_POLICY = Policy(base=PolicySnapshot(clocks=NORMAL_CLOCKS))
