import { describe, expect, it } from 'vitest'
import type { HotWashResponse } from '../protocol/hotWashState'
import { EMPTY_STATE, type ExerciseState } from '../protocol/state'
import { testScenario } from '../scenario/testScenario'
import { hotWashSection, summarizeHotWash } from './hotwash'

const scenario = testScenario({
  objectives: [
    { id: 'detect', capability: 'Situational Assessment', text: 'Recognise the shift.' },
    { id: 'coordinate', capability: 'Operational Coordination', text: 'Bridge the teams.' },
  ],
})
const survey = scenario.objectives.map(({ id, capability, text }) => ({ id, capability, text }))

function answered(responses: Partial<HotWashResponse>[], removed = 0): ExerciseState {
  const participants = Object.fromEntries(
    ['a', 'b', 'c', 'd'].map((id, index) => [
      id,
      { id, name: id, teamId: 'blue', joinedAt: 0, ...(index < removed ? { removedAt: 1 } : {}) },
    ]),
  )
  return {
    ...EMPTY_STATE,
    scenario,
    ended: true,
    participants,
    hotWash: {
      survey,
      responses: responses.map((response, index) => ({
        seq: 10 + index,
        at: 0,
        t: 0,
        ballot: `ballot-number-${index}-0000000`,
        wentWell: '',
        toImprove: '',
        ratings: {},
        author: null,
        ...response,
      })),
    },
  }
}

describe('the hot wash summary', () => {
  it('counts the responses, averages and spreads each objective’s scores, and names only who signed', () => {
    const summary = summarizeHotWash(
      answered(
        [
          {
            ratings: { detect: 4, coordinate: 2 },
            wentWell: 'The bridge call',
            toImprove: 'Escalate sooner',
          },
          {
            ratings: { detect: 5 },
            wentWell: 'Clear injects',
            author: { participantId: 'b', teamId: 'blue', name: 'Bob' },
          },
          { ratings: { detect: 3 }, toImprove: 'Fewer pings' },
        ],
        1,
      ),
    )
    expect(summary).toMatchObject({ responses: 3, signed: 1, anonymous: 2, participants: 3 })
    expect(summary?.objectives).toEqual([
      {
        objectiveId: 'detect',
        capability: 'Situational Assessment',
        text: 'Recognise the shift.',
        rated: 3,
        meanScore: 4,
        distribution: { 1: 0, 2: 0, 3: 1, 4: 1, 5: 1 },
      },
      {
        objectiveId: 'coordinate',
        capability: 'Operational Coordination',
        text: 'Bridge the teams.',
        rated: 1,
        meanScore: 2,
        distribution: { 1: 0, 2: 1, 3: 0, 4: 0, 5: 0 },
      },
    ])
    expect(summary?.wentWell).toEqual([
      { text: 'The bridge call', signedBy: null },
      { text: 'Clear injects', signedBy: { name: 'Bob', teamId: 'blue', teamName: 'Blue' } },
    ])
    expect(summary?.toImprove).toEqual([
      { text: 'Escalate sooner', signedBy: null },
      { text: 'Fewer pings', signedBy: null },
    ])
  })

  it('has no mean for an objective nobody scored, and no section for an exercise still running', () => {
    expect(summarizeHotWash(answered([{ wentWell: 'All of it' }]))?.objectives[0]).toMatchObject({
      rated: 0,
      meanScore: null,
    })
    expect(summarizeHotWash({ ...EMPTY_STATE, scenario })).toBeNull()
  })

  it('becomes the report’s section: who answered, a row of scores per objective, the remarks signed or not', () => {
    const summary = summarizeHotWash(
      answered([
        { ratings: { detect: 4 }, wentWell: 'The bridge call' },
        {
          ratings: { detect: 2 },
          toImprove: 'Escalate sooner',
          author: { participantId: 'b', teamId: 'blue', name: 'Bob' },
        },
      ]),
    )!
    const section = hotWashSection(summary)
    expect(section.heading).toBe('Hot wash')
    expect(section.paragraphs[0]).toMatch(
      /^2 of 4 participants answered the hot wash \(1 signed, 1 anonymous\)/,
    )
    expect(section.paragraphs.slice(1)).toEqual([
      'Went well: “The bridge call” (anonymous)',
      'To improve: “Escalate sooner” (Bob, Blue)',
    ])
    expect(section.table?.rows).toEqual([
      ['Recognise the shift.', 'Situational Assessment', '2', '3.0', '0', '1', '0', '1', '0'],
      ['Bridge the teams.', 'Operational Coordination', '0', '–', '0', '0', '0', '0', '0'],
    ])
  })
})
