"""Bot API methods that deliver updates: getUpdates and the webhook trio."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from .bot_account import BotAccount
from .errors import SECRET_TOKEN_INVALID, WEBHOOK_URL_INVALID, bad_request
from .updates import MAX_LIMIT
from .webhook import WebhookSender, WebhookState
from .world import Handler, World

SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")
MAX_CONNECTIONS = 100


async def get_updates(world: World, bot: BotAccount, fields: dict[str, Any]) -> Any:
    """getUpdates with long polling; allowed_updates is remembered for later calls."""
    bot.updates.refuse_if_webhook()
    if "allowed_updates" in fields:
        bot.updates.allowed = [str(kind) for kind in fields["allowed_updates"]]
    return await bot.updates.poll(
        offset=fields.get("offset", 0),
        limit=fields.get("limit", MAX_LIMIT),
        wait=fields.get("timeout", 0),
    )


async def set_webhook(world: World, bot: BotAccount, fields: dict[str, Any]) -> Any:
    """setWebhook; plain HTTP is allowed because the sandbox only ever talks to this machine."""
    url = fields["url"]
    if not url:
        return await delete_webhook(world, bot, fields)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise bad_request(WEBHOOK_URL_INVALID)
    secret = fields.get("secret_token")
    if secret is not None and SECRET_TOKEN.fullmatch(secret) is None:
        raise bad_request(SECRET_TOKEN_INVALID)
    max_connections = min(max(int(fields.get("max_connections", 40)), 1), MAX_CONNECTIONS)
    await bot.stop_webhook()
    if url != bot.webhook.url:
        bot.webhook = WebhookState()
    bot.webhook.url = url
    bot.webhook.secret_token = secret
    bot.webhook.max_connections = max_connections
    if "allowed_updates" in fields:
        bot.updates.allowed = [str(kind) for kind in fields["allowed_updates"]]
    if fields.get("drop_pending_updates"):
        bot.updates.drop_all()
    bot.updates.webhook_active = True
    bot.updates.wake()
    bot.sender = WebhookSender(bot.updates, bot.webhook, world.webhook_retry, world.clock)
    bot.sender.start()
    return True


async def delete_webhook(world: World, bot: BotAccount, fields: dict[str, Any]) -> Any:
    """deleteWebhook; succeeds also when no webhook is set, as Telegram's does."""
    await bot.stop_webhook()
    bot.webhook.url = ""
    bot.webhook.secret_token = None
    bot.updates.webhook_active = False
    if fields.get("drop_pending_updates"):
        bot.updates.drop_all()
    return True


async def get_webhook_info(world: World, bot: BotAccount, fields: dict[str, Any]) -> Any:
    """getWebhookInfo."""
    return bot.webhook.to_info(bot.updates)


HANDLERS: dict[str, Handler] = {
    "getUpdates": get_updates,
    "setWebhook": set_webhook,
    "deleteWebhook": delete_webhook,
    "getWebhookInfo": get_webhook_info,
}
