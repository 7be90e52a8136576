import { describe, expect, it } from 'vitest'
import type { ExerciseState } from '../../core/protocol/state'
import { EMPTY_STATE } from '../../core/protocol/state'
import { testScenario } from '../../core/scenario/testScenario'
import { ACTIVITY_KINDS, activityOf, filterActivity, totalOf, unreadByTeam } from './activity'

const scenario = testScenario({
  actions: [{ id: 'isolate', teams: ['blue'], label: 'Isolate the server' }],
})

const state: ExerciseState = {
  ...EMPTY_STATE,
  seq: 9,
  scenario,
  participants: {
    p1: { id: 'p1', name: 'Blair', teamId: 'blue', joinedAt: 0 },
    p2: { id: 'p2', name: 'Rowan', teamId: 'red', joinedAt: 0 },
  },
  chat: [
    {
      seq: 2,
      teamId: 'blue',
      participantId: 'p1',
      name: 'Blair',
      text: 'Offsets look odd',
      at: 0,
      t: 60,
    },
    {
      seq: 3,
      teamId: 'blue',
      participantId: null,
      name: 'White cell',
      text: 'Noted',
      at: 0,
      t: 70,
    },
  ],
  actions: [
    {
      seq: 4,
      actionId: 'isolate',
      teamId: 'blue',
      participantId: 'p1',
      target: 'gm-n1',
      t: 80,
      at: 0,
    },
  ],
  attacks: [
    {
      seq: 5,
      attackId: 'jam',
      teamId: 'red',
      participantId: 'p2',
      target: 'gm-n1',
      t: 90,
      at: 0,
    } as ExerciseState['attacks'][number],
  ],
}

describe('activityOf', () => {
  it('lists chat, actions and attacks newest first, with names rather than ids', () => {
    const items = activityOf(state)
    expect(items.map((item) => item.key)).toEqual(['attack:5', 'action:4', 'chat:3', 'chat:2'])
    expect(items[1]).toMatchObject({ who: 'Blair', text: 'took "Isolate the server" on gm-n1' })
    expect(items[0]).toMatchObject({ who: 'Rowan', teamId: 'red', kind: 'attack' })
  })

  it("does not count the white cell's own messages as the team's", () => {
    const items = activityOf(state)
    const unread = unreadByTeam(items, new Set(['chat:2']))
    expect(unread.get('blue')).toBe(1)
    expect(unread.get('red')).toBe(1)
    expect(totalOf(unread)).toBe(2)
  })

  it('words a decision once it closes, with the option chosen', () => {
    const decided: ExerciseState = {
      ...state,
      decisions: {
        escalate: {
          decisionId: 'escalate',
          teamId: 'blue',
          question: 'Escalate?',
          body: '',
          options: [
            { id: 'yes', label: 'Escalate now', description: '' },
            { id: 'no', label: 'Wait', description: '' },
          ],
          decidedBy: 'lead',
          openedT: 10,
          deadlineT: 600,
          deadlineAt: null,
          votes: { p1: 'yes' },
          state: 'closed',
          optionId: 'yes',
          reason: 'answered',
          closedT: 100,
        },
      },
    }
    const [first] = activityOf(decided)
    expect(first).toMatchObject({
      kind: 'decision',
      text: 'answered "Escalate?": Escalate now',
      fromTeam: true,
    })
  })
})

describe('notebook writing', () => {
  const edit = { exerciseId: 'x', teamId: 'blue', participantId: 'p1', name: 'Blair', at: 5 }

  it("words a note as '<name> edited <team>'s notebook', in time order, unread for its team", () => {
    const items = activityOf(state, [{ ...edit, t: 75 }])
    expect(items.map((item) => item.key)).toEqual([
      'attack:5',
      'action:4',
      'notebook:blue:p1:5',
      'chat:3',
      'chat:2',
    ])
    const team = scenario.teams.find((t) => t.id === 'blue')!.name
    expect(items[2]).toMatchObject({ who: 'Blair', text: `edited ${team}'s notebook` })
    expect(unreadByTeam(items, new Set(['chat:2', 'action:4'])).get('blue')).toBe(1)
  })

  it('is filtered like the rest', () => {
    const items = activityOf(state, [{ ...edit, t: 75 }])
    const onlyNotebooks = new Set(['notebook'] as const)
    expect(filterActivity(items, { teamId: null, kinds: onlyNotebooks }).map((i) => i.key)).toEqual(
      ['notebook:blue:p1:5'],
    )
    expect(filterActivity(items, { teamId: 'red', kinds: onlyNotebooks })).toEqual([])
  })
})

