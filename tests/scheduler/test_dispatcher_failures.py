"""The dispatcher when sending fails: flood control, back-off, giving up, dead claims (§13)."""

from __future__ import annotations

from datetime import timedelta

from bot.dialogs.events import Reply
from bot.dialogs.notices import DeliveryError
from bot.domain.notice import Notice, NoticeStatus, Priority
from bot.domain.people import OPERATOR, Role
from bot.services.delivery import ALERT_TEMPLATE
from bot.services.directory import NewOfficial, add_official
from tests.fakes import FakeMessenger
from tests.scheduler.test_dispatcher_policy import CODE, Desk
from tests.services.city import City

ADMIN_CHATS = ("9001", "9002")


class FailingOnCall(FakeMessenger):
    """Fails the calls whose numbers (from 1) are given, whatever they carry."""

    def __init__(self, failing: dict[int, Exception]) -> None:
        super().__init__()
        self.failing, self.calls = failing, 0

    async def send(self, reply: Reply) -> str:
        self.calls += 1
        if self.calls in self.failing:
            raise self.failing[self.calls]
        return await super().send(reply)


async def admins_on_telegram(desk: Desk, city: City) -> None:
    """Two admins with a Telegram chat, a third without one."""
    second = await add_official(
        city.new_uow(), OPERATOR, NewOfficial("二管", frozenset({Role.ADMIN}))
    )
    await add_official(city.new_uow(), OPERATOR, NewOfficial("三管", frozenset({Role.ADMIN})))
    assert second.id is not None
    await desk.identify(city.admin, ADMIN_CHATS[0])
    await desk.identify(second.id, ADMIN_CHATS[1])


async def alerts(desk: Desk) -> list[Notice]:
    return [n for n in (await desk.notices()).values() if n.template == ALERT_TEMPLATE]


async def test_flood_control_puts_a_notice_back_without_counting_an_attempt(
    desk: Desk, city: City
) -> None:
    start = city.now
    await desk.queue("h", Priority.HIGH, person=city.officer)
    desk.messenger.failures = [DeliveryError("Too Many Requests", retry_after=7)] * 6
    for _ in range(6):  # flood control is our pacing's fault: it never uses up the notice
        report = await desk.round()
        assert (report.retried, report.failed) == (1, 0)
        notice = await desk.notice("h")
        assert notice.status is NoticeStatus.QUEUED and notice.attempts == 0
        assert notice.not_before == city.now + timedelta(seconds=7)
        city.now += timedelta(seconds=6)
        assert (await desk.round()).claimed == 0
        city.now += timedelta(seconds=1)
    assert (await desk.round()).sent == 1
    notice = await desk.notice("h")
    assert notice.attempts == 1 and notice.sent_at == start + timedelta(seconds=42)


async def test_a_temporary_failure_backs_off_then_fails_and_tells_each_admin_once(
    desk: Desk, city: City
) -> None:
    await admins_on_telegram(desk, city)
    await desk.queue("h", Priority.HIGH, person=city.officer)
    desk.messenger.failures = [DeliveryError("timed out") for _ in range(5)]
    for attempt, wait in enumerate((5, 10, 20, 40), 1):
        assert (await desk.round()).retried == 1
        notice = await desk.notice("h")
        assert (notice.status, notice.attempts) == (NoticeStatus.QUEUED, attempt)
        assert notice.not_before == city.now + timedelta(seconds=wait)
        assert notice.error == "timed out" and await alerts(desk) == []
        city.now += timedelta(seconds=wait - 1)
        assert (await desk.round()).claimed == 0
        city.now += timedelta(seconds=1)
    assert (await desk.round()).failed == 1
    notice = await desk.notice("h")
    assert (notice.status, notice.attempts) == (NoticeStatus.FAILED, 5)
    queued = await alerts(desk)
    assert len(queued) == 3 and {n.priority for n in queued} == {Priority.HIGH}
    report = await desk.round()
    assert report.sent == 2, "the third admin has no chat"
    unreached = [n for n in await alerts(desk) if n.status is NoticeStatus.FAILED]
    assert len(unreached) == 1 and "三管 has no chat" in (unreached[0].error or "")
    for chat in ADMIN_CHATS:
        [alert] = desk.messenger.to(chat)
        # In words: which issue, which kind of message, to whom; never the outbox's key.
        assert alert.text == f"【投递失败】{CODE} 的【答复】未能送达 赵专员：timed out"
    city.now += timedelta(hours=1)
    assert (await desk.round()).claimed == 0


