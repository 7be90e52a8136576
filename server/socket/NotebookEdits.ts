/**
 * Who wrote in which team's notebook, for the white cell's activity stream: not events of the log
 * (the notebook's own updates are on the record, with their authors), but a live note, at most
 * one per person and notebook a minute, with the last few kept for a facilitator who opens the
 * exercise later.
 */
import type { NotebookEdit } from '../../core/protocol'

/** At most one note per person and notebook in this long, ms. */
export const NOTEBOOK_EDIT_COALESCE_MS = 60_000
/** Notes kept per exercise for a facilitator who opens it later. */
const KEPT = 200

/** Sends notes to the facilitator's room of an exercise. */
export type PublishEdits = (exerciseId: string, edits: NotebookEdit[]) => void

export class NotebookEdits {
  private readonly kept = new Map<string, NotebookEdit[]>()
  /** `exercise|team|participant` → wall time of its last note. */
  private readonly lastNoted = new Map<string, number>()

  constructor(private readonly publish: PublishEdits) {}

  /** A participant's change to a team's notebook was recorded; noted unless one was this minute. */
  record(edit: NotebookEdit): void {
    const key = `${edit.exerciseId}|${edit.teamId}|${edit.participantId}`
    const last = this.lastNoted.get(key)
    if (last !== undefined && edit.at - last < NOTEBOOK_EDIT_COALESCE_MS) return
    this.lastNoted.set(key, edit.at)
    const kept = this.kept.get(edit.exerciseId) ?? []
    kept.push(edit)
    if (kept.length > KEPT) kept.splice(0, kept.length - KEPT)
    this.kept.set(edit.exerciseId, kept)
    this.publish(edit.exerciseId, [edit])
  }

  /** The notes kept of an exercise, oldest first. */
  recent(exerciseId: string): NotebookEdit[] {
    return [...(this.kept.get(exerciseId) ?? [])]
  }
}
