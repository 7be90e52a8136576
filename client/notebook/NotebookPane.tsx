import { Extension } from '@tiptap/core'
import Collaboration from '@tiptap/extension-collaboration'
import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import { EditorContent, useEditor } from '@tiptap/react'
import { useEffect, useId, useRef, useState } from 'react'
import type { ClockState } from '../../core/clock/ExerciseClock'
import { NOTEBOOK_FIELD, notebookName } from '../../core/documents/documentName'
import { isAllowedNotebookLink, notebookExtensions } from '../../core/documents/notebookSchema'
import { notebookToMarkdown } from '../../core/documents/notebookToMarkdown'
import type { YjsTransport } from '../shared/ExerciseConnection'
import { scenarioNowOf, useNowSource, wallNowOf } from '../shared/now'
import type { SyncStatus } from './DocumentProvider'
import type { ToolbarHandle } from './NotebookToolbar'
import { NotebookToolbar } from './NotebookToolbar'
import type { PresenceEntry } from './presence'
import { caretColour } from './presence'
import { notebookFileName, scenarioStamp } from './scenarioStamp'
import type { DocumentSession } from './useDocumentSession'
import { localCopyName, useDocumentSession, usePresence, useSyncStatus } from './useDocumentSession'

/** Who is writing: a participant (their id) or the white cell (`facilitator`). */
export interface NotebookAuthor {
  readonly id: string
  readonly name: string
}

export interface NotebookPaneProps {
  readonly documents: YjsTransport | null
  readonly exerciseId: string
  readonly teamId: string
  readonly teamName: string
  readonly author: NotebookAuthor
  readonly clock: ClockState
  readonly clockOffsetMs: number
  /** The white cell's view: read-only until the facilitator turns on "Edit". */
  readonly readOnlyUntilEdit?: boolean
  /** Never editable here (the white cell viewing as the team): the text, live, and nothing to change it. */
  readonly readOnly?: boolean
  /** Shown as a "Close" button when given. */
  readonly onClose?: () => void
  /** Focus the pane's heading when it appears (it was opened from elsewhere on the page). */
  readonly focusOnOpen?: boolean
}

/**
 * A team's shared notebook, live: who else is in it, the sync status in words, the toolbar and
 * the editor (with the others' carets), the scenario-time stamp and the Markdown download.
 */
export function NotebookPane(props: NotebookPaneProps) {
  const { documents, exerciseId, teamId, author } = props
  const name = notebookName(teamId)
  const session = useDocumentSession(
    documents,
    name,
    localCopyName(exerciseId, name, author.id),
    !props.readOnly,
  )
  const id = useId()
  const headingRef = useRef<HTMLHeadingElement>(null)
  const focusOnOpen = props.focusOnOpen ?? false

  useEffect(() => {
    if (focusOnOpen) headingRef.current?.focus()
  }, [focusOnOpen])

  return (
    <section
      className="panel notebook"
      aria-labelledby={`${id}-title`}
      data-testid="notebook"
      data-team-id={teamId}
    >
      <div className="panel__head">
        <h2 id={`${id}-title`} ref={headingRef} tabIndex={-1}>
          {props.teamName} notebook
        </h2>
        {props.onClose ? (
          <button type="button" className="button button--quiet" onClick={props.onClose}>
            Close notebook
          </button>
        ) : null}
      </div>
      {session ? (
        <NotebookBody key={session.provider.name + session.doc.guid} {...props} session={session} />
      ) : (
        <p className="muted">Opening the notebook…</p>
      )}
    </section>
  )
}

