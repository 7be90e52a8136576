/** Arrow-key movement in a row of controls (WAI-ARIA toolbar and tabs): where a key moves focus. */

/** The index `key` moves to from `index` among `count` items (wrapping), or null for other keys. */
export function rovingIndex(key: string, index: number, count: number): number | null {
  switch (key) {
    case 'ArrowRight':
      return (index + 1) % count
    case 'ArrowLeft':
      return (index + count - 1) % count
    case 'Home':
      return 0
    case 'End':
      return count - 1
    default:
      return null
  }
}
