"""Errors the domain raises; dialogs and the command line turn them into messages."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A rule of the product refused an action; `key` names the message to show."""

    def __init__(self, key: str, message: str, **params: Any) -> None:
        super().__init__(message)
        self.key = key
        self.params = params


class NotAllowed(DomainError):
    """The actor has no right to do this to this object."""


class InvalidTransition(DomainError):
    """The issue is not in a state from which this action is possible."""


class InvalidInput(DomainError):
    """An argument of the action is missing or malformed."""


class NotFound(DomainError):
    """The object named does not exist (or the actor may not know it exists)."""


class ConcurrentUpdate(DomainError):
    """Someone else changed the object between reading and writing it."""
