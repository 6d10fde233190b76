// The issues panel: every issue from /api/issues; the selected one's clocks, the notices it
// still owes people (and why they wait) and its timeline.

import { call, el, ServerError } from "./dom.js";
import { hasWord, pick, shortTime, t } from "./i18n.js";

/** "等待至 12-04 07:30（免打扰时段）", or "即将发送" for a notice nothing holds. */
function whenItGoes(notice) {
  if (!notice.until) return t("waitDue");
  const reason = hasWord(`reason_${notice.reason}`) ? t(`reason_${notice.reason}`) : notice.reason;
  return t("waitUntil", { time: shortTime(notice.until), reason });
}

export class IssuesPanel {
  constructor(root) {
    this.list = root.querySelector('[data-testid="issues"]');
    this.empty = root.querySelector('[data-testid="issues-empty"]');
    this.detail = root.querySelector('[data-testid="issue-detail"]');
    this.title = root.querySelector('[data-testid="issue-title"]');
    this.text = root.querySelector('[data-testid="issue-text"]');
    this.clocks = root.querySelector('[data-testid="clocks"] tbody');
    this.timeline = root.querySelector('[data-testid="timeline"]');
    this.waitingBox = root.querySelector('[data-testid="waiting-box"]');
    this.waiting = root.querySelector('[data-testid="waiting"]');
    this.issues = [];
    this.listSig = null;
    this.selected = null;
    this.shown = null;
  }

  /** Fetch the list (and the selected issue) again; redraw only what changed. */
  async refresh() {
    const issues = await call("/api/issues");
    const sig = JSON.stringify(issues);
    if (sig !== this.listSig) {
      this.listSig = sig;
      this.issues = issues;
      this.drawList();
    }
    if (this.selected !== null) await this.load(this.selected);
  }

  /** Redraw with the page's current language. */
  relabel() {
    this.drawList();
    if (this.shown) this.drawDetail(this.shown);
  }

  drawList() {
    const focused = document.activeElement?.dataset?.code ?? null;
    this.list.replaceChildren();
    this.empty.hidden = this.issues.length > 0;
    for (const issue of this.issues) {
      const code = String(issue.code);
      const due = issue.next_due ? `${t("nextDue")} ${shortTime(issue.next_due)}` : "";
      const late = issue.overdue === true;
      const button = el("button", { type: "button", className: late ? "issue late" : "issue",
        "data-testid": `issue-${code}`, "data-code": code, "data-overdue": String(late),
        "aria-pressed": String(code === this.selected) },
        el("span", { className: "code" }, code),
        el("span", { className: "state" }, pick(issue.state)),
        el("span", { className: "enterprise" }, pick(issue.enterprise)),
        el("span", { className: "due" }, due,
          late ? el("strong", { className: "overdue", "data-testid": "overdue" }, t("overdue"))
            : null));
      button.addEventListener("click", () => this.select(code));
      this.list.append(el("li", {}, button));
      if (code === focused) button.focus();
    }
  }

  async select(code) {
    this.selected = code;
    for (const button of this.list.querySelectorAll("button.issue")) {
      button.setAttribute("aria-pressed", String(button.dataset.code === code));
    }
    await this.load(code);
  }

  async load(code) {
    let issue;
    try {
      issue = await call(`/api/issues/${encodeURIComponent(code)}`);
    } catch (error) {
      if (!(error instanceof ServerError) || error.message.startsWith("offline")) throw error;
      this.selected = null;
      this.shown = null;
      this.detail.hidden = true;
      return;
    }
    if (code !== this.selected) return;
    if (JSON.stringify(issue) === JSON.stringify(this.shown)) return;
    this.shown = issue;
    this.drawDetail(issue);
  }

  drawDetail(issue) {
    this.detail.hidden = false;
    this.detail.dataset.code = String(issue.code);
    this.title.textContent = `${issue.code} · ${pick(issue.state)}`;
    this.text.textContent = pick(issue.text);
    this.clocks.replaceChildren(...(issue.clocks ?? []).map((clock) => el("tr",
      { "data-testid": "clock-row", "data-status": pick(clock.status),
        "data-overdue": String(clock.overdue === true),
        className: clock.overdue === true ? "late" : null },
      el("td", {}, pick(clock.name)),
      el("td", {}, el("time", { datetime: clock.due_at }, shortTime(clock.due_at))),
      el("td", {}, pick(clock.status)))));
    const waiting = issue.waiting ?? [];
    this.waitingBox.hidden = waiting.length === 0;
    this.waiting.replaceChildren(...waiting.map((notice) => el("li",
      { "data-testid": "waiting-entry", "data-reason": String(notice.reason ?? "") },
      el("span", { className: "recipient" }, pick(notice.recipient)),
      el("span", { className: "until" }, whenItGoes(notice)))));
    this.timeline.replaceChildren(...(issue.timeline ?? []).map((entry) => el("li",
      { "data-testid": "timeline-entry", "data-kind": pick(entry.kind) },
      el("time", { datetime: entry.at }, shortTime(entry.at)),
      el("span", { className: "kind" }, pick(entry.kind)),
      el("span", { className: "actor" }, pick(entry.actor)),
      el("p", { className: "entry-text" }, pick(entry.text)))));
  }
}
