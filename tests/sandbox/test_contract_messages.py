"""Contract: the real python-telegram-bot client against the served sandbox: messages."""

from __future__ import annotations

import pytest
from telegram import (
    Bot,
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)
from telegram.constants import ChatAction, ParseMode
from telegram.error import BadRequest, Forbidden, InvalidToken

from sandbox.telegram import Sandbox, SandboxServer
from sandbox.telegram.records import UserRecord
from tests.sandbox.conftest import make_bot

CHOICES = InlineKeyboardMarkup(
    [
        [
            InlineKeyboardButton("接受", callback_data="accept"),
            InlineKeyboardButton("退回", callback_data="return"),
        ]
    ]
)


async def test_get_me(bot: Bot) -> None:
    me = await bot.get_me()
    assert (me.id, me.first_name, me.is_bot) == (123456, "Zhibao", True)
    assert bot.username == me.username


async def test_send_message_with_inline_keyboard(
    bot: Bot, sandbox: Sandbox, user: UserRecord
) -> None:
    sent = await bot.send_message(
        user.id, "<b>新问题</b> 待处理", parse_mode=ParseMode.HTML, reply_markup=CHOICES
    )
    assert sent.text == "新问题 待处理"
    assert sent.entities[0].type == "bold"
    assert sent.reply_markup == CHOICES
    [stored] = sandbox.list_sent_messages(user.id)
    assert (stored.source_text, stored.parse_mode) == ("<b>新问题</b> 待处理", "HTML")
    assert stored.inline_keyboard[0][1]["callback_data"] == "return"


async def test_reply_keyboard_with_contact_request(
    bot: Bot, sandbox: Sandbox, user: UserRecord
) -> None:
    markup = ReplyKeyboardMarkup(
        [[KeyboardButton("分享手机号", request_contact=True)]], one_time_keyboard=True
    )
    sent = await bot.send_message(user.id, "请验证手机号", reply_markup=markup)
    assert sent.reply_markup is None, "Telegram does not echo reply keyboards"
    stored = sandbox.list_sent_messages(user.id)[0]
    assert stored.reply_markup is not None
    assert stored.reply_markup["keyboard"][0][0]["request_contact"] is True
    removed = await bot.send_message(user.id, "谢谢", reply_markup=ReplyKeyboardRemove())
    assert removed.text == "谢谢"


async def test_edit_text_and_markup(bot: Bot, user: UserRecord) -> None:
    sent = await bot.send_message(user.id, "处理中", reply_markup=CHOICES)
    edited = await bot.edit_message_text(
        "已受理", chat_id=user.id, message_id=sent.message_id, reply_markup=CHOICES
    )
    assert isinstance(edited, Message) and edited.text == "已受理"
    smaller = InlineKeyboardMarkup([[InlineKeyboardButton("撤回", callback_data="undo")]])
    changed = await bot.edit_message_reply_markup(user.id, sent.message_id, reply_markup=smaller)
    assert isinstance(changed, Message) and changed.reply_markup == smaller
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_reply_markup(user.id, sent.message_id, reply_markup=smaller)


async def test_callback_answer_only_once(bot: Bot, sandbox: Sandbox, user: UserRecord) -> None:
    sent = await bot.send_message(user.id, "确认?", reply_markup=CHOICES)
    query_id = sandbox.press_button(user.id, sent.message_id, data="accept")
    assert await bot.answer_callback_query(query_id, text="已接受")
    assert sandbox.get_callback_answer(query_id) == {"text": "已接受"}
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query(query_id)


async def test_delete_and_chat_action(bot: Bot, sandbox: Sandbox, user: UserRecord) -> None:
    sent = await bot.send_message(user.id, "临时")
    assert await bot.delete_message(user.id, sent.message_id)
    assert sandbox.list_sent_messages(user.id)[0].deleted
    assert await bot.send_chat_action(user.id, ChatAction.TYPING)
    assert sandbox.list_chat_actions(user.id) == ["typing"]


async def test_commands(bot: Bot) -> None:
    commands = [BotCommand("start", "开始"), BotCommand("report", "报告问题")]
    assert await bot.set_my_commands(commands)
    assert list(await bot.get_my_commands()) == commands
    assert await bot.delete_my_commands()
    assert await bot.get_my_commands() == ()


async def test_limits_surface_as_bad_request(bot: Bot, user: UserRecord) -> None:
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(user.id, "长" * 4097)
    long_data = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="d" * 65)]])
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await bot.send_message(user.id, "x", reply_markup=long_data)
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(424242, "x")


async def test_closed_chats_surface_as_forbidden(bot: Bot, sandbox: Sandbox) -> None:
    stranger = sandbox.create_user(started=False)
    with pytest.raises(Forbidden, match="can't initiate conversation"):
        await bot.send_message(stranger.id, "你好")


async def test_get_chat(bot: Bot, user: UserRecord) -> None:
    chat = await bot.get_chat(user.id)
    assert (chat.id, chat.type, chat.username) == (user.id, "private", "liwei")


async def test_wrong_token_is_invalid_token(server: SandboxServer) -> None:
    stranger = make_bot(server, "654321:wrong-token")
    with pytest.raises(InvalidToken):
        await stranger.get_me()
