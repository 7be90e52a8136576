import { useCallback, useState } from 'react'
import type { CommandInput, CommandReply } from '../../core/protocol'

/**
 * A console's way to send commands with the last refusal kept for an alert: `sendShown` resolves
 * with the server's reply, `run` with whether the command was accepted; an accepted one clears the
 * alert.
 */
export function useShownCommands(send: (command: CommandInput) => Promise<CommandReply>) {
  const [error, setError] = useState<string | null>(null)
  const sendShown = useCallback(
    async (command: CommandInput): Promise<CommandReply> => {
      const reply = await send(command)
      setError(reply.ok ? null : reply.error.message)
      return reply
    },
    [send],
  )
  const run = useCallback(
    async (command: CommandInput) => (await sendShown(command)).ok,
    [sendShown],
  )
  return { error, setError, sendShown, run }
}
