import { describe, expect, it } from 'vitest'
import { ariaShortcut, isApplePlatform, shortcutText } from './shortcuts'

describe('shortcuts', () => {
  it('writes Mod as Ctrl, or Cmd on Apple systems', () => {
    expect(shortcutText('Mod-Shift-s', false)).toBe('Ctrl+Shift+S')
    expect(shortcutText('Mod-Alt-1', true)).toBe('Cmd+Option+1')
    expect(shortcutText('Mod-z', true)).toBe('Cmd+Z')
  })

  it('names the keys as aria-keyshortcuts wants them', () => {
    expect(ariaShortcut('Mod-Shift-8', false)).toBe('Control+Shift+8')
    expect(ariaShortcut('Mod-k', true)).toBe('Meta+K')
  })

  it('recognises Apple platforms', () => {
    expect(isApplePlatform('MacIntel')).toBe(true)
    expect(isApplePlatform('iPhone')).toBe(true)
    expect(isApplePlatform('Linux x86_64')).toBe(false)
    expect(isApplePlatform('Win32')).toBe(false)
  })
})
