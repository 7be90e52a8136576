import type { ChangeEvent } from 'react'
import { useId, useRef, useState } from 'react'
import { paths } from '../routes'
import { apiDownload, apiRequest, errorMessage, saveFile } from '../shared/api'
import { ConfirmQuestion } from '../shared/ConfirmQuestion'
import { Link } from '../shared/router'
import { ErrorAlert } from '../shared/status'
import type { ExerciseListing } from './exerciseList'
import { exportFileName, readImportFile, shownExercises, statusLabel } from './exerciseList'

const when = (epochMs: number) =>
  new Date(epochMs).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })

/**
 * Every exercise with its status, people and dates; each can be exported, archived (out of the
 * list until "Show archived") or deleted after a confirmation, and an export file imports here.
 */
export function ExerciseList({
  token,
  exercises,
  onChanged,
  onFailure,
}: {
  token: string
  /** Null while loading. */
  exercises: readonly ExerciseListing[] | null
  /** Reloads the list after a change. */
  onChanged: () => void
  /** An auth failure signs out; anything else is shown. */
  onFailure: (caught: unknown) => boolean
}) {
  const id = useId()
  const [showArchived, setShowArchived] = useState(false)
  const [confirmingDelete, setConfirmingDelete] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState('')
  const [busy, setBusy] = useState(false)
  const fileRef = useRef<HTMLInputElement>(null)

  const act = async (work: () => Promise<string>) => {
    setBusy(true)
    setError(null)
    try {
      setDone(await work())
      onChanged()
    } catch (caught) {
      if (!onFailure(caught)) setError(errorMessage(caught))
    } finally {
      setBusy(false)
    }
  }

  const archive = (exercise: ExerciseListing, archived: boolean) =>
    act(async () => {
      await apiRequest('PUT', `/exercises/${exercise.id}/archived`, { token, body: { archived } })
      return archived
        ? `Archived “${exercise.title}”. Show archived exercises to find it again.`
        : `Restored “${exercise.title}” to the list.`
    })

  const remove = (exercise: ExerciseListing) =>
    act(async () => {
      setConfirmingDelete(null)
      await apiRequest('DELETE', `/exercises/${exercise.id}`, { token })
      return `Deleted “${exercise.title}”.`
    })

  const exportOne = (exercise: ExerciseListing) =>
    act(async () => {
      const file = await apiDownload(`/exercises/${exercise.id}/export`, token)
      const name = exportFileName(exercise)
      saveFile(file, name)
      return `Exported “${exercise.title}” as ${name}.`
    })

  const importFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0]
    event.target.value = '' // the same file again is a new pick
    if (!file) return
    const read = readImportFile(await file.text())
    if (!read.ok) {
      setDone('')
      setError(`${file.name}: ${read.message}`)
      return
    }
    await act(async () => {
      const imported = await apiRequest<{ title: string; events: number }>(
        'POST',
        '/exercises/import',
        { token, body: read.body },
      )
      return `Imported “${imported.title}” from ${file.name} (${imported.events} events).`
    })
  }

  const archivedCount = exercises?.filter((exercise) => exercise.archivedAt !== null).length ?? 0
  const rows = exercises ? shownExercises(exercises, showArchived) : []

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <div className="panel__head">
        <h2 id={`${id}-title`}>Exercises</h2>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={showArchived}
            onChange={(event) => setShowArchived(event.target.checked)}
          />{' '}
          Show archived ({archivedCount})
        </label>
        <div className="field field--file">
          <label htmlFor={`${id}-import`}>Import an exercise (an export file)</label>
          <input
            ref={fileRef}
            id={`${id}-import`}
            type="file"
            accept=".json,application/json"
            className="input"
            disabled={busy}
            onChange={importFile}
          />
        </div>
      </div>
      <ErrorAlert message={error} onDismiss={() => setError(null)} testId="exercise-list-error" />
      <p role="status" className="muted" data-testid="exercise-list-status">
        {done}
      </p>
      {exercises === null ? (
        <p className="muted">Loading…</p>
      ) : rows.length === 0 ? (
        <p className="empty">
          {exercises.length === 0 ? 'No exercises yet.' : 'No exercise outside the archive.'}
        </p>
      ) : (
        <div className="table-scroll">
          <table className="table exercise-table" data-testid="exercise-list">
            <thead>
              <tr>
                <th scope="col">Exercise</th>
                <th scope="col">Status</th>
                <th scope="col">Participants</th>
                <th scope="col">Created</th>
                <th scope="col">Last activity</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((exercise) => (
                <tr key={exercise.id} data-exercise-id={exercise.id} data-status={exercise.status}>
                  <th scope="row" className="cell--title">
                    <Link to={paths.facilitatorExercise(exercise.id)}>{exercise.title}</Link>{' '}
                    <Link
                      to={paths.replay(exercise.id)}
                      className="exercise-table__replay"
                      aria-label={`Replay ${exercise.title}`}
                    >
                      Replay
                    </Link>
                    {exercise.scenarioTitle !== exercise.title ? (
                      <span className="muted exercise-table__scenario">
                        {exercise.scenarioTitle}
                      </span>
                    ) : null}
                    {exercise.archivedAt !== null ? (
                      <span className="badge exercise-table__archived">Archived</span>
                    ) : null}
                  </th>
                  <td>
                    <span className={`status-tag status-tag--${exercise.status}`}>
                      {statusLabel(exercise.status)}
                    </span>
                  </td>
                  <td className="mono">{exercise.participants}</td>
                  <td>{when(exercise.createdAt)}</td>
                  <td>{when(exercise.lastActivityAt)}</td>
                  <td>
                    {confirmingDelete === exercise.id ? (
                      <ConfirmQuestion
                        question={
                          exercise.status === 'running'
                            ? `“${exercise.title}” is running: pause or end it before deleting it.`
                            : `Delete “${exercise.title}” for good? Its log and notebooks go with it; export it first to keep a copy.`
                        }
                        yes={exercise.status === 'running' ? null : 'Yes, delete it'}
                        onYes={() => remove(exercise)}
                        onCancel={() => setConfirmingDelete(null)}
                      />
                    ) : (
                      <div className="row-actions">
                        <Link
                          className="button button--small"
                          to={paths.facilitatorReport(exercise.id)}
                          aria-label={`Report: ${exercise.title}`}
                        >
                          Report
                        </Link>
                        <button
                          type="button"
                          className="button button--small"
                          disabled={busy}
                          aria-label={`Export: ${exercise.title}`}
                          onClick={() => exportOne(exercise)}
                        >
                          Export
                        </button>
                        <button
                          type="button"
                          className="button button--small"
                          disabled={busy}
                          aria-label={`${exercise.archivedAt === null ? 'Archive' : 'Restore'}: ${exercise.title}`}
                          onClick={() => archive(exercise, exercise.archivedAt === null)}
                        >
                          {exercise.archivedAt === null ? 'Archive' : 'Restore'}
                        </button>
                        <button
                          type="button"
                          className="button button--small button--danger-outline"
                          disabled={busy}
                          aria-label={`Delete…: ${exercise.title}`}
                          onClick={() => setConfirmingDelete(exercise.id)}
                        >
                          Delete…
                        </button>
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