function NotebookBody({
  session,
  teamName,
  author,
  clock,
  clockOffsetMs,
  readOnlyUntilEdit = false,
  readOnly = false,
}: NotebookPaneProps & { session: DocumentSession }) {
  const id = useId()
  const { doc, provider } = session
  const status = useSyncStatus(provider)
  const presence = usePresence(provider)
  const [editing, setEditing] = useState(!readOnlyUntilEdit && !readOnly)
  const [notice, setNotice] = useState<string | null>(null)
  const toolbar = useRef<ToolbarHandle>(null)
  const linkRef = useRef<() => void>(() => {})
  const forbidden = status.state === 'forbidden'
  const editable = editing && !forbidden && !readOnly

  const editor = useEditor(
    {
      extensions: [
        ...notebookExtensions(),
        Collaboration.configure({ document: doc, field: NOTEBOOK_FIELD }),
        CollaborationCaret.configure({
          provider: { awareness: provider.awareness },
          user: { name: author.name, color: caretColour(author.id) },
          render: renderCaret,
        }),
        notebookKeys({
          link: () => linkRef.current(),
          leave: () => {
            if (!toolbar.current) return false
            toolbar.current.focus()
            return true
          },
        }),
      ],
      editable,
      // ProseMirror's base rules are in styles.css: no <style> injected at run time.
      injectCSS: false,
      editorProps: { attributes: editorAttributes(teamName, editable, `${id}-hint`) },
    },
    [doc, provider],
  )

  useEffect(() => {
    if (editor.isDestroyed) return
    editor.setEditable(editable)
    editor.setOptions({
      editorProps: { attributes: editorAttributes(teamName, editable, `${id}-hint`) },
    })
  }, [editor, editable, teamName, id])

  const now = useNowSource()

  const promptLink = () => {
    if (!editor.isEditable) return
    const current = editor.getAttributes('link').href as string | undefined
    const answer = window.prompt(
      'Link address (http, https or mailto). Leave empty to remove the link.',
      current ?? 'https://',
    )
    if (answer === null) return
    const href = answer.trim()
    if (href === '') {
      editor.chain().focus().extendMarkRange('link').unsetLink().run()
      setNotice(null)
      return
    }
    if (!isAllowedNotebookLink(href)) {
      setNotice(`Not a link the notebook keeps: ${href}. Use an http, https or mailto address.`)
      editor.commands.focus()
      return
    }
    setNotice(null)
    if (editor.state.selection.empty && !editor.isActive('link')) {
      editor
        .chain()
        .focus()
        .insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href } }] })
        .run()
    } else editor.chain().focus().extendMarkRange('link').setLink({ href }).run()
  }
  linkRef.current = promptLink

  const insertStamp = () => {
    editor
      .chain()
      .focus()
      // As a text node: a string would be parsed as HTML.
      .insertContent({
        type: 'text',
        text: `${scenarioStamp(scenarioNowOf(now, clock, clockOffsetMs), wallNowOf(now, clockOffsetMs))} `,
      })
      .run()
  }

  const download = () => {
    const markdown = notebookToMarkdown(doc.getXmlFragment(NOTEBOOK_FIELD))
    const url = URL.createObjectURL(new Blob([markdown], { type: 'text/markdown;charset=utf-8' }))
    const link = document.createElement('a')
    link.href = url
    link.download = notebookFileName(teamName, scenarioNowOf(now, clock, clockOffsetMs))
    document.body.append(link)
    link.click()
    link.remove()
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
  }

  return (
    <>
      <div className="notebook__bar">
        <SyncLine status={status} />
        {readOnlyUntilEdit && !readOnly && !forbidden ? (
          <button
            type="button"
            role="switch"
            aria-checked={editing}
            className="button button--small notebook__switch"
            onClick={() => setEditing((on) => !on)}
          >
            <span className="notebook__switch-track" aria-hidden="true" />
            Edit
          </button>
        ) : null}
        <button
          type="button"
          className="button button--small"
          onClick={download}
          disabled={forbidden}
        >
          Download as Markdown
        </button>
      </div>
      <PresenceList entries={presence} />
      {notice ? (
        <p className="notebook__notice" role="alert">
          {notice}
        </p>
      ) : null}
      {forbidden ? null : (
        <>
          {editable ? (
            <NotebookToolbar
              editor={editor}
              label={`${teamName} notebook formatting`}
              onLink={promptLink}
              onStamp={insertStamp}
              handle={toolbar}
            />
          ) : (
            <p className="hint">
              Read-only{readOnlyUntilEdit ? ': turn on Edit to write in this notebook.' : '.'}
            </p>
          )}
          <EditorContent editor={editor} className="notebook__content" />
          <p id={`${id}-hint`} className="hint">
            Shared with the team as you type. Escape moves from the text to the toolbar; undo takes
            back only your own changes.
          </p>
        </>
      )}
    </>
  )
}

/**
 * Another person's caret: a bar in their colour with their name above. Hidden from screen
 * readers, which would read the name in the middle of the text; the presence list says who is in.
 */
