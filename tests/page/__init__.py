"""The playground page in a real headless Chromium, against the real `zhibao run`.

These tests start the product the way `make run` does (no TELEGRAM_BOT_TOKEN: the local
Telegram sandbox, the bot, the scheduler and the playground page), in an empty folder of their
own and on free loopback ports, then drive the page with Playwright for Python and the system's
Chromium (Debian's `chromium` package; no browser is ever downloaded).

Where no Chromium is found, or Playwright is not installed, they are skipped and say so.

Screenshots go to the folder named by ZHIBAO_TEST_ARTEFACTS, else to a temporary folder of the
test run; either way the run prints where.

What the page offers a test (see sandbox/playground/static/app.js, which lists every
data-testid):

- a pane per persona (`pane-KEY`, KEY one of enterprise, group, officer, lead, leader,
  principal, office) with its messages (`messages-KEY` > `message` > `message-text`,
  `button`), its reply keyboard, its text box (`input-KEY`, Enter sends) and its notices
  (`status-KEY`);
- the bot's clock (`clock`, `clock-offset`) and time travel (`travel-hour`, `travel-workday`,
  `travel-deadline`);
- the issue list (`issues` > `issue-CODE`) and the selected issue (`issue-detail`, `clocks` >
  `clock-row`, `waiting` > `waiting-entry`, `timeline` > `timeline-entry`);
- each pane's hint (`hint-KEY`) and attach button (`attach-KEY`);
- the language toggle (`lang-toggle`).

The bot's clock is the wall clock plus time travel, and routine notices wait for working hours
and quiet hours (无事不扰). The tests start it at 02:00 city time on a working day (an offset
in the working folder's zhibao-playground.clock), whatever the hour they run at: the playground
must move it into office hours itself, and the scenario keeps to urgent and critical paths.
The page is shown in a 1,600 × 900 window, which every pane must fit.

Product bugs found on the way are tests marked xfail(strict=True) whose reason names the file
and what goes wrong; once a bug is fixed its test passes, fails as XPASS, and loses the mark.
"""
