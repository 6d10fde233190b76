"""Files that cross channels: an enterprise's photo sent on WeCom reaches an officer on
Telegram. Each channel fetches its own files; the root hands every messenger one fetcher."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping

from bot.domain.model import Attachment

FetchFile = Callable[[Attachment], Awaitable[bytes]]


def channel_of_file(file: Attachment, default: str = "telegram") -> str:
    """The channel a file came from: "<channel>:<ref>", or Telegram's bare file id."""
    prefix, colon, _ = file.file_ref.partition(":")
    return prefix if colon else default


def fetch_by_channel(fetchers: Mapping[str, FetchFile]) -> FetchFile:
    """One fetcher for every channel's files, by each file's channel."""

    async def fetch(file: Attachment) -> bytes:
        channel = channel_of_file(file)
        if channel not in fetchers:
            raise ValueError(f"files from {channel} cannot be fetched here")
        return await fetchers[channel](file)

    return fetch
