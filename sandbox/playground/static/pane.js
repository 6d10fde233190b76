// One chat pane: a person's (or the task force group's) chat with the bot, on Telegram via
// /control/ or on WeCom via /wecom/ (wecom.js), with a toggle between them when both run.

import { call, el, query, readBase64 } from "./dom.js";
import { t } from "./i18n.js";
import { icon } from "./icons.js";
import { renderMessage } from "./render.js";
import { renderWeCom, WeComLink } from "./wecom.js";

const PHOTO_TYPES = ["image/jpeg", "image/png", "image/gif", "image/webp"];
const ANSWER_TRIES = 15;
const ANSWER_PAUSE_MS = 200;
const STATUS_MS = 6000;

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A phone number for the contact button: the persona's own, else one made from its user id. */
function phoneOf(spec) {
  return spec.phone ?? `+86138${String(spec.userId % 100000000).padStart(8, "0")}`;
}

/** The texts of a reply keyboard's buttons. */
function labelsOf(markup) {
  return markup.keyboard.flat().map((b) => (typeof b === "string" ? b : String(b.text)));
}

export class Pane {
  /** spec: {key, title(), subtitle(), userId, chatId, phone?, channel, switchable,
   * wecomUserid?, wecomChatid?}; nameOf(id) names a sender. */
  constructor(spec, nameOf) {
    this.spec = spec;
    this.nameOf = nameOf;
    this.channel = spec.channel ?? "telegram";
    this.wecom = new WeComLink(spec.wecomUserid, spec.wecomChatid ?? null);
    this.items = new Map();
    this.dismissed = null;
    this.polling = false;
    this.element = this.build();
  }

