/**
 * How many sockets may be open at once: per participant (a few tabs, not fifty scripted
 * sockets) and per remote address (generous: a classroom behind one NAT). The newest socket past
 * a cap is refused at the handshake with a reason the client shows; the ones open stay.
 */

export interface ConnectionLimitSettings {
  /** Sockets one participant may hold: a few tabs and windows. */
  readonly perParticipant: number
  /**
   * Sockets from one remote address: a room of 60 behind one NAT with 2–3 tabs each, with room to
   * spare for a few hundred participants behind one reverse proxy (the socket sees the proxy's
   * address) or a loopback load test.
   */
  readonly perAddress: number
}

export const CONNECTION_LIMITS: ConnectionLimitSettings = { perParticipant: 5, perAddress: 1000 }

export type Admission = { ok: true; release: () => void } | { ok: false; reason: string }

export class ConnectionLimits {
  private readonly byHolder = new Map<string, number>()
  private readonly byAddress = new Map<string, number>()

  constructor(private readonly settings: ConnectionLimitSettings = CONNECTION_LIMITS) {}

  /**
   * Admits one more socket from `address`, held by participant `holder` (null for the
   * facilitator, who is capped by address only). An admitted socket must call `release` once it
   * is gone; calling it again does nothing.
   */
  admit(holder: string | null, address: string): Admission {
    const { perParticipant, perAddress } = this.settings
    if (holder !== null && (this.byHolder.get(holder) ?? 0) >= perParticipant) {
      return {
        ok: false,
        reason: `You already have ${perParticipant} connections open to this exercise (tabs or windows); close one of them, then reload this page.`,
      }
    }
    if ((this.byAddress.get(address) ?? 0) >= perAddress) {
      return {
        ok: false,
        reason: `Too many connections from your network (${perAddress} at once); close a tab or try again in a moment.`,
      }
    }
    bump(this.byAddress, address, 1)
    if (holder !== null) bump(this.byHolder, holder, 1)
    let held = true
    return {
      ok: true,
      release: () => {
        if (!held) return
        held = false
        bump(this.byAddress, address, -1)
        if (holder !== null) bump(this.byHolder, holder, -1)
      },
    }
  }

  /** Sockets held now by `holder` (a participant id). */
  heldBy(holder: string): number {
    return this.byHolder.get(holder) ?? 0
  }
}

function bump(counts: Map<string, number>, key: string, by: number): void {
  const next = (counts.get(key) ?? 0) + by
  if (next <= 0) counts.delete(key)
  else counts.set(key, next)
}
