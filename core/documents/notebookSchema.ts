/**
 * The notebook's document schema: the Tiptap extensions that define its nodes and marks. The
 * browser's editor and the server (which seeds templates and renders Markdown) use this one list,
 * so a template always fits what the editor accepts.
 */
import type { Extensions } from '@tiptap/core'
import { getSchema } from '@tiptap/core'
import { TaskItem, TaskList } from '@tiptap/extension-list'
import { TableKit } from '@tiptap/extension-table'
import type { Schema } from '@tiptap/pm/model'
import StarterKit from '@tiptap/starter-kit'
import { safeExternalUrl } from '../text/safeUrl'

/** Link addresses a notebook may hold: absolute http, https and mailto, nothing else. */
export function isAllowedNotebookLink(href: string): boolean {
  return safeExternalUrl(href) !== null
}

/**
 * The extensions of the schema. Undo and redo are off here: under collaboration, the Yjs undo
 * manager (which undoes only one's own changes) replaces ProseMirror's history.
 */
export function notebookExtensions(): Extensions {
  return [
    StarterKit.configure({
      undoRedo: false,
      link: {
        openOnClick: false,
        autolink: true,
        protocols: ['http', 'https', 'mailto'],
        isAllowedUri: (url) => isAllowedNotebookLink(url),
        HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: '_blank' },
      },
    }),
    TableKit.configure({ table: { resizable: false } }),
    TaskList,
    TaskItem.configure({ nested: true }),
  ]
}

let schema: Schema | undefined

/** The ProseMirror schema of a notebook (built once). */
export function notebookSchema(): Schema {
  schema ??= getSchema(notebookExtensions())
  return schema
}
