import type { FormEvent, KeyboardEvent, ReactNode } from 'react'
import { useEffect, useId, useRef, useState } from 'react'
import type { CommandInput, CommandReply } from '../../core/protocol'
import type { ChatMessage } from '../../core/protocol/state'
import { LIMITS } from '../../core/vocabulary/constants'
import { formatScenarioTime } from '../../core/vocabulary/scenarioTime'
import { ErrorAlert } from './status'

/** One team's chat channel: the messages so far and a box to write in it. */
export function TeamChat({
  teamId,
  teamName,
  messages,
  send,
  ...rest
}: {
  teamId: string
  teamName: string
  messages: readonly ChatMessage[]
  /** Whose messages read as "You"; null for the facilitator. */
  ownParticipantId: string | null
  disabled: boolean
  send: (command: CommandInput) => Promise<CommandReply>
  /** Shown under the heading: the facilitator's choice of team. */
  picker?: ReactNode
  /** True puts the cursor in the message box (a "Reply" elsewhere); `onFocused` then clears it. */
  focusRequest?: boolean
  onFocused?: () => void
}) {
  return (
    <ChatPanel
      heading="Team chat"
      recipient={teamName}
      messages={messages.filter((message) => message.teamId === teamId)}
      sendText={(text) => send({ type: 'chat.send', channel: teamId, text })}
      {...rest}
    />
  )
}

/** A line of a chat: a team's own, or a cross-team channel's. */
export interface ChatLine {
  readonly seq: number
  readonly participantId: string | null
  readonly name: string
  readonly text: string
  readonly t: number
}

/** A chat: its lines so far and a box to write in it (a team's chat, or a cross-team channel). */
export function ChatPanel({
  heading,
  recipient,
  messages,
  ownParticipantId,
  disabled,
  sendText,
  picker,
  focusRequest = false,
  onFocused,
  testId,
  sendLabel = 'Send',
  logTestId = 'chat-log',
}: {
  heading: string
  /** Who reads what is written: "Message to …". */
  recipient: string
  messages: readonly ChatLine[]
  ownParticipantId: string | null
  disabled: boolean
  /** Sends a line; none: the chat is read-only (a replay) and shows no box to write in. */
  sendText?: (text: string) => Promise<CommandReply>
  picker?: ReactNode
  focusRequest?: boolean | undefined
  onFocused?: (() => void) | undefined
  testId?: string
  /** The send button's text (a page with several chats tells them apart). */
  sendLabel?: string
  logTestId?: string
}) {
  const id = useId()
  const [text, setText] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const logRef = useRef<HTMLOListElement>(null)
  const textRef = useRef<HTMLTextAreaElement>(null)
  const ownMessages = messages
  const count = ownMessages.length

  useEffect(() => {
    const log = logRef.current
    if (log && count > 0) log.scrollTop = log.scrollHeight
  }, [count])

  useEffect(() => {
    if (!focusRequest) return
    textRef.current?.focus()
    onFocused?.()
  }, [focusRequest, onFocused])

  const submit = async (event?: FormEvent) => {
    event?.preventDefault()
    if (busy || !text.trim() || !sendText) return
    setBusy(true)
    const reply = await sendText(text.trim())
    setBusy(false)
    if (reply.ok) {
      setText('')
      setError(null)
    } else setError(reply.error.message)
  }

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault()
      void submit()
    }
  }

  return (
    <section className="panel chat" aria-labelledby={`${id}-title`} data-testid={testId}>
      <h2 id={`${id}-title`}>{heading}</h2>
      {picker}
      {count === 0 ? <p className="empty">No messages yet.</p> : null}
      <ol
        ref={logRef}
        className="chat__log"
        aria-live="polite"
        aria-relevant="additions"
        data-testid={logTestId}
        hidden={count === 0}
      >
        {ownMessages.map((message) => (
          <li key={message.seq} className="chat__message">
            <span className="chat__author">
              {ownParticipantId !== null && message.participantId === ownParticipantId
                ? 'You'
                : message.name}
            </span>{' '}
            <span className="muted mono">{formatScenarioTime(message.t)}</span>
            <p className="chat__text">{message.text}</p>
          </li>
        ))}
      </ol>
      {sendText ? (
        <form className="chat__form" onSubmit={submit}>
          <label htmlFor={`${id}-text`}>Message to {recipient}</label>
          <textarea
            ref={textRef}
            id={`${id}-text`}
            className="input"
            rows={2}
            maxLength={LIMITS.chat}
            value={text}
            onChange={(event) => setText(event.target.value)}
            onKeyDown={onKeyDown}
            disabled={disabled}
            aria-describedby={`${id}-hint`}
          />
          <span id={`${id}-hint`} className="hint">
            Enter sends; Shift+Enter starts a new line.
          </span>
          <button type="submit" className="button" disabled={disabled || busy || !text.trim()}>
            {sendLabel}
          </button>
        </form>
      ) : null}
      <ErrorAlert message={error} onDismiss={() => setError(null)} />
    </section>
  )
}
