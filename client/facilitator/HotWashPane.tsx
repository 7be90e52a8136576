import { useId } from 'react'
import type { HotWashRemark, HotWashSummary } from '../../core/report/hotwash'
import { HOT_WASH_SCORES } from '../../core/scenario/hotWashScale'
import { ScrollTable } from '../shared/ScrollTable'
import type { Tab } from '../shared/Tabs'

/** The hot wash tab of the white cell's workspace, its label counting the responses live. */
export function hotWashTab(summary: HotWashSummary): Tab<'hotwash'> {
  return {
    id: 'hotwash',
    label: `Hot wash (${summary.responses})`,
    content: <HotWashPane summary={summary} />,
  }
}

/** The participants' survey responses as they come in: how many, the scores, their words. */
function HotWashPane({ summary }: { summary: HotWashSummary }) {
  const id = useId()
  return (
    <section className="panel" aria-labelledby={`${id}-title`} data-testid="hotwash-pane">
      <h2 id={`${id}-title`}>Hot wash</h2>
      <p data-testid="hotwash-count" aria-live="polite">
        {summary.responses} of {summary.participants} participants answered ({summary.signed}{' '}
        signed, {summary.anonymous} anonymous).
      </p>
      <ScrollTable
        columns={['Objective', 'Scored by', 'Mean (1–5)', ...HOT_WASH_SCORES.map(String)]}
        empty={summary.objectives.length === 0 ? 'This scenario has no objectives to score.' : null}
        testId="hotwash-scores"
      >
        {summary.objectives.map((objective) => (
          <tr key={objective.objectiveId}>
            <th scope="row">
              {objective.capability}: {objective.text}
            </th>
            <td>{objective.rated}</td>
            <td>{objective.meanScore === null ? '—' : objective.meanScore.toFixed(1)}</td>
            {HOT_WASH_SCORES.map((score) => (
              <td key={score}>{objective.distribution[score]}</td>
            ))}
          </tr>
        ))}
      </ScrollTable>
      <Remarks title="What went well" remarks={summary.wentWell} />
      <Remarks title="What to improve" remarks={summary.toImprove} />
    </section>
  )
}

function Remarks({ title, remarks }: { title: string; remarks: readonly HotWashRemark[] }) {
  return (
    <>
      <h3>{title}</h3>
      {remarks.length === 0 ? (
        <p className="empty">Nothing yet.</p>
      ) : (
        <ul>
          {remarks.map((remark, index) => (
            // Responses are only ever appended: a remark's place in the list is its identity.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above.
            <li key={index}>
              {remark.text}{' '}
              <span className="muted">
                —{' '}
                {remark.signedBy
                  ? `${remark.signedBy.name}, ${remark.signedBy.teamName}`
                  : 'anonymous'}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
