import type { FormEvent } from 'react'
import { useId, useState } from 'react'
import type { CommandInput } from '../../core/protocol'
import type { Team } from '../../core/scenario/schema'
import type { Channel } from '../../core/vocabulary/constants'
import { CHANNELS, LIMITS } from '../../core/vocabulary/constants'
import { InjectTextFields } from '../shared/InjectTextFields'
import { channelDisplay, sideLabel } from '../shared/labels'

const DEFAULT_FROM = 'Exercise control'

/** Writes an ad-hoc inject: recipients, channel, sender, title and a markdown body with preview. */
export function InjectComposer({
  teams,
  disabled,
  run,
}: {
  teams: readonly Team[]
  disabled: boolean
  run: (command: CommandInput) => Promise<boolean>
}) {
  const id = useId()
  const [to, setTo] = useState<ReadonlySet<string>>(new Set())
  const [channel, setChannel] = useState<Channel>('email')
  const [from, setFrom] = useState(DEFAULT_FROM)
  const [title, setTitle] = useState('')
  const [body, setBody] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [sent, setSent] = useState('')
  const [busy, setBusy] = useState(false)

  const toggle = (teamId: string, checked: boolean) => {
    const next = new Set(to)
    if (checked) next.add(teamId)
    else next.delete(teamId)
    setTo(next)
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const recipients = teams.filter((team) => to.has(team.id)).map((team) => team.id)
    if (recipients.length === 0) return setProblem('Choose at least one team to send it to.')
    if (!title.trim()) return setProblem('Give the inject a title.')
    setProblem(null)
    setSent('')
    setBusy(true)
    const ok = await run({
      type: 'inject.send',
      to: recipients,
      channel,
      from: from.trim() || DEFAULT_FROM,
      title: title.trim(),
      body,
    })
    setBusy(false)
    if (ok) {
      const names = teams.filter((team) => to.has(team.id)).map((team) => team.name)
      setSent(`Sent “${title.trim()}” to ${names.join(', ')}.`)
      setTitle('')
      setBody('')
    }
  }

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Send an ad-hoc inject</h2>
      <form className="form" onSubmit={submit} noValidate data-testid="inject-composer">
        <fieldset className="checkbox-group">
          <legend>To</legend>
          {teams.map((team) => (
            <label key={team.id} className="checkbox">
              <input
                type="checkbox"
                checked={to.has(team.id)}
                onChange={(event) => toggle(team.id, event.target.checked)}
              />{' '}
              {team.name} <span className="muted">({sideLabel(team.side)})</span>
            </label>
          ))}
        </fieldset>
        <div className="form__row">
          <div className="field">
            <label htmlFor={`${id}-channel`}>Channel</label>
            <select
              id={`${id}-channel`}
              className="input"
              value={channel}
              onChange={(event) => setChannel(event.target.value as Channel)}
            >
              {CHANNELS.map((option) => (
                <option key={option} value={option}>
                  {channelDisplay(option).label}
                </option>
              ))}
            </select>
          </div>
          <div className="field field--grow">
            <label htmlFor={`${id}-from`}>From</label>
            <input
              id={`${id}-from`}
              className="input"
              value={from}
              maxLength={LIMITS.title}
              onChange={(event) => setFrom(event.target.value)}
            />
          </div>
        </div>
        <InjectTextFields
          title={title}
          body={body}
          onTitleChange={setTitle}
          onBodyChange={setBody}
          bodyRows={6}
          preview="body"
          previewTestId="composer-preview"
        />
        <p role="alert" className="form__error">
          {problem}
        </p>
        <button type="submit" className="button button--primary" disabled={disabled || busy}>
          {busy ? 'Sending…' : 'Send inject'}
        </button>
        <p role="status" className="muted">
          {sent}
        </p>
      </form>
    </section>
  )
}
