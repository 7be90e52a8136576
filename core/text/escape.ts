/** Text made literal for the formats Holdover writes: HTML (and SVG) and Markdown. */

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Text safe inside an HTML or SVG element or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]!)
}

/** Text that Markdown shows as written: every character that could start markup escaped. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|~#&]/g, (c) => `\\${c}`)
}

/** Text for one cell of a Markdown table: escaped, on one line. */
export function markdownCell(text: string): string {
  return escapeMarkdown(text).replace(/\s*\n\s*/g, ' ')
}
