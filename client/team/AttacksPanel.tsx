import { useId } from 'react'
import type { CommandInput } from '../../core/protocol'
import type { RulingRecord } from '../../core/protocol/playState'
import type { AttackRecord } from '../../core/protocol/state'
import { preconditionProblem, techniqueName } from '../../core/scenario/campaign'
import { describeTuned, tunablesOf } from '../../core/scenario/launchParams'
import type { CatalogueAttack } from '../../core/scenario/tunables'
import { formatScenarioTime } from '../../core/vocabulary/scenarioTime'
import { ConfirmStep } from '../shared/ConfirmStep'
import { AttackParamsFields, useAttackParams } from './AttackParams'
import { RationaleField, RulingList, useRationale } from './Rulings'

/**
 * Red's catalogue as a campaign: each attack with its techniques, what it needs in place first,
 * its time to execute and its noise; a target to pick, a rationale, and a confirmed launch.
 * Launches that wait for exercise control show the ruling and its note when it comes.
 */
export function AttacksPanel({
  attacks,
  launched,
  rulings,
  approveAll,
  labelOf,
  nameOf,
  disabled,
  run,
}: {
  attacks: readonly CatalogueAttack[]
  /** Red's launches so far. */
  launched: readonly AttackRecord[]
  /** Red's requests for exercise control's ruling. */
  rulings: readonly RulingRecord[]
  /** Exercise control rules on every attack for now. */
  approveAll: boolean
  labelOf: (nodeId: string) => string
  nameOf: (participantId: string | null) => string
  disabled: boolean
  run: (command: CommandInput) => Promise<boolean>
}) {
  const id = useId()
  if (attacks.length === 0) return null
  const landed = new Set(
    launched.filter((record) => record.landedT !== undefined).map((record) => record.attackId),
  )
  const chained = attacks.some((attack) => (attack.requires ?? []).length > 0)
  return (
    <section className="panel" aria-labelledby={`${id}-title`} data-testid="attacks">
      <h2 id={`${id}-title`}>Attacks</h2>
      {chained ? (
        <p className="attack__progress" data-testid="campaign-progress">
          Campaign: {attacks.filter((attack) => landed.has(attack.id)).length} of {attacks.length}{' '}
          steps in effect.
        </p>
      ) : null}
      {approveAll ? (
        <p className="attack__approve-all" data-testid="approve-all">
          Exercise control rules on every attack for now: each launch waits for its approval.
        </p>
      ) : null}
      <ul className="action-list">
        {attacks.map((attack) => (
          <AttackItem
            key={attack.id}
            attack={attack}
            blocked={preconditionProblem(attack, landed, attacks)}
            needsApproval={approveAll || !!attack.needsApproval}
            requires={(attack.requires ?? []).map((required) => ({
              label: attacks.find((other) => other.id === required)?.label ?? required,
              inEffect: landed.has(required),
            }))}
            launched={launched.filter((record) => record.attackId === attack.id)}
            rulings={rulings.filter((record) => record.itemId === attack.id)}
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
  blocked,
  needsApproval,
  requires,
  launched,
  rulings,
  labelOf,
  nameOf,
  disabled,
  run,
}: {
  attack: CatalogueAttack
  /** Why it cannot be launched yet, or null. */
  blocked: string | null
  needsApproval: boolean
  requires: readonly { label: string; inEffect: boolean }[]
  launched: readonly AttackRecord[]
  rulings: readonly RulingRecord[]
  labelOf: (nodeId: string) => string
  nameOf: (participantId: string | null) => string
  disabled: boolean
  run: (command: CommandInput) => Promise<boolean>
}) {
  const params = useAttackParams(attack)
  const rationale = useRationale(needsApproval)
  const noise = attack.noise
  const tuned = () => {
    const values: Record<string, number> = {}
    for (const [name, text] of Object.entries(params.values)) values[name] = Number(text)
    return describeTuned(attack, values)
  }
  return (
    <li
      className="action attack"
      data-attack-id={attack.id}
      data-launched={launched.length > 0}
      data-blocked={blocked !== null}
    >
      <h3 className="action__label">{attack.label}</h3>
      {attack.description ? <p className="action__description">{attack.description}</p> : null}
      {attack.technique.length > 0 ? (
        <p className="attack__techniques">
          <abbr title="MITRE ATT&CK technique">ATT&amp;CK</abbr>:{' '}
          {attack.technique.map((technique, index) => (
            <span key={technique}>
              {index > 0 ? ', ' : ''}
              <code>{technique}</code>
              {techniqueName(technique) ? ` ${techniqueName(technique)}` : ''}
            </span>
          ))}
        </p>
      ) : null}
      <ul className="plain-list attack__facts">
        {requires.length > 0 ? (
          <li>
            Needs first:{' '}
            {requires.map((required, index) => (
              <span key={required.label}>
                {index > 0 ? '; ' : ''}
                {required.label}{' '}
                <span className={required.inEffect ? 'attack__met' : 'attack__unmet'}>
                  ({required.inEffect ? 'in effect' : 'not yet'})
                </span>
              </span>
            ))}
          </li>
        ) : null}
        {attack.executeIn ? (
          <li>
            Takes <span className="mono">{formatScenarioTime(attack.executeIn)}</span> to execute:
            its effect lands then.
          </li>
        ) : null}
        {noise ? (
          <li data-testid="attack-noise">
            Noise: <strong>{noise.level}</strong>
            {noise.summary ? `: ${noise.summary}` : ''}
          </li>
        ) : null}
        {needsApproval ? <li>Needs exercise control's approval.</li> : null}
      </ul>
      {launched.length > 0 ? (
        <ul className="plain-list action__taken" data-testid="attack-launched">
          {launched.map((record) => (
            <li key={record.seq}>
              <span aria-hidden="true">✓ </span>Launched at{' '}
              <span className="mono">{formatScenarioTime(record.t)}</span>
              {record.target === null ? '' : ` on ${labelOf(record.target)}`} by{' '}
              {nameOf(record.participantId)}
              {record.params ? ` (${describeTuned(attack, record.params)})` : null}
              {record.landedT !== undefined
                ? `; in effect since ${formatScenarioTime(record.landedT)}`
                : record.landsT !== undefined
                  ? `; executing, lands at ${formatScenarioTime(record.landsT)}`
                  : ''}
            </li>
          ))}
        </ul>
      ) : null}
      <RulingList
        rulings={rulings}
        labelOf={labelOf}
        describeParams={(values) => describeTuned(attack, values)}
      />
      {blocked ? (
        <p className="attack__blocked" data-testid="attack-precondition">
          Not yet: {blocked}
        </p>
      ) : null}
      <AttackParamsFields attack={attack} params={params} disabled={disabled} />
      <RationaleField rationale={rationale} required={needsApproval} disabled={disabled} />
      <ConfirmStep
        targets={attack.targets}
        labelOf={labelOf}
        pickerClassName="field"
        confirmClassName="confirm"
        confirmButtonClassName="button button--danger"
        confirmLabel="Yes, launch it"
        question={(target) => (
          <>
            Launch “{attack.label}”{target ? ` on ${labelOf(target)}` : ''}
            {tunablesOf(attack).length > 0 ? ` with ${tuned()}` : ''} now?{' '}
            {needsApproval
              ? 'It goes to exercise control, and runs only once approved.'
              : 'Exercise control sees it at once, and it cannot be called back.'}
          </>
        )}
        disabled={disabled}
        onConfirm={async (target) => {
          const values = params.check()
          if (!values) return
          const ok = await run({
            type: 'attack.launch',
            attackId: attack.id,
            ...(target ? { target } : {}),
            ...(Object.keys(values).length > 0 ? { params: values } : {}),
            ...rationale.field(),
          })
          // Back to the catalogue's defaults once launched, so the next launch starts clean.
          if (ok) {
            params.reset()
            rationale.reset()
          }
        }}
        trigger={({ ref, target, ask }) => (
          <p>
            <button
              ref={ref}
              type="button"
              className="button button--small"
              disabled={
                disabled || (attack.targets.length > 0 && target === '') || blocked !== null
              }
              aria-label={`Launch: ${attack.label}`}
              onClick={() => {
                const ready = rationale.check()
                if (params.check() && ready) ask()
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