async def test_a_permanent_failure_fails_at_once_and_a_failed_alert_is_not_alerted(
    desk: Desk, city: City
) -> None:
    await desk.identify(city.admin, ADMIN_CHATS[0])
    await desk.queue("h", Priority.HIGH, person=city.officer)
    desk.messenger.failures = [DeliveryError("Forbidden: bot was blocked", permanent=True)]
    assert (await desk.round()).failed == 1
    notice = await desk.notice("h")
    assert (notice.status, notice.attempts) == (NoticeStatus.FAILED, 1)
    assert notice.error == "Forbidden: bot was blocked"
    [alert] = await alerts(desk)
    assert alert.person_id == city.admin
    assert (alert.params["issue"], alert.params["title"]) == (CODE, "reply")
    desk.messenger.failures = [DeliveryError("Forbidden: admin left", permanent=True)]
    assert (await desk.round()).failed == 1
    assert [n.status for n in await alerts(desk)] == [NoticeStatus.FAILED]
    city.now += timedelta(hours=1)
    assert (await desk.round()).claimed == 0 and desk.messenger.sent == []


async def test_a_messengers_own_error_is_retried_like_a_time_out(desk: Desk, city: City) -> None:
    await desk.queue("h", Priority.HIGH, person=city.officer)
    desk.messenger.failures = [RuntimeError("network down")]
    assert (await desk.round()).retried == 1
    notice = await desk.notice("h")
    assert (notice.status, notice.attempts) == (NoticeStatus.QUEUED, 1)
    assert notice.not_before == city.now + timedelta(seconds=5)
    assert notice.error is not None and "network down" in notice.error
    city.now += timedelta(seconds=5)
    assert (await desk.round()).sent == 1


async def test_the_unreachable_fail_and_every_admin_hears(desk: Desk, city: City) -> None:
    async with city.new_uow().reading() as uow:
        energy = await uow.task_forces.by_code("energy")
    assert energy is not None and not energy.group_chats
    await admins_on_telegram(desk, city)
    await desk.queue("principal", Priority.CRITICAL, person=city.principal)
    await desk.queue("energy", Priority.HIGH, task_force=energy.id)
    await desk.round()
    notices = await desk.notices()
    for key in ("principal", "energy"):
        assert notices[key].status is NoticeStatus.FAILED
        assert (notices[key].error or "").startswith("unreachable: ")
    assert len(desk.messenger.to(ADMIN_CHATS[0])) == 2, "never a silent drop"


async def test_an_unrenderable_notice_is_dropped_and_the_round_goes_on(
    desk: Desk, city: City
) -> None:
    await desk.queue("broken", Priority.CRITICAL, "notice.no_such_text", person=city.officer)
    await desk.queue("fine", Priority.HIGH, person=city.officer)
    report = await desk.round()
    assert (report.dropped, report.sent) == (1, 1)
    broken = await desk.notice("broken")
    assert (broken.status, broken.error) == (NoticeStatus.DROPPED, "unrenderable")
    assert [r.text for r in desk.messenger.sent] == [f"【答复】{CODE}：fine"]


async def test_an_unrenderable_routine_notice_does_not_take_its_bundle_down(
    desk: Desk, city: City
) -> None:
    await desk.queue("broken", Priority.NORMAL, "notice.no_such_text", person=city.officer)
    await desk.queue("fine", Priority.NORMAL, person=city.officer)
    await desk.round()
    assert (await desk.notice("fine")).status is NoticeStatus.SENT


