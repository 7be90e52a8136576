/**
 * The timing chain and its dashboards at the replay's moment, as the audience chosen saw them:
 * the live console's `TimingChain`, reading the twin from the replay's route (the server's fog,
 * at the cursor's scenario time from `ReplayNow`) instead of the socket, with no pushed frames.
 */
import { useCallback } from 'react'
import type { ExerciseState } from '../../core/protocol/state'
import type { TwinViewRequest } from '../../core/protocol/twinView'
import { LazyTimingChain } from '../twin/LazyTimingChain'
import type { TwinAudience } from '../twin/nodeDisplay'
import { fetchTwinAt, type SeenBy } from './replayApi'

const noFrames = () => () => undefined

/** The audience's dashboards as the live console draws them; none for an observer (it has none live). */
export function replayTwinAudience(seenBy: SeenBy, side: string | undefined): TwinAudience | null {
  if (seenBy === 'facilitator') return { role: 'facilitator' }
  if (side === 'red') return { role: 'red', teamId: seenBy }
  if (side === 'blue') return { role: 'blue', teamId: seenBy }
  return null
}

export function ReplayTwin({
  exerciseId,
  token,
  seenBy,
  audience,
  seq,
  state,
}: {
  exerciseId: string
  token: string
  seenBy: SeenBy
  audience: TwinAudience
  /** The log's seq of the moment: the twin is read after it, at the cursor's scenario time. */
  seq: number
  /** The state `seenBy` held at the moment. */
  state: ExerciseState
}) {
  const readTwin = useCallback(
    (request: TwinViewRequest) => fetchTwinAt(exerciseId, seq, seenBy, token, request),
    [exerciseId, seq, seenBy, token],
  )
  return (
    <LazyTimingChain
      audience={audience}
      state={state}
      clockOffsetMs={0}
      connected
      readTwin={readTwin}
      onTwinFrame={noFrames}
    />
  )
}
