"""Bot API methods about the bot and its chats: getMe, getChat, commands, callback answers."""

from __future__ import annotations

from typing import Any

from .bot_account import BotAccount
from .errors import QUERY_TOO_OLD, bad_request
from .limits import check_answer_text, check_commands
from .world import Handler, World

CALLBACK_ANSWER_WINDOW = 15 * 60
ACCEPTED_GIFT_TYPES = {
    "unlimited_gifts": False,
    "limited_gifts": False,
    "unique_gifts": False,
    "premium_subscription": False,
    "gifts_from_channels": False,
}


async def get_me(world: World, bot: BotAccount, fields: dict[str, Any]) -> Any:
    """getMe: the bot's User object with the fields only getMe returns."""
    return {
        **bot.user.to_api(),
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


async def get_chat(world: World, bot: BotAccount, fields: dict[str, Any]) -> Any:
    """getChat, for private chats and groups the bot knows."""
    chat_id = world.resolve_chat(bot, fields["chat_id"])
    return {
        **world.render_chat(chat_id),
        "accent_color_id": chat_id % 7 if chat_id > 0 else 0,
        "max_reaction_count": 11,
        "accepted_gift_types": dict(ACCEPTED_GIFT_TYPES),
    }


async def set_my_commands(world: World, bot: BotAccount, fields: dict[str, Any]) -> Any:
    """setMyCommands, kept per scope and language; an empty list clears that entry."""
    commands = fields["commands"]
    check_commands(commands)
    key = bot.make_scope_key(fields.get("scope"), fields.get("language_code"))
    if commands:
        bot.commands[key] = [
            {"command": c["command"], "description": c["description"]} for c in commands
        ]
    else:
        bot.commands.pop(key, None)
    return True


async def get_my_commands(world: World, bot: BotAccount, fields: dict[str, Any]) -> Any:
    """getMyCommands for exactly the scope and language given."""
    key = bot.make_scope_key(fields.get("scope"), fields.get("language_code"))
    return list(bot.commands.get(key, []))


async def delete_my_commands(world: World, bot: BotAccount, fields: dict[str, Any]) -> Any:
    """deleteMyCommands for exactly the scope and language given."""
    bot.commands.pop(bot.make_scope_key(fields.get("scope"), fields.get("language_code")), None)
    return True


async def answer_callback_query(world: World, bot: BotAccount, fields: dict[str, Any]) -> Any:
    """answerCallbackQuery: once per query and within 15 minutes, as Telegram allows."""
    check_answer_text(fields.get("text"))
    query = bot.callbacks.get(fields["callback_query_id"])
    expired = query is not None and world.clock() - query.created > CALLBACK_ANSWER_WINDOW
    if query is None or query.answer is not None or expired:
        raise bad_request(QUERY_TOO_OLD)
    query.answer = {
        name: fields[name]
        for name in ("text", "show_alert", "url", "cache_time")
        if name in fields
    }
    bot.notify_sent()
    return True


HANDLERS: dict[str, Handler] = {
    "getMe": get_me,
    "getChat": get_chat,
    "setMyCommands": set_my_commands,
    "getMyCommands": get_my_commands,
    "deleteMyCommands": delete_my_commands,
    "answerCallbackQuery": answer_callback_query,
}
