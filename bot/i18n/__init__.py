"""Message catalogs (Fluent) in Chinese and English, and choosing a person's language."""
