/** The facilitator's exercise list: what each row says, which rows show, what an import file holds. */

/** An exercise as `GET /api/exercises` lists it (server/http/exerciseAdmin.ts). */
export interface ExerciseListing {
  readonly id: string
  readonly title: string
  readonly scenarioId: string
  readonly scenarioTitle: string
  readonly createdAt: number
  readonly lastActivityAt: number
  readonly archivedAt: number | null
  readonly status: ExerciseStatus
  readonly participants: number
  readonly joinCodes: Readonly<Record<string, string>>
}

export type ExerciseStatus = 'not-started' | 'running' | 'paused' | 'ended'

const STATUS_LABELS: Record<ExerciseStatus, string> = {
  'not-started': 'Not started',
  running: 'Running',
  paused: 'Paused',
  ended: 'Ended',
}

/** A status in words. */
export function statusLabel(status: ExerciseStatus): string {
  return STATUS_LABELS[status] ?? status
}

/** The rows to show, newest first: archived ones only when asked for. */
export function shownExercises(
  exercises: readonly ExerciseListing[],
  showArchived: boolean,
): ExerciseListing[] {
  return exercises
    .filter((exercise) => showArchived || exercise.archivedAt === null)
    .sort((a, b) => b.createdAt - a.createdAt || a.id.localeCompare(b.id))
}

/** The file name an export downloads as: the title made safe for a file system, and the date. */
export function exportFileName(exercise: { title: string; createdAt: number }): string {
  const slug = exercise.title
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/[\s_]+/g, '-')
    .toLowerCase()
    .slice(0, 60)
  const date = new Date(exercise.createdAt).toISOString().slice(0, 10)
  return `holdover-${slug || 'exercise'}-${date}.json`
}

/** What a picked file holds, before the server checks it: parsed JSON, or why it is not. */
export function readImportFile(
  text: string,
): { ok: true; body: unknown } | { ok: false; message: string } {
  try {
    const body: unknown = JSON.parse(text)
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return { ok: false, message: 'This file is not a Holdover export (no exercise in it).' }
    }
    return { ok: true, body }
  } catch {
    return { ok: false, message: 'This file is not a Holdover export: it is not JSON.' }
  }
}
