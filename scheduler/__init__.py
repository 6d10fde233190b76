"""Timed work: the deadline sweep, the outbox dispatcher, digests and reports."""
