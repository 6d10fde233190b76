"""The WeCom emulator's API: its rules and error codes, silent drops and faults."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from sandbox.wecom import (
    DEFAULT_CORP_ID,
    DEFAULT_SECRET,
    ApiError,
    Call,
    ControlError,
    WeComSandbox,
)
from tests.sandbox.conftest import FrozenClock

JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 60


@pytest.fixture
def wecom(clock: FrozenClock) -> WeComSandbox:
    """An emulator on a frozen clock with three members."""
    world = WeComSandbox(clock=clock)
    for userid in ("ZhaoZhuanYuan", "SunZuZhang", "LiFuShiZhang"):
        world.add_member(userid)
    return world


async def api(world: WeComSandbox, path: str, body: Any = None, **query: str) -> dict[str, Any]:
    """Call the API in-process; the answer's JSON, an error's included."""
    if path != "gettoken":
        query.setdefault("access_token", world.new_token()[0])
    try:
        result = await world.call(Call(path, query, body or {}))
    except ApiError as error:
        return error.to_json()
    assert isinstance(result, dict)
    return result


def text(touser: str, content: str = "你好", agentid: Any = 1000002) -> dict[str, Any]:
    return {"touser": touser, "agentid": agentid, "msgtype": "text", "text": {"content": content}}


def card(touser: str, task_id: str = "t1", buttons: int = 2, **extra: Any) -> dict[str, Any]:
    template = {
        "card_type": "button_interaction",
        "task_id": task_id,
        "main_title": {"title": "ZB-2026-000001"},
        "button_list": [{"text": f"b{n}", "key": f"k{n}"} for n in range(buttons)],
        **extra,
    }
    return {"touser": touser, "agentid": 1000002, "msgtype": "template_card"} | {
        "template_card": template
    }


async def test_tokens(wecom: WeComSandbox, clock: FrozenClock) -> None:
    wrong = await api(wecom, "gettoken", corpid=DEFAULT_CORP_ID, corpsecret="nope")
    assert wrong["errcode"] == 40001
    assert (await api(wecom, "gettoken", corpid="ww0", corpsecret=DEFAULT_SECRET))[
        "errcode"
    ] == 40013
    first = await api(wecom, "gettoken", corpid=DEFAULT_CORP_ID, corpsecret=DEFAULT_SECRET)
    again = await api(wecom, "gettoken", corpid=DEFAULT_CORP_ID, corpsecret=DEFAULT_SECRET)
    assert first["expires_in"] == 7200 and again["access_token"] == first["access_token"]
    token = first["access_token"]
    assert (await api(wecom, "message/send", text("ZhaoZhuanYuan"), access_token=""))[
        "errcode"
    ] == 41001
    assert (await api(wecom, "message/send", text("ZhaoZhuanYuan"), access_token="x"))[
        "errcode"
    ] == 40014
    wecom.expire_tokens()
    expired = await api(wecom, "message/send", text("ZhaoZhuanYuan"), access_token=token)
    assert expired["errcode"] == 42001


async def test_text_rules(wecom: WeComSandbox) -> None:
    assert (await api(wecom, "message/send", text("ZhaoZhuanYuan", agentid=1)))["errcode"] == 40056
    odd = text("ZhaoZhuanYuan") | {"msgtype": "voice"}
    assert (await api(wecom, "message/send", odd))["errcode"] == 40008
    assert (await api(wecom, "message/send", text("ZhaoZhuanYuan", "")))["errcode"] == 44004
    many = "|".join(f"u{n}" for n in range(1001))
    assert (await api(wecom, "message/send", text(many)))["errcode"] == 40032
    long = await api(wecom, "message/send", text("ZhaoZhuanYuan", "汉" * 700))
    assert long["errcode"] == 0 and wecom.read_stats()["truncated"] == 1
    shown = wecom.read_received("ZhaoZhuanYuan")[-1].content["content"]
    assert len(shown.encode()) <= 2048 and shown == "汉" * 682


async def test_invalid_users(wecom: WeComSandbox) -> None:
    some = await api(wecom, "message/send", text("ZhaoZhuanYuan|Ghost|sunzuzhang"))
    assert some["errcode"] == 0 and some["invaliduser"] == "ghost" and some["msgid"]
    assert len(wecom.read_received("SunZuZhang")) == 1
    none = await api(wecom, "message/send", text("Ghost|Nobody"))
    assert none["errcode"] == 81013 and none["invaliduser"] == "ghost|nobody"
    everyone = await api(wecom, "message/send", text("@all"))
    assert everyone["errcode"] == 0 and wecom.read_stats()["delivered"] == 5


@pytest.mark.parametrize(
    ("change", "rule"),
    [
        ({"buttons": 7}, "button_list"),
        ({"buttons": 0}, "button_list"),
        ({"task_id": "bad:id"}, "task_id"),
        ({"task_id": "t" * 129}, "task_id"),
        ({"main_title": {}}, "main_title"),
        ({"horizontal_content_list": [{"keyname": "k", "value": "v"}] * 7}, "horizontal"),
    ],
)
async def test_card_rules(wecom: WeComSandbox, change: dict[str, Any], rule: str) -> None:
    answer = await api(wecom, "message/send", card("ZhaoZhuanYuan", **change))
    assert answer["errcode"] == 40058 and rule in answer["errmsg"]


async def test_card_keys_and_task_ids(wecom: WeComSandbox) -> None:
    body = card("ZhaoZhuanYuan")
    body["template_card"]["button_list"][1]["key"] = "k0"
    assert (await api(wecom, "message/send", body))["errcode"] == 40058
    body["template_card"]["button_list"][1]["key"] = "k" * 1025
    assert (await api(wecom, "message/send", body))["errcode"] == 40058
    sent = await api(wecom, "message/send", card("ZhaoZhuanYuan", "t-1@x_y"))
    assert sent["errcode"] == 0 and sent["response_code"]
    again = await api(wecom, "message/send", card("SunZuZhang", "t-1@x_y"))
    assert again["errcode"] == 40058 and "task_id" in again["errmsg"]


async def test_card_updates(wecom: WeComSandbox, clock: FrozenClock) -> None:
    sent = await api(wecom, "message/send", card("ZhaoZhuanYuan|SunZuZhang"))
    code = sent["response_code"]
    update = {"userids": ["zhaozhuanyuan", "Ghost"], "agentid": 1000002, "response_code": code}
    done = await api(
        wecom, "message/update_template_card", update | {"button": {"replace_name": "已签收"}}
    )
    assert done == {"errcode": 0, "errmsg": "ok", "invaliduser": ["ghost"]}
    assert wecom.read_card("t1", "ZhaoZhuanYuan").replaced_name == "已签收"
    assert wecom.read_card("t1", "SunZuZhang").replaced_name is None
    reused = await api(
        wecom, "message/update_template_card", update | {"button": {"replace_name": "x"}}
    )
    assert reused["errcode"] == 60140
    with pytest.raises(ControlError):
        wecom.click("ZhaoZhuanYuan", "t1", "k0")
    _, fresh = wecom.click("SunZuZhang", "t1", "k1")
    other = dict(card("x", "t2")["template_card"])
    whole = {"userids": ["SunZuZhang"], "agentid": 1000002, "response_code": fresh}
    moved = await api(wecom, "message/update_template_card", whole | {"template_card": other})
    assert moved["errcode"] == 40058 and "task_id" in moved["errmsg"]
    del other["task_id"]
    other["button_list"] = [{"text": "详情", "key": "d"}]
    assert (await api(wecom, "message/update_template_card", whole | {"template_card": other}))[
        "errcode"
    ] == 0
    assert wecom.read_card("t1", "SunZuZhang").button_keys() == ["d"]
    _, late = wecom.click("SunZuZhang", "t1", "d")
    clock.advance(72 * 3600 + 1)
    stale = whole | {"response_code": late, "button": {"replace_name": "x"}}
    assert (await api(wecom, "message/update_template_card", stale))["errcode"] == 60140


async def test_group_chats(wecom: WeComSandbox) -> None:
    one = {"userlist": ["ZhaoZhuanYuan"], "name": "专班"}
    assert (await api(wecom, "appchat/create", one))["errcode"] == 86006
    ghost = {"userlist": ["ZhaoZhuanYuan", "Ghost"]}
    assert (await api(wecom, "appchat/create", ghost))["errcode"] == 86007
    made = await api(
        wecom,
        "appchat/create",
        {"userlist": ["ZhaoZhuanYuan", "SunZuZhang"], "name": "铝业专班", "chatid": "alu"},
    )
    assert made == {"errcode": 0, "errmsg": "ok", "chatid": "alu"}
    info = await api(wecom, "appchat/get", chatid="alu")
    assert info["chat_info"]["userlist"] == ["ZhaoZhuanYuan", "SunZuZhang"]
    post = {"chatid": "alu", "msgtype": "text", "text": {"content": "【新问题】"}}
    assert (await api(wecom, "appchat/send", post))["errcode"] == 0
    no_card = card("x") | {"chatid": "alu"}
    assert (await api(wecom, "appchat/send", no_card))["errcode"] == 40008
    assert (await api(wecom, "appchat/send", post | {"chatid": "nope"}))["errcode"] == 86003
    assert [m.content["content"] for m in wecom.read_chat("alu")] == ["【新问题】"]


async def test_silent_drops(wecom: WeComSandbox, clock: FrozenClock) -> None:
    answers = []
    for _ in range(31):
        answers.append(await api(wecom, "message/send", text("ZhaoZhuanYuan")))
        clock.advance(1)
    assert all(a["errcode"] == 0 for a in answers)
    assert len(wecom.read_received("ZhaoZhuanYuan")) == 30
    stats = wecom.read_stats()
    assert stats["silent_drops"] == 1 and stats["dropped_by"] == {"ZhaoZhuanYuan": 1}
    clock.advance(60)
    await api(wecom, "message/send", text("ZhaoZhuanYuan"))
    assert len(wecom.read_received("ZhaoZhuanYuan")) == 31


async def test_faults(wecom: WeComSandbox) -> None:
    wecom.inject_fault(45009, count=2)
    wecom.inject_fault(-1, path="gettoken")
    assert (await api(wecom, "message/send", text("ZhaoZhuanYuan")))["errcode"] == 45009
    assert (await api(wecom, "appchat/send", {}))["errcode"] == 45009
    assert (await api(wecom, "message/send", text("ZhaoZhuanYuan")))["errcode"] == 0
    busy = await api(wecom, "gettoken", corpid=DEFAULT_CORP_ID, corpsecret=DEFAULT_SECRET)
    assert busy["errcode"] == -1
    wecom.inject_fault(delay=0.05)
    late = asyncio.create_task(api(wecom, "message/send", text("SunZuZhang")))
    await asyncio.sleep(0)
    assert not wecom.read_received("SunZuZhang")
    assert (await late)["errcode"] == 0 and len(wecom.read_received("SunZuZhang")) == 1
    with pytest.raises(ControlError):
        wecom.inject_fault(status=404)


async def test_media_rules(wecom: WeComSandbox, clock: FrozenClock) -> None:
    assert (await api(wecom, "media/upload", type="doc"))["errcode"] == 40005
    assert (await api(wecom, "media/upload", type="file"))["errcode"] == 44001
    assert (await api(wecom, "media/get", media_id="nope"))["errcode"] == 40007
    medium = wecom.store_medium("image", "a.jpg", JPEG, "image/jpeg")
    picture = {"touser": "ZhaoZhuanYuan", "agentid": 1000002, "msgtype": "image"}
    assert (await api(wecom, "message/send", picture | {"image": {"media_id": medium.media_id}}))[
        "errcode"
    ] == 0
    assert (await api(wecom, "message/send", picture | {"image": {}}))["errcode"] == 41006
    clock.advance(3 * 86400)
    late = picture | {"image": {"media_id": medium.media_id}}
    assert (await api(wecom, "message/send", late))["errcode"] == 40007
