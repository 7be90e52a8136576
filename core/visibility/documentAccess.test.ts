import { describe, expect, it } from 'vitest'
import { parseDocumentName } from '../documents/documentName'
import { FACILITATOR } from '../protocol/viewer'
import { documentAccess } from './documentAccess'

const teams = ['red', 'soc', 'ot']
const member = (teamId: string, side: 'red' | 'blue' | 'observer') =>
  ({ role: 'participant', participantId: `p-${teamId}`, teamId, side }) as const

describe('documentAccess', () => {
  it("opens a team's notebook to its members and the white cell only", () => {
    const soc = parseDocumentName('notebook:soc')!
    expect(documentAccess(member('soc', 'blue'), soc, teams)).toBe('write')
    expect(documentAccess(FACILITATOR, soc, teams)).toBe('write')
    expect(documentAccess(member('red', 'red'), soc, teams)).toBe('none')
    expect(documentAccess(member('ot', 'blue'), soc, teams)).toBe('none')
  })

  it("keeps red's notebook from every blue team", () => {
    const red = parseDocumentName('notebook:red')!
    expect(documentAccess(member('red', 'red'), red, teams)).toBe('write')
    expect(documentAccess(member('soc', 'blue'), red, teams)).toBe('none')
  })

  it('opens the notebook of a team the scenario lacks to nobody', () => {
    const ghost = parseDocumentName('notebook:ghost')!
    expect(documentAccess(FACILITATOR, ghost, teams)).toBe('none')
  })

  it('lets the white cell, facilitator and evaluators, write the improvement plan, and no team open it', () => {
    const plan = parseDocumentName('improvement-plan')!
    expect(documentAccess(FACILITATOR, plan, teams)).toBe('write')
    expect(documentAccess({ role: 'evaluator', evaluatorId: 'e1' }, plan, teams)).toBe('write')
    expect(documentAccess(member('soc', 'blue'), plan, teams)).toBe('none')
    expect(documentAccess(member('red', 'red'), plan, teams)).toBe('none')
  })

  it('knows only notebook names and the improvement plan', () => {
    for (const name of [
      'notebook:',
      'notebook:SOC',
      'board:soc',
      'notebook:a/b',
      'improvement-plan:x',
      42,
      null,
    ]) {
      expect(parseDocumentName(name), String(name)).toBeNull()
    }
  })
})
