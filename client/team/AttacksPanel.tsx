import { useId } from 'react'
import { formatScenarioTime } from '../../core/clock/scenarioTime'
import type { AttackRecord } from '../../core/engine/state'
import type { CommandInput } from '../../core/protocol'
import { describeTuned, tunablesOf } from '../../core/scenario/launchParams'
import type { CatalogueAttack } from '../../core/scenario/tunables'
import { ConfirmStep } from '../shared/ConfirmStep'
import { AttackParamsFields, useAttackParams } from './AttackParams'

/** Red's catalogue: each attack with its techniques, a target to pick, and a confirmed launch. */
export function AttacksPanel({
  attacks,
  launched,
  labelOf,
  nameOf,
  disabled,
  run,
}: {
  attacks: readonly CatalogueAttack[]
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
  attack: CatalogueAttack
  launched: readonly AttackRecord[]
  labelOf: (nodeId: string) => string
  nameOf: (participantId: string | null) => string
  disabled: boolean
  run: (command: CommandInput) => Promise<boolean>
}) {
  const params = useAttackParams(attack)
  const tuned = () => {
    const values: Record<string, number> = {}
    for (const [name, text] of Object.entries(params.values)) values[name] = Number(text)
    return describeTuned(attack, values)
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
              {record.params ? ` (${describeTuned(attack, record.params)})` : null}
            </li>
          ))}
        </ul>
      ) : null}
      <AttackParamsFields attack={attack} params={params} disabled={disabled} />
      <ConfirmStep
        targets={attack.targets}
        labelOf={labelOf}
        pickerClassName="field"
        confirmClassName="confirm"
        confirmButtonClassName="button button--danger"
        confirmLabel="Yes, launch it"
        question={(target) => (
          <>
            Launch “{attack.label}” on {labelOf(target)}
            {tunablesOf(attack).length > 0 ? ` with ${tuned()}` : ''} now? Exercise control sees it
            at once, and it cannot be called back.
          </>
        )}
        disabled={disabled}
        onConfirm={async (target) => {
          const values = params.check()
          if (!values) return
          const ok = await run({
            type: 'attack.launch',
            attackId: attack.id,
            target,
            ...(Object.keys(values).length > 0 ? { params: values } : {}),
          })
          // Back to the catalogue's defaults once launched, so the next launch starts clean.
          if (ok) params.reset()
        }}
        trigger={({ ref, target, ask }) => (
          <p>
            <button
              ref={ref}
              type="button"
              className="button button--small"
              disabled={disabled || target === ''}
              aria-label={`Launch: ${attack.label}`}
              onClick={() => {
                if (params.check()) ask()
              }}
            >
              Launch…
            </button>
          </p>
        )}
      />
    </li>
  )
}
