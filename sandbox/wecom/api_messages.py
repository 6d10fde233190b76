"""message/send and message/update_template_card: app messages to members, and card updates.

message/send (发送应用消息): `touser` is userids joined by "|" (at most 1,000; "@all" for
every member); unknown ones come back lower-cased in `invaliduser`, and when none is valid the
call fails with 81013. A message beyond a member's per-minute or per-hour limit is dropped
silently. A card's answer carries a `response_code`.

update_template_card (更新模版卡片消息): `userids` (or `atall`), the app's `agentid`, a
`response_code` (72 hours, once), and either `button.replace_name` (the buttons become one
grey label) or a whole new `template_card`.
"""

from __future__ import annotations

from typing import Any

from .content import SEND_TYPES, check_card, message_content
from .defaults import TOUSER_MAX
from .errors import ApiError
from .records import CardCopy, Member, Received
from .world import World

Body = dict[str, Any]


def recipients(world: World, touser: Any) -> tuple[list[Member], list[str]]:
    """The members a touser names, and the lower-cased userids that are no member."""
    if touser is None:
        touser = ""
    if not isinstance(touser, str):
        raise ApiError(40058, "touser must be userids joined by |")
    names = [name.strip() for name in touser.split("|") if name.strip()]
    if len(names) > TOUSER_MAX:
        raise ApiError(40032, f"touser takes at most {TOUSER_MAX} userids")
    if names == ["@all"]:
        return list(world.members.values()), []
    found: list[Member] = []
    invalid: list[str] = []
    for name in dict.fromkeys(names):
        member = world.members.get(name.lower())
        if member is None:
            invalid.append(name.lower())
        elif member not in found:
            found.append(member)
    return found, invalid


async def send_message(world: World, query: dict[str, str], body: Body) -> Body:
    """message/send."""
    world.authenticate(query)
    world.check_agent(body)
    msgtype = body.get("msgtype")
    if msgtype not in SEND_TYPES:
        raise ApiError(40008)
    content = message_content(world, msgtype, body)
    task_id = str(content["task_id"]) if msgtype == "template_card" else None
    if task_id is not None and task_id in world.task_ids:
        raise ApiError(40058, "task_id was used before: it must be unique per app")
    members, invalid = recipients(world, body.get("touser"))
    extra = {"invaliduser": "|".join(invalid)} if invalid else {}
    if not members:
        raise ApiError(81013, **({"invaliduser": "|".join(invalid)} if invalid else {}))
    world.stats.messages += 1
    answer: Body = {"errcode": 0, "errmsg": "ok", **extra, "msgid": world.next_msgid()}
    if task_id is not None:
        world.task_ids.add(task_id)
        answer["response_code"] = world.issue_code(task_id, "send")
    for member in members:
        received = Received(answer["msgid"], msgtype, world.clock(), content)
        if task_id is not None:
            received.card = CardCopy(task_id, member.userid, content)
        if world.deliver(member, received) and received.card is not None:
            world.cards[(received.card.task_id, member.userid.lower())] = received.card
    return answer


async def update_card(world: World, query: dict[str, str], body: Body) -> Body:
    """message/update_template_card."""
    world.authenticate(query)
    world.check_agent(body)
    button, card = body.get("button"), body.get("template_card")
    if button is not None:
        name = button.get("replace_name") if isinstance(button, dict) else None
        if not isinstance(name, str) or not name:
            raise ApiError(40058, "button.replace_name is required")
    elif not isinstance(card, dict):
        raise ApiError(40058, "button or template_card is required")
    code = world.valid_code(body.get("response_code"))
    if button is None:
        assert isinstance(card, dict)
        card = check_card(card, code.task_id)
    copies, invalid = _targets(world, code.task_id, body)
    if not copies:
        raise ApiError(81013, invaliduser=invalid)
    code.used = True
    for copy in copies:
        if button is not None:
            copy.replaced_name = str(button["replace_name"])
        else:
            assert card is not None
            copy.card = card
            copy.replaced_name = card.get("replace_text") or None
        copy.updates += 1
        world.stats.card_updates += 1
    return {"errcode": 0, "errmsg": "ok", "invaliduser": invalid}


def _targets(world: World, task_id: str, body: Body) -> tuple[list[CardCopy], list[str]]:
    """The member copies of card `task_id` the call names (atall: every copy), and the
    lower-cased userids that have none."""
    if body.get("atall") == 1:
        return [c for (tid, _), c in world.cards.items() if tid == task_id], []
    userids = body.get("userids")
    if not isinstance(userids, list) or not userids or len(userids) > TOUSER_MAX:
        raise ApiError(40058, f"userids must list 1 to {TOUSER_MAX} userids")
    copies: list[CardCopy] = []
    invalid: list[str] = []
    for userid in dict.fromkeys(str(u) for u in userids):
        copy = world.cards.get((task_id, userid.lower()))
        if copy is None:
            invalid.append(userid.lower())
        else:
            copies.append(copy)
    return copies, invalid
