"""End to end: a python-telegram-bot Application long-polling the sandbox."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from sandbox.telegram import DEFAULT_TOKEN, Sandbox, SandboxServer
from sandbox.telegram.records import UserRecord

MENU = InlineKeyboardMarkup([[InlineKeyboardButton("提交问题", callback_data="report")]])


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_text("欢迎使用直报", reply_markup=MENU)


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None and update.effective_message.text is not None
    await update.effective_message.reply_text(f"收到：{update.effective_message.text}")


async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer("好的")
    await query.edit_message_text(f"已选择：{query.data}")


@pytest_asyncio.fixture
async def application(server: SandboxServer) -> AsyncIterator[None]:
    """The bot under test, polling with a 1-second long poll so that it stops quickly."""
    app = (
        ApplicationBuilder()
        .token(DEFAULT_TOKEN)
        .base_url(server.bot_base_url)
        .base_file_url(server.file_base_url)
        .build()
    )
    app.add_handler(CommandHandler("start", start))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    app.add_handler(CallbackQueryHandler(pressed))
    await app.initialize()
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0, timeout=1)
    yield
    await app.updater.stop()
    await app.stop()
    await app.shutdown()


@pytest.mark.usefixtures("application")
async def test_echo_and_button_press(sandbox: Sandbox, user: UserRecord) -> None:
    sandbox.send_text(user.id, "/start")
    [welcome] = await sandbox.wait_for_messages(user.id, 1)
    assert welcome.text == "欢迎使用直报"
    sandbox.send_text(user.id, "路灯坏了")
    replies = await sandbox.wait_for_messages(user.id, 2)
    assert replies[1].text == "收到：路灯坏了"
    assert replies[1].reply_to is None, "PTB quotes only in groups by default"
    query_id = sandbox.press_button(user.id, welcome.message_id, text="提交问题")
    await sandbox.wait_until(lambda: welcome.edit_date is not None)
    await sandbox.wait_until(lambda: sandbox.get_callback_answer(query_id) is not None)
    assert sandbox.get_callback_answer(query_id) == {"text": "好的"}
    assert welcome.text == "已选择：report" and welcome.inline_keyboard == []
