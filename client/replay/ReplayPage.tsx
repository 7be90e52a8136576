/**
 * The replay: scrub through an exercise as it happened, seen by the white cell or by any team.
 * The facilitator opens it with the admin token (and may go back to live play while it runs);
 * a replay link's holder opens it with the link's token in the address.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react'
import { STOPPED_CLOCK } from '../../core/clock/ExerciseClock'
import type { ReplayMoment, ReplayTimeline } from '../../core/protocol/replay'
import { paths } from '../routes'
import { ReplayNow, replayWallAt } from '../shared/now'
import { PageHeading, PageShell } from '../shared/PageShell'
import { Link } from '../shared/router'
import { ErrorAlert } from '../shared/status'
import { loadAdminToken } from '../shared/storage'
import { adjacentMark, entryIndexAt, entryIndexAtWall } from './cursor'
import { ReplayControls } from './ReplayControls'
import { ReplayLinksPanel } from './ReplayLinksPanel'
import { NotebookAt, ReplayPanels } from './ReplayPanels'
import { ReplayTimelineList } from './ReplayTimelineList'
import { ReplayTwin, replayTwinAudience } from './ReplayTwin'
import { fetchMoment, fetchTimeline, type SeenBy } from './replayApi'

/** How often playback moves the cursor, wall ms. */
const PLAYBACK_STEP_MS = 250

export function ReplayPage({ exerciseId }: { exerciseId: string }) {
  const linkToken = new URLSearchParams(window.location.search).get('token')
  const token = linkToken ?? loadAdminToken() ?? ''
  const [seenBy, setSeenBy] = useState<SeenBy>('facilitator')
  const [replay, setReplay] = useState<ReplayTimeline | null>(null)
  const [error, setError] = useState<string | null>(null)
  // The cursor's wall time: switching audience keeps the moment, in the other audience's timeline.
  const cursorAt = useRef<number | null>(null)

  useEffect(() => {
    let current = true
    setReplay(null)
    fetchTimeline(exerciseId, seenBy, token).then(
      (answer) => current && setReplay(answer),
      (caught: Error) => current && setError(caught.message),
    )
    return () => {
      current = false
    }
  }, [exerciseId, seenBy, token])

  return (
    <PageShell title={replay ? `Replay: ${replay.title}` : 'Replay'} wide>
      <PageHeading>{replay ? `Replay: ${replay.title}` : 'Replay'}</PageHeading>
      <ErrorAlert message={error} testId="replay-error" />
      {replay ? (
        <ReplayView
          key={seenBy}
          replay={replay}
          token={token}
          isFacilitator={linkToken === null}
          seenBy={seenBy}
          onSeenBy={setSeenBy}
          startAt={cursorAt.current}
          onCursorAt={(at) => {
            cursorAt.current = at
          }}
        />
      ) : error ? null : (
        <p role="status">
          <progress aria-label="Loading the replay" /> Loading the replay…
        </p>
      )}
    </PageShell>
  )
}

