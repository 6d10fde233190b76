"""`zhibao run` and the composition root: the only code that wires channels, the scheduler
and the core together."""
