"""Channel-neutral conversations: an Incoming event in, Replies out; state in the database."""
