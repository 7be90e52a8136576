import { useId } from 'react'
import type { Scenario } from '../../core/scenario/schema'
import { Markdown } from '../shared/Markdown'

/** The scenario's facilitator guide and objectives, folded away until wanted. */
export function ScenarioGuide({ scenario }: { scenario: Scenario }) {
  const id = useId()
  const { facilitatorGuide, objectives } = scenario
  if (!facilitatorGuide.trim() && objectives.length === 0) return null
  return (
    <section className="panel" aria-labelledby={`${id}-title`} data-testid="scenario-guide">
      <h2 id={`${id}-title`}>Guide and objectives</h2>
      {facilitatorGuide.trim() ? (
        <details className="briefing">
          <summary>Facilitator guide</summary>
          <Markdown text={facilitatorGuide} />
        </details>
      ) : null}
      {objectives.length > 0 ? (
        <details className="briefing">
          <summary>Objectives ({objectives.length})</summary>
          <ul className="objective-list">
            {objectives.map((objective) => (
              <li key={objective.id} data-objective-id={objective.id}>
                <p>
                  <strong>{objective.capability}</strong>: {objective.text}
                </p>
                {objective.metWhen ? <p className="muted">Met when: {objective.metWhen}</p> : null}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  )
}
