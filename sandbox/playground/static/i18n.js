// The page's own words in Chinese and English; the bot's words come from the bot.

const STORAGE_KEY = "zhibao.playground.lang";

const WORDS = {
  zh: {
    title: "直报 · 体验台",
    skip: "跳到对话",
    chats: "对话",
    clock: "机器人时间",
    travelHour: "+1 小时",
    travelWorkday: "+1 工作日",
    travelDeadline: "到下一个期限",
    ahead: "已快进",
    days: " 天",
    hours: " 小时",
    issues: "问题",
    noIssues: "暂无问题",
    clocks: "时限",
    clockName: "时限",
    dueAt: "到期",
    status: "状态",
    timeline: "时间线",
    nextDue: "下一期限",
    send: "发送",
    attach: "附件",
    attachLabel: "发送文件或图片",
    placeholder: "输入消息，回车发送",
    messageLabel: "消息",
    messages: "消息记录",
    keyboard: "快捷回复",
    bot: "直报机器人",
    me: "我",
    edited: "已编辑",
    joined: "加入了群聊",
    contact: "联系人",
    speaksAs: "以 {name} 的身份发言",
    noPersonas: "机器人还没有准备好体验角色，稍后自动重试……",
    offline: "连接不上服务器，正在重试……",
    failed: "出错了：{error}",
    sentFile: "文件已发送",
    deleted: "消息已删除",
    overdue: "已超期",
    waiting: "待发送通知",
    waitUntil: "等待至 {time}（{reason}）",
    waitDue: "即将发送",
    reason_quiet_hours: "免打扰时段",
    reason_working_hours: "非工作时间",
    reason_muted: "对方已静音",
    reason_coalesced: "十分钟内的例行通知合并发送",
    reason_retry: "发送失败，稍后重试",
    hint_enterprise: "输入 /new 反映问题：选项目、描述问题、选紧急程度后提交，就会收到编号和办理时限。输入 /my 查看办理进度。",
    hint_group: "专班的新问题会发到这里。点问题下的「签收」认领（本窗口以 {name} 的身份发言）。",
    hint_officer: "签收后的问题卡片、临期提醒、催办和领导批示会发到这里。办好后点卡片上的「办结答复」答复企业；输入 /inbox 查看待办。",
    hint_lead: "本专班问题超期时的催办和周报会发到这里。输入 /team 查看本专班办理中的问题，/overdue 查看超期问题。",
    hint_leader: "分管专班的直报、超期催办和每个工作日 08:30 的每日汇总会发到这里。点直报下的「批示」作出批示。",
    hint_principal: "全市的直报和每个工作日 08:30 的每日汇总会发到这里。点直报下的「批示」作出批示；输入 /overview 查看各专班办理情况。",
    hint_office: "直报会同时送到值班室，周报在每周第一个工作日上午送达。输入 /overview 查看各专班办理情况。",
    app: "直报（企业微信应用）",
    updated: "卡片已更新",
    undelivered: "未送达",
    channel_telegram: "Telegram",
    channel_wecom: "企业微信",
    channelLabel: "切换渠道（现在：{channel}）",
    groupReadOnly: "企业微信的应用群聊只收消息：请在个人窗口里签收",
    other: "English",
    otherLang: "en",
  },
  en: {
    title: "Zhibao · playground",
    skip: "Skip to the chats",
    chats: "Chats",
    clock: "Bot time",
    travelHour: "+1 hour",
    travelWorkday: "+1 working day",
    travelDeadline: "To next deadline",
    ahead: "moved ahead",
    days: " d",
    hours: " h",
    issues: "Issues",
    noIssues: "No issues yet",
    clocks: "Clocks",
    clockName: "Clock",
    dueAt: "Due",
    status: "Status",
    timeline: "Timeline",
    nextDue: "next due",
    send: "Send",
    attach: "Attach",
    attachLabel: "Send a file or photo",
    placeholder: "Type a message, Enter sends",
    messageLabel: "Message",
    messages: "Messages",
    keyboard: "Quick replies",
    bot: "Zhibao bot",
    me: "me",
    edited: "edited",
    joined: "joined the group",
    contact: "Contact",
    speaksAs: "speaking as {name}",
    noPersonas: "The bot has no playground personas yet; retrying shortly…",
    offline: "Cannot reach the server; retrying…",
    failed: "Something went wrong: {error}",
    sentFile: "File sent",
    deleted: "Message deleted",
    overdue: "overdue",
    waiting: "Notices waiting",
    waitUntil: "waits until {time} ({reason})",
    waitDue: "going out now",
    reason_quiet_hours: "quiet hours",
    reason_working_hours: "outside working hours",
    reason_muted: "the recipient muted the bot",
    reason_coalesced: "routine notices within ten minutes go as one",
    reason_retry: "a send failed; trying again",
    hint_enterprise: "Type /new to report a problem: pick the project, describe it, say how urgent it is and submit; you get a code and a deadline. /my shows how your issues are going.",
    hint_group: "The task force's new issues are posted here. Press 签收 (claim) under one to take it on (this pane speaks as {name}).",
    hint_officer: "Issues you claimed arrive here as cards, with reminders, overdue notices and leaders' instructions. When it is done, press 办结答复 (answer) on the card; /inbox lists your work.",
    hint_lead: "Overdue notices of the task force's issues and the weekly summary arrive here. /team lists the task force's open issues, /overdue the late ones.",
    hint_leader: "Direct reports (直报) of the task forces you supervise, overdue notices and the 08:30 morning digest on working days arrive here. Press 批示 under a direct report to instruct.",
    hint_principal: "The city's direct reports (直报) and the 08:30 morning digest on working days arrive here. Press 批示 under a direct report to instruct; /overview shows how each task force is doing.",
    hint_office: "Direct reports (直报) are copied to the duty office, and the weekly summary arrives on the week's first working day. /overview shows how each task force is doing.",
    app: "Zhibao (WeCom app)",
    updated: "card updated",
    undelivered: "not delivered",
    channel_telegram: "Telegram",
    channel_wecom: "WeCom",
    channelLabel: "Switch channel (now: {channel})",
    groupReadOnly: "A WeCom app group chat only receives: claim in the officers' own chats",
    other: "中文",
    otherLang: "zh",
  },
};

