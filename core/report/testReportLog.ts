/**
 * A constructed exercise log for the report's tests, with figures a person can work out by hand:
 * red jams the receiver at T+1 min (its grandmaster goes into holdover); blue's alert comes 4 min later, its mitigation 9 min later;
 * the radio fails at T+11:40 and is the last node back to ok, at T+20.
 */
import { foldEvents } from '../engine/reducer'
import type { EventBody, HoldoverEvent } from '../protocol/events'
import { testScenario } from '../scenario/testScenario'
import { holdoverChain } from '../twin/testChains'

export const reportScenario = testScenario({
  duration: 'T+01:00',
  chain: holdoverChain('ocxo'),
  objectives: [
    { id: 'detect', capability: 'Situational Assessment', text: 'Detect the loss of GNSS time.' },
    { id: 'coordinate', capability: 'Operational Coordination', text: 'Warn the sectors.' },
  ],
  attacks: [
    {
      id: 'jam',
      label: 'Jam the receiver',
      description: 'A jammer by the antenna.',
      effect: { kind: 'gnss-jamming' },
      targets: ['rcv'],
    },
  ],
  actions: [{ id: 'fallback', teams: ['blue'], label: 'Fall back to the lab', targets: ['gm'] }],
  injects: [
    {
      id: 'call',
      at: 'T+02:00',
      to: ['blue'],
      title: 'The NOC calls',
      expectedActions: ['Check the grandmaster'],
    },
  ],
  decisions: [
    {
      id: 'warn',
      to: 'blue',
      question: 'Warn the regulator?',
      within: 'T+00:05',
      options: [
        { id: 'yes', label: 'Yes', injects: ['call'] },
        { id: 'no', label: 'No' },
      ],
    },
  ],
})

const WALL0 = 1_800_000_000_000

/** Numbers the bodies, each at its scenario time (wall time = T+0 + t, 1×). */
function numbered(bodies: readonly (readonly [number, EventBody])[]): HoldoverEvent[] {
  return bodies.map(([t, body], i) => ({ ...body, seq: i + 1, at: WALL0 + t * 1000, t }))
}

const change = (
  nodeId: string,
  previous: 'ok' | 'degraded' | 'failed',
  status: 'ok' | 'degraded' | 'failed',
  timeErrorNs: number,
  sector?: 'telecom',
): EventBody => ({
  type: 'twin.statusChanged',
  nodeId,
  ...(sector ? { sector } : {}),
  status,
  previous,
  timeErrorNs,
  mode: status === 'ok' ? 'locked' : 'holdover',
  teams: [],
})

export const reportLog: HoldoverEvent[] = numbered([
  [
    0,
    {
      type: 'exercise.created',
      exerciseId: 'x1',
      title: 'Jamming drill',
      scenario: reportScenario,
      seed: 1,
    },
  ],
  [0, { type: 'participant.joined', participantId: 'p-red', teamId: 'red', name: 'Rosa' }],
  [0, { type: 'participant.joined', participantId: 'p-blue', teamId: 'blue', name: 'Bao' }],
  [0, { type: 'clock.started' }],
  [
    60,
    {
      type: 'attack.launched',
      attackId: 'jam',
      teamId: 'red',
      participantId: 'p-red',
      target: 'rcv',
    },
  ],
  [
    60,
    {
      type: 'twin.effectApplied',
      effectId: 'e6',
      source: 'attack',
      sourceId: 'jam',
      effect: { kind: 'gnss-jamming', target: 'rcv' },
      endT: null,
    },
  ],
  [60, change('rcv', 'ok', 'failed', 0)],
  [60, change('gm', 'ok', 'degraded', 0)],
  [
    120,
    {
      type: 'inject.delivered',
      injectId: 'call',
      deliveryId: 'd1',
      teamId: 'blue',
      channel: 'email',
      from: 'NOC',
      title: 'The NOC calls',
      body: '',
    },
  ],
  [120, change('radio', 'ok', 'degraded', 800, 'telecom')],
  [
    180,
    {
      type: 'decision.opened',
      decisionId: 'warn',
      teamId: 'blue',
      question: 'Warn the regulator?',
      body: '',
      options: [
        { id: 'yes', label: 'Yes', description: '' },
        { id: 'no', label: 'No', description: '' },
      ],
      decidedBy: 'lead',
      deadlineT: 480,
    },
  ],
  [
    240,
    { type: 'chat.message', teamId: 'blue', participantId: 'p-blue', name: 'Bao', text: 'On it' },
  ],
  [
    300,
    {
      type: 'twin.alert',
      alertId: 'a1',
      nodeId: 'rcv',
      teamId: 'blue',
      raised: true,
      observable: 'gnss-cn0',
      message: 'Receiver lost lock',
    },
  ],
  [
    360,
    {
      type: 'decision.answered',
      decisionId: 'warn',
      teamId: 'blue',
      participantId: 'p-blue',
      optionId: 'yes',
    },
  ],
  [
    360,
    {
      type: 'decision.closed',
      decisionId: 'warn',
      teamId: 'blue',
      optionId: 'yes',
      reason: 'answered',
    },
  ],
  [
    600,
    {
      type: 'action.taken',
      actionId: 'fallback',
      teamId: 'blue',
      participantId: 'p-blue',
      target: 'gm',
    },
  ],
  [700, change('radio', 'degraded', 'failed', 2000, 'telecom')],
  [900, change('rcv', 'failed', 'ok', 0)],
  [900, change('gm', 'degraded', 'ok', 40)],
  [1200, change('radio', 'failed', 'ok', 100, 'telecom')],
  [
    1300,
    {
      type: 'observation.recorded',
      observationId: 'o1',
      objectiveId: 'detect',
      teamId: 'blue',
      rating: 'S',
      text: 'Saw the alert, slow to escalate.',
      authorId: 'facilitator',
      authorName: 'Eva',
    },
  ],
  [
    1310,
    {
      type: 'observation.recorded',
      observationId: 'o2',
      objectiveId: 'detect',
      teamId: 'blue',
      rating: 'M',
      text: 'Nobody checked the grandmaster.',
      authorId: 'facilitator',
      authorName: 'Eva',
    },
  ],
  [1800, { type: 'exercise.ended' }],
])

export const reportState = foldEvents(reportLog)
