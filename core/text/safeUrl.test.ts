import { describe, expect, it } from 'vitest'
import { safeExternalUrl } from './safeUrl'

describe('safeExternalUrl', () => {
  it('keeps absolute web and mail addresses', () => {
    expect(safeExternalUrl(' https://example.org/report ')).toBe('https://example.org/report')
    expect(safeExternalUrl('http://example.org')).toBe('http://example.org/')
    expect(safeExternalUrl('mailto:soc@example.org')).toBe('mailto:soc@example.org')
  })

  it('refuses scripts, data and anything that is not an absolute URL', () => {
    expect(safeExternalUrl('javascript:alert(1)')).toBeNull()
    expect(safeExternalUrl('JavaScript:alert(1)')).toBeNull()
    expect(safeExternalUrl('data:text/html,<script>1</script>')).toBeNull()
    expect(safeExternalUrl('/api/exercises')).toBeNull()
    expect(safeExternalUrl('see the wiki')).toBeNull()
  })
})
