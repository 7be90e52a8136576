/** Which addresses from a scenario or a notebook may become links. */

const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:'])

/**
 * The address, normalised, when `text` is an absolute http, https or mailto URL; null otherwise
 * (javascript:, data:, relative paths, anything unparsable), so it is shown as text instead.
 */
export function safeExternalUrl(text: string): string | null {
  try {
    const url = new URL(text.trim())
    return SAFE_PROTOCOLS.has(url.protocol) ? url.href : null
  } catch {
    return null
  }
}
