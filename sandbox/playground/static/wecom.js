// A pane's chat on WeCom: the member's chat with the app through the WeCom emulator, drawn as
// WeCom's client draws it. Texts, markdown, pictures, files, and template cards of the kind
// button_interaction: main title, sub-title, the key/value lines, and the buttons, or (once the
// app updated the card after a click) the grey label that replaced them.
//
// data-testid, besides those of app.js (message, message-text, button):
//   wecom-card            a card (data-task-id; data-updated when the app updated it)
//   card-title / card-subtitle / card-line   its main title, sub-title, one key/value line
//   card-replaced         the grey label that replaced its buttons

import { call, el, query, readBase64 } from "./dom.js";
import { t } from "./i18n.js";
import { icon } from "./icons.js";

const PHOTO_TYPES = ["image/jpeg", "image/png", "image/gif", "image/webp"];

const CITY_TIME = new Intl.DateTimeFormat("zh-CN", {
  timeZone: "Asia/Shanghai", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
});

/** WeCom's markdown subset as text: the marks dropped, every character kept as text. */
function markdownText(source) {
  return String(source ?? "")
    .replace(/<font[^>]*>|<\/font>/g, "")
    .replace(/\*\*([^*]+)\*\*/g, "$1")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/^#{1,6}\s*/gm, "")
    .replace(/^>\s?/gm, "");
}

function card(entry, onPress) {
  const body = entry.template_card ?? {};
  const box = el("div", { className: "wecom-card", "data-testid": "wecom-card",
    "data-task-id": entry.task_id, "data-updated": entry.updates > 0 ? "true" : null });
  const text = el("div", { className: "text", "data-testid": "message-text" });
  text.append(el("p", { className: "card-title", "data-testid": "card-title" },
    String(body.main_title?.title ?? "")));
  if (body.main_title?.desc) text.append(el("p", { className: "card-desc" }, body.main_title.desc));
  if (body.sub_title_text) {
    text.append(el("p", { className: "card-sub", "data-testid": "card-subtitle" },
      String(body.sub_title_text)));
  }
  for (const line of body.horizontal_content_list ?? []) {
    text.append(el("p", { className: "card-line", "data-testid": "card-line" },
      el("span", { className: "card-key" }, `${String(line.keyname ?? "")}：`),
      String(line.value ?? "")));
  }
  box.append(text);
  if (entry.replaced_name) {
    box.append(el("p", { className: "card-replaced", "data-testid": "card-replaced" },
      String(entry.replaced_name)));
    return box;
  }
  const buttons = el("div", { className: "card-buttons", role: "group" });
  for (const button of body.button_list ?? []) {
    const node = el("button", { type: "button", className: "kb-button",
      "data-testid": "button", "data-key": button.key }, String(button.text ?? ""));
    node.addEventListener("click", () => onPress(entry, button, node));
    buttons.append(node);
  }
  box.append(buttons);
  return box;
}

function medium(entry) {
  const href = `/wecom/media/${encodeURIComponent(String(entry.media_id ?? ""))}`;
  if (entry.msgtype === "image") {
    return el("a", { className: "photo", "data-testid": "photo", target: "_blank", href },
      el("img", { src: href, alt: entry.name ?? "image", loading: "lazy" }));
  }
  const name = String(entry.name ?? "file");
  return el("a", { className: "document", "data-testid": "document", download: name, href },
    icon("file"), ` ${name}`);
}

/** One entry of /wecom/chat as a list item; `onPress(entry, button, node)` clicks a button. */
export function renderWeCom(entry, onPress) {
  const side = entry.from === "me" ? "me" : "bot";
  const item = el("li", { className: `msg msg-${side} msg-wecom`, "data-testid": "message",
    "data-message-id": entry.id, "data-from": side, "data-msgtype": entry.msgtype });
  const meta = [side === "bot" ? t("app") : t("me"), CITY_TIME.format(new Date(entry.at * 1000))];
  if (entry.updates > 0) meta.push(t("updated"));
  if (entry.outcome === "failed") meta.push(t("undelivered"));
  item.append(el("div", { className: "meta" }, meta.join(" · ")));
  if (entry.msgtype === "template_card") {
    item.append(card(entry, onPress));
  } else if (entry.msgtype === "image" || entry.msgtype === "file") {
    item.append(medium(entry));
  } else {
    const words = entry.msgtype === "markdown" ? markdownText(entry.markdown) : entry.text;
    item.append(el("div", { className: "text", "data-testid": "message-text" }, String(words ?? "")));
  }
  return item;
}

/** What a pane on WeCom asks of the emulator, as the member `userid` (or a group `chatid`). */
export class WeComLink {
  constructor(userid, chatid = null) {
    this.userid = userid;
    this.chatid = chatid;
  }

  fetch() {
    const params = this.chatid ? { chatid: this.chatid } : { userid: this.userid };
    return call(query("/wecom/chat", params));
  }

  sendText(text) {
    return call("/wecom/control/messages", { userid: this.userid, text, wait: 5 });
  }

  /** A picture or file; a WeCom message has no caption, so the words go after it. */
  async sendFile(file, caption) {
    const body = { userid: this.userid, file_name: file.name, data_base64: await readBase64(file),
      wait: 5 };
    const kind = PHOTO_TYPES.includes(file.type) ? "images" : "files";
    await call(`/wecom/control/${kind}`, body);
    if (caption) await this.sendText(caption);
  }

  press(entry, button) {
    return call("/wecom/control/clicks",
      { userid: this.userid, task_id: entry.task_id, key: button.key, wait: 5 });
  }
}
