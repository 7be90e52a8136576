import { useId, useState } from 'react'
import type { Objective } from '../../core/scenario/schema'
import { readStored, writeStored } from '../shared/storage'

/**
 * An objective's critical tasks as a checklist the evaluator ticks while watching; kept in this
 * browser (it is the evaluator's own note-taking; the rating is what the exercise records).
 */
export function CriticalTasks({
  objective,
  storageKey,
}: {
  objective: Objective
  storageKey: string
}) {
  const id = useId()
  const key = `${storageKey}:${objective.id}`
  const [done, setDone] = useState<readonly number[]>(() => readStored<number[]>(key) ?? [])
  const toggle = (index: number) => {
    const next = done.includes(index) ? done.filter((i) => i !== index) : [...done, index]
    setDone(next)
    writeStored(key, next)
  }
  if (objective.criticalTasks.length === 0) {
    return <p className="muted">No critical tasks listed for this objective.</p>
  }
  return (
    <fieldset className="checklist" data-testid={`critical-tasks-${objective.id}`}>
      <legend>
        Critical tasks ({done.length} of {objective.criticalTasks.length} seen)
      </legend>
      {objective.criticalTasks.map((task, index) => (
        <label key={task} className="checkbox" htmlFor={`${id}-${index}`}>
          <input
            id={`${id}-${index}`}
            type="checkbox"
            checked={done.includes(index)}
            onChange={() => toggle(index)}
          />{' '}
          {task}
        </label>
      ))}
    </fieldset>
  )
}