describe('filterActivity', () => {
  it('keeps one team and the kinds switched on', () => {
    const items = activityOf(state)
    const kinds = new Set(Object.keys(ACTIVITY_KINDS) as (keyof typeof ACTIVITY_KINDS)[])
    expect(filterActivity(items, { teamId: 'red', kinds }).map((i) => i.key)).toEqual(['attack:5'])
    expect(
      filterActivity(items, { teamId: null, kinds: new Set(['chat'] as const) }).map((i) => i.key),
    ).toEqual(['chat:3', 'chat:2'])
  })
})

describe('rulings and channels', () => {
  const played: ExerciseState = {
    ...state,
    scenario: testScenario({
      actions: [{ id: 'isolate', teams: ['blue'], label: 'Isolate the server' }],
      channels: [
        { id: 'bridge', name: 'Incident bridge', teams: ['red', 'blue'], includesRed: true },
      ],
    }),
    play: {
      ...state.play,
      rulings: [
        {
          requestId: 'r7',
          kind: 'attack',
          itemId: 'jam',
          teamId: 'red',
          participantId: 'p2',
          target: 'gm-n1',
          rationale: 'Cover the intrusion',
          requestedT: 100,
          requestedAt: 1,
          ruling: { verdict: 'denied', note: 'Too early', by: 'control', t: 130, at: 2 },
        },
      ],
      channelMessages: [
        {
          seq: 8,
          channelId: 'bridge',
          teamId: 'blue',
          participantId: 'p1',
          name: 'Blair',
          text: 'Who owns the grandmaster?',
          at: 3,
          t: 140,
        },
        {
          seq: 9,
          channelId: 'bridge',
          teamId: null,
          participantId: null,
          name: 'Exercise control',
          text: 'The NOC does.',
          at: 4,
          t: 150,
        },
      ],
    },
  }

  it("words a move put to control's ruling, and the ruling, under the team that asked", () => {
    const items = activityOf(played)
    const request = items.find((item) => item.key === 'ruling:r7')
    const ruling = items.find((item) => item.key === 'ruled:r7')
    expect(request).toMatchObject({ teamId: 'red', who: 'Rowan', fromTeam: true, t: 100 })
    expect(request?.text).toBe('asked control to rule on "jam" on gm-n1: Cover the intrusion')
    expect(ruling).toMatchObject({ teamId: 'red', who: 'Exercise control', fromTeam: false })
    expect(ruling?.text).toBe('denied "jam" on gm-n1: Too early')
  })

  it("lists a channel's messages under every member team, counting only a team's own as unread", () => {
    const items = activityOf(played)
    const onlyChannels = new Set(['channel'] as const)
    expect(filterActivity(items, { teamId: 'red', kinds: onlyChannels }).map((i) => i.key)).toEqual(
      ['channel:9', 'channel:8'],
    )
    const [control, blair] = filterActivity(items, { teamId: 'blue', kinds: onlyChannels })
    expect(blair?.text).toBe('in "Incident bridge": Who owns the grandmaster?')
    expect(control).toMatchObject({ who: 'Exercise control', fromTeam: false })
    const read = new Set(items.filter((i) => i.kind !== 'channel').map((i) => i.key))
    expect(unreadByTeam(items, read).get('blue')).toBe(1)
    expect(unreadByTeam(items, read).get('red')).toBeUndefined()
  })
})
