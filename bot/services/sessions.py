"""What conversations read and keep: who is writing, where they are in a dialog, their issues."""

from __future__ import annotations

from bot.domain.access import DialogState
from bot.domain.model import Project
from bot.domain.people import Person
from bot.services.ports import UnitOfWork


async def identify(uow: UnitOfWork, channel: str, external_id: str) -> Person | None:
    """The person behind a chat account, if they have registered or joined."""
    async with uow:
        return await uow.people.by_identity(channel, external_id)


async def load_state(
    uow: UnitOfWork, channel: str, chat_id: str, user_id: str
) -> DialogState | None:
    """Where the person is in a dialog in this chat."""
    async with uow:
        return await uow.dialogs.get(channel, chat_id, user_id)


async def save_state(uow: UnitOfWork, state: DialogState) -> None:
    """Keep the dialog state, so a restart does not lose a half-typed filing."""
    async with uow:
        await uow.dialogs.put(state)
        await uow.commit()


async def clear_state(uow: UnitOfWork, channel: str, chat_id: str, user_id: str) -> None:
    """End the dialog in this chat."""
    async with uow:
        await uow.dialogs.delete(channel, chat_id, user_id)
        await uow.commit()


async def projects_of(uow: UnitOfWork, enterprise_id: int) -> list[Project]:
    """The enterprise's projects, oldest first."""
    async with uow:
        return await uow.projects.find(enterprise_id)


async def save_language(uow: UnitOfWork, person_id: int, language: str) -> None:
    """Remember the language the person chose."""
    async with uow:
        person = await uow.people.get(person_id)
        if person is not None:
            person.language = language
            await uow.people.save(person)
            await uow.commit()


async def task_force_names(uow: UnitOfWork) -> dict[str, tuple[str, str]]:
    """Each active task force's (Chinese, English) name by code, for buttons and cards."""
    async with uow:
        teams = await uow.task_forces.all()
    return {t.code: (t.name_zh, t.name_en) for t in teams if t.active}