  build() {
    const key = this.spec.key;
    this.heading = el("h2", { id: `title-${key}` });
    this.subtitle = el("p", { className: "who" });
    // What this chat is for and what to do in it, above its first message (as Telegram
    // shows a bot's description in an empty chat); it scrolls away as messages come.
    this.hint = el("li", { className: "hint", "data-testid": `hint-${key}`,
      hidden: !this.spec.hint });
    this.list = el("ol", { className: "messages", "data-testid": `messages-${key}`,
      "aria-live": "polite", "aria-relevant": "additions text", tabindex: "0" }, this.hint);
    this.keyboard = el("div", { className: "reply-kb", "data-testid": `keyboard-${key}`,
      role: "group", hidden: true });
    this.status = el("p", { className: "status", role: "status", "data-testid": `status-${key}` });
    this.input = el("input", { id: `input-${key}`, type: "text", autocomplete: "off",
      "data-testid": `input-${key}` });
    this.inputLabel = el("label", { for: `input-${key}`, className: "visually-hidden" });
    this.file = el("input", { type: "file", hidden: true, tabindex: "-1",
      "data-testid": `file-${key}` });
    this.attach = el("button", { type: "button", className: "attach",
      "data-testid": `attach-${key}` }, icon("attach"));
    this.send = el("button", { type: "submit", "data-testid": `send-${key}` });
    // Which channel the persona is on; pressing it moves them to the other one.
    this.toggle = el("button", { type: "button", className: "channel",
      "data-testid": `channel-${key}`, hidden: !this.spec.switchable });
    this.toggle.addEventListener("click", () => this.switchChannel());
    this.form = el("form", { className: "composer", "data-testid": `form-${key}` },
      this.inputLabel, this.input, this.attach, this.file, this.send);
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.sendText(this.input.value, true);
    });
    this.attach.addEventListener("click", () => this.file.click());
    this.file.addEventListener("change", () => this.sendFile());
    const pane = el("section", { className: "pane", "data-testid": `pane-${key}`,
      "aria-labelledby": `title-${key}` },
      el("header", {}, this.heading, this.subtitle, this.toggle), this.list, this.keyboard,
      this.status, this.form);
    this.element = pane;
    this.relabel();
    return pane;
  }

  /** Put the pane's words in the page's language. */
  relabel() {
    this.heading.textContent = this.spec.title();
    this.subtitle.textContent = this.spec.subtitle();
    if (this.spec.hint) this.hint.textContent = this.spec.hint();
    this.list.setAttribute("aria-label", `${t("messages")}: ${this.spec.title()}`);
    this.keyboard.setAttribute("aria-label", t("keyboard"));
    this.inputLabel.textContent = `${t("messageLabel")} (${this.spec.title()})`;
    this.input.placeholder = t("placeholder");
    this.attach.setAttribute("aria-label", t("attachLabel"));
    this.attach.title = t("attachLabel");
    this.send.textContent = t("send");
    this.element.dataset.channel = this.channel;
    this.toggle.dataset.channel = this.channel;
    this.toggle.textContent = t(`channel_${this.channel}`);
    this.toggle.setAttribute("aria-label", t("channelLabel", { channel: this.toggle.textContent }));
    // An app group chat on WeCom takes no members' messages: the group pane only reads there.
    const readOnly = this.channel === "wecom" && Boolean(this.spec.wecomChatid);
    for (const node of [this.input, this.attach, this.send]) node.disabled = readOnly;
    if (readOnly) this.input.placeholder = t("groupReadOnly");
  }

  /** Move the persona to the other channel, and show that channel's chat. */
  async switchChannel() {
    const next = this.channel === "wecom" ? "telegram" : "wecom";
    this.toggle.disabled = true;
    try {
      const shown = await call("/api/channel", { key: this.spec.key, channel: next });
      this.channel = shown.channel;
      for (const item of this.items.values()) item.node.remove();
      this.items.clear();
      this.keyboard.hidden = true;
      this.relabel();
      await this.poll();
    } catch (error) {
      this.say(t("failed", { error: error.message }));
    } finally {
      this.toggle.disabled = false;
    }
  }

  /** Draw every message again at the next poll (after senders' names became known). */
  redraw() {
    for (const item of this.items.values()) item.sig = null;
  }

  /** Fetch the chat's history and show what is new or changed. */
  async poll() {
    if (this.polling) return;
    this.polling = true;
    try {
      if (this.channel === "wecom") this.apply(await this.wecom.fetch(), "wecom");
      else this.apply(await call(query("/control/history", { chat_id: this.spec.chatId })));
    } finally {
      this.polling = false;
    }
  }

  apply(messages, channel = "telegram") {
    const atBottom = this.list.scrollHeight - this.list.scrollTop - this.list.clientHeight < 60;
    let changed = false;
    let appended = false;
    if (channel !== this.channel) return; // fetched before a switch
    for (const message of messages) {
      const sig = JSON.stringify(message);
      const id = channel === "wecom" ? message.id : message.message_id;
      const known = this.items.get(id);
      if (known && known.sig === sig) continue;
      const node = channel === "wecom"
        ? renderWeCom(message, (m, button, target) => this.click(m, button, target))
        : renderMessage(message, { selfId: this.spec.userId, nameOf: this.nameOf,
          onPress: (m, button, target) => this.press(m, button, target) });
      if (known) {
        const hadFocus = known.node.contains(document.activeElement);
        known.node.replaceWith(node);
        if (hadFocus) {
          node.tabIndex = -1;
          node.focus();
        }
      } else {
        this.list.append(node);
        appended = true;
      }
      this.items.set(id, { sig, node, message });
      changed = true;
    }
    if (changed && channel === "telegram") this.showKeyboard();
    if (appended && atBottom) this.list.scrollTop = this.list.scrollHeight;
  }

  /** The reply keyboard of the bot's latest message that set or removed one. */
  showKeyboard() {
    let markup = null;
    let source = null;
    for (const { message } of this.items.values()) {
      const rm = message.outgoing ? message.reply_markup : null;
      if (rm && Array.isArray(rm.keyboard)) [markup, source] = [rm, message.message_id];
      else if (rm && rm.remove_keyboard) [markup, source] = [null, message.message_id];
      // A one-time keyboard closes once its person has used it, as Telegram's apps do.
      else if (markup?.one_time_keyboard && message.from_id === this.spec.userId) {
        if (message.contact || labelsOf(markup).includes(message.text)) markup = null;
      }
    }
    if (source !== null && source === this.dismissed) markup = null;
    this.keyboard.replaceChildren();
    this.keyboard.hidden = markup === null;
    if (markup === null) return;
    for (const row of markup.keyboard) {
      const line = el("div", { className: "kb-row" });
      for (const raw of row) {
        const button = typeof raw === "string" ? { text: raw } : raw;
        const contact = Boolean(button.request_contact);
        const node = el("button", { type: "button", className: contact ? "kb-contact" : "kb-reply",
          "data-testid": contact ? "share-contact" : "reply-button" },
          ...(contact ? [icon("phone"), ` ${button.text}`] : [String(button.text)]));
        node.addEventListener("click", () => {
          if (markup.one_time_keyboard) {
            this.dismissed = source;
            this.showKeyboard();
          }
          if (contact) this.shareContact();
          else this.sendText(String(button.text), false);
        });
        line.append(node);
      }
      this.keyboard.append(line);
    }
  }

  say(text) {
    this.status.textContent = text;
    clearTimeout(this.statusTimer);
    this.statusTimer = setTimeout(() => { this.status.textContent = ""; }, STATUS_MS);
  }

  async act(work) {
    try {
      await work();
      await this.poll();
    } catch (error) {
      this.say(t("failed", { error: error.message }));
    }
  }

  sendText(text, fromInput) {
    const trimmed = text.trim();
    if (trimmed === "") return;
    const { userId, chatId } = this.spec;
    this.act(async () => {
      if (this.channel === "wecom") await this.wecom.sendText(trimmed);
      else await call("/control/messages", { user_id: userId, chat_id: chatId, text: trimmed });
      if (fromInput) this.input.value = "";
    });
  }

  shareContact() {
    const phone = phoneOf(this.spec);
    this.act(() => call("/control/contacts", { user_id: this.spec.userId, phone_number: phone }));
  }

  sendFile() {
    const file = this.file.files?.[0];
    if (!file) return;
    const caption = this.input.value.trim() || undefined;
    this.act(async () => {
      const body = { user_id: this.spec.userId, chat_id: this.spec.chatId, caption,
        data_base64: await readBase64(file) };
      if (this.channel === "wecom") {
        await this.wecom.sendFile(file, caption);
      } else if (PHOTO_TYPES.includes(file.type)) {
        await call("/control/photos", body);
      } else {
        await call("/control/documents", { ...body, file_name: file.name,
          mime_type: file.type || undefined });
      }
      this.file.value = "";
      if (caption) this.input.value = "";
      this.say(t("sentFile"));
    });
  }

  press(message, button, node) {
    node.disabled = true;
    this.act(async () => {
      try {
        const pressed = await call("/control/presses", { chat_id: message.chat_id,
          message_id: message.message_id, data: button.callback_data, user_id: this.spec.userId });
        this.awaitAnswer(pressed.callback_query_id);
      } finally {
        node.disabled = false;
      }
    });
  }

  /** Click a WeCom card's button: the app answers by updating the card, not with a toast. */
  click(entry, button, node) {
    node.disabled = true;
    this.act(() => this.wecom.press(entry, button).finally(() => { node.disabled = false; }));
  }

  /** Show the bot's answer to a button press (a toast on Telegram), if it has text. */
  async awaitAnswer(queryId) {
    for (let i = 0; i < ANSWER_TRIES; i += 1) {
      await pause(ANSWER_PAUSE_MS);
      let found = null;
      try {
        found = await call(query("/control/callback_answer", { callback_query_id: queryId }));
      } catch {
        return;
      }
      if (found) {
        if (found.text) this.say(String(found.text));
        return;
      }
    }
  }
}
