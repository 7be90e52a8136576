/** An inject that is not in the MSEL (an ad-hoc message, an attack's noise), as the emitter delivers it. */
import type { Inject } from '../scenario/schema'

/** The inject with these words and recipients, and nothing scripted about it. */
export function unscriptedInject(
  id: string,
  message: Pick<Inject, 'from' | 'to' | 'channel' | 'title' | 'body'>,
): Inject {
  const { from, to, channel, title, body } = message
  return {
    id,
    delay: 0,
    phase: '',
    from,
    to,
    channel,
    title,
    body,
    attachments: [],
    effects: [],
    expectedActions: [],
    objectives: [],
    controllerNotes: '',
    evaluatorNotes: '',
  }
}
