"""Replies as WeCom messages: byte-sized text parts, cards within their fields, groups."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.dialogs.events import Button, Reply
from handlers.wecom.render import (
    card_text,
    render,
    replace_name,
    split_text,
    text_messages,
)


def buttons(count: int, prefix: str = "k") -> tuple[tuple[Button, ...], ...]:
    return (tuple(Button(f"按钮{n}", f"{prefix}{n}") for n in range(count)),)


@given(st.text(alphabet=st.sampled_from(["汉", "a", "\n", "😀", "é", " "]), max_size=5000))
def test_split_text_keeps_within_bytes_and_characters(text: str) -> None:
    parts = split_text(text, 100)
    assert all(len(part.encode()) <= 100 for part in parts)
    assert "".join(parts).replace("\n", "") == text.replace("\n", "")


def test_split_text_cuts_at_line_ends() -> None:
    lines = [f"第{n}行：" + "内容" * 20 for n in range(60)]
    parts = split_text("\n".join(lines))
    assert len(parts) > 1
    assert all(len(part.encode()) <= 2048 for part in parts)
    assert "\n".join(parts) == "\n".join(lines)
    assert split_text("") == [""] and text_messages("  ") == []


def test_a_short_card() -> None:
    reply = Reply(
        "u1", "ZB-2026-000001 · 待签收 · 紧急\n企业：宏达铝业\n问题：变电站没有送电", buttons(3)
    )
    (message,) = render(reply, "task1")
    card = message.fields["template_card"]
    assert message.msgtype == "template_card" and message.task_id == "task1"
    assert card["card_type"] == "button_interaction" and card["task_id"] == "task1"
    assert card["main_title"] == {"title": "ZB-2026-000001 · 待签收 · 紧急"}
    assert card["sub_title_text"] == "企业：宏达铝业\n问题：变电站没有送电"
    assert [b["key"] for b in card["button_list"]] == ["k0", "k1", "k2"]


def test_key_value_lines_fill_the_horizontal_list() -> None:
    prose = "问题：" + "变电站迟迟没有送电，" * 12
    tail = ["企业：滨州宏达铝业有限公司", "专班：高端铝业", "受理时限：10月8日 17:30"]
    head, fields = card_text("\n".join(["ZB-2026-000001", prose, *tail]))
    assert head == "ZB-2026-000001" and fields is not None
    assert fields["sub_title_text"] == prose
    assert fields["horizontal_content_list"][0] == {
        "keyname": "企业",
        "value": "滨州宏达铝业有限公司",
    }
    assert len(fields["horizontal_content_list"]) == 3


def test_text_that_does_not_fit_goes_first() -> None:
    text = "ZB-2026-000001 · 待签收\n" + "很长的描述。" * 100
    lead, card = render(Reply("u1", text, buttons(2)), "task1")
    assert lead.msgtype == "text" and lead.fields["text"]["content"] == text
    assert card.fields["template_card"]["main_title"]["title"] == "ZB-2026-000001 · 待签收"
    assert "sub_title_text" not in card.fields["template_card"]
    (edited,) = render(Reply("u1", text, buttons(2)), "task1", edit=True)
    assert len(edited.fields["template_card"]["sub_title_text"]) == 160


def test_more_than_six_buttons_make_more_cards() -> None:
    messages = render(Reply("u1", "选择专班", buttons(8)), "base")
    assert [m.task_id for m in messages] == ["base", "base-2"]
    cards = [m.fields["template_card"] for m in messages]
    assert [len(c["button_list"]) for c in cards] == [6, 2]
    assert cards[1]["main_title"]["title"] == "选择专班 (2/2)"
    further = render(Reply("u1", "选择专班", buttons(8)), "base", further="new")
    assert [m.task_id for m in further] == ["base", "new-2"]


def test_a_repeated_key_starts_a_new_card() -> None:
    row = (Button("a", "same"), Button("b", "same"))
    assert len(render(Reply("u1", "x", (row,)), "t")) == 2


def test_group_chats_get_text_only() -> None:
    messages = render(Reply("appchat:alu", "【新问题】ZB-2026-000001", buttons(3)), "t")
    assert [m.msgtype for m in messages] == ["text"]


def test_what_wecom_would_refuse() -> None:
    with pytest.raises(ValueError):
        render(Reply("u1", "x", ((Button("a", "k" * 1025),),)), "t")
    with pytest.raises(ValueError):
        render(Reply("u1", "x", buttons(1)), "bad:task")


def test_replace_name_is_the_first_line_shortened() -> None:
    assert replace_name("已由 赵专员 签收\n其余") == "已由 赵专员 签收"
    assert replace_name("很" * 30) == "很" * 19 + "…"
