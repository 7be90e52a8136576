import { useEffect, useId, useRef, useState } from 'react'
import { formatScenarioTime } from '../../core/clock/scenarioTime'
import type { AttackRecord } from '../../core/engine/state'
import type { CommandInput } from '../../core/protocol'
import type { Attack } from '../../core/twin/effectSchema'

/** Red's catalogue: each attack with its techniques, a target to pick, and a confirmed launch. */
export function AttacksPanel({
  attacks,
  launched,
  labelOf,
  nameOf,
  disabled,
  run,
}: {
  attacks: readonly Attack[]
  /** Red's launches so far. */
  launched: readonly AttackRecord[]
  labelOf: (nodeId: string) => string
  nameOf: (participantId: string | null) => string
  disabled: boolean
  run: (command: CommandInput) => Promise<boolean>
}) {
  const id = useId()
  if (attacks.length === 0) return null
  return (
    <section className="panel" aria-labelledby={`${id}-title`} data-testid="attacks">
      <h2 id={`${id}-title`}>Attacks</h2>
      <ul className="action-list">
        {attacks.map((attack) => (
          <AttackItem
            key={attack.id}
            attack={attack}
            launched={launched.filter((record) => record.attackId === attack.id)}
            labelOf={labelOf}
            nameOf={nameOf}
            disabled={disabled}
            run={run}
          />
        ))}
      </ul>
    </section>
  )
}

function AttackItem({
  attack,
  launched,
  labelOf,
  nameOf,
  disabled,
  run,
}: {
  attack: Attack
  launched: readonly AttackRecord[]
  labelOf: (nodeId: string) => string
  nameOf: (participantId: string | null) => string
  disabled: boolean
  run: (command: CommandInput) => Promise<boolean>
}) {
  const id = useId()
  const [target, setTarget] = useState(attack.targets[0] ?? '')
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const confirmRef = useRef<HTMLButtonElement>(null)
  const launchRef = useRef<HTMLButtonElement>(null)
  const wasConfirming = useRef(false)

  // Focus follows the step: to "Yes" when asked, back to the button when the question goes away.
  useEffect(() => {
    if (confirming) confirmRef.current?.focus()
    else if (wasConfirming.current) launchRef.current?.focus()
    wasConfirming.current = confirming
  }, [confirming])

  const launch = async () => {
    setBusy(true)
    await run({ type: 'attack.launch', attackId: attack.id, target })
    setBusy(false)
    setConfirming(false)
  }

  return (
    <li className="action attack" data-attack-id={attack.id} data-launched={launched.length > 0}>
      <h3 className="action__label">{attack.label}</h3>
      {attack.description ? <p className="action__description">{attack.description}</p> : null}
      {attack.technique.length > 0 ? (
        <p className="attack__techniques">
          <abbr title="MITRE ATT&CK technique">ATT&amp;CK</abbr>:{' '}
          {attack.technique.map((technique, index) => (
            <span key={technique}>
              {index > 0 ? ', ' : ''}
              <code>{technique}</code>
            </span>
          ))}
        </p>
      ) : null}
      {launched.length > 0 ? (
        <ul className="plain-list action__taken" data-testid="attack-launched">
          {launched.map((record) => (
            <li key={record.seq}>
              <span aria-hidden="true">✓ </span>Launched at{' '}
              <span className="mono">{formatScenarioTime(record.t)}</span> on{' '}
              {labelOf(record.target)} by {nameOf(record.participantId)}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-target`}>Target</label>
        <select
          id={`${id}-target`}
          className="input"
          value={target}
          disabled={confirming}
          onChange={(event) => setTarget(event.target.value)}
        >
          {attack.targets.map((nodeId) => (
            <option key={nodeId} value={nodeId}>
              {labelOf(nodeId)}
            </option>
          ))}
        </select>
      </div>
      {confirming ? (
        <fieldset className="confirm" aria-labelledby={`${id}-confirm`}>
          <p id={`${id}-confirm`}>
            Launch “{attack.label}” on {labelOf(target)} now? Exercise control sees it at once, and
            it cannot be called back.
          </p>
          <button
            ref={confirmRef}
            type="button"
            className="button button--danger"
            onClick={launch}
            disabled={disabled || busy}
          >
            Yes, launch it
          </button>{' '}
          <button type="button" className="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </fieldset>
      ) : (
        <p>
          <button
            ref={launchRef}
            type="button"
            className="button button--small"
            disabled={disabled || target === ''}
            aria-label={`Launch: ${attack.label}`}
            onClick={() => setConfirming(true)}
          >
            Launch…
          </button>
        </p>
      )}
    </li>
  )
}
