"""Contract: uploads, file ids and downloads through python-telegram-bot."""

from __future__ import annotations

import httpx
import pytest
from telegram import Bot
from telegram.error import BadRequest

from sandbox.telegram import Sandbox
from sandbox.telegram.records import UserRecord

PHOTO = b"\xff\xd8\xff\xe0 not really a jpeg, but bytes all the same"
REPORT = "企业诉求登记表.pdf"


async def test_send_photo_upload_round_trips(bot: Bot, sandbox: Sandbox, user: UserRecord) -> None:
    sent = await bot.send_photo(user.id, PHOTO, caption="<i>现场照片</i>", parse_mode="HTML")
    assert sent.caption == "现场照片"
    assert [(size.width, size.height) for size in sent.photo] == [(320, 240), (1280, 960)]
    downloaded = await (await bot.get_file(sent.photo[-1].file_id)).download_as_bytearray()
    assert bytes(downloaded) == PHOTO
    assert sandbox.list_sent_messages(user.id)[0].caption == "现场照片"


async def test_send_document_upload_round_trips(bot: Bot, user: UserRecord) -> None:
    content = "诉求内容".encode() * 100
    sent = await bot.send_document(user.id, content, filename=REPORT)
    assert sent.document is not None
    assert (sent.document.file_name, sent.document.mime_type) == (REPORT, "application/pdf")
    file = await bot.get_file(sent.document.file_id)
    assert file.file_size == len(content)
    assert bytes(await file.download_as_bytearray()) == content


async def test_file_ids_can_be_sent_again(bot: Bot, user: UserRecord) -> None:
    first = await bot.send_document(user.id, b"one", filename="a.txt")
    assert first.document is not None
    again = await bot.send_document(user.id, first.document.file_id)
    assert again.document == first.document
    with pytest.raises(BadRequest, match="Type of file mismatch"):
        await bot.send_photo(user.id, first.document.file_id)
    with pytest.raises(BadRequest, match="Wrong file identifier"):
        await bot.send_document(user.id, "BQACnot-a-real-id")
    with pytest.raises(BadRequest, match="Invalid file_id"):
        await bot.get_file("BQACnot-a-real-id")


async def test_files_users_send_can_be_downloaded(
    bot: Bot, sandbox: Sandbox, user: UserRecord
) -> None:
    sandbox.send_document(user.id, b"%PDF-1.7 license", "营业执照.pdf", caption="执照")
    sandbox.send_photo(user.id, PHOTO, caption="门店")
    document_update, photo_update = await bot.get_updates()
    document_message, photo_message = document_update.message, photo_update.message
    assert document_message is not None and document_message.document is not None
    assert document_message.caption == "执照"
    assert document_message.document.mime_type == "application/pdf"
    file = await document_message.document.get_file()
    assert bytes(await file.download_as_bytearray()) == b"%PDF-1.7 license"
    assert photo_message is not None and len(photo_message.photo) == 2
    photo_file = await photo_message.photo[-1].get_file()
    assert bytes(await photo_file.download_as_bytearray()) == PHOTO


async def test_download_needs_the_right_token(bot: Bot, user: UserRecord) -> None:
    sent = await bot.send_document(user.id, b"secret", filename="s.txt")
    assert sent.document is not None
    file = await bot.get_file(sent.document.file_id)
    assert file.file_path is not None
    wrong = file.file_path.replace("SANDBOX-token", "other-token")
    async with httpx.AsyncClient() as client:
        response = await client.get(wrong)
    assert response.status_code == 401
    assert response.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}
