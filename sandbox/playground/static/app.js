// The zhibao playground page: chat panes for every role, time travel, and the issues panel.
//
// Everything a browser test can drive carries a stable data-testid (KEY is a persona's key from
// /api/personas: enterprise, officer, leader, principal, office, ...; the group's is "group"):
//   panes                      the row of chat panes
//   pane-KEY                   one pane (<section>; data-channel = telegram | wecom)
//   channel-KEY                its channel toggle (data-channel; its text names the channel
//                              the persona is on; a press moves them to the other one); shown
//                              when both the Telegram sandbox and the WeCom emulator run.
//                              On WeCom, cards carry wecom-card and the testids of wecom.js
//   messages-KEY               its message list (<ol aria-live="polite">)
//     message                  one message (<li>; data-message-id, data-from = bot|me|other)
//     message-text             its formatted text or caption
//     button                   an inline button under a message (its text is the label)
//     photo / document         a picture (link around a thumbnail) / a file download link
//     contact                  a shared contact
//   keyboard-KEY               the reply keyboard above the input (hidden when there is none)
//     reply-button             a reply-keyboard button (sends its text)
//     share-contact            the contact-sharing button (sends the persona's phone)
//   hint-KEY                   what the chat is for and what to do in it, above its messages
//   status-KEY                 the pane's notices: the bot's button answers, errors
//   form-KEY / input-KEY       the message form and its text box (Enter sends)
//   send-KEY                   the send button
//   attach-KEY / file-KEY      the attach button / its file input (images go as photos)
//   clock / clock-offset       the bot's time / how far it has been moved ahead
//   travel-hour, travel-workday, travel-deadline   the time-travel buttons
//   lang-toggle                switch the page's words between 中文 and English
//   banner                     page-wide notices (offline, failed time travel)
//   issues / issues-empty      the issue list / its "no issues" note
//   issue-CODE                 one issue's button in the list (aria-pressed when selected;
//                              data-overdue, and an `overdue` mark, when a deadline has passed)
//   issue-detail, issue-title, issue-text   the selected issue
//   clocks / clock-row         its clocks table / one clock (data-status, data-overdue)
//   waiting-box / waiting / waiting-entry   notices it still owes people: to whom, until
//                              when and why they wait (data-reason: quiet_hours, ...)
//   timeline / timeline-entry  its timeline / one entry (data-kind)

import { call, ServerError } from "./dom.js";
import { applyWords, hasWord, lang, onLangChange, pick, setLang, t } from "./i18n.js";
import { IssuesPanel } from "./issues.js";
import { Pane } from "./pane.js";

const ORDER = ["enterprise", "group", "officer", "lead", "leader", "principal", "office"];
const PANE_MS = 1000;
const ISSUES_MS = 3000;
const CLOCK_MS = 5000;
const USERS_MS = 5000;

const panes = [];
const names = new Map();
let usersFetched = 0;
const issues = new IssuesPanel(document);
const banner = document.querySelector('[data-testid="banner"]');

function notify(text) {
  banner.textContent = text;
  banner.hidden = text === "";
}

/** Learn the names of the sandbox's users; true when some were new. */
async function fetchNames() {
  usersFetched = Date.now();
  let added = false;
  for (const user of await call("/api/users")) {
    if (names.has(user.id)) continue;
    names.set(user.id, user.is_bot ? null : user.name);
    added = true;
  }
  return added;
}

function nameOf(id) {
  if (!names.has(id) && Date.now() - usersFetched > USERS_MS) {
    fetchNames().then((added) => {
      if (added) for (const pane of panes) pane.redraw();
    }).catch(() => {});
  }
  if (names.has(id) && names.get(id) === null) return t("bot");
  return names.get(id) ?? `#${id}`;
}

