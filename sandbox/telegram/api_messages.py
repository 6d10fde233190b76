"""Bot API methods on text messages: send, edit, delete, and chat actions."""

from __future__ import annotations

from typing import Any

from .bot_account import BotAccount
from .errors import (
    CANT_DELETE,
    CANT_EDIT,
    DELETE_NOT_FOUND,
    EDIT_NOT_FOUND,
    INLINE_NOT_SUPPORTED,
    MESSAGE_ID_MISSING,
    NO_TEXT_TO_EDIT,
    NOT_MODIFIED,
    NOT_SUPPORTED,
    REPLY_NOT_FOUND,
    TEXT_EMPTY,
    WRONG_ACTION,
    bad_request,
)
from .limits import check_reply_markup, check_text
from .records import StoredMessage
from .rendering import render
from .world import Handler, World

CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
DELETE_WINDOW = 48 * 3600


def find_reply_target(
    world: World, bot: BotAccount, chat_id: int, fields: dict[str, Any]
) -> int | None:
    """The message id a send replies to, checked as Telegram checks reply_parameters."""
    params = fields.get("reply_parameters")
    if params is None:
        return None
    target_chat = params.get("chat_id", chat_id)
    if target_chat == chat_id and bot.find_message(chat_id, params["message_id"]) is not None:
        return int(params["message_id"])
    if params.get("allow_sending_without_reply"):
        return None
    raise bad_request(REPLY_NOT_FOUND)


async def send_message(world: World, bot: BotAccount, fields: dict[str, Any]) -> Any:
    """sendMessage."""
    chat_id = world.resolve_writable_chat(bot, fields["chat_id"])
    rendered = render(fields["text"], fields.get("parse_mode"), fields.get("entities"))
    check_text(rendered)
    markup = fields.get("reply_markup")
    check_reply_markup(markup)
    reply_to = find_reply_target(world, bot, chat_id, fields)
    world.admit(bot, chat_id)
    message = StoredMessage(
        message_id=bot.open_log(chat_id).take_id(),
        chat_id=chat_id,
        sender_id=bot.id,
        date=world.now(),
        outgoing=True,
        text=rendered.plain,
        source_text=fields["text"],
        parse_mode=fields.get("parse_mode"),
        entities=rendered.entities,
        reply_markup=markup,
        reply_to=reply_to,
    )
    return world.render_message(bot, bot.store(message))


def find_editable(world: World, bot: BotAccount, fields: dict[str, Any]) -> StoredMessage:
    """The bot's own message that an edit method names, or Telegram's refusal."""
    if "inline_message_id" in fields:
        raise bad_request(INLINE_NOT_SUPPORTED)
    if "chat_id" not in fields or "message_id" not in fields:
        raise bad_request(MESSAGE_ID_MISSING)
    chat_id = world.resolve_chat(bot, fields["chat_id"])
    message = bot.find_message(chat_id, fields["message_id"])
    if message is None:
        raise bad_request(EDIT_NOT_FOUND)
    if not message.outgoing:
        raise bad_request(CANT_EDIT)
    return message


def _list_inline_rows(markup: dict[str, Any] | None) -> list[Any]:
    return list(markup.get("inline_keyboard", [])) if markup else []


def _choose_markup_after_edit(message: StoredMessage, markup: dict[str, Any] | None) -> Any:
    # An edit without reply_markup removes an inline keyboard but not a reply keyboard.
    if markup is not None:
        return markup
    return None if message.inline_keyboard else message.reply_markup


async def edit_message_text(world: World, bot: BotAccount, fields: dict[str, Any]) -> Any:
    """editMessageText."""
    if "rich_message" in fields:
        raise bad_request(NOT_SUPPORTED)
    message = find_editable(world, bot, fields)
    if "text" not in fields:
        raise bad_request(TEXT_EMPTY)
    if message.text is None:
        raise bad_request(NO_TEXT_TO_EDIT)
    rendered = render(fields["text"], fields.get("parse_mode"), fields.get("entities"))
    check_text(rendered)
    markup = fields.get("reply_markup")
    check_reply_markup(markup)
    unchanged = (
        rendered.plain == message.text
        and rendered.entities == message.entities
        and _list_inline_rows(markup) == message.inline_keyboard
    )
    if unchanged:
        raise bad_request(NOT_MODIFIED)
    world.admit(bot, message.chat_id)
    message.text = rendered.plain
    message.source_text = fields["text"]
    message.parse_mode = fields.get("parse_mode")
    message.entities = rendered.entities
    message.reply_markup = _choose_markup_after_edit(message, markup)
    message.edit_date = world.now()
    bot.notify_sent()
    return world.render_message(bot, message)


async def edit_message_reply_markup(world: World, bot: BotAccount, fields: dict[str, Any]) -> Any:
    """editMessageReplyMarkup."""
    message = find_editable(world, bot, fields)
    markup = fields.get("reply_markup")
    check_reply_markup(markup)
    if _list_inline_rows(markup) == message.inline_keyboard:
        raise bad_request(NOT_MODIFIED)
    world.admit(bot, message.chat_id)
    message.reply_markup = _choose_markup_after_edit(message, markup)
    message.edit_date = world.now()
    bot.notify_sent()
    return world.render_message(bot, message)


async def delete_message(world: World, bot: BotAccount, fields: dict[str, Any]) -> Any:
    """deleteMessage."""
    chat_id = world.resolve_chat(bot, fields["chat_id"])
    message = bot.find_message(chat_id, fields["message_id"])
    if message is None:
        raise bad_request(DELETE_NOT_FOUND)
    if chat_id not in world.groups and world.now() - message.date > DELETE_WINDOW:
        raise bad_request(CANT_DELETE)
    message.deleted = True
    bot.notify_sent()
    return True


async def send_chat_action(world: World, bot: BotAccount, fields: dict[str, Any]) -> Any:
    """sendChatAction (recorded so tests can see it; it has no other effect)."""
    chat_id = world.resolve_writable_chat(bot, fields["chat_id"])
    if fields["action"] not in CHAT_ACTIONS:
        raise bad_request(WRONG_ACTION)
    bot.chat_actions.append((chat_id, fields["action"]))
    return True


HANDLERS: dict[str, Handler] = {
    "sendMessage": send_message,
    "editMessageText": edit_message_text,
    "editMessageReplyMarkup": edit_message_reply_markup,
    "deleteMessage": delete_message,
    "sendChatAction": send_chat_action,
}
