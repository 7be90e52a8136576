/**
 * The improvement plan (HSEEP AAR/IP appendix A) as the white cell writes it together: a shared
 * Yjs document whose `items` array holds one Y.Map per row. Read by every export on the server,
 * edited row by row, field by field, in the report page.
 */
import * as Y from 'yjs'
import { LIMITS } from '../vocabulary/constants'

/** The columns of a row, in the order the table shows them, with their headings. */
export const IMPROVEMENT_FIELDS = [
  ['issue', 'Issue / area for improvement'],
  ['correctiveAction', 'Corrective action'],
  ['capability', 'Capability'],
  ['organisation', 'Responsible organisation'],
  ['poc', 'Point of contact'],
  ['start', 'Start date'],
  ['completion', 'Completion date'],
] as const

export type ImprovementField = (typeof IMPROVEMENT_FIELDS)[number][0]
export type ImprovementItem = Readonly<Record<ImprovementField, string>>

/** The array of rows in the document. */
export const IMPROVEMENT_ITEMS = 'items'
/** The most rows a plan holds; longer text in a field is cut to LIMITS.title. */
export const MAX_IMPROVEMENT_ITEMS = 200

/** The rows of the plan, each field a string (blank when unset or not text). */
export function readImprovementPlan(doc: Y.Doc): ImprovementItem[] {
  // Read from doc.share: reading must not create the root on a document that has none.
  const items = doc.share.get(IMPROVEMENT_ITEMS)
  if (!items) return []
  return doc
    .getArray<unknown>(IMPROVEMENT_ITEMS)
    .toArray()
    .filter((row): row is Y.Map<unknown> => row instanceof Y.Map)
    .slice(0, MAX_IMPROVEMENT_ITEMS)
    .map(
      (row) =>
        Object.fromEntries(
          IMPROVEMENT_FIELDS.map(([field]) => {
            const value = row.get(field)
            return [field, typeof value === 'string' ? value.slice(0, LIMITS.title) : '']
          }),
        ) as ImprovementItem,
    )
}

/** Appends a blank row (the issue filled when given); false when the plan is full. */
export function addImprovementItem(doc: Y.Doc, issue = ''): boolean {
  const items = doc.getArray<Y.Map<string>>(IMPROVEMENT_ITEMS)
  if (items.length >= MAX_IMPROVEMENT_ITEMS) return false
  const row = new Y.Map<string>()
  for (const [field] of IMPROVEMENT_FIELDS) row.set(field, field === 'issue' ? issue : '')
  items.push([row])
  return true
}

/** Sets one field of row `index`. */
export function setImprovementField(
  doc: Y.Doc,
  index: number,
  field: ImprovementField,
  value: string,
): void {
  const row = doc.getArray<unknown>(IMPROVEMENT_ITEMS).get(index)
  if (row instanceof Y.Map) row.set(field, value.slice(0, LIMITS.title))
}

/** Removes row `index`. */
export function removeImprovementItem(doc: Y.Doc, index: number): void {
  const items = doc.getArray<unknown>(IMPROVEMENT_ITEMS)
  if (index >= 0 && index < items.length) items.delete(index, 1)
}
