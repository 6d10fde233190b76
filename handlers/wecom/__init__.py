"""The WeChat Work (企业微信) self-built app channel: callbacks in, app messages out."""
