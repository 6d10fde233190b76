"""Neutral Replies as Bot API calls: messages, edits, keyboards and button answers."""

from __future__ import annotations

from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)
from telegram.error import BadRequest

from bot.dialogs.events import Answer, Reply
from bot.domain.model import Attachment
from handlers.files import FetchFile

Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | None


def markup_of(reply: Reply) -> Markup:
    """The keyboard a reply carries, if any."""
    if reply.buttons:
        return InlineKeyboardMarkup(
            [
                [InlineKeyboardButton(b.label, callback_data=b.payload) for b in row]
                for row in reply.buttons
            ]
        )
    if reply.ask_contact:
        button = KeyboardButton(reply.ask_contact, request_contact=True)
        return ReplyKeyboardMarkup([[button]], resize_keyboard=True, one_time_keyboard=True)
    if reply.remove_keyboard:
        return ReplyKeyboardRemove()
    return None


TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024


def split_text(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    """Telegram-sized parts of a long text, cut at line ends where possible."""
    parts: list[str] = []
    rest = text
    while len(rest) > limit:
        cut = rest.rfind("\n", 0, limit)
        if cut <= 0:
            cut = limit
        parts.append(rest[:cut])
        rest = rest[cut:].lstrip("\n")
    parts.append(rest)
    return parts


# Files of another channel carry its name as a prefix ("wecom:<media id>"); Telegram's own
# file ids never hold a colon.
FOREIGN = ":"


async def send(bot: Bot, reply: Reply, fetch_file: FetchFile | None = None) -> int:
    """Send (or edit in place) one reply; returns the Telegram message id.

    A text longer than Telegram allows goes out in several messages, the buttons on the last;
    an edit-only reply that long edits its message (the last of them) into the last part. An
    edit-only reply whose message cannot be edited raises the BadRequest.
    """
    markup = markup_of(reply)
    if reply.file is not None and FOREIGN in reply.file.file_ref:
        if fetch_file is None:
            raise ValueError(f"{reply.file.file_ref.split(FOREIGN)[0]} files cannot be fetched")
        data = await fetch_file(reply.file)
        return await send_file(bot, reply, markup, InputFile(data, filename=_name(reply.file)))
    if reply.file is not None:
        return await send_file(bot, reply, markup)
    parts = split_text(reply.text)
    if reply.edit_only:
        return await _edit(bot, reply, parts[-1], markup)
    if len(parts) > 1:
        for part in parts[:-1]:
            await bot.send_message(int(reply.chat_id), part)
        last = await bot.send_message(int(reply.chat_id), parts[-1], reply_markup=markup)
        return last.message_id
    if reply.edit_message_id is not None and not isinstance(
        markup, ReplyKeyboardMarkup | ReplyKeyboardRemove
    ):
        try:
            return await _edit(bot, reply, reply.text, markup)
        except BadRequest:
            pass  # the message is gone or cannot be edited: the answer comes as a new one
    sent = await bot.send_message(int(reply.chat_id), reply.text, reply_markup=markup)
    return sent.message_id


async def _edit(bot: Bot, reply: Reply, text: str, markup: Markup) -> int:
    """Edit the reply's message in place; an unchanged message counts as edited."""
    assert reply.edit_message_id is not None
    message_id = int(reply.edit_message_id)
    inline = markup if isinstance(markup, InlineKeyboardMarkup) else None
    try:
        edited = await bot.edit_message_text(
            text, chat_id=int(reply.chat_id), message_id=message_id, reply_markup=inline
        )
    except BadRequest as error:
        if "not modified" in str(error).lower():
            return message_id
        raise
    return message_id if isinstance(edited, bool) else edited.message_id


async def send_file(
    bot: Bot, reply: Reply, markup: Markup, upload: InputFile | None = None
) -> int:
    """A photo or document: by the file id the bot has seen, or `upload` (another channel's
    file, fetched), with its caption."""
    assert reply.file is not None
    caption = reply.text[:CAPTION_LIMIT] or None
    chat = int(reply.chat_id)
    source: str | InputFile = upload if upload is not None else reply.file.file_ref
    if reply.file.kind == "photo":
        sent = await bot.send_photo(chat, source, caption=caption, reply_markup=markup)
    else:
        sent = await bot.send_document(chat, source, caption=caption, reply_markup=markup)
    return sent.message_id


def _name(file: Attachment) -> str:
    if file.name:
        return file.name
    return "photo.jpg" if file.kind == "photo" else "file"


async def answer_button(bot: Bot, callback_id: str, answer: Answer) -> None:
    """Acknowledge a pressed button, with the dialogs' toast if there is one."""
    await bot.answer_callback_query(callback_id, text=answer.toast, show_alert=answer.alert)
