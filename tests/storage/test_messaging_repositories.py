"""Contract of the outbox, the inbox and stored dialogs: nothing lost, nothing twice (§13)."""

from __future__ import annotations

from datetime import timedelta

from bot.domain.notice import MessageView, NoticeStatus
from bot.services.ports import UnitOfWorkFactory
from tests.storage.factories import (
    FILED_AT,
    build_world,
    make_dialog,
    make_inbox_entry,
    make_issue,
    make_notice,
)


class TestNotices:
    """NoticeRepository."""

    async def test_duplicate_key_is_refused_and_the_transaction_goes_on(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        first = make_notice("remind:ZB-2026-000001:reply:75")
        async with uow_factory() as uow:
            assert await uow.notices.add(first)
            await uow.commit()
        async with uow_factory() as uow:
            again = make_notice("remind:ZB-2026-000001:reply:75", template="other")
            assert not await uow.notices.add(again)
            assert again.id is None
            assert await uow.notices.add(make_notice("remind:ZB-2026-000001:reply:100"))
            await uow.commit()
        async with uow_factory() as uow:
            stored = await uow.notices.find()
        assert [n.dedupe_key for n in stored] == [
            "remind:ZB-2026-000001:reply:75",
            "remind:ZB-2026-000001:reply:100",
        ]
        assert stored[0].template == first.template

    async def test_waiting_for_tells_whether_a_chat_still_has_some_to_send(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        kept = "notice.kept_reply"
        async with uow_factory() as uow:
            await uow.notices.add(make_notice("a", template=kept, chat_id="42"))
            sent = make_notice("b", template=kept, chat_id="43", status=NoticeStatus.SENT)
            await uow.notices.add(sent)
            await uow.notices.add(make_notice("c", chat_id="44"))
            await uow.commit()
        async with uow_factory() as uow:
            assert await uow.notices.waiting_for("42", kept)
            assert not await uow.notices.waiting_for("43", kept), "sent already"
            assert not await uow.notices.waiting_for("44", kept), "another template"
            assert not await uow.notices.waiting_for("45", kept)

    async def test_params_come_back_as_json(self, uow_factory: UnitOfWorkFactory) -> None:
        params = {"names": ("甲", "乙"), "count": 2, "nested": {"ok": True, "none": None}}
        async with uow_factory() as uow:
            await uow.notices.add(make_notice("json", params=params))
            await uow.commit()
        async with uow_factory() as uow:
            (notice,) = await uow.notices.find()
        assert notice.params == {"names": ["甲", "乙"], "count": 2, "nested": params["nested"]}

    async def test_find_filters_by_status_and_issue(self, uow_factory: UnitOfWorkFactory) -> None:
        async with uow_factory() as uow:
            world = await build_world(uow)
            issue = await uow.issues.add(
                make_issue("ZB-2026-000001", world.enterprise_id, world.member_id)
            )
            await uow.notices.add(make_notice("a", issue_id=issue.id))
            await uow.notices.add(make_notice("b", issue_id=issue.id, status=NoticeStatus.SENT))
            await uow.notices.add(make_notice("c"))
            await uow.commit()
        async with uow_factory() as uow:
            queued = await uow.notices.find(NoticeStatus.QUEUED)
            about = await uow.notices.find(issue_id=issue.id)
            both = await uow.notices.find(NoticeStatus.SENT, issue.id)
            assert await uow.notices.find(NoticeStatus.FAILED) == []
        assert [n.dedupe_key for n in queued] == ["a", "c"]
        assert [n.dedupe_key for n in about] == ["a", "b"]
        assert [n.dedupe_key for n in both] == ["b"]


class TestInbox:
    """InboxRepository."""

    async def test_update_is_recorded_once(self, uow_factory: UnitOfWorkFactory) -> None:
        entry = make_inbox_entry("500")
        async with uow_factory() as uow:
            assert await uow.inbox.record(entry)
            await uow.commit()
        async with uow_factory() as uow:
            assert not await uow.inbox.record(make_inbox_entry("500"))
            assert await uow.inbox.record(make_inbox_entry("500", channel="wecom"))
            await uow.commit()
        async with uow_factory() as uow:
            assert await uow.inbox.unhandled("telegram") == [entry]

    async def test_unhandled_in_arrival_order_until_marked(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        async with uow_factory() as uow:
            for update_id in ("9", "10", "11"):
                await uow.inbox.record(make_inbox_entry(update_id))
            await uow.commit()
        async with uow_factory() as uow:
            await uow.inbox.mark_handled("telegram", "10", FILED_AT + timedelta(seconds=1))
            await uow.inbox.mark_handled("telegram", "404", FILED_AT)
            await uow.commit()
        async with uow_factory() as uow:
            pending = await uow.inbox.unhandled("telegram")
            first = await uow.inbox.unhandled("telegram", limit=1)
            assert await uow.inbox.unhandled("wecom") == []
        assert [e.update_id for e in pending] == ["9", "11"]
        assert [e.update_id for e in first] == ["9"]
        assert pending[0].payload == {"update_id": "9", "message": {"text": "你好"}}

    async def test_a_new_update_reusing_an_old_update_id_is_stored(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        # Update ids start again at 1 (a restarted sandbox, Telegram after a quiet week).
        before = make_inbox_entry("1", key="m:5001:1:1795652400", text="/help")
        after = make_inbox_entry("1", key="m:5001:1:1795652460", text="/new")
        async with uow_factory() as uow:
            assert await uow.inbox.record(before)
            await uow.inbox.mark_handled("telegram", before.dedupe_key, FILED_AT)
            await uow.commit()
        async with uow_factory() as uow:
            assert await uow.inbox.record(after)
            await uow.commit()
        async with uow_factory() as uow:
            pending = await uow.inbox.unhandled("telegram")
        assert [(e.update_id, e.dedupe_key) for e in pending] == [("1", "m:5001:1:1795652460")]
        assert pending[0].payload == {"update_id": "1", "message": {"text": "/new"}}

    async def test_the_same_key_is_stored_once_whatever_its_update_id(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        first = make_inbox_entry("41", key="c:8812", text="first")
        async with uow_factory() as uow:
            assert await uow.inbox.record(first)
            assert not await uow.inbox.record(make_inbox_entry("41", key="c:8812"))
            await uow.commit()
        async with uow_factory() as uow:
            again = make_inbox_entry("42", key="c:8812", text="again")
            assert not await uow.inbox.record(again)
            assert again.id is None
            assert await uow.inbox.record(make_inbox_entry("43", key="c:8813"))
            await uow.commit()
        async with uow_factory() as uow:
            pending = await uow.inbox.unhandled("telegram")
        assert [(e.update_id, e.dedupe_key) for e in pending] == [
            ("41", "c:8812"),
            ("43", "c:8813"),
        ]
        assert pending[0].payload["message"] == {"text": "first"}

    async def test_marked_handled_by_key_not_by_update_id(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        async with uow_factory() as uow:
            for key in ("m:5001:1:100", "m:6001:1:100", "m:5001:2:160"):
                await uow.inbox.record(make_inbox_entry("1", key=key))
            await uow.commit()
        async with uow_factory() as uow:
            await uow.inbox.mark_handled("telegram", "m:6001:1:100", FILED_AT)
            await uow.inbox.mark_handled("telegram", "1", FILED_AT)  # an update id: no key
            await uow.inbox.mark_handled("wecom", "m:5001:1:100", FILED_AT)
            await uow.commit()
        async with uow_factory() as uow:
            pending = await uow.inbox.unhandled("telegram")
        assert [e.dedupe_key for e in pending] == ["m:5001:1:100", "m:5001:2:160"]
        assert all(e.handled_at is None for e in pending)


class TestDialogs:
    """DialogRepository."""

    async def test_put_get_replace_delete(self, uow_factory: UnitOfWorkFactory) -> None:
        dialog = make_dialog("42")
        async with uow_factory() as uow:
            assert await uow.dialogs.get("telegram", "42", "42") is None
            await uow.dialogs.put(dialog)
            await uow.dialogs.put(make_dialog("43"))
            await uow.commit()
        async with uow_factory() as uow:
            assert await uow.dialogs.get("telegram", "42", "42") == dialog
            later = make_dialog("42", name="confirm", data={"step": "urgency", "done": True})
            await uow.dialogs.put(later)
            await uow.commit()
        async with uow_factory() as uow:
            assert await uow.dialogs.get("telegram", "42", "42") == later
            await uow.dialogs.delete("telegram", "42", "42")
            await uow.dialogs.delete("telegram", "42", "42")
            await uow.commit()
        async with uow_factory() as uow:
            assert await uow.dialogs.get("telegram", "42", "42") is None
            assert await uow.dialogs.get("telegram", "43", "43") == make_dialog("43")


class TestViews:
    """ViewRepository: a message shows exactly the cards last said, or none."""

    async def test_show_replaces_a_message_and_forgets_it_with_none(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        async with uow_factory() as uow:
            world = await build_world(uow)
            one = await uow.issues.add(
                make_issue("ZB-2026-000001", world.enterprise_id, world.member_id)
            )
            two = await uow.issues.add(
                make_issue("ZB-2026-000002", world.enterprise_id, world.member_id)
            )
            await uow.commit()
        assert one.id is not None and two.id is not None

        def card(issue_id: int, kind: str, position: int, message: str = "7") -> MessageView:
            return MessageView("telegram", "42", message, position, issue_id, kind, FILED_AT, 3)

        async with uow_factory() as uow:
            await uow.views.show("telegram", "42", "7", [card(one.id, "new", 0)])
            await uow.views.show("telegram", "42", "8", [card(one.id, "card", 0, "8")])
            await uow.commit()
        async with uow_factory() as uow:
            bundle = [card(two.id, "group", 0), card(one.id, "decided", 1)]
            await uow.views.show("telegram", "42", "7", bundle)
            await uow.commit()
        async with uow_factory() as uow:
            shown = await uow.views.of_message("telegram", "42", "7")
            assert [(v.issue_id, v.kind, v.position) for v in shown] == [
                (two.id, "group", 0),
                (one.id, "decided", 1),
            ]
            assert [v.message_id for v in await uow.views.of_issue(one.id)] == ["8", "7"]
            await uow.views.show("telegram", "42", "7", [])
            await uow.views.show("telegram", "42", "7", [])
            await uow.commit()
        async with uow_factory() as uow:
            assert await uow.views.of_message("telegram", "42", "7") == []
            assert await uow.views.of_issue(two.id) == []
            assert [v.message_id for v in await uow.views.of_issue(one.id)] == ["8"]
