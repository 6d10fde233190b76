"""The Telegram runtime on python-telegram-bot: updates in, Bot API calls out, nothing else."""
