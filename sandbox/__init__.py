"""Local stand-ins for the Telegram Bot API and the WeCom API, and the web playground."""
