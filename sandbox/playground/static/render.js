// One chat message as the page shows it: formatted text, media, inline buttons.

import { el, safeUrl } from "./dom.js";
import { t } from "./i18n.js";
import { icon } from "./icons.js";

const TAGS = {
  bold: "strong",
  italic: "em",
  underline: "u",
  strikethrough: "s",
  code: "code",
  blockquote: "blockquote",
  expandable_blockquote: "blockquote",
};

/** Nest entities (UTF-16 offsets, as JS strings count) into a tree, splitting overlaps. */
function nestEntities(text, entities) {
  const queue = (entities ?? [])
    .filter((e) => e && Number(e.length) > 0)
    .map((e) => ({
      start: Math.max(0, Number(e.offset)),
      end: Math.min(text.length, Number(e.offset) + Number(e.length)),
      entity: e,
    }))
    .filter((span) => span.end > span.start);
  const order = (a, b) => a.start - b.start || b.end - a.end;
  queue.sort(order);
  const root = { start: 0, end: text.length, entity: null, children: [] };
  const stack = [root];
  while (queue.length > 0) {
    const span = queue.shift();
    while (stack.length > 1 && span.start >= stack[stack.length - 1].end) stack.pop();
    const parent = stack[stack.length - 1];
    if (span.end > parent.end) {
      queue.push({ ...span, start: parent.end });
      queue.sort(order);
      span.end = parent.end;
    }
    const node = { ...span, children: [] };
    parent.children.push(node);
    stack.push(node);
  }
  return root;
}

function wrap(entity, inner, text) {
  const type = entity.type;
  if (TAGS[type]) return el(TAGS[type], { className: `e-${type}` }, inner);
  if (type === "pre") {
    return el("pre", { "data-language": entity.language }, el("code", {}, inner));
  }
  const target = {
    text_link: entity.url,
    url: text,
    email: `mailto:${text}`,
    phone_number: `tel:${text}`,
  }[type];
  const href = target === undefined ? null : safeUrl(target);
  if (href !== null) {
    return el("a", { href, target: "_blank", rel: "noopener noreferrer" }, inner);
  }
  return el("span", { className: `e-${type}` }, inner);
}

function renderNode(node, text) {
  const fragment = document.createDocumentFragment();
  let at = node.start;
  for (const child of node.children) {
    if (child.start > at) fragment.append(text.slice(at, child.start));
    fragment.append(wrap(child.entity, renderNode(child, text), text.slice(child.start, child.end)));
    at = child.end;
  }
  if (node.end > at) fragment.append(text.slice(at, node.end));
  return fragment;
}

/** Text with Telegram's entities as DOM nodes; every character stays text, never HTML. */
export function formatText(text, entities) {
  const plain = String(text ?? "");
  return renderNode(nestEntities(plain, entities), plain);
}

function inlineKeyboard(message, onPress) {
  const rows = message.reply_markup?.inline_keyboard;
  if (!Array.isArray(rows) || rows.length === 0) return null;
  const box = el("div", { className: "inline-kb", role: "group" });
  for (const row of rows) {
    const line = el("div", { className: "kb-row" });
    for (const button of row) {
      const label = String(button.text ?? "");
      const href = button.url ? safeUrl(button.url) : null;
      if (href !== null) {
        line.append(el("a", { className: "kb-button", href, target: "_blank",
          rel: "noopener noreferrer", "data-testid": "button" }, label));
        continue;
      }
      const data = button.callback_data;
      const pressable = typeof data === "string";
      const node = el("button", { type: "button", className: "kb-button",
        "data-testid": "button", "data-callback": data, disabled: !pressable }, label);
      if (pressable) node.addEventListener("click", () => onPress(message, button, node));
      line.append(node);
    }
    box.append(line);
  }
  return box;
}

function media(message) {
  const parts = [];
  if (Array.isArray(message.photo) && message.photo.length > 0) {
    const small = message.photo[0];
    const large = message.photo[message.photo.length - 1];
    const image = el("img", { src: `/files/${encodeURIComponent(small.file_id)}`,
      alt: message.caption ?? "photo", loading: "lazy" });
    parts.push(el("a", { className: "photo", "data-testid": "photo", target: "_blank",
      href: `/files/${encodeURIComponent(large.file_id)}` }, image));
  }
  if (message.document) {
    const doc = message.document;
    const name = String(doc.file_name ?? "file");
    const size = doc.file_size ? ` · ${Math.max(1, Math.round(doc.file_size / 1024))} KB` : "";
    parts.push(el("a", { className: "document", "data-testid": "document", download: name,
      href: `/files/${encodeURIComponent(doc.file_id)}` }, icon("file"), ` ${name}${size}`));
  }
  if (message.contact) {
    const c = message.contact;
    parts.push(el("p", { className: "contact", "data-testid": "contact" },
      icon("contact"),
      ` ${t("contact")}: ${c.first_name ?? ""} ${c.last_name ?? ""} ${c.phone_number ?? ""}`));
  }
  return parts;
}

const CITY_TIME = new Intl.DateTimeFormat("zh-CN", {
  timeZone: "Asia/Shanghai", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
});

/** A message's Unix date as HH:MM in the city's time, whatever the browser's zone. */
function clockTime(unix) {
  return CITY_TIME.format(new Date(Number(unix) * 1000));
}

/** A message as a list item: `ctx` has selfId, nameOf(id) and onPress(message, button, node). */
export function renderMessage(message, ctx) {
  const side = message.outgoing ? "bot" : message.from_id === ctx.selfId ? "me" : "other";
  const item = el("li", { className: `msg msg-${side}`, "data-testid": "message",
    "data-message-id": message.message_id, "data-from": side });
  if (message.deleted) {
    item.hidden = true;
    return item;
  }
  if (message.new_chat_members) {
    const names = message.new_chat_members.map((id) => ctx.nameOf(id)).join(", ");
    item.className = "msg msg-system";
    item.append(`${names} ${t("joined")}`);
    return item;
  }
  const sender = side === "bot" ? t("bot") : side === "me" ? t("me") : ctx.nameOf(message.from_id);
  const meta = [sender, clockTime(message.date)];
  if (message.edit_date) meta.push(t("edited"));
  item.append(el("div", { className: "meta" }, meta.join(" · ")));
  item.append(...media(message));
  const body = message.text ?? message.caption;
  if (body) {
    const text = el("div", { className: "text", "data-testid": "message-text" });
    text.append(formatText(body, message.text !== undefined ? message.entities : []));
    item.append(text);
  }
  const keyboard = inlineKeyboard(message, ctx.onPress);
  if (keyboard) item.append(keyboard);
  return item;
}
