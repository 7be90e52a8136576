import type { FormEvent } from 'react'
import { useState } from 'react'
import type { CommandInput } from '../../core/protocol'
import type { DecisionStatus } from '../../core/protocol/state'

type OpenDecision = Extract<DecisionStatus, { state: 'open' }>

/**
 * The state of a form that answers an open decision: the option chosen, the problem to show, and
 * a submit that asks for a choice before it sends `decision.answer`.
 */
export function useDecisionAnswer(
  status: OpenDecision,
  run: (command: CommandInput) => Promise<boolean>,
  initialOptionId = '',
) {
  const [optionId, setOptionId] = useState(initialOptionId)
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!optionId) {
      setProblem('Choose an option first.')
      return
    }
    setProblem(null)
    setBusy(true)
    await run({ type: 'decision.answer', decisionId: status.decisionId, optionId })
    setBusy(false)
  }

  return { optionId, setOptionId, problem, busy, submit }
}
