"""Every request is checked against the schema before anything happens, as Telegram checks it."""

from __future__ import annotations

import json

import pytest

from sandbox.telegram import ApiError, Sandbox
from sandbox.telegram.records import UserRecord

TEXT_BUTTON = {"inline_keyboard": [[{"text": "Yes", "callback_data": "yes"}]]}


async def refusal(sandbox: Sandbox, method: str, params: dict[str, object]) -> ApiError:
    with pytest.raises(ApiError) as caught:
        await sandbox.call(method, params)
    return caught.value


async def test_unknown_method_is_404_not_found(sandbox: Sandbox) -> None:
    error = await refusal(sandbox, "sendTelepathy", {})
    assert error.to_json() == {"ok": False, "error_code": 404, "description": "Not Found"}


async def test_method_names_are_case_insensitive(sandbox: Sandbox) -> None:
    me = await sandbox.call("GETME")
    assert me["first_name"] == "Zhibao" and me["is_bot"] is True


async def test_wrong_token_is_401_and_malformed_token_404(sandbox: Sandbox) -> None:
    error = await refusal_with_token(sandbox, "654321:not-the-token")
    assert (error.status, error.description) == (401, "Unauthorized")
    error = await refusal_with_token(sandbox, "no-colon")
    assert (error.status, error.description) == (404, "Not Found")


async def refusal_with_token(sandbox: Sandbox, token: str) -> ApiError:
    with pytest.raises(ApiError) as caught:
        await sandbox.call("getMe", token=token)
    return caught.value


@pytest.mark.parametrize(
    ("method", "params", "description"),
    [
        ("sendMessage", {"chat_id": 1}, "Bad Request: message text is empty"),
        ("sendMessage", {"text": "hi"}, "Bad Request: chat_id is empty"),
        ("sendPhoto", {"chat_id": 1}, "Bad Request: there is no photo in the request"),
        ("sendDocument", {"chat_id": 1}, "Bad Request: there is no document in the request"),
        ("answerCallbackQuery", {}, "Bad Request: callback_query_id is empty"),
        ("getFile", {"file_id": ""}, "Bad Request: file_id is empty"),
    ],
)
async def test_missing_required_field(
    sandbox: Sandbox, method: str, params: dict[str, object], description: str
) -> None:
    error = await refusal(sandbox, method, params)
    assert (error.status, error.description) == (400, description)


async def test_strict_mode_refuses_unknown_parameters(sandbox: Sandbox, user: UserRecord) -> None:
    error = await refusal(sandbox, "sendMessage", {"chat_id": user.id, "text": "x", "txt": "y"})
    assert error.description == 'Bad Request: unknown parameter "txt" (sandbox strict mode)'


async def test_lenient_mode_ignores_unknown_parameters() -> None:
    lenient = Sandbox(strict=False)
    user = lenient.create_user()
    sent = await lenient.call("sendMessage", {"chat_id": user.id, "text": "x", "txt": "y"})
    assert sent["text"] == "x"


async def test_scalar_types_are_checked(sandbox: Sandbox, user: UserRecord) -> None:
    error = await refusal(
        sandbox, "sendMessage", {"chat_id": user.id, "text": "x", "protect_content": "maybe"}
    )
    assert error.description == 'Bad Request: field "protect_content" must be of type Boolean'
    error = await refusal(sandbox, "getUpdates", {"offset": "first"})
    assert error.description == 'Bad Request: field "offset" must be of type Integer'


async def test_form_strings_decode_like_telegram(sandbox: Sandbox, user: UserRecord) -> None:
    sent = await sandbox.call(
        "sendMessage",
        {
            "chat_id": str(user.id),
            "text": "hello",
            "disable_notification": "true",
            "reply_markup": json.dumps(TEXT_BUTTON),
        },
    )
    assert sent["chat"]["id"] == user.id
    assert sent["reply_markup"] == TEXT_BUTTON


async def test_unparsable_reply_markup(sandbox: Sandbox, user: UserRecord) -> None:
    for markup in ("{not json", json.dumps({"inline": []}), json.dumps([1])):
        error = await refusal(
            sandbox, "sendMessage", {"chat_id": user.id, "text": "x", "reply_markup": markup}
        )
        assert error.description == "Bad Request: can't parse reply keyboard markup JSON object"


async def test_nested_objects_are_checked_field_by_field(
    sandbox: Sandbox, user: UserRecord
) -> None:
    no_text = {"inline_keyboard": [[{"callback_data": "x"}]]}
    error = await refusal(
        sandbox, "sendMessage", {"chat_id": user.id, "text": "x", "reply_markup": no_text}
    )
    assert error.description == (
        "Bad Request: can't parse inline keyboard button: Can't find field \"text\""
    )
    bad_url = {"inline_keyboard": [[{"text": "x", "url": None}]]}
    error = await refusal(
        sandbox, "sendMessage", {"chat_id": user.id, "text": "x", "reply_markup": bad_url}
    )
    assert error.description == (
        'Bad Request: can\'t parse inline keyboard button: Field "url" must be of type String'
    )
    typo = {"inline_keyboard": [[{"text": "x", "callback_date": "x"}]]}
    error = await refusal(
        sandbox, "sendMessage", {"chat_id": user.id, "text": "x", "reply_markup": typo}
    )
    assert 'unknown field "callback_date"' in error.description


async def test_union_types_accept_any_of_their_variants(sandbox: Sandbox) -> None:
    commands = [{"command": "start", "description": "Start"}]
    scope = {"type": "chat", "chat_id": 42}
    assert await sandbox.call("setMyCommands", {"commands": commands, "scope": scope})
    assert await sandbox.call("getMyCommands", {"scope": scope}) == commands
    assert await sandbox.call("getMyCommands", {}) == []


async def test_methods_outside_the_sandbox_are_refused_after_validation(
    sandbox: Sandbox, user: UserRecord
) -> None:
    error = await refusal(sandbox, "sendPoll", {"chat_id": user.id})
    assert error.description == "Bad Request: question is empty"
    error = await refusal(sandbox, "leaveChat", {"chat_id": user.id})
    assert error.description == "Bad Request: method not supported by the sandbox"
