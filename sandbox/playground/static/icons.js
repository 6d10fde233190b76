// Small line icons drawn as inline SVG, so no emoji font is needed to show them (a browser
// without one would draw a missing-glyph box for 📎). They are decorative: the control that
// holds one carries the words (aria-label, title or text).

const SVG = "http://www.w3.org/2000/svg";

const PATHS = {
  // A paper clip: the attach button.
  attach: ["M10 9v7a2 2 0 0 0 4 0V6a3.5 3.5 0 0 0-7 0v11a5 5 0 0 0 10 0V8"],
  // A handset's outline with its earpiece: the contact-sharing button.
  phone: ["M8 2.5h8a1.5 1.5 0 0 1 1.5 1.5v16a1.5 1.5 0 0 1-1.5 1.5H8A1.5 1.5 0 0 1 6.5 20V4A1.5 1.5 0 0 1 8 2.5z",
    "M11 18.5h2"],
  // A sheet with a folded corner: a document.
  file: ["M6 2.5h8l4 4v15H6z", "M14 2.5v4h4", "M9 12h6M9 15.5h6"],
  // A card with a head and shoulders: a shared contact.
  contact: ["M3.5 5h17v14h-17z", "M9 11.5a2 2 0 1 0 0-4 2 2 0 0 0 0 4z", "M5.5 16.5a3.5 3.5 0 0 1 7 0",
    "M14.5 9.5h3.5M14.5 13h3.5"],
};

/** An inline SVG icon (one of attach, phone, file, contact), hidden from screen readers. */
export function icon(name) {
  const svg = document.createElementNS(SVG, "svg");
  for (const [attribute, value] of Object.entries({ viewBox: "0 0 24 24", width: "18",
    height: "18", fill: "none", stroke: "currentColor", "stroke-width": "1.8",
    "stroke-linecap": "round", "stroke-linejoin": "round", "aria-hidden": "true",
    focusable: "false", class: `icon icon-${name}`, "data-icon": name })) {
    svg.setAttribute(attribute, value);
  }
  for (const d of PATHS[name]) {
    const path = document.createElementNS(SVG, "path");
    path.setAttribute("d", d);
    svg.append(path);
  }
  return svg;
}
