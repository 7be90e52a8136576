/** Whether a person has the exercise open now, in words beside a dot (never the colour alone). */
export function OnlineMark({ online }: { online: boolean }) {
  return (
    <span className={`online-mark${online ? ' online-mark--on' : ''}`} data-online={online}>
      <span className="online-mark__dot" aria-hidden="true" />
      {online ? 'online' : 'offline'}
    </span>
  )
}

/** A wall time as the reader's clock shows it, hours and minutes. */
export function wallClockTime(at: number): string {
  return new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
}
