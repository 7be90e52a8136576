/**
 * Hot-wash ballots: a participant's response is kept under HMAC-SHA256(key, exercise, participant)
 * instead of their id, so the log can refuse a second response without naming anyone in an
 * anonymous one. Without the installation's key (never exported), a ballot cannot be traced back
 * to a participant, even by trying every participant id of the log.
 */
import { createHmac } from 'node:crypto'

/** A participant's ballot in an exercise. */
export type HotWashBallot = (exerciseId: string, participantId: string) => string

/** Ballots keyed with `key` (sharedBallotKey): 128 bits, base64url. */
export function hotWashBallots(key: Buffer): HotWashBallot {
  return (exerciseId, participantId) =>
    createHmac('sha256', key)
      .update(`${exerciseId}\n${participantId}`)
      .digest()
      .subarray(0, 16)
      .toString('base64url')
}
