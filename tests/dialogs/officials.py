"""The officials of the test city in their chats: accounts, the group post, handed-over cards."""

from __future__ import annotations

from dataclasses import dataclass

from bot.dialogs.card_parts import Texts
from bot.dialogs.cards import render_group_post
from bot.dialogs.engine import Dialogs
from bot.dialogs.events import Answer, Reply
from bot.domain.people import OPERATOR, ChannelIdentity
from bot.i18n.catalog import default_catalog
from bot.services import teamwork
from bot.services.queries import show_issue
from tests.dialogs.chat import Chat
from tests.services.city import ALU_GROUP, City

# Telegram accounts of the officials (the city itself gives them none).
ACCOUNTS = {
    "officer": ("7001", "赵专员"),
    "officer2": ("7002", "钱专员"),
    "lead": ("7003", "孙组长"),
    "energy_officer": ("7101", "吴专员"),
    "leader": ("8001", "李副市长"),
    "principal": ("8002", "周市长"),
    "party_office": ("8003", "市委办"),
    "admin": ("9001", "管理员"),
}


@dataclass
class Officials:
    """The city's officials with chat accounts, and the dialogs they talk to."""

    dialogs: Dialogs
    city: City

    def private(self, who: str) -> Chat:
        """The official's private chat with the bot."""
        user, name = ACCOUNTS[who]
        return Chat(self.dialogs, user, name, self.city.now)

    def in_group(self, who: str) -> Chat:
        """The official in the alu task force's group chat."""
        user, name = ACCOUNTS[who]
        return Chat(self.dialogs, user, name, self.city.now, chat_id=ALU_GROUP, kind="group")

    def member(self) -> Chat:
        """王经理 of the enterprise, in private."""
        return Chat(self.dialogs, "5001", "王经理", self.city.now)


async def with_accounts(dialogs: Dialogs, city: City) -> Officials:
    """Give every official of the test city a Telegram account."""
    async with city.new_uow() as uow:
        for who, (user, _) in ACCOUNTS.items():
            await uow.people.add_identity(getattr(city, who), ChannelIdentity("telegram", user))
        await uow.commit()
    return Officials(dialogs, city)


async def post_to_group(city: City, chat: Chat, code: str) -> None:
    """Put the task force's group post for the issue in the chat, as the notice would."""
    view = await show_issue(city.new_uow(), OPERATOR, code)
    words = Texts(default_catalog(), "zh", city.ctx.calendar)
    text, buttons = render_group_post(words, view, view.issue.task_force_id, city.now)
    chat.answers.append(Answer((Reply(ALU_GROUP, text, buttons),)))


def hand_over(answer: Answer, chat: Chat) -> list[Reply]:
    """The replies of an answer meant for `chat`, now shown there (a private card)."""
    mine = tuple(r for r in answer.replies if r.chat_id == (chat.chat_id or chat.user_id))
    chat.answers.append(Answer(mine))
    return list(mine)


async def claimed(officials: Officials, text: str = "电解铝项目用电报装迟迟没有批复") -> str:
    """An issue of the alu task force that 赵专员 has signed for."""
    city = officials.city
    code = (await city.file(text)).issue.code
    await teamwork.claim(city.new_uow(), city.ctx, city.officer, code, city.later(minutes=30))
    return code
