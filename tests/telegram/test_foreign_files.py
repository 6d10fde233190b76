"""A file sent on another channel reaches a Telegram reader as the file itself (§12)."""

from __future__ import annotations

import pytest

from bot.dialogs.events import Reply
from bot.dialogs.notices import DeliveryError
from bot.domain.model import Attachment
from handlers.files import channel_of_file, fetch_by_channel
from tests.telegram.conftest import Loop
from tests.telegram.test_enterprise_flow import MEMBER, bot_messages, people

PDF = b"%PDF-1.4 a report"
REPORT = Attachment("document", "wecom:media-7", "整改报告.pdf")


async def report_bytes(file: Attachment) -> bytes:
    assert file.file_ref == "wecom:media-7"
    return PDF


def test_a_file_names_its_channel_and_telegrams_ids_are_bare() -> None:
    assert channel_of_file(REPORT) == "wecom"
    assert channel_of_file(Attachment("photo", "AgACAgIAAxkBAAIB")) == "telegram"


async def test_a_wecom_file_is_fetched_and_uploaded(loop: Loop) -> None:
    people(loop)
    messenger = loop.runtime.messenger
    messenger.fetch_file = fetch_by_channel({"wecom": report_bytes})
    await messenger.send(Reply(str(MEMBER), "ZB-2026-000001 附件 1/1", file=REPORT))
    (sent,) = bot_messages(loop, MEMBER)
    assert sent.document is not None and sent.caption == "ZB-2026-000001 附件 1/1"


async def test_without_a_fetcher_a_foreign_file_is_refused_for_good(loop: Loop) -> None:
    people(loop)
    with pytest.raises(DeliveryError) as refused:
        await loop.runtime.messenger.send(Reply(str(MEMBER), "附件", file=REPORT))
    assert refused.value.permanent and "wecom" in str(refused.value)
