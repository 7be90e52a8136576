/**
 * The after-action report of one exercise, for the white cell: the report as the server computes
 * it (sections, tables, charts), the improvement plan the white cell writes together, and the
 * report's downloads (HTML to print, Markdown, JSON, the event log as CSV).
 */
import { useCallback, useEffect, useState } from 'react'
import type { Report } from '../../core/report/model'
import { analysisBlocks, participantBlocks } from '../../core/report/reportBlocks'
import { isAuthFailure } from '../facilitator/adminToken'
import { paths } from '../routes'
import { apiDownload, apiRequest, errorMessage, saveFile } from '../shared/api'
import type { YjsTransport } from '../shared/ExerciseConnection'
import { PageHeading, PageShell } from '../shared/PageShell'
import { Link } from '../shared/router'
import { ErrorAlert } from '../shared/status'
import { useExercise } from '../shared/useExercise'
import { ImprovementPlanEditor } from './ImprovementPlanEditor'
import { ReportBlocks } from './ReportBlocks'

const DOWNLOADS = [
  ['html', 'HTML (prints to PDF)', 'report.html'],
  ['md', 'Markdown', 'report.md'],
  ['json', 'JSON', 'report.json'],
  ['csv', 'Event log (CSV)', 'events.csv'],
] as const

export function ReportPage({
  exerciseId,
  token,
  onSignOut,
}: {
  exerciseId: string
  token: string
  onSignOut: (why?: string | null) => void
}) {
  const { documents } = useExercise(token, exerciseId)
  const [title, setTitle] = useState<string | null>(null)
  const bar = (
    <>
      <Link to={paths.facilitatorExercise(exerciseId)}>Exercise console</Link>
      <Link to={paths.facilitator()}>All exercises</Link>
    </>
  )
  return (
    <PageShell title={title ? `Report: ${title}` : 'Report'} bar={bar} wide>
      {title ? null : <PageHeading>After-action report</PageHeading>}
      <ReportView
        exerciseId={exerciseId}
        token={token}
        documents={documents}
        onAuthFailure={onSignOut}
        onTitle={setTitle}
      />
    </PageShell>
  )
}

/**
 * The report itself, its downloads and the improvement plan, for whoever of the white cell holds
 * `token` (the facilitator's page, or an evaluator's console over its own connection).
 */
export function ReportView({
  exerciseId,
  token,
  documents,
  onAuthFailure,
  onTitle,
}: {
  exerciseId: string
  token: string
  /** The connection's shared documents, for the improvement plan. */
  documents: YjsTransport | null
  /** The token was refused: the page signs out (or says why) instead of showing an error. */
  onAuthFailure: (why: string) => void
  onTitle?: (title: string) => void
}) {
  const [report, setReport] = useState<Report | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [version, setVersion] = useState(0)

  const failed = useCallback(
    (caught: unknown) => {
      if (isAuthFailure(caught)) onAuthFailure(errorMessage(caught))
      else setError(errorMessage(caught))
    },
    [onAuthFailure],
  )

  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` reads the report again on "Refresh".
  useEffect(() => {
    let current = true
    apiRequest<Report>('GET', `/exercises/${exerciseId}/report`, { token }).then(
      (read) => {
        if (!current) return
        setReport(read)
        onTitle?.(read.overview.title)
      },
      (caught: unknown) => current && failed(caught),
    )
    return () => {
      current = false
    }
  }, [exerciseId, token, failed, version, onTitle])

  const download = (format: string, suffix: string) =>
    apiDownload(`/exercises/${exerciseId}/report?format=${format}`, token).then(
      (blob) => saveFile(blob, `holdover-${exerciseId}-${suffix}`),
      failed,
    )

  return (
    <>
      <ErrorAlert message={error} onDismiss={() => setError(null)} testId="report-error" />
      <section className="panel report__downloads" aria-label="Downloads">
        <h2 className="visually-hidden">Downloads</h2>
        {DOWNLOADS.map(([format, label, suffix]) => (
          <button
            key={format}
            type="button"
            className="button"
            onClick={() => download(format, suffix)}
          >
            Download {label}
          </button>
        ))}
        <button
          type="button"
          className="button button--quiet"
          onClick={() => setVersion((n) => n + 1)}
        >
          Refresh the figures
        </button>
      </section>
      {report ? (
        <article className="report" data-testid="report">
          <ReportBlocks blocks={analysisBlocks(report)} />
          <ImprovementPlanEditor transport={documents} exerciseId={exerciseId} />
          <ReportBlocks blocks={participantBlocks(report)} />
        </article>
      ) : (
        <p role="status" className="muted">
          Computing the report…
        </p>
      )}
    </>
  )
}
