"""The emulated corp, its one self-built app, and the limits WeCom applies to it.

The callback token and EncodingAESKey default to WeCom's official sample values (the callback
SDK's samples, set B in ../shared/wecom/FACTS.md), so the bot's configuration and tests can
use the documented vectors; the corp id is the samples' too.
"""

from __future__ import annotations

DEFAULT_CORP_ID = "ww1436e0e65a779aee"
DEFAULT_SECRET = "zhibao-sandbox-app-secret"
DEFAULT_AGENT_ID = 1000002
DEFAULT_TOKEN = "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo"
DEFAULT_AES_KEY = "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt"

TOKEN_SECONDS = 7200
# A card's response_code (from the send answer or a click) serves one update within 72 hours.
CODE_SECONDS = 72 * 3600
# Temporary media (media/upload, and what members send) are kept three days.
MEDIA_SECONDS = 3 * 86400

TEXT_BYTES = 2048
TOUSER_MAX = 1000
BUTTONS_MAX = 6
HORIZONTAL_MAX = 6
KEY_BYTES = 1024
TASK_ID_BYTES = 128
APPCHAT_NAME_CHARS = 50
APPCHAT_MEMBERS = (2, 2000)
MEDIA_MIN_BYTES = 6
IMAGE_BYTES = 10 * 1024 * 1024
VOICE_BYTES = 2 * 1024 * 1024
VIDEO_BYTES = 10 * 1024 * 1024
FILE_BYTES = 20 * 1024 * 1024

# Per app and member: more is dropped silently (the answer still says ok).
MEMBER_WINDOWS = ((30, 60.0), (1000, 3600.0))
# Per member, for messages in the app's group chats.
GROUP_WINDOWS = ((200, 60.0), (10_000, 86_400.0))

# The pusher: WeCom waits 5 s for the callback's answer and tries 3 times in all.
PUSH_TIMEOUT = 5.0
PUSH_TRIES = 3
PUSH_RETRY_DELAY = 1.0
