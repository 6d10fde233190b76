"""The Messenger contract: every messenger (fake, Telegram, WeCom) passes the same checks.

What a person sees is read from the channel itself (the sandbox, the emulator, the fake's
record): long texts split within the channel's limit and whole, buttons shown and pressed
back, files, edits in place (or refused for good when edit-only), rate limits and
unreachable recipients as the DeliveryError the dispatcher acts on.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.dialogs.events import Button, Reply
from bot.dialogs.notices import DeliveryError
from bot.dialogs.payloads import IssueCode, OnIssue, Verb
from tests.messengers.harness import UNKNOWN_MESSAGE, Harness, ref_id

CODE = IssueCode("ZB-2026-000001")
CLAIM = Button("签收", OnIssue(Verb.CLAIM, CODE).encode())
DETAILS = Button("详情", OnIssue(Verb.DETAILS, CODE).encode())
# A long payload (56 bytes; Telegram's callback_data holds 64, WeCom's key 1,024).
LONG_CODE = IssueCode("ZB-2026-123456789")
LONGEST = Button("延期", OnIssue(Verb.EXTEND_TO, LONG_CODE, 2**62, 2**40).encode())
CARD = "ZB-2026-000001 · 待签收"
SIGNED = "ZB-2026-000001 · 已签收"
LONG = "\n".join(f"第{n}条：" + "园区变电站迟迟没有送电，企业停产。" * 6 for n in range(80))


class TestMessengerContract:
    """One body of checks, run on each channel of conftest.CHANNELS."""

    async def test_a_long_text_is_split_within_the_limit_and_arrives_whole(
        self, channel: Harness
    ) -> None:
        ref = await channel.messenger.send(Reply(channel.chat, LONG))
        shown = channel.shown()
        assert len(shown) > 1
        assert all(channel.messenger.capabilities.fits_text(m.text) for m in shown)
        assert "\n".join(m.text for m in shown) == LONG
        assert ref == f"{channel.chat}:{shown[-1].id}"

    async def test_buttons_arrive_and_their_presses_come_back(self, channel: Harness) -> None:
        buttons = ((CLAIM, DETAILS), (LONGEST,))
        ref = await channel.messenger.send(Reply(channel.chat, CARD, buttons))
        (card,) = channel.shown()
        assert card.id == ref_id(ref) and card.text.startswith(CARD)
        assert card.payloads == (CLAIM.payload, DETAILS.payload, LONGEST.payload)
        assert len(card.payloads) <= channel.messenger.capabilities.buttons_per_message
        for button in (LONGEST, CLAIM):
            pressed = await channel.press(card, button.payload)
            assert (pressed.payload, pressed.message_id) == (button.payload, card.id)

    @pytest.mark.parametrize("kind", ["photo", "document"])
    async def test_a_file_is_sent(self, channel: Harness, kind: str) -> None:
        file = await channel.attachment(kind)
        await channel.messenger.send(Reply(channel.chat, "ZB-2026-000001 附件 1/1", file=file))
        shown = channel.shown()
        first = next(n for n, m in enumerate(shown) if m.file is not None)
        assert shown[first].file == kind
        assert "ZB-2026-000001 附件 1/1" in "\n".join(m.text for m in shown[first:])

    async def test_an_edit_updates_the_card_in_place(self, channel: Harness) -> None:
        ref = await channel.messenger.send(Reply(channel.chat, CARD, ((CLAIM, DETAILS),)))
        edit = Reply(channel.chat, SIGNED, ((DETAILS,),), edit_message_id=ref_id(ref))
        assert await channel.messenger.send(edit) == ref
        (card,) = channel.shown()
        assert card.id == ref_id(ref) and card.text == SIGNED
        assert card.payloads == (DETAILS.payload,)

    async def test_an_edit_of_a_message_it_cannot_edit(self, channel: Harness) -> None:
        gone = Reply(channel.chat, SIGNED, ((DETAILS,),), edit_message_id=UNKNOWN_MESSAGE)
        with pytest.raises(DeliveryError) as refused:
            await channel.messenger.send(replace(gone, edit_only=True))
        assert refused.value.permanent and channel.shown() == []
        # Not edit-only: the reply comes as a new message instead.
        ref = await channel.messenger.send(gone)
        (card,) = channel.shown()
        assert card.id == ref_id(ref) != UNKNOWN_MESSAGE and card.text == SIGNED

    async def test_a_rate_limit_asks_to_retry_later(self, channel: Harness) -> None:
        channel.flood()
        with pytest.raises(DeliveryError) as limited:
            await channel.messenger.send(Reply(channel.chat, "通知"))
        assert not limited.value.permanent
        assert limited.value.retry_after is not None and limited.value.retry_after > 0
        assert channel.shown() == []

    async def test_an_unreachable_recipient_is_refused_for_good(self, channel: Harness) -> None:
        with pytest.raises(DeliveryError) as refused:
            await channel.messenger.send(Reply(channel.unreachable(), "通知", ((CLAIM,),)))
        assert refused.value.permanent
        await channel.messenger.send(Reply(channel.chat, "通知"))
        assert [m.text for m in channel.shown()] == ["通知"]
