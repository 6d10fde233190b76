"""Message catalogs (Fluent) in Chinese and English, language detection, choosing a person's
language, and formatting per language."""

from bot.i18n.detection import detect_language

__all__ = ["detect_language"]
