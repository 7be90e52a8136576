/** React's view of an ExerciseConnection: one per token and exercise, closed on unmount. */
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react'
import type {
  CommandInput,
  CommandReply,
  TwinFrame,
  TwinViewReply,
  TwinViewRequest,
} from '../../core/protocol'
import type { ExerciseView, YjsTransport } from './ExerciseConnection'
import { ExerciseConnection, NOT_CONNECTED, TWIN_NOT_CONNECTED } from './ExerciseConnection'

const CONNECTING: ExerciseView = { status: { state: 'connecting' }, held: null, clockOffsetMs: 0 }
const noSubscription = () => () => {}

export interface UseExercise extends ExerciseView {
  /** Sends a command; resolves with the server's reply (never rejects). */
  send(command: CommandInput): Promise<CommandReply>
  /** Reads the twin as this client may see it (never rejects). */
  readTwin(request: TwinViewRequest): Promise<TwinViewReply>
  /** Calls `listener` with each twin frame pushed for the open exercise; returns the removal. */
  onTwinFrame(listener: (frame: TwinFrame) => void): () => void
  /** The shared documents' messages on this connection; null until it exists. */
  documents: YjsTransport | null
}

/**
 * Connects with `token` (and, for the facilitator, opens `openExerciseId`) while mounted;
 * `onToken` receives each fresh participant token (the connection itself uses it at once).
 */
export function useExercise(
  token: string,
  openExerciseId?: string,
  onToken?: (token: string) => void,
): UseExercise {
  const [connection, setConnection] = useState<ExerciseConnection | null>(null)
  // A ref, so that a new callback each render does not reconnect.
  const tokenListener = useRef(onToken)
  tokenListener.current = onToken

  useEffect(() => {
    const opened = new ExerciseConnection({
      token,
      ...(openExerciseId === undefined ? {} : { openExerciseId }),
      onToken: (fresh) => tokenListener.current?.(fresh),
    })
    setConnection(opened)
    return () => {
      opened.close()
      setConnection(null)
    }
  }, [token, openExerciseId])

  const view = useSyncExternalStore(
    connection ? connection.subscribe : noSubscription,
    connection ? connection.getView : () => CONNECTING,
  )
  const send = useCallback(
    (command: CommandInput) =>
      connection ? connection.send(command) : Promise.resolve(NOT_CONNECTED),
    [connection],
  )
  const readTwin = useCallback(
    (request: TwinViewRequest) =>
      connection ? connection.readTwin(request) : Promise.resolve(TWIN_NOT_CONNECTED),
    [connection],
  )
  const onTwinFrame = useCallback(
    (listener: (frame: TwinFrame) => void) =>
      connection ? connection.onTwinFrame(listener) : () => {},
    [connection],
  )
  return { ...view, send, readTwin, onTwinFrame, documents: connection }
}
