"""Files reach the people who decide, in their order and with the issue's code (issue 12, 2).

Through python-telegram-bot and the sandbox: the enterprise's photo and PDF reach the leader
of a direct report, the officer who claims, whoever asks for details; files added later, and
an official's answer with a scan, go across the same way.
"""

from __future__ import annotations

from sandbox.telegram.records import StoredMessage
from tests.telegram.conftest import Loop
from tests.telegram.test_enterprise_flow import MEMBER, bot_messages, last_text, press
from tests.telegram.test_officer_flow import GROUP, LEADER, OFFICER, OFFICER2, officials


def files_in(loop: Loop, chat: int) -> list[StoredMessage]:
    """The photos and documents the bot sent to a chat, oldest first."""
    return [m for m in bot_messages(loop, chat) if m.photo or m.document]


async def file_with_photo_and_pdf(loop: Loop) -> str:
    """The member files an urgent issue of the city-coordinated project with two files."""
    loop.sandbox.send_text(MEMBER, "/new")
    await loop.turn()
    await press(loop, MEMBER, "高端铝材产业园")
    loop.sandbox.send_text(MEMBER, "园区变电站迟迟不能送电")
    loop.sandbox.send_photo(MEMBER, b"\x89PNG-site", caption="现场照片")
    loop.sandbox.send_document(MEMBER, b"%PDF-letter", "供电答复函.pdf", "application/pdf")
    await loop.turn()
    assert "附件 2 个" in last_text(loop, MEMBER)
    await press(loop, MEMBER, "完成")
    await press(loop, MEMBER, "紧急")
    await press(loop, MEMBER, "提交")
    receipt = last_text(loop, MEMBER)
    assert receipt.startswith("已受理，编号 ")
    return receipt.split("编号 ")[1].split("。")[0]


async def test_officials_get_the_files_themselves_in_order(loop: Loop) -> None:
    await officials(loop)
    code = await file_with_photo_and_pdf(loop)
    post = bot_messages(loop, GROUP)[-1]
    assert "附件：2 个，点“详情”私信查看" in (post.text or "")
    assert files_in(loop, GROUP) == [], "the group reads how many, not the files"

    # The leader of the direct report gets the card, then both files in the order given.
    leader = files_in(loop, LEADER)
    assert [bool(m.photo) for m in leader] == [True, False]
    assert [m.caption for m in leader] == [f"{code} 附件 1/2", f"{code} 附件 2/2 供电答复函.pdf"]
    assert leader[1].document is not None
    assert leader[1].document["file_name"] == "供电答复函.pdf"

    await press(loop, GROUP, "签收", user_id=OFFICER)
    card, photo, pdf = bot_messages(loop, OFFICER)[-3:]
    assert (card.text or "").startswith(f"{code} · 已签收 · 紧急")
    assert photo.photo and photo.caption == f"{code} 附件 1/2"
    assert pdf.document and pdf.caption == f"{code} 附件 2/2 供电答复函.pdf"

    await press(loop, GROUP, "详情", user_id=OFFICER2)
    details, *files = bot_messages(loop, OFFICER2)[-3:]
    assert "办理进程：" in (details.text or "")
    assert [m.caption for m in files] == [f"{code} 附件 1/2", f"{code} 附件 2/2 供电答复函.pdf"]


async def test_files_added_later_go_both_ways(loop: Loop) -> None:
    await officials(loop)
    code = await file_with_photo_and_pdf(loop)
    await press(loop, GROUP, "签收", user_id=OFFICER)

    # The enterprise adds a photo and a word in two messages, then sends them.
    loop.sandbox.send_text(MEMBER, "/my")
    await loop.turn()
    await press(loop, MEMBER, f"{code} · 已签收")
    await press(loop, MEMBER, "补充材料")
    loop.sandbox.send_photo(MEMBER, b"\x89PNG-meter")
    loop.sandbox.send_text(MEMBER, "电表已安装")
    await loop.turn()
    await press(loop, MEMBER, "发送")
    assert last_text(loop, MEMBER) == f"已补充到 {code}。"
    notice, photo = bot_messages(loop, OFFICER)[-2:]
    assert (notice.text or "").startswith(f"【企业已补充】{code}：电表已安装")
    assert photo.photo and photo.caption == f"{code} 附件 1/1"

    # The officer answers with a scan; the enterprise gets the words and the scan.
    await press(loop, OFFICER, "答复企业", user_id=OFFICER)
    loop.sandbox.send_document(OFFICER, b"%PDF-reply", "批复.pdf", "application/pdf")
    loop.sandbox.send_text(OFFICER, "供电方案已批复，见附件")
    await loop.turn()
    await press(loop, OFFICER, "发送", user_id=OFFICER)
    reply, scan = bot_messages(loop, MEMBER)[-2:]
    assert reply.text == f"【答复】{code}：供电方案已批复，见附件"
    assert scan.document and scan.document["file_name"] == "批复.pdf"
    assert scan.caption == f"{code} 附件 1/1 批复.pdf"
