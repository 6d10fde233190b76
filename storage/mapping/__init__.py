"""Hand-written mapping between table rows and domain objects (no ORM on the hot path)."""
