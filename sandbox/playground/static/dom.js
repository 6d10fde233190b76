// Small helpers: build elements without ever parsing untrusted text as HTML, and call the server.

/** An element with attributes (data-* and aria-* included) and children (strings become text). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "className") node.className = value;
    else if (name === "text") node.textContent = value;
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

/** A link only for web, mail and phone URLs; anything else (javascript:, data:) is refused. */
export function safeUrl(url) {
  try {
    const parsed = new URL(String(url), window.location.href);
    return ["http:", "https:", "mailto:", "tel:", "tg:"].includes(parsed.protocol)
      ? parsed.href
      : null;
  } catch {
    return null;
  }
}

/** An error that carries the server's JSON error text. */
export class ServerError extends Error {}

/** Call the server with JSON and unwrap {"ok": true, "result": ...}; throws ServerError. */
export async function call(path, body) {
  const options = body === undefined
    ? { headers: { Accept: "application/json" } }
    : {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify(body),
      };
  let response;
  try {
    response = await fetch(path, options);
  } catch (error) {
    throw new ServerError(`offline: ${error.message}`);
  }
  let answer = null;
  try {
    answer = await response.json();
  } catch {
    throw new ServerError(`HTTP ${response.status}`);
  }
  if (!response.ok || !answer || answer.ok !== true) {
    throw new ServerError(String(answer?.error ?? `HTTP ${response.status}`));
  }
  return answer.result;
}

/** A query string for a GET control call. */
export function query(path, params) {
  return `${path}?${new URLSearchParams(params).toString()}`;
}

/** The bytes of a picked file as base64, for the control API's data_base64. */
export function readBase64(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}