async def test_a_dead_dispatchers_claim_is_taken_over_and_a_live_one_is_not(
    desk: Desk, city: City
) -> None:
    dead, live = city.now - timedelta(seconds=1), city.now + timedelta(minutes=1)
    await desk.queue("stale", Priority.HIGH, person=city.officer, status=NoticeStatus.SENDING,
                     claimed_by="dead", claimed_until=dead, channel="telegram")  # fmt: skip
    await desk.queue("held", Priority.HIGH, person=city.officer, status=NoticeStatus.SENDING,
                     claimed_by="alive", claimed_until=live, channel="telegram")  # fmt: skip
    report = await desk.round()
    assert (report.claimed, report.sent) == (1, 1)
    held = await desk.notice("held")
    assert (held.status, held.claimed_by) == (NoticeStatus.SENDING, "alive")
    city.now = live
    assert (await desk.round()).claimed == 0, "a claim runs until its very end"
    city.now += timedelta(seconds=1)
    assert (await desk.round()).sent == 1
    assert [r.text.split("：")[-1] for r in desk.messenger.sent] == ["stale", "held"]


async def test_nothing_is_sent_twice_across_rounds(desk: Desk, city: City) -> None:
    await desk.identify(city.officer2, "7002")
    keys = {"alpha": Priority.NORMAL, "bravo": Priority.HIGH, "charlie": Priority.CRITICAL}
    keys |= {"delta": Priority.NORMAL, "echo": Priority.HIGH, "foxtrot": Priority.NORMAL}
    for n, (key, priority) in enumerate(keys.items()):
        person = city.officer if n % 2 else city.officer2
        await desk.queue(key, priority, person=person)
    desk.messenger.failures = [RuntimeError("down"), DeliveryError("flood", retry_after=3)]
    for step in range(30):
        await desk.round()
        city.now += timedelta(seconds=30)
        await desk.queue(f"late{step}", Priority.NORMAL, person=city.officer)
    texts = "\n".join(r.text for r in desk.messenger.sent) + "\n"
    notices = await desk.notices()
    for key, notice in notices.items():
        times = texts.count(f"：{key}\n")
        assert times == (notice.status is NoticeStatus.SENT), (key, notice.status, times)
    assert all(notices[key].status is NoticeStatus.SENT for key in keys)
    assert sum(n.status is NoticeStatus.SENT for n in notices.values()) > 20


async def test_a_bundle_half_sent_is_not_sent_again(desk: Desk, city: City) -> None:
    desk.messenger = FailingOnCall({2: DeliveryError("timed out")})
    desk.dispatcher.messenger = desk.messenger
    for key in ("one", "two", "three"):
        await desk.queue(key, Priority.NORMAL, person=city.officer, text=key + "长" * 1500)
    await desk.round()
    assert len(desk.messenger.sent) == 1, "the first of two messages went out"
    city.now += timedelta(minutes=15)
    await desk.round()
    texts = "\n".join(r.text for r in desk.messenger.sent)
    assert texts.count("：one长") == 1


class Dying(BaseException):
    """The process dying in the middle of a round: nothing of ours catches it."""


async def test_a_round_cut_short_keeps_what_it_sent_and_sends_the_rest_later(
    desk: Desk, city: City
) -> None:
    await desk.identify(city.officer2, "7002")
    await desk.queue("first", Priority.HIGH, person=city.officer)
    await desk.queue("second", Priority.HIGH, person=city.officer2)
    desk.messenger = FailingOnCall({2: Dying("killed")})  # type: ignore[dict-item]
    desk.dispatcher.messenger = desk.messenger
    await desk.round()
    kept = await desk.notices()
    assert kept["first"].status is NoticeStatus.SENT, "recorded as soon as it went"
    assert kept["second"].status is NoticeStatus.SENDING, "its claim runs out by itself"
    city.now += timedelta(minutes=5)
    await desk.round()
    assert [r.text.split("：")[-1] for r in desk.messenger.sent] == ["first", "second"]