function renderCaret(user: Record<string, unknown>): HTMLElement {
  const color = typeof user.color === 'string' ? user.color : 'transparent'
  const caret = document.createElement('span')
  caret.className = 'collaboration-carets__caret'
  caret.setAttribute('aria-hidden', 'true')
  caret.style.borderColor = color
  const label = document.createElement('span')
  label.className = 'collaboration-carets__label'
  label.style.backgroundColor = color
  label.textContent = typeof user.name === 'string' ? user.name : ''
  caret.append(label)
  return caret
}

/** Ctrl+K asks for a link; Escape leaves the text for the toolbar (Tab indents lists, moves cells). */
function notebookKeys(actions: { link: () => void; leave: () => boolean }) {
  const link = () => {
    actions.link()
    return true
  }
  const leave = () => actions.leave()
  return Extension.create({
    name: 'notebookKeys',
    addKeyboardShortcuts: () => ({ 'Mod-k': link, Escape: leave }),
  })
}

function editorAttributes(
  teamName: string,
  editable: boolean,
  hintId: string,
): Record<string, string> {
  return {
    class: 'notebook__editor',
    role: 'textbox',
    'aria-multiline': 'true',
    'aria-label': `${teamName} notebook`,
    'aria-readonly': String(!editable),
    'aria-describedby': hintId,
  }
}

const STATUS_TEXT: Record<SyncStatus['state'], string> = {
  loading: 'Loading…',
  offline: 'Offline: your changes will merge when you reconnect',
  syncing: 'Syncing…',
  saved: 'Saved',
  forbidden: 'Not available',
}

/**
 * The sync status in words (and a symbol). Saved and Syncing alternate with every keystroke, so
 * only the changes a person must know about are announced: going offline, coming back, problems.
 */
function SyncLine({ status }: { status: SyncStatus }) {
  const [announcement, setAnnouncement] = useState('')
  // What the person was last told and not yet told is over: offline, or a problem.
  const told = useRef<'offline' | 'problem' | null>(null)

  useEffect(() => {
    if (status.state === 'offline' && told.current !== 'offline') {
      told.current = 'offline'
      setAnnouncement('Notebook offline: your changes will merge when you reconnect.')
    } else if (status.state === 'forbidden') {
      told.current = null
      setAnnouncement(`Notebook not available: ${status.reason}`)
    } else if (status.state === 'syncing' && status.problem) {
      told.current = 'problem'
      setAnnouncement(`Notebook: ${status.problem}`)
    } else if (status.state === 'saved' && told.current !== null) {
      setAnnouncement(
        told.current === 'offline'
          ? 'Notebook back online: changes merged and saved.'
          : 'Notebook saved.',
      )
      told.current = null
    }
  }, [status])

  const symbol =
    status.state === 'saved'
      ? '✓'
      : status.state === 'offline'
        ? '⚠'
        : status.state === 'forbidden'
          ? '✕'
          : '↻'
  return (
    <>
      <p
        className={`notebook__status notebook__status--${status.state}`}
        data-testid="notebook-status"
        data-state={status.state}
      >
        <span aria-hidden="true">{symbol} </span>
        {STATUS_TEXT[status.state]}
        {status.state === 'forbidden' ? `: ${status.reason}` : null}
        {status.state === 'syncing' && status.problem ? (
          <span className="notebook__problem">: {status.problem}</span>
        ) : null}
      </p>
      <div className="visually-hidden" aria-live="polite" data-testid="notebook-announcer">
        {announcement}
      </div>
    </>
  )
}

function PresenceList({ entries }: { entries: readonly PresenceEntry[] }) {
  const id = useId()
  if (entries.length === 0) return null
  return (
    <div className="notebook__presence" data-testid="notebook-presence">
      <span id={`${id}-label`} className="notebook__presence-label">
        In this notebook:
      </span>
      <ul aria-labelledby={`${id}-label`} className="notebook__people">
        {entries.map((entry) => (
          <li key={entry.clientId} className="notebook__person">
            <span
              className="notebook__swatch"
              style={{ backgroundColor: entry.color }}
              aria-hidden="true"
            />
            {entry.name}
            {entry.self ? <span className="muted"> (you)</span> : null}
          </li>
        ))}
      </ul>
    </div>
  )
}
