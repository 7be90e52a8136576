import type { Editor } from '@tiptap/react'
import { useEditorState } from '@tiptap/react'
import type { KeyboardEvent, ReactNode, Ref } from 'react'
import { useImperativeHandle, useMemo, useRef, useState } from 'react'
import { rovingIndex } from '../shared/rovingIndex'
import { ariaShortcut, isApplePlatform, shortcutText } from './shortcuts'

/** What the pane can ask of its toolbar: take the focus (Escape in the editor comes back here). */
export interface ToolbarHandle {
  focus(): void
}

interface Tool {
  readonly id: string
  /** The accessible name. */
  readonly label: string
  /** What the button shows (short; the label is its name). */
  readonly face: ReactNode
  readonly shortcut?: string
  /** Present on buttons that toggle: whether the mark or block is on at the caret. */
  readonly pressed?: boolean
  readonly enabled: boolean
  readonly run: () => void
  /** Starts a new group (a separator before it). */
  readonly group?: boolean
}

/** The part of the editor's state the toolbar shows; re-rendered only when it changes. */
function selectToolState({ editor }: { editor: Editor }) {
  const can = editor.can()
  return {
    h1: editor.isActive('heading', { level: 1 }),
    h2: editor.isActive('heading', { level: 2 }),
    h3: editor.isActive('heading', { level: 3 }),
    bold: editor.isActive('bold'),
    italic: editor.isActive('italic'),
    strike: editor.isActive('strike'),
    code: editor.isActive('code'),
    link: editor.isActive('link'),
    bulletList: editor.isActive('bulletList'),
    orderedList: editor.isActive('orderedList'),
    taskList: editor.isActive('taskList'),
    codeBlock: editor.isActive('codeBlock'),
    inTable: editor.isActive('table'),
    canUndo: can.undo(),
    canRedo: can.redo(),
    canDeleteRow: can.deleteRow(),
    canDeleteColumn: can.deleteColumn(),
  }
}

/**
 * The notebook's formatting toolbar (WAI-ARIA toolbar: one Tab stop, arrow keys move between
 * buttons). Every button has a name, its shortcut in the title and in aria-keyshortcuts, and
 * aria-pressed where it toggles. Buttons that cannot act here stay focusable, aria-disabled.
 */
