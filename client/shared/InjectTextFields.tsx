import { useId } from 'react'
import { LIMITS } from '../../core/vocabulary/constants'
import { Markdown } from './Markdown'

/**
 * An inject's title and markdown body as form fields, with a preview of what the team will read.
 * The `full` preview is always there and shows the title too; the `body` one appears once a body
 * is written.
 */
export function InjectTextFields({
  title,
  body,
  onTitleChange,
  onBodyChange,
  bodyRows,
  autoFocusTitle = false,
  preview,
  previewTestId,
}: {
  title: string
  body: string
  onTitleChange: (title: string) => void
  onBodyChange: (body: string) => void
  bodyRows: number
  /** Only inside a modal `<dialog>`: the title takes the focus the dialog gives its content. */
  autoFocusTitle?: boolean
  preview: 'full' | 'body'
  previewTestId: string
}) {
  const id = useId()
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-subject`}>Title</label>
        <input
          id={`${id}-subject`}
          className="input"
          value={title}
          maxLength={LIMITS.title}
          onChange={(event) => onTitleChange(event.target.value)}
          // biome-ignore lint/a11y/noAutofocus: only set inside a modal dialog, where focus moves in anyway.
          autoFocus={autoFocusTitle}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-body`}>Body (Markdown)</label>
        <textarea
          id={`${id}-body`}
          className="input"
          rows={bodyRows}
          maxLength={LIMITS.body}
          value={body}
          onChange={(event) => onBodyChange(event.target.value)}
        />
      </div>
      {preview === 'full' ? (
        <div className="preview" data-testid={previewTestId}>
          <h3 className="preview__label">Preview</h3>
          <p className="preview__title">{title.trim() || '(no title)'}</p>
          {body.trim() ? <Markdown text={body} /> : <p className="muted">No further text.</p>}
        </div>
      ) : body.trim() ? (
        <div className="preview" data-testid={previewTestId}>
          <h3 className="preview__label">Preview</h3>
          <Markdown text={body} />
        </div>
      ) : null}
    </>
  )
}
