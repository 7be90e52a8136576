/**
 * The improvement plan table (HSEEP AAR/IP appendix A), edited in place by everyone in the white
 * cell at once: each cell a labelled field written to the shared document as it is typed.
 */
import { useId } from 'react'
import {
  addImprovementItem,
  IMPROVEMENT_FIELDS,
  MAX_IMPROVEMENT_ITEMS,
  removeImprovementItem,
  setImprovementField,
} from '../../core/report/improvementPlan'
import { LIMITS } from '../../core/vocabulary/constants'
import type { SyncStatus } from '../notebook/DocumentProvider'
import type { YjsTransport } from '../shared/ExerciseConnection'
import { useImprovementPlan } from './useImprovementPlan'

export function ImprovementPlanEditor({
  transport,
  exerciseId,
}: {
  transport: YjsTransport | null
  exerciseId: string
}) {
  const id = useId()
  const { doc, rows, status } = useImprovementPlan(transport, exerciseId)
  const full = rows.length >= MAX_IMPROVEMENT_ITEMS
  return (
    <section className="panel report__plan" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Appendix A: Improvement plan</h2>
      <p className="muted" role="status" data-testid="improvement-plan-status">
        {statusText(status.state)}
      </p>
      <div className="table-scroll">
        <table className="table" data-testid="improvement-plan">
          <caption>Improvement plan: one row per corrective action</caption>
          <thead>
            <tr>
              {IMPROVEMENT_FIELDS.map(([field, heading]) => (
                <th key={field} scope="col">
                  {heading}
                </th>
              ))}
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a row is its place in the shared array.
              <tr key={index}>
                {IMPROVEMENT_FIELDS.map(([field, heading]) => (
                  <td key={field}>
                    <input
                      className="input"
                      aria-label={`${heading}, row ${index + 1}`}
                      maxLength={LIMITS.title}
                      value={row[field]}
                      onChange={(event) =>
                        doc && setImprovementField(doc, index, field, event.target.value)
                      }
                    />
                  </td>
                ))}
                <td>
                  <button
                    type="button"
                    className="button button--small button--quiet"
                    aria-label={`Remove row ${index + 1}`}
                    onClick={() => doc && removeImprovementItem(doc, index)}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <button
        type="button"
        className="button"
        disabled={!doc || full}
        onClick={() => doc && addImprovementItem(doc)}
      >
        Add a row
      </button>
      {full ? <p className="muted">The plan holds at most {MAX_IMPROVEMENT_ITEMS} rows.</p> : null}
    </section>
  )
}

function statusText(state: SyncStatus['state']): string {
  switch (state) {
    case 'saved':
      return 'Saved; everyone in the white cell sees the same plan.'
    case 'offline':
      return 'Offline: changes are kept here and sent when the connection is back.'
    case 'forbidden':
      return 'This plan cannot be opened here.'
    default:
      return 'Saving…'
  }
}
