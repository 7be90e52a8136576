import type { Inject, Scenario } from '../../core/scenario/schema'
import { safeExternalUrl } from '../../core/text/safeUrl'
import { ChannelTag } from '../shared/labels'
import { Markdown } from '../shared/Markdown'

type Attachment = Inject['attachments'][number]

/** Everything the MSEL says about one inject: its text, what players should do, notes, attachments. */
export function InjectDetails({
  inject,
  scenario,
  trigger,
  id,
}: {
  inject: Inject
  scenario: Scenario
  /** How it falls due, in words. */
  trigger: string
  /** The element id, for the toggle's aria-controls. */
  id: string
}) {
  const teamName = (teamId: string) =>
    scenario.teams.find((team) => team.id === teamId)?.name ?? teamId
  const objectives = inject.objectives.map((objectiveId) =>
    scenario.objectives.find((objective) => objective.id === objectiveId),
  )
  return (
    <div id={id} className="inject-details" data-testid="inject-details">
      <dl className="facts">
        <dt>Inject</dt>
        <dd className="mono">{inject.id}</dd>
        <dt>Falls due</dt>
        <dd>{trigger}</dd>
        <dt>To</dt>
        <dd>{inject.to.map(teamName).join(', ')}</dd>
        <dt>Channel</dt>
        <dd>
          <ChannelTag channel={inject.channel} />
          {inject.from ? ` from ${inject.from}` : null}
        </dd>
        {objectives.length > 0 ? (
          <>
            <dt>Objectives</dt>
            <dd>
              {objectives
                .map((objective, i) =>
                  objective ? `${objective.capability}: ${objective.text}` : inject.objectives[i],
                )
                .join('; ')}
            </dd>
          </>
        ) : null}
      </dl>
      <h5 className="inject-details__label">Message</h5>
      {inject.body.trim() ? (
        <Markdown text={inject.body} className="inject-details__body" />
      ) : (
        <p className="muted">No further text.</p>
      )}
      {inject.expectedActions.length > 0 ? (
        <>
          <h5 className="inject-details__label">Expected actions</h5>
          <ul className="plain-list">
            {inject.expectedActions.map((action) => (
              <li key={action}>{action}</li>
            ))}
          </ul>
        </>
      ) : null}
      {inject.controllerNotes.trim() ? (
        <>
          <h5 className="inject-details__label">Controller notes</h5>
          <Markdown text={inject.controllerNotes} />
        </>
      ) : null}
      {inject.evaluatorNotes.trim() ? (
        <>
          <h5 className="inject-details__label">Evaluator notes</h5>
          <Markdown text={inject.evaluatorNotes} />
        </>
      ) : null}
      {inject.attachments.length > 0 ? (
        <>
          <h5 className="inject-details__label">Attachments</h5>
          <ul className="attachments">
            {inject.attachments.map((attachment) => (
              <li key={attachment.name} className="attachment">
                <AttachmentView attachment={attachment} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  )
}

/** A log or text as written (monospace, never interpreted), a link only when it is a safe URL. */
function AttachmentView({ attachment }: { attachment: Attachment }) {
  if (attachment.kind === 'link') {
    const href = safeExternalUrl(attachment.content)
    return (
      <p>
        <span className="attachment__kind">Link</span>{' '}
        {href ? (
          <a href={href} target="_blank" rel="noopener noreferrer">
            {attachment.name}
          </a>
        ) : (
          <>
            {attachment.name}: <code>{attachment.content}</code>{' '}
            <span className="muted">(not a web address, so not a link)</span>
          </>
        )}
      </p>
    )
  }
  return (
    <>
      <p className="attachment__name">
        <span className="attachment__kind">{attachment.kind === 'log' ? 'Log' : 'Text'}</span>{' '}
        {attachment.name}
      </p>
      {attachment.kind === 'log' ? (
        <pre className="attachment__log">{attachment.content}</pre>
      ) : (
        <p className="attachment__text">{attachment.content}</p>
      )}
    </>
  )
}
