import { readFileSync } from 'node:fs'
import { expect, it } from 'vitest'
import { renderProtocolDoc } from '../cli/protocolDoc'

it('docs/protocol.md is what the code speaks (regenerate with npm run docs:protocol)', () => {
  expect(readFileSync('docs/protocol.md', 'utf8')).toBe(renderProtocolDoc())
})
