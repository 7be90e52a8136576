/** The white cell's live-play panes as tabs of its workspace: the adjudication queue and the channels. */
import type { CommandInput, CommandReply } from '../../core/protocol'
import type { ExerciseState } from '../../core/protocol/state'
import type { Scenario } from '../../core/scenario/schema'
import { type Tab, TabLabel } from '../shared/Tabs'
import { AdjudicationQueue } from './AdjudicationQueue'
import { ChannelsPane } from './ChannelsPane'

/** The adjudication tab, its badge the moves that wait. */
export function adjudicationTab(
  scenario: Scenario,
  state: ExerciseState,
  disabled: boolean,
  run: (command: CommandInput) => Promise<boolean>,
): Tab<'adjudication'> {
  const waiting = (state.play?.rulings ?? []).filter((record) => !record.ruling).length
  return {
    id: 'adjudication',
    label: <TabLabel text="Adjudication" unread={waiting} />,
    content: <AdjudicationQueue scenario={scenario} state={state} disabled={disabled} run={run} />,
  }
}

/** The cross-team channels tab. */
export function channelsTab(
  scenario: Scenario,
  state: ExerciseState,
  disabled: boolean,
  run: (command: CommandInput) => Promise<boolean>,
  send: (command: CommandInput) => Promise<CommandReply>,
): Tab<'channels'> {
  return {
    id: 'channels',
    label: 'Channels',
    content: (
      <ChannelsPane scenario={scenario} state={state} disabled={disabled} run={run} send={send} />
    ),
  }
}
