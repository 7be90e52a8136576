import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { validateUpdate } from './validateUpdate'

/** Every update a doc emitted while `edit` ran, and its whole state after. */
function updatesOf(edit: (doc: Y.Doc) => void): { updates: Uint8Array[]; state: Uint8Array } {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  edit(doc)
  return { updates, state: Y.encodeStateAsUpdate(doc) }
}

describe('validateUpdate', () => {
  it('accepts what real documents emit: rich text, marks, tables, deletions, maps and arrays', () => {
    const { updates, state } = updatesOf((doc) => {
      const fragment = doc.getXmlFragment('default')
      const heading = new Y.XmlElement('heading')
      heading.setAttribute('level', '2')
      const text = new Y.XmlText()
      heading.insert(0, [text])
      fragment.insert(0, [heading])
      text.insert(0, 'Incident log ☃ 🕐')
      text.format(0, 8, { bold: {} })
      text.delete(2, 3)
      doc.getMap('meta').set('owner', { name: 'soc', n: 1.5, tags: ['a', null, true] })
      doc.getArray('list').insert(0, [1, 'two', new Uint8Array([3])])
      doc.getText('plain').insert(0, 'x')
    })
    for (const update of [...updates, state]) {
      const checked = validateUpdate(update)
      expect(checked.ok, checked.ok ? '' : checked.reason).toBe(true)
    }
    const summary = validateUpdate(state)
    expect(summary.ok && [...summary.summary.rootTypes].sort()).toEqual([
      'default',
      'list',
      'meta',
      'plain',
    ])
  })

  it('accepts every update of random typing and deleting', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(40), fc.string(), fc.nat(5)), { maxLength: 30 }),
        (edits) => {
          const { updates, state } = updatesOf((doc) => {
            const text = doc.getText('t')
            for (const [at, insert, remove] of edits) {
              const position = Math.min(at, text.length)
              if (insert) text.insert(position, insert)
              text.delete(Math.min(position, text.length), Math.min(remove, text.length - position))
            }
          })
          return [...updates, state].every((update) => validateUpdate(update).ok)
        },
      ),
    )
  })

  it('says an empty sync step 2 is empty', () => {
    const checked = validateUpdate(Y.encodeStateAsUpdate(new Y.Doc()))
    expect(checked.ok && checked.summary.empty).toBe(true)
  })

  it('refuses crafted counts at once, without allocating or looping (yjs #479, #687)', () => {
    for (const hex of [
      '', // empty: lib0 used to loop on it
      'ffffffff0f0100', // 2^32 clients
      '01ffffffff0f01000000', // 2^32 structs for one client
      '0101010001ffffffffffff3f00', // a GC struct of length 2^52
      '010101000800ffffffff0f', // an any-content item of 2^32 values
      '0101010004ffffffff0f', // a string longer than the update
      '01010100090161', // a subdocument
    ]) {
      const checked = validateUpdate(new Uint8Array(Buffer.from(hex, 'hex')))
      expect(checked.ok, hex).toBe(false)
    }
  })

  it('refuses random bytes without throwing', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const checked = validateUpdate(bytes)
        return typeof checked.ok === 'boolean'
      }),
    )
  })

  it('refuses trailing bytes after a valid update', () => {
    const { state } = updatesOf((doc) => doc.getText('t').insert(0, 'hi'))
    const padded = new Uint8Array([...state, 0])
    expect(validateUpdate(padded).ok).toBe(false)
  })
})
