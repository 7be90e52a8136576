/** React's view of an ExerciseConnection: one per token and exercise, closed on unmount. */
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react'
import type {
  CommandInput,
  CommandReply,
  SessionMoved,
  TwinFrame,
  TwinViewReply,
  TwinViewRequest,
} from '../../core/protocol'
import type { ExerciseView, YjsTransport } from './ExerciseConnection'
import {
  CONNECTING_VIEW,
  ExerciseConnection,
  NOT_CONNECTED,
  TWIN_NOT_CONNECTED,
} from './ExerciseConnection'

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

/** What else a connection may be asked for (see ConnectionOptions). */
export interface ExerciseHooks {
  /** Receives each fresh participant token (the connection itself uses it at once). */
  readonly onToken?: (token: string) => void
  /** The facilitator following the exercise as this team, read-only. */
  readonly viewAs?: string
  /** The facilitator moved this participant to another team. */
  readonly onMoved?: (moved: SessionMoved) => void
}

/**
 * Connects with `token` (and, for the facilitator, opens `openExerciseId`, as team `viewAs` when
 * given) while mounted.
 */
export function useExercise(
  token: string,
  openExerciseId?: string,
  hooks: ExerciseHooks = {},
): UseExercise {
  const [connection, setConnection] = useState<ExerciseConnection | null>(null)
  // Refs, so that new callbacks each render do not reconnect.
  const tokenListener = useRef(hooks.onToken)
  tokenListener.current = hooks.onToken
  const moveListener = useRef(hooks.onMoved)
  moveListener.current = hooks.onMoved
  const viewAs = hooks.viewAs

  useEffect(() => {
    const opened = new ExerciseConnection({
      token,
      ...(openExerciseId === undefined ? {} : { openExerciseId }),
      ...(viewAs === undefined ? {} : { viewAs }),
      onToken: (fresh) => tokenListener.current?.(fresh),
      onMoved: (moved) => moveListener.current?.(moved),
    })
    setConnection(opened)
    return () => {
      opened.close()
      setConnection(null)
    }
  }, [token, openExerciseId, viewAs])

  const view = useSyncExternalStore(
    connection ? connection.subscribe : noSubscription,
    connection ? connection.getView : () => CONNECTING_VIEW,
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
