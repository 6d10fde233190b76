"""Bot API methods on files: sendPhoto, sendDocument and getFile."""

from __future__ import annotations

from typing import Any

from .api_messages import find_reply_target
from .bot_account import BotAccount
from .errors import (
    FILE_TYPE_MISMATCH,
    INVALID_FILE_ID,
    URL_CONTENT_UNAVAILABLE,
    WRONG_FILE_ID,
    bad_request,
)
from .files import StoredFile
from .limits import check_caption, check_reply_markup
from .records import StoredMessage
from .rendering import render
from .uploads import Upload
from .world import Handler, World


def _find_existing(world: World, reference: str, kind: str) -> StoredFile:
    """A file named by file_id; URLs cannot be fetched here, as nothing outside is reachable."""
    if reference.startswith(("http://", "https://")):
        raise bad_request(URL_CONTENT_UNAVAILABLE)
    stored = world.files.get(reference)
    if stored is None:
        raise bad_request(WRONG_FILE_ID)
    if stored.kind != kind:
        raise bad_request(FILE_TYPE_MISMATCH)
    return stored


async def _send_media(
    world: World, bot: BotAccount, fields: dict[str, Any], media: dict[str, Any]
) -> Any:
    chat_id = world.resolve_writable_chat(bot, fields["chat_id"])
    caption = render(
        fields.get("caption", ""), fields.get("parse_mode"), fields.get("caption_entities")
    )
    check_caption(caption)
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
        caption=caption.plain or None,
        caption_entities=caption.entities,
        parse_mode=fields.get("parse_mode"),
        reply_markup=markup,
        reply_to=reply_to,
        **media,
    )
    return world.render_message(bot, bot.store(message))


async def send_photo(world: World, bot: BotAccount, fields: dict[str, Any]) -> Any:
    """sendPhoto, with an uploaded image or the file_id of a photo seen before."""
    photo = fields["photo"]
    if isinstance(photo, Upload):
        world.resolve_writable_chat(bot, fields["chat_id"])
        sizes = world.files.add_photo(photo.data)
    else:
        sizes = world.files.list_photo_sizes(_find_existing(world, photo, "photo").file_id)
    return await _send_media(world, bot, fields, {"photo": [s.to_photo_size() for s in sizes]})


async def send_document(world: World, bot: BotAccount, fields: dict[str, Any]) -> Any:
    """sendDocument, with an uploaded file or the file_id of a document seen before."""
    document = fields["document"]
    if isinstance(document, Upload):
        world.resolve_writable_chat(bot, fields["chat_id"])
        stored = world.files.add_document(document.data, document.filename, document.content_type)
    else:
        stored = _find_existing(world, document, "document")
    return await _send_media(world, bot, fields, {"document": stored.to_document()})


async def get_file(world: World, bot: BotAccount, fields: dict[str, Any]) -> Any:
    """getFile: the File object whose file_path the download URL takes."""
    stored = world.files.get(fields["file_id"])
    if stored is None:
        raise bad_request(INVALID_FILE_ID)
    return stored.to_file()


HANDLERS: dict[str, Handler] = {
    "sendPhoto": send_photo,
    "sendDocument": send_document,
    "getFile": get_file,
}