function paneSpecs(data) {
  const switchable = (data.channels ?? []).length > 1;
  const specs = (data.personas ?? []).map((p) => {
    names.set(p.user_id, p.name);
    return { key: p.key, userId: p.user_id, chatId: p.chat_id ?? p.user_id, phone: p.phone,
      channel: p.channel ?? "telegram", wecomUserid: p.wecom_userid, switchable,
      title: () => (lang() === "en" ? p.role_en : p.role_zh) ?? p.key,
      subtitle: () => String(p.name ?? ""),
      hint: hasWord(`hint_${p.key}`) ? () => t(`hint_${p.key}`) : null };
  });
  const group = data.group;
  if (group) {
    specs.push({ key: group.key ?? "group", userId: group.speaker, chatId: group.chat_id,
      channel: group.channel ?? "telegram", wecomChatid: group.wecom_chatid, switchable: false,
      title: () => pick({ zh: group.role_zh ?? "专班群", en: group.role_en ?? "Task force group" }),
      subtitle: () => (group.channel === "wecom" ? pick(group.title)
        : `${pick(group.title)} · ${t("speaksAs", { name: nameOf(group.speaker) })}`),
      hint: () => (group.channel === "wecom" ? t("groupReadOnly")
        : t("hint_group", { name: nameOf(group.speaker) })) });
  }
  const rank = (key) => (ORDER.includes(key) ? ORDER.indexOf(key) : ORDER.length);
  return specs.sort((a, b) => rank(a.key) - rank(b.key));
}

async function loadPanes() {
  const container = document.querySelector('[data-testid="panes"]');
  for (;;) {
    try {
      const specs = paneSpecs(await call("/api/personas"));
      if (specs.length > 0) {
        await fetchNames();
        for (const spec of specs) {
          const pane = new Pane(spec, nameOf);
          panes.push(pane);
          container.append(pane.element);
        }
        notify("");
        return;
      }
      notify(t("noPersonas"));
    } catch {
      notify(t("offline"));
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

function showClock(clock) {
  const node = document.querySelector('[data-testid="clock"]');
  node.textContent = pick(clock.shown);
  node.setAttribute("datetime", String(clock.now ?? ""));
  const hours = Math.round(Number(clock.offset_seconds ?? 0) / 3600);
  const offset = document.querySelector('[data-testid="clock-offset"]');
  offset.textContent = hours > 0
    ? `${t("ahead")} ${Math.floor(hours / 24)}${t("days")} ${hours % 24}${t("hours")}`
    : "";
}

let lastClock = null;

async function refreshClock() {
  lastClock = await call("/api/clock");
  showClock(lastClock);
}

async function travel(step, buttons) {
  for (const button of buttons) button.disabled = true;
  try {
    lastClock = await call("/api/clock", { step });
    showClock(lastClock);
    notify("");
    await Promise.allSettled([...panes.map((pane) => pane.poll()), issues.refresh()]);
  } catch (error) {
    notify(t("failed", { error: error.message }));
  } finally {
    for (const button of buttons) button.disabled = false;
  }
}

/** Run `work` now and then every `ms`, never two at once; report when the server is gone. */
function every(ms, work) {
  const run = async () => {
    try {
      await work();
      if (banner.dataset.offline) {
        delete banner.dataset.offline;
        notify("");
      }
    } catch (error) {
      if (error instanceof ServerError && error.message.startsWith("offline")) {
        banner.dataset.offline = "1";
        notify(t("offline"));
      }
    }
    setTimeout(run, ms);
  };
  run();
}

function relabel() {
  applyWords();
  const toggle = document.querySelector('[data-testid="lang-toggle"]');
  toggle.textContent = t("other");
  toggle.setAttribute("lang", t("otherLang"));
  for (const pane of panes) {
    pane.relabel();
    pane.redraw();
  }
  issues.relabel();
  if (lastClock) showClock(lastClock);
}

function start() {
  relabel();
  onLangChange(relabel);
  document.querySelector('[data-testid="lang-toggle"]').addEventListener("click", () => {
    setLang(lang() === "zh" ? "en" : "zh");
  });
  const buttons = [...document.querySelectorAll("button[data-step]")];
  for (const button of buttons) {
    button.addEventListener("click", () => travel(button.dataset.step, buttons));
  }
  every(CLOCK_MS, refreshClock);
  every(ISSUES_MS, () => issues.refresh());
  loadPanes().then(() => {
    every(PANE_MS, () => Promise.all(panes.map((pane) => pane.poll())));
  });
}

start();
