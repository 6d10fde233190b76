"""Channel adapters: the only code that imports a chat SDK (Telegram, WeChat Work)."""
