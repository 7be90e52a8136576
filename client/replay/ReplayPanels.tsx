/**
 * The state at the replay's cursor in the panels the live consoles use (inbox, alerts,
 * decisions, chat), read-only, with "now" the cursor's (`ReplayNow` around them), and a
 * team's notebook as it read at that moment.
 */
import { useEffect, useId, useState } from 'react'
import type { ReplayMoment } from '../../core/protocol/replay'
import { Markdown } from '../shared/Markdown'
import { ErrorAlert } from '../shared/status'
import { ChatPanel } from '../shared/TeamChat'
import { useScenarioNow } from '../shared/useScenarioNow'
import { InjectFeed } from '../team/InjectFeed'
import { TeamDecisions } from '../team/TeamDecisions'
import { TwinAlerts } from '../team/TwinAlerts'
import { fetchNotebookAt } from './replayApi'

const NOTHING_READ: ReadonlySet<string> = new Set()
const ignore = () => undefined
// The replay sends nothing: a command from a panel is refused before it leaves.
const refuse = async () => false

export function ReplayPanels({ moment }: { moment: ReplayMoment }) {
  const { state } = moment
  // The cursor's scenario time (ReplayNow), so a decision's time left reads as it did then.
  const nowT = useScenarioNow(state.clock, 0)
  const nodes = state.scenario?.chain?.nodes ?? []
  const labelOf = (nodeId: string) => nodes.find((node) => node.id === nodeId)?.label ?? nodeId
  const nameOf = (participantId: string) =>
    state.participants[participantId]?.name ?? 'a participant'
  // Every delivery shows as read: unread marks belong to the live console.
  const everyDelivery = new Set(state.deliveries.map((delivery) => delivery.deliveryId))
  return (
    <div className="replay__panels" data-testid="replay-panels">
      <InjectFeed
        deliveries={state.deliveries}
        read={everyDelivery}
        onRead={ignore}
        disabled
        readOnly
      />
      <TwinAlerts alerts={state.alerts} labelOf={labelOf} />
      <TeamDecisions
        decisions={state.decisions}
        nameOf={nameOf}
        ownParticipantId=""
        read={NOTHING_READ}
        onRead={ignore}
        nowT={nowT}
        clock={state.clock}
        clockOffsetMs={0}
        disabled
        readOnly
        run={refuse}
      />
      <ChatPanel
        heading="Chat"
        recipient="the team"
        messages={state.chat}
        ownParticipantId={null}
        disabled
        logTestId="replay-chat"
      />
    </div>
  )
}

/** A team's notebook as it read at wall time `at`, rendered read-only. */
export function NotebookAt({
  exerciseId,
  teamId,
  teamName,
  at,
  token,
}: {
  exerciseId: string
  teamId: string
  teamName: string
  at: number
  token: string
}) {
  const titleId = useId()
  const [markdown, setMarkdown] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    let current = true
    fetchNotebookAt(exerciseId, teamId, at, token).then(
      (answer) => {
        if (!current) return
        setMarkdown(answer.markdown)
        setError(null)
      },
      (caught: Error) => current && setError(caught.message),
    )
    return () => {
      current = false
    }
  }, [exerciseId, teamId, at, token])
  return (
    <section className="panel" aria-labelledby={titleId} data-testid="replay-notebook">
      <h2 id={titleId}>{teamName} notebook, as it read then</h2>
      <ErrorAlert message={error} />
      {markdown === null ? (
        <p className="muted" role="status">
          Loading the notebook…
        </p>
      ) : (
        <Markdown text={markdown} className="replay__notebook" />
      )}
    </section>
  )
}
