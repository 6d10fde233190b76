"""Decrypted WeCom callbacks as fields, inbox keys and the dialogs' Incoming events."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.domain.model import Attachment
from handlers.wecom.inbound import (
    CHANNEL,
    card_click,
    chat_of,
    inbox_key,
    outer_encrypt,
    parse_xml,
    to_incoming,
)

NOW = datetime(2025, 3, 3, 9, 30, tzinfo=UTC)
HEAD = {"ToUserName": "ww1436e0e65a779aee", "FromUserName": "ZhaoLei", "AgentID": "1000002"}


def message(kind: str, **fields: str) -> dict[str, str]:
    return {**HEAD, "CreateTime": "1740994200", "MsgType": kind, "MsgId": "77001", **fields}


def event(name: str, **fields: str) -> dict[str, str]:
    return {**HEAD, "CreateTime": "1740994200", "MsgType": "event", "Event": name, **fields}


CLICK = event(
    "template_card_event",
    EventKey="claim:42",
    TaskId="task-42-1",
    CardType="button_interaction",
    ResponseCode="rc-abc",
)


def test_a_callback_is_read_as_flat_fields_with_cdata_and_nesting_skipped() -> None:
    text = (
        "<xml>\n  <ToUserName><![CDATA[ww1]]></ToUserName>\n"
        "  <Content><![CDATA[a < b & <c>]]></Content>\n"
        "  <CreateTime>1740994200</CreateTime>\n"
        "  <SelectedItems><SelectedItem><QuestionKey>q</QuestionKey></SelectedItem>"
        "</SelectedItems>\n  <Empty/>\n  <Escaped>x &amp; y</Escaped>\n</xml>"
    )
    assert parse_xml(text) == {
        "ToUserName": "ww1",
        "Content": "a < b & <c>",
        "CreateTime": "1740994200",
        "SelectedItems": "",
        "Empty": "",
        "Escaped": "x & y",
    }


@pytest.mark.parametrize(
    "text",
    [
        "",
        "not xml",
        "<xml><A>1</A>",
        "<root><A>1</A></root>",
        "<xml><A>1</A><A>2</A></xml>",
        "<xml><A>&undefined;</A></xml>",
        '<!DOCTYPE xml [<!ENTITY a "aaaa">]><xml><A>&a;</A></xml>',
        '<!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]><xml><A>&x;</A></xml>',
        '<!DOCTYPE xml SYSTEM "http://127.0.0.1/evil.dtd"><xml/>',
        '<!DOCTYPE xml [<!ENTITY % p SYSTEM "http://127.0.0.1/p">%p;]><xml/>',
        "<xml><A>1</A></xml><xml/>",
    ],
    ids=[
        "empty",
        "text",
        "unclosed",
        "wrong root",
        "repeated field",
        "undefined entity",
        "internal entity",
        "external entity",
        "external dtd",
        "parameter entity",
        "two roots",
    ],
)
def test_garbage_and_entity_tricks_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_xml(text)


def test_a_billion_laughs_is_refused_before_it_expands() -> None:
    entities = '<!ENTITY l0 "ha">' + "".join(
        f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10)
    )
    with pytest.raises(ValueError, match="document type"):
        parse_xml(f"<!DOCTYPE xml [{entities}]><xml><A>&l9;</A></xml>")


def test_the_outer_body_gives_its_encrypt_and_addressee() -> None:
    body = b"<xml><ToUserName><![CDATA[ww1]]></ToUserName><Encrypt><![CDATA[QUJD]]></Encrypt>"
    body += b"<AgentID><![CDATA[1000002]]></AgentID></xml>"
    assert outer_encrypt(body) == ("QUJD", "ww1")
    assert outer_encrypt(b"<xml><Encrypt>QUJD</Encrypt></xml>") == ("QUJD", "")


@pytest.mark.parametrize(
    "body",
    [b"", b"\xff\xfe<xml/>", b"<xml><ToUserName>ww1</ToUserName></xml>", b"<xml><Encrypt/></xml>"],
    ids=["empty", "not utf-8", "no encrypt", "empty encrypt"],
)
def test_an_outer_body_without_an_encrypt_is_garbage(body: bytes) -> None:
    with pytest.raises(ValueError):
        outer_encrypt(body)


def test_messages_are_keyed_by_msg_id_and_events_by_their_own_values() -> None:
    assert inbox_key(message("text", Content="hi")) == "m:77001"
    assert inbox_key(CLICK) == "e:ZhaoLei:1740994200:template_card_event:claim:42:task-42-1"
    assert inbox_key(event("subscribe")) == "e:ZhaoLei:1740994200:subscribe::"
    other_button = {**CLICK, "EventKey": "claim:43"}
    assert inbox_key(other_button) != inbox_key(CLICK)
    assert inbox_key({**CLICK, "CreateTime": "1740994201"}) != inbox_key(CLICK)


def test_the_lane_is_the_senders_private_chat() -> None:
    assert chat_of(message("text")) == "ZhaoLei"
    assert chat_of({"MsgType": "text"}) is None


def test_text_becomes_text_in_a_private_chat_without_a_display_name() -> None:
    incoming = to_incoming(message("text", Content="厂区门口的路灯坏了"), NOW)
    assert incoming is not None
    assert (incoming.channel, incoming.chat_id, incoming.chat_kind) == (
        CHANNEL,
        "ZhaoLei",
        "private",
    )
    assert (incoming.user_id, incoming.user_name) == ("ZhaoLei", "ZhaoLei")
    assert (incoming.message_id, incoming.at, incoming.text) == (
        "77001",
        NOW,
        "厂区门口的路灯坏了",
    )
    assert incoming.command is None and not incoming.unsupported


@pytest.mark.parametrize(
    ("content", "command", "argument"),
    [("/Start", "start", ""), ("/invite  ab12 ", "invite", "ab12"), (" /help\n", "help", "")],
)
def test_a_slash_command_becomes_a_command(content: str, command: str, argument: str) -> None:
    incoming = to_incoming(message("text", Content=content), NOW)
    assert incoming is not None
    assert (incoming.command, incoming.argument, incoming.text) == (command, argument, None)


@pytest.mark.parametrize("content", ["/", "/ help", "a /help", "//x"])
def test_a_stray_slash_stays_text(content: str) -> None:
    incoming = to_incoming(message("text", Content=content), NOW)
    assert incoming is not None and incoming.command is None and incoming.text == content


def test_an_image_becomes_a_photo_attachment() -> None:
    fields = message("image", PicUrl="http://127.0.0.1/p.jpg", MediaId="media-1")
    incoming = to_incoming(fields, NOW)
    assert incoming is not None
    assert incoming.attachments == (Attachment("photo", "wecom:media-1"),)
    assert incoming.text is None and not incoming.unsupported


def test_a_file_becomes_a_document_with_its_name() -> None:
    incoming = to_incoming(message("file", MediaId="media-2", FileName="整改报告.pdf"), NOW)
    assert incoming is not None
    assert incoming.attachments == (Attachment("document", "wecom:media-2", "整改报告.pdf"),)


def test_an_image_without_media_is_unsupported() -> None:
    incoming = to_incoming(message("image"), NOW)
    assert incoming is not None and incoming.unsupported and incoming.attachments == ()


@pytest.mark.parametrize(
    "fields",
    [
        message("voice", MediaId="m", Format="amr"),
        message("video", MediaId="m", ThumbMediaId="t"),
        message("location", Location_X="23.1", Location_Y="113.3", Scale="20", Label="广州"),
        message("link", Title="t", Description="d", Url="http://127.0.0.1/", PicUrl="p"),
        message("miniprogram"),
    ],
    ids=["voice", "video", "location", "link", "unknown"],
)
def test_kinds_the_bot_cannot_take_are_unsupported(fields: dict[str, str]) -> None:
    incoming = to_incoming(fields, NOW)
    assert incoming is not None and incoming.unsupported
    assert incoming.message_id == "77001" and incoming.attachments == ()


def test_a_card_click_becomes_a_button_press_on_its_task() -> None:
    incoming = to_incoming(CLICK, NOW)
    assert incoming is not None
    assert (incoming.button, incoming.button_message_id) == ("claim:42", "task-42-1")
    assert (incoming.user_id, incoming.chat_id, incoming.message_id) == (
        "ZhaoLei",
        "ZhaoLei",
        None,
    )
    assert card_click(CLICK) == ("task-42-1", "ZhaoLei", "rc-abc")


def test_only_a_whole_card_click_gives_a_response_code() -> None:
    assert card_click(message("text", Content="x")) is None
    assert card_click(event("subscribe")) is None
    assert card_click({**CLICK, "ResponseCode": ""}) is None
    assert card_click({k: v for k, v in CLICK.items() if k != "TaskId"}) is None


def test_subscribing_starts_and_other_events_are_not_for_the_dialogs() -> None:
    started = to_incoming(event("subscribe"), NOW)
    assert started is not None and started.command == "start" and started.message_id is None
    for name in ("enter_agent", "unsubscribe", "click", "change_contact"):
        assert to_incoming(event(name), NOW) is None
    assert to_incoming({**CLICK, "EventKey": ""}, NOW) is None


def test_a_callback_without_a_sender_or_kind_is_not_for_the_dialogs() -> None:
    assert to_incoming({"MsgType": "text", "Content": "hi"}, NOW) is None
    assert to_incoming({**HEAD, "Content": "hi"}, NOW) is None