function ReplayView({
  replay,
  token,
  isFacilitator,
  seenBy,
  onSeenBy,
  startAt,
  onCursorAt,
}: {
  replay: ReplayTimeline
  token: string
  isFacilitator: boolean
  seenBy: SeenBy
  onSeenBy: (seenBy: SeenBy) => void
  /** Wall time to open at (the moment before a switch of audience); null: the end. */
  startAt: number | null
  onCursorAt: (at: number) => void
}) {
  const id = useId()
  const { timeline, exerciseId } = replay
  const [index, setIndex] = useState(() =>
    startAt === null ? timeline.length - 1 : entryIndexAtWall(timeline, startAt),
  )
  const [cursorT, setCursorT] = useState(() => timeline[index]?.t ?? 0)
  const [playing, setPlaying] = useState(false)
  const [speed, setSpeed] = useState(60)
  const [moment, setMoment] = useState<ReplayMoment | null>(null)
  const [error, setError] = useState<string | null>(null)
  const entry = timeline[index]
  const seq = entry?.seq ?? 1

  useEffect(() => {
    if (entry) onCursorAt(entry.at)
  }, [entry, onCursorAt])

  // An answer is shown unless a later moment's has been already: while playing, the panels keep
  // moving even when answers take longer than the cursor's steps, and never step back.
  const asked = useRef(0)
  const shown = useRef(0)
  useEffect(() => {
    const ask = ++asked.current
    fetchMoment(exerciseId, seq, seenBy, token).then(
      (answer) => {
        if (ask < shown.current) return
        shown.current = ask
        setMoment(answer)
        setError(null)
      },
      (caught: Error) => ask === asked.current && setError(caught.message),
    )
  }, [exerciseId, seq, seenBy, token])

  const seekTo = useCallback(
    (i: number) => {
      setIndex(i)
      setCursorT(timeline[i]?.t ?? 0)
    },
    [timeline],
  )
  const scrub = useCallback(
    (t: number) => {
      setCursorT(t)
      setIndex(entryIndexAt(timeline, t))
    },
    [timeline],
  )
  const mark = useCallback(
    (direction: 1 | -1) => {
      setPlaying(false)
      seekTo(adjacentMark(timeline, index, direction))
    },
    [timeline, index, seekTo],
  )
  const endT = timeline.at(-1)?.t ?? 0
  const togglePlay = useCallback(() => {
    // Playing from the end starts again from the beginning.
    if (!playing && cursorT >= endT) scrub(0)
    setPlaying(!playing)
  }, [playing, cursorT, endT, scrub])

  useEffect(() => {
    if (!playing) return
    const timer = setInterval(() => {
      setCursorT((t) => Math.min(endT, t + (speed * PLAYBACK_STEP_MS) / 1000))
    }, PLAYBACK_STEP_MS)
    return () => clearInterval(timer)
  }, [playing, speed, endT])

  // While playing, the entry follows the cursor's scenario time, and playback stops at the end.
  useEffect(() => {
    if (!playing) return
    setIndex(entryIndexAt(timeline, cursorT))
    if (cursorT >= endT) setPlaying(false)
  }, [playing, cursorT, endT, timeline])

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null
      // Form fields and buttons keep their own keys (the scrubber's arrows, a button's space).
      if (target?.closest('input, select, textarea, button, a, [contenteditable="true"]')) return
      if (event.key === ' ') togglePlay()
      else if (event.key === 'ArrowLeft') mark(-1)
      else if (event.key === 'ArrowRight') mark(1)
      else return
      event.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [togglePlay, mark])

  const teamName = (teamId: string) =>
    replay.teams.find((team) => team.id === teamId)?.name ?? teamId
  const notebookTeams = seenBy === 'facilitator' ? replay.teams.map((team) => team.id) : [seenBy]
  const twinAudience = replayTwinAudience(
    seenBy,
    replay.teams.find((team) => team.id === seenBy)?.side,
  )
  // The panels' "now": the cursor, on the wall clock as the moment's clock ran.
  const cursorAt = replayWallAt(moment?.state.clock ?? STOPPED_CLOCK, cursorT, entry?.at ?? 0)

  return (
    <div className="replay" data-testid="replay">
      <div className="replay__bar">
        <div className="field">
          <label htmlFor={`${id}-seen-by`}>Seen by</label>
          <select
            id={`${id}-seen-by`}
            className="input"
            value={seenBy}
            onChange={(event) => onSeenBy(event.target.value)}
          >
            <option value="facilitator">White cell (everything)</option>
            {replay.teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        </div>
        {isFacilitator && !replay.ended ? (
          <Link to={paths.facilitatorExercise(exerciseId)}>Back to live</Link>
        ) : null}
        {isFacilitator ? (
          <Link to={paths.facilitatorReport(exerciseId)}>After-action report</Link>
        ) : (
          <a href={reportDownload(exerciseId, token)}>After-action report (HTML)</a>
        )}
      </div>
      <ReplayNow t={cursorT} at={cursorAt}>
        <ReplayControls
          timeline={timeline}
          cursorT={cursorT}
          index={index}
          playing={playing}
          speed={speed}
          onScrub={(t) => {
            setPlaying(false)
            scrub(t)
          }}
          onPlay={togglePlay}
          onSpeed={setSpeed}
          onMark={mark}
        />
        <ErrorAlert message={error} />
        <div className="replay__body">
          <ReplayTimelineList replay={replay} index={index} onSeek={seekTo} />
          <div className="replay__state" data-seen-by={seenBy} data-seq={moment?.seq ?? ''}>
            {moment ? <ReplayPanels moment={moment} /> : <p role="status">Loading the moment…</p>}
            {moment?.state.scenario?.chain && twinAudience ? (
              <div className="replay__twin">
                <ReplayTwin
                  exerciseId={exerciseId}
                  token={token}
                  seenBy={seenBy}
                  audience={twinAudience}
                  seq={seq}
                  state={moment.state}
                />
              </div>
            ) : null}
            {entry
              ? notebookTeams.map((teamId) => (
                  <NotebookAt
                    key={teamId}
                    exerciseId={exerciseId}
                    teamId={teamId}
                    teamName={teamName(teamId)}
                    at={entry.at}
                    token={token}
                  />
                ))
              : null}
          </div>
        </div>
      </ReplayNow>
      {isFacilitator ? <ReplayLinksPanel exerciseId={exerciseId} token={token} /> : null}
    </div>
  )
}

/** The report as a print-ready HTML download, for a replay link's holder (its token reads it). */
function reportDownload(exerciseId: string, token: string): string {
  const query = new URLSearchParams({ format: 'html', token })
  return `/api/exercises/${encodeURIComponent(exerciseId)}/report?${query}`
}