function readStored() {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

let current = readStored() === "en" ? "en" : "zh";
const listeners = [];

/** The page's language, "zh" or "en". */
export function lang() {
  return current;
}

/** A word of the page in its language, with {name} placeholders filled in. */
export function t(key, values = {}) {
  const text = WORDS[current][key] ?? WORDS.zh[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));
}

/** Whether the page has a word for `key`. */
export function hasWord(key) {
  return key in WORDS.zh;
}

/** A value from the bot: a string, or {"zh": ..., "en": ...} to pick from. */
export function pick(value) {
  if (value === null || value === undefined) return "";
  if (typeof value === "object" && !Array.isArray(value)) {
    return String(value[current] ?? value.zh ?? value.en ?? "");
  }
  return String(value);
}

/** Switch the language, remember it, and tell everyone who listens. */
export function setLang(next) {
  current = next === "en" ? "en" : "zh";
  try {
    window.localStorage.setItem(STORAGE_KEY, current);
  } catch {
    // Storage may be off (private windows); the choice then lasts for this visit.
  }
  for (const listener of listeners) listener(current);
}

/** Call `listener(lang)` after every language switch. */
export function onLangChange(listener) {
  listeners.push(listener);
}

/** Put the page's words into every element marked data-i18n / -placeholder / -label. */
export function applyWords(root = document) {
  document.documentElement.lang = current === "zh" ? "zh-CN" : "en";
  for (const el of root.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll("[data-i18n-placeholder]")) {
    el.placeholder = t(el.dataset.i18nPlaceholder);
  }
  for (const el of root.querySelectorAll("[data-i18n-label]")) {
    el.setAttribute("aria-label", t(el.dataset.i18nLabel));
  }
}

/** "2026-11-23T10:00:00+08:00" → "11-23 10:00" in the time's own zone; other text unchanged. */
export function shortTime(iso) {
  const match = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d)/.exec(String(iso ?? ""));
  return match ? `${match[2]}-${match[3]} ${match[4]}:${match[5]}` : pick(iso);
}
