"""The web playground: one page with chat panes for every role, time travel and issue timelines.

`PlaygroundServer` serves the page, the sandbox's control API under /control/ and the bot's
own data (personas, clock, issues) under /api/ through `PlaygroundHooks`:

```python
sandbox_server = SandboxServer()
await sandbox_server.start("127.0.0.1", 8081)  # the bot talks to this one
playground = PlaygroundServer(sandbox_server.sandbox, hooks, wecom)  # wecom: optional
url = await playground.start("127.0.0.1", 8080)  # open this in a browser
...
await playground.stop()  # leaves the sandbox running; stop sandbox_server after
```

The page (static/) is plain HTML, CSS and JavaScript modules with no build step; it acts as
people through /control/, exactly as tests do, so the bot's real Telegram runtime does the work.
See static/app.js for the data-testid of everything a browser test can drive.
"""

from .hooks import TRAVEL_STEPS, ChannelSwitch, PlaygroundHooks
from .server import PlaygroundServer, build_app

__all__ = ["TRAVEL_STEPS", "ChannelSwitch", "PlaygroundHooks", "PlaygroundServer", "build_app"]
