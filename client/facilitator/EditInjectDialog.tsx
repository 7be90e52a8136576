import type { FormEvent } from 'react'
import { useEffect, useId, useRef, useState } from 'react'
import type { CommandInput, CommandReply } from '../../core/protocol'
import type { Inject } from '../../core/scenario/schema'
import { InjectTextFields } from '../shared/InjectTextFields'
import { ChannelTag } from '../shared/labels'

/**
 * A modal dialog to change a scripted inject's title and body before firing it: prefilled with
 * the script, with a preview; sends `inject.fire` with the edits. A refusal stays in the dialog,
 * so nothing typed is lost.
 */
export function EditInjectDialog({
  inject,
  recipients,
  send,
  onClose,
}: {
  inject: Inject
  /** The addressed teams' names, joined. */
  recipients: string
  send: (command: CommandInput) => Promise<CommandReply>
  onClose: () => void
}) {
  const id = useId()
  const dialogRef = useRef<HTMLDialogElement>(null)
  const [title, setTitle] = useState(inject.title)
  const [body, setBody] = useState(inject.body)
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  // Shown modal on mount (focus moves in, the page behind is inert, Escape closes). Not closed
  // on unmount: removing the element takes it out of the top layer anyway.
  useEffect(() => {
    const dialog = dialogRef.current
    if (dialog && !dialog.open) dialog.showModal()
  }, [])

  const close = () => dialogRef.current?.close()

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!title.trim()) {
      setProblem('The inject needs a title.')
      return
    }
    setProblem(null)
    setBusy(true)
    const reply = await send({
      type: 'inject.fire',
      injectId: inject.id,
      title: title.trim(),
      body,
    })
    setBusy(false)
    if (reply.ok) close()
    else setProblem(reply.error.message)
  }

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby={`${id}-title`}
      onClose={onClose}
      data-testid="edit-inject-dialog"
    >
      <form className="form" onSubmit={submit} noValidate>
        <h2 id={`${id}-title`}>Edit before sending</h2>
        <p className="muted">
          <span className="mono">{inject.id}</span> to {recipients} ·{' '}
          <ChannelTag channel={inject.channel} />
          {inject.from ? ` from ${inject.from}` : null}. The edits apply to this delivery only.
        </p>
        <InjectTextFields
          title={title}
          body={body}
          onTitleChange={setTitle}
          onBodyChange={setBody}
          bodyRows={8}
          autoFocusTitle
          preview="full"
          previewTestId="edit-preview"
        />
        <p role="alert" className="form__error">
          {problem}
        </p>
        <div className="dialog__buttons">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Sending…' : 'Send edited inject'}
          </button>
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  )
}
