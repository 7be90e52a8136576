/** Keyboard shortcuts as Tiptap names them (`Mod-Shift-s`), written for people and for ARIA. */

/** Whether this browser runs on an Apple system, where Mod is the Command key. */
export function isApplePlatform(platform: string): boolean {
  return /mac|iphone|ipad|ipod/i.test(platform)
}

function parts(shortcut: string): { modifiers: string[]; key: string } {
  const pieces = shortcut.split('-')
  const key = pieces.pop() ?? ''
  return { modifiers: pieces, key: key.length === 1 ? key.toUpperCase() : key }
}

/** `Ctrl+Shift+S` (or `Cmd+Shift+S` on Apple systems), for a button's title. */
export function shortcutText(shortcut: string, apple: boolean): string {
  const { modifiers, key } = parts(shortcut)
  const names = modifiers.map((modifier) =>
    modifier === 'Mod'
      ? apple
        ? 'Cmd'
        : 'Ctrl'
      : modifier === 'Alt' && apple
        ? 'Option'
        : modifier,
  )
  return [...names, key].join('+')
}

/** `Control+Shift+S` (or `Meta+Shift+S`), the value of `aria-keyshortcuts`. */
export function ariaShortcut(shortcut: string, apple: boolean): string {
  const { modifiers, key } = parts(shortcut)
  const names = modifiers.map((modifier) =>
    modifier === 'Mod' ? (apple ? 'Meta' : 'Control') : modifier,
  )
  return [...names, key].join('+')
}
