"""Bot API failures as the emulator answers them, with Telegram's own wording where known.

Texts followed by a "sandbox wording" comment are the emulator's own: Telegram's exact text
for that case is not known here, so they say plainly what was wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

NOT_FOUND = "Not Found"
UNAUTHORIZED = "Unauthorized"
INTERNAL_SERVER_ERROR = "Internal Server Error"
BAD_GATEWAY = "Bad Gateway"
TEXT_EMPTY = "Bad Request: message text is empty"
TEXT_TOO_LONG = "Bad Request: message is too long"
CAPTION_TOO_LONG = "Bad Request: message caption is too long"
CHAT_NOT_FOUND = "Bad Request: chat not found"
EDIT_NOT_FOUND = "Bad Request: message to edit not found"
DELETE_NOT_FOUND = "Bad Request: message to delete not found"
REPLY_NOT_FOUND = "Bad Request: message to be replied not found"
CANT_EDIT = "Bad Request: message can't be edited"
CANT_DELETE = "Bad Request: message can't be deleted for everyone"
NO_TEXT_TO_EDIT = "Bad Request: there is no text in the message to edit"  # sandbox wording
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are"
    " exactly the same as a current content and reply markup of the message"
)
BUTTON_DATA_INVALID = "Bad Request: BUTTON_DATA_INVALID"
BUTTON_TEXT_INVALID = "Bad Request: BUTTON_TEXT_INVALID"  # sandbox wording
TEXT_BUTTONS_UNALLOWED = (
    "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline"
    " keyboard"
)
REPLY_MARKUP_UNPARSABLE = "Bad Request: can't parse reply keyboard markup JSON object"
QUERY_TOO_OLD = "Bad Request: query is too old and response timeout expired or query ID is invalid"
ANSWER_TOO_LONG = "Bad Request: MESSAGE_TOO_LONG"
COMMAND_INVALID = "Bad Request: BOT_COMMAND_INVALID"
COMMAND_DESCRIPTION_EMPTY = "Bad Request: command description must be non-empty"
COMMAND_DESCRIPTION_INVALID = "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID"
COMMANDS_TOO_MUCH = "Bad Request: BOT_COMMANDS_TOO_MUCH"
WRONG_FILE_ID = "Bad Request: wrong file identifier/HTTP URL specified"
INVALID_FILE_ID = "Bad Request: invalid file_id"
FILE_TYPE_MISMATCH = "Bad Request: type of file mismatch"
URL_CONTENT_UNAVAILABLE = "Bad Request: failed to get HTTP URL content"
UNSUPPORTED_PARSE_MODE = "Bad Request: unsupported parse_mode"
WRONG_ACTION = "Bad Request: wrong parameter action in request"
MESSAGE_ID_MISSING = "Bad Request: message identifier is not specified"  # sandbox wording
CANT_INITIATE = "Forbidden: bot can't initiate conversation with a user"
BLOCKED = "Forbidden: bot was blocked by the user"
NOT_A_MEMBER = "Forbidden: bot is not a member of the supergroup chat"
TERMINATED_BY_OTHER_POLL = (
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance is"
    " running"
)
WEBHOOK_ACTIVE = (
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete"
    " the webhook first"
)
NOT_SUPPORTED = "Bad Request: method not supported by the sandbox"
INLINE_NOT_SUPPORTED = "Bad Request: inline messages are not supported by the sandbox"
WEBHOOK_URL_INVALID = (
    "Bad Request: bad webhook: An HTTP URL must be provided for webhook"  # sandbox wording
)
SECRET_TOKEN_INVALID = "Bad Request: secret token contains unallowed characters"  # sandbox wording


class ControlError(ValueError):
    """A control-API request that makes no sense (unknown user, missing button, ...)."""


@dataclass
class ApiError(Exception):
    """A failed Bot API call: HTTP status, Telegram's description and optional parameters."""

    status: int
    description: str
    retry_after: int | None = None

    def __str__(self) -> str:
        return f"{self.status} {self.description}"

    def to_json(self) -> dict[str, Any]:
        """Render the error body exactly as Telegram shapes it."""
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.status,
            "description": self.description,
        }
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def bad_request(description: str) -> ApiError:
    """A 400 with a full description (which already starts with "Bad Request: ")."""
    return ApiError(400, description)


def forbidden(description: str) -> ApiError:
    """A 403, for chats the bot may not write to."""
    return ApiError(403, description)


def too_many_requests(retry_after: int) -> ApiError:
    """A 429 flood-control answer telling the client how many whole seconds to wait."""
    return ApiError(429, f"Too Many Requests: retry after {retry_after}", retry_after)
