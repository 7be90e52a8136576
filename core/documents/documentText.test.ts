import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { documentText } from './documentText'
import { seedNotebook } from './seedNotebook'

const TEMPLATE = `# Incident log

| Time (T+) | Source | Observation |
| --- | --- | --- |
| 00:10 | SIEM | ntp1 **+212 ms** |

- [ ] Check ntp2
- [x] Call OT
  - Nested note

1. First\\
   second line

> Quoted
`

describe('documentText', () => {
  it('reads the notebook: blocks on lines, cells by tabs, list items on their own lines', () => {
    const doc = new Y.Doc()
    seedNotebook(doc, TEMPLATE)
    expect(documentText(doc)).toBe(
      [
        'Incident log',
        'Time (T+)\tSource\tObservation',
        '00:10\tSIEM\tntp1 +212 ms',
        '[ ] Check ntp2',
        '[x] Call OT',
        'Nested note',
        'First\nsecond line',
        'Quoted',
      ].join('\n'),
    )
  })

  it('reads every other shared type after the notebook, by name', () => {
    const doc = new Y.Doc()
    doc.getText('title').insert(0, 'Exercise BLACKOUT')
    const meta = doc.getMap('meta')
    meta.set('status', 'open')
    meta.set('attempts', 3)
    seedNotebook(doc, '# Notes')
    expect(documentText(doc)).toBe('Notes\nattempts: 3\nstatus: open\nExercise BLACKOUT')
  })

  it('reads roots that arrived only as a remote update, without asking for them by type', () => {
    const source = new Y.Doc()
    seedNotebook(source, '# Log\n\nFirst entry')
    source.getText('summary').insert(0, 'GNSS jammed near the port')
    source.getMap('owners').set('ntp1', { name: 'Ana', shift: 2 })
    source.getArray('tags').push(['gnss', 7])
    source.getXmlFragment('extra').insert(0, [paragraphOf('one'), paragraphOf('two')])

    const remote = new Y.Doc()
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(source))
    // Nothing here has asked for any root by its type: they are bare.
    expect([...remote.share.values()].every((type) => type.constructor === Y.AbstractType)).toBe(
      true,
    )
    expect(documentText(remote)).toBe(
      [
        'Log',
        'First entry',
        'one',
        'two',
        'ntp1: {"name":"Ana","shift":2}',
        'GNSS jammed near the port',
        'gnss',
        '7',
      ].join('\n'),
    )
    expect(documentText(remote)).toBe(documentText(source))
    // Reading did not create or retype anything.
    expect([...remote.share.values()].every((type) => type.constructor === Y.AbstractType)).toBe(
      true,
    )
  })

  it('is empty for an empty document, and leaves it empty', () => {
    const doc = new Y.Doc()
    expect(documentText(doc)).toBe('')
    expect(doc.share.size).toBe(0)
  })
})

function paragraphOf(text: string): Y.XmlElement {
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [new Y.XmlText(text)])
  return paragraph
}
