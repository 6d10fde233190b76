"""The playground of `zhibao run` without credentials, over whichever sandboxes run: the
Telegram sandbox, the WeCom emulator, or both (a Telegram/WeCom toggle per pane then)."""

from __future__ import annotations

from collections.abc import Sequence

from bot.bootstrap import App
from bot.cli.playground import PlaygroundBridge, TravelClock, move_into_working_hours, prepare
from bot.domain.people import TELEGRAM, WECOM
from sandbox.playground import PlaygroundServer
from sandbox.telegram import Sandbox
from sandbox.wecom import ApiError, Call, WeComSandbox

# The task force's app group chat in the emulator: letters and digits, as WeCom's chatid takes.
GROUP_CHATID = "zhibaoalu"
CHAT_EXISTS = 86215
NOT_LOADED = (
    "zhibao: the database holds a city of its own, so the playground's demo "
    "city was not loaded (start in an empty folder for it)"
)


class EmulatedCorp:
    """The WeCom emulator's corp as the playground's bridge uses it (bot/'s WeComCorp)."""

    def __init__(self, sandbox: WeComSandbox) -> None:
        self.sandbox = sandbox

    def ensure_member(self, userid: str, name: str) -> None:
        """Add the member unless the emulator knows them (it forgets all on restart)."""
        if userid.lower() not in self.sandbox.members:
            self.sandbox.add_member(userid, name)

    async def group_chat(self, name: str, userids: Sequence[str]) -> str:
        """The group chat made as the app makes one, through appchat/create."""
        token, _ = self.sandbox.new_token()
        body = {"name": name, "owner": userids[0], "userlist": list(userids)}
        try:
            await self.sandbox.call(
                Call("appchat/create", {"access_token": token}, body | {"chatid": GROUP_CHATID})
            )
        except ApiError as error:
            if error.errcode != CHAT_EXISTS:
                raise
        return GROUP_CHATID

    def group_chatid(self) -> str | None:
        """The task force's group chat, once made."""
        return GROUP_CHATID if GROUP_CHATID in self.sandbox.appchats else None


async def open_playground(
    app: App,
    travel: TravelClock,
    telegram: Sandbox | None,
    wecom: WeComSandbox | None,
    port: int,
) -> tuple[PlaygroundBridge, PlaygroundServer]:
    """Move the clock into office hours, load the demo city and serve the page for the
    sandboxes that run; the caller stops the server."""
    # At night the demo's notices would wait out quiet hours: start in office hours.
    moved = move_into_working_hours(app.ctx.calendar, travel)
    if moved is not None:
        print(moved, flush=True)
    corp = EmulatedCorp(wecom) if wecom is not None else None
    if not await prepare(app, telegram, travel.now(), corp):
        print(NOT_LOADED, flush=True)
    running = [name for name, there in ((TELEGRAM, telegram), (WECOM, wecom)) if there]
    bridge = PlaygroundBridge(app, travel, running, corp)
    server = PlaygroundServer(telegram, bridge, wecom)
    page = await server.start("127.0.0.1", port)
    on = " and ".join({TELEGRAM: "Telegram", WECOM: "WeCom"}[name] for name in running)
    print(
        f"zhibao: open the playground at {page}/ to act as the demo city's people in one "
        f"page, each on {on} (a toggle per pane when both run)",
        flush=True,
    )
    return bridge, server