export function NotebookToolbar({
  editor,
  label,
  onLink,
  onStamp,
  handle,
}: {
  editor: Editor
  label: string
  onLink: () => void
  onStamp: () => void
  handle: Ref<ToolbarHandle>
}) {
  const state = useEditorState({ editor, selector: selectToolState })
  const [current, setCurrent] = useState(0)
  const ref = useRef<HTMLDivElement>(null)
  const apple = useMemo(
    () => typeof navigator !== 'undefined' && isApplePlatform(navigator.platform),
    [],
  )

  const buttons = () => [...(ref.current?.querySelectorAll('button') ?? [])]
  useImperativeHandle(
    handle,
    () => ({ focus: () => ref.current?.querySelectorAll('button')[current]?.focus() }),
    [current],
  )

  const chain = () => editor.chain().focus()
  const tools: Tool[] = [
    ...([1, 2, 3] as const).map(
      (level): Tool => ({
        id: `h${level}`,
        label: `Heading ${level}`,
        face: `H${level}`,
        shortcut: `Mod-Alt-${level}`,
        pressed: state[`h${level}`],
        enabled: true,
        run: () => chain().toggleHeading({ level }).run(),
        group: level === 1,
      }),
    ),
    {
      id: 'bold',
      label: 'Bold',
      face: <b>B</b>,
      shortcut: 'Mod-b',
      pressed: state.bold,
      enabled: true,
      run: () => chain().toggleBold().run(),
      group: true,
    },
    {
      id: 'italic',
      label: 'Italic',
      face: <i>I</i>,
      shortcut: 'Mod-i',
      pressed: state.italic,
      enabled: true,
      run: () => chain().toggleItalic().run(),
    },
    {
      id: 'strike',
      label: 'Strikethrough',
      face: <s>S</s>,
      shortcut: 'Mod-Shift-s',
      pressed: state.strike,
      enabled: true,
      run: () => chain().toggleStrike().run(),
    },
    {
      id: 'code',
      label: 'Inline code',
      face: <code>{'<>'}</code>,
      shortcut: 'Mod-e',
      pressed: state.code,
      enabled: true,
      run: () => chain().toggleCode().run(),
    },
    {
      id: 'link',
      label: 'Link',
      face: 'Link',
      shortcut: 'Mod-k',
      pressed: state.link,
      enabled: true,
      run: onLink,
    },
    {
      id: 'bullets',
      label: 'Bulleted list',
      face: '• List',
      shortcut: 'Mod-Shift-8',
      pressed: state.bulletList,
      enabled: true,
      run: () => chain().toggleBulletList().run(),
      group: true,
    },
    {
      id: 'numbers',
      label: 'Numbered list',
      face: '1. List',
      shortcut: 'Mod-Shift-7',
      pressed: state.orderedList,
      enabled: true,
      run: () => chain().toggleOrderedList().run(),
    },
    {
      id: 'checks',
      label: 'Checklist',
      face: '☑ List',
      shortcut: 'Mod-Shift-9',
      pressed: state.taskList,
      enabled: true,
      run: () => chain().toggleTaskList().run(),
    },
    {
      id: 'codeBlock',
      label: 'Code block',
      face: <code>{'{ }'}</code>,
      shortcut: 'Mod-Alt-c',
      pressed: state.codeBlock,
      enabled: true,
      run: () => chain().toggleCodeBlock().run(),
    },
    {
      id: 'table',
      label: 'Insert table',
      face: '▦ Table',
      enabled: !state.inTable,
      run: () => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
      group: true,
    },
    {
      id: 'addRow',
      label: 'Add row below',
      face: '+ Row',
      enabled: state.inTable,
      run: () => chain().addRowAfter().run(),
    },
    {
      id: 'deleteRow',
      label: 'Remove row',
      face: '− Row',
      enabled: state.inTable && state.canDeleteRow,
      run: () => chain().deleteRow().run(),
    },
    {
      id: 'addColumn',
      label: 'Add column to the right',
      face: '+ Column',
      enabled: state.inTable,
      run: () => chain().addColumnAfter().run(),
    },
    {
      id: 'deleteColumn',
      label: 'Remove column',
      face: '− Column',
      enabled: state.inTable && state.canDeleteColumn,
      run: () => chain().deleteColumn().run(),
    },
    {
      id: 'stamp',
      label: 'Insert scenario time',
      face: '◷ Insert scenario time',
      enabled: true,
      run: onStamp,
      group: true,
    },
    {
      id: 'undo',
      label: 'Undo',
      face: '↶',
      shortcut: 'Mod-z',
      enabled: state.canUndo,
      run: () => chain().undo().run(),
      group: true,
    },
    {
      id: 'redo',
      label: 'Redo',
      face: '↷',
      shortcut: 'Mod-Shift-z',
      enabled: state.canRedo,
      run: () => chain().redo().run(),
    },
  ]

  const move = (event: KeyboardEvent<HTMLDivElement>) => {
    const next = rovingIndex(event.key, current, tools.length)
    if (next === null) return
    event.preventDefault()
    setCurrent(next)
    buttons()[next]?.focus()
  }

  return (
    <div ref={ref} className="notebook__toolbar" role="toolbar" aria-label={label} onKeyDown={move}>
      {tools.map((tool, index) => {
        const title = tool.shortcut
          ? `${tool.label} (${shortcutText(tool.shortcut, apple)})`
          : tool.label
        return (
          <button
            key={tool.id}
            type="button"
            className={`notebook__tool${tool.group && index > 0 ? ' notebook__tool--group' : ''}`}
            aria-label={tool.label}
            title={title}
            aria-keyshortcuts={tool.shortcut ? ariaShortcut(tool.shortcut, apple) : undefined}
            aria-pressed={tool.pressed}
            aria-disabled={tool.enabled ? undefined : true}
            tabIndex={index === current ? 0 : -1}
            onFocus={() => setCurrent(index)}
            // Keep the editor's selection: a click on a tool must not move the caret out.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => {
              if (tool.enabled) tool.run()
            }}
          >
            {tool.face}
          </button>
        )
      })}
    </div>
  )
}
