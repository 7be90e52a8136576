/**
 * The twin's default figures. Each comes from /work/shared/TIMING.md (its source numbers in
 * brackets); `est` marks an estimate rather than a published figure, as TIMING.md does.
 */

export const NODE_KINDS = [
  'reference',
  'gnss-constellation',
  'gnss-receiver',
  'longwave',
  'shortwave',
  'fibre',
  'ntp-server',
  'ptp-grandmaster',
  'ptp-boundary',
  'consumer',
] as const
export type NodeKind = (typeof NODE_KINDS)[number]

export const OSCILLATORS = [
  'system-clock',
  'tcxo',
  'ocxo',
  'ocxo-hq',
  'rubidium',
  'caesium',
  'maser',
] as const
export type Oscillator = (typeof OSCILLATORS)[number]

export const SECTORS = [
  'telecom',
  'grid',
  'finance-hft',
  'finance-other',
  'kerberos',
  'tls',
  'logging',
  'totp',
  'signed-requests',
] as const
export type Sector = (typeof SECTORS)[number]

/** Holdover TE(t) = x0 + y0·t + ½·D·t² + ε(t); σy(τ) = max(whiteFm·τ^-½, floor) sets ε. */
export interface OscillatorModel {
  /** Residual fractional frequency when holdover starts. */
  readonly y0: number
  /** Aging D, fractional frequency per day. */
  readonly agingPerDay: number
  /** White-FM coefficient of σy(τ) (τ in seconds). */
  readonly whiteFm: number
  /** Flicker floor of σy(τ). */
  readonly floor: number
}

// y0 and D are the TIMING.md fits to vendor holdover figures at 4 h and 24 h [9]. Where the table
// gives a bound, the value inside it that reproduces the check values is used: TCXO y0 = 3e-10
// (≤ 1e-9) crosses 1.5 µs at 0.87 h; rubidium D = 5e-13/day (≲ 1e-12) crosses 1.5 µs at 1.67 d.
// Caesium and maser σy are the intercomparison figures [10]; the others are est, chosen small
// enough that ε (rms τ·σy(τ)/√3) stays a few per cent of TE at the check values.
// system-clock: a computer's clock holding its last correction wanders by 0.1–1 ppm (est): y0 =
// 3e-7 passes 100 µs in 5.6 min and 1 ms in 56 min, inside TIMING.md's 2–17 min and 17 min–3 h.
export const OSCILLATOR_MODELS: Readonly<Record<Oscillator, OscillatorModel>> = {
  'system-clock': { y0: 3e-7, agingPerDay: 0, whiteFm: 1e-7, floor: 1e-8 },
  tcxo: { y0: 3e-10, agingPerDay: 1e-8, whiteFm: 1e-9, floor: 5e-11 },
  ocxo: { y0: 2.5e-11, agingPerDay: 5e-10, whiteFm: 1e-11, floor: 1e-12 },
  'ocxo-hq': { y0: 1.9e-11, agingPerDay: 2e-10, whiteFm: 5e-12, floor: 5e-13 },
  rubidium: { y0: 1e-11, agingPerDay: 5e-13, whiteFm: 1e-11, floor: 1e-13 },
  caesium: { y0: 2e-13, agingPerDay: 0, whiteFm: 6e-11, floor: 3e-13 },
  maser: { y0: 1e-14, agingPerDay: 1e-16, whiteFm: 5e-13, floor: 1e-14 },
}

/** What a consumer suffers when its clock is off in one direction, and how far it can be. */
export interface DirectionFigure {
  readonly toleranceNs: number
  readonly consequence: string
}

export interface ToleranceFigure {
  /** |TE| beyond this: failed. */
  readonly toleranceNs: number
  /** |TE| beyond this (and within tolerance): degraded. */
  readonly degradedNs: number
  readonly source: string
  /** The clock ahead of UTC (set forward), when it differs from the symmetric figure. */
  readonly ahead?: DirectionFigure
  /** The clock behind UTC (set back). */
  readonly behind?: DirectionFigure
}

// Direction matters for consumers that check validity windows: a clock set back replays what
// has expired, a clock set forward expires what is still valid.
export const SECTOR_TOLERANCES: Readonly<Record<Sector, ToleranceFigure>> = {
  telecom: { toleranceNs: 1_500, degradedNs: 750, source: 'G.8271.1: ±1.5 µs at the radio [5]' },
  grid: {
    toleranceNs: 31_000,
    degradedNs: 3_100,
    source: 'C37.118.1a: 1 % TVE ≈ ±31 µs at 50 Hz; the time source should be 10× better [13][15]',
  },
  'finance-hft': {
    toleranceNs: 100_000,
    degradedNs: 50_000,
    source: 'MiFID II RTS 25: HFT 100 µs to UTC [11]',
  },
  'finance-other': {
    toleranceNs: 1_000_000,
    degradedNs: 500_000,
    source: 'MiFID II RTS 25: other algorithmic trading 1 ms [11]',
  },
  kerberos: {
    toleranceNs: 300e9,
    degradedNs: 150e9,
    source: 'RFC 4120, MS-KILE: 300 s skew [14]',
    ahead: {
      toleranceNs: 300e9,
      consequence:
        'tickets it issues look expired to services (KRB_AP_ERR_SKEW): logons and service access fail',
    },
    behind: {
      toleranceNs: 300e9,
      consequence:
        'clients look to be in the future (KRB_AP_ERR_SKEW), and tickets past their end time are honoured again: a replay window',
    },
  },
  tls: {
    toleranceNs: 3_600e9,
    degradedNs: 1_800e9,
    source: 'est: fresh certificates are back-dated about an hour',
    ahead: {
      toleranceNs: 3_600e9,
      consequence:
        'short-lived certificates, OCSP staples and DNSSEC signatures expire early; licences lapse; sessions are cut',
    },
    behind: {
      toleranceNs: 3_600e9,
      consequence:
        'fresh certificates are not yet valid, and expired or revoked ones (with old OCSP responses) are accepted again',
    },
  },
  logging: {
    toleranceNs: 100e6,
    degradedNs: 50e6,
    source: 'est: SIEM correlation misorders events beyond ~100 ms',
    ahead: {
      toleranceNs: 100e6,
      consequence:
        'events misordered; set far forward, retention jobs purge logs that are still needed',
    },
    behind: {
      toleranceNs: 100e6,
      consequence: 'events misordered and filed before the incident window they belong to',
    },
  },
  totp: {
    toleranceNs: 30e9,
    degradedNs: 15e9,
    source: 'est: one 30 s step',
    ahead: { toleranceNs: 30e9, consequence: 'codes users type are already stale: logins fail' },
    behind: {
      toleranceNs: 30e9,
      consequence: 'codes from past steps are accepted again: captured codes can be replayed',
    },
  },
  'signed-requests': {
    toleranceNs: 300e9,
    degradedNs: 150e9,
    source: 'est: SAML and JWT validators allow 5 min of skew, AWS SigV4 15 min',
    ahead: {
      toleranceNs: 300e9,
      consequence:
        'signed requests and assertions look expired (SigV4, JWT exp, SAML NotOnOrAfter): API calls and single sign-on fail',
    },
    behind: {
      toleranceNs: 300e9,
      consequence:
        'fresh assertions look not yet valid (JWT nbf, SAML NotBefore), and expired tokens are honoured again: a replay window',
    },
  },
}

export interface KindDefaults {
  readonly oscillator: Oscillator
  readonly toleranceNs: number
  /** rms of the node's own link noise while locked, ns. */
  readonly linkNoiseNs: number
}

// Infrastructure tolerances: reference 100 ns (the limit TIMING.md uses for a steered UTC(k));
// constellation ±100 ns (GPS UTC parameters spec [4]); receivers and grandmasters PRTC-A 100 ns
// (G.8272 [5]: 250 ns is the holdover allowance, which sets how long a grandmaster announces
// holdover in spec, not its limit); boundary clocks the 1.1 µs network budget of G.8271.1 [5].
// Radio and NTP figures are est from "other transfer" in TIMING.md.
export const KIND_DEFAULTS: Readonly<Record<NodeKind, KindDefaults>> = {
  reference: { oscillator: 'maser', toleranceNs: 100, linkNoiseNs: 1 },
  'gnss-constellation': { oscillator: 'rubidium', toleranceNs: 100, linkNoiseNs: 2 },
  'gnss-receiver': { oscillator: 'tcxo', toleranceNs: 100, linkNoiseNs: 5 },
  longwave: { oscillator: 'tcxo', toleranceNs: 1_000_000, linkNoiseNs: 100 },
  shortwave: { oscillator: 'tcxo', toleranceNs: 10_000_000, linkNoiseNs: 500_000 },
  fibre: { oscillator: 'ocxo', toleranceNs: 100, linkNoiseNs: 1 },
  'ntp-server': { oscillator: 'tcxo', toleranceNs: 10_000_000, linkNoiseNs: 1_000 },
  'ptp-grandmaster': { oscillator: 'ocxo', toleranceNs: 100, linkNoiseNs: 2 },
  'ptp-boundary': { oscillator: 'ocxo', toleranceNs: 1_100, linkNoiseNs: 5 },
  consumer: { oscillator: 'tcxo', toleranceNs: 1_000_000, linkNoiseNs: 10 },
}

/** rms link noise of a client fed over the network by NTP (est, LAN). */
export const NTP_NETWORK_NOISE_NS = 100_000

/** RFC 5905 selection and ntpd's discipline [6][20]. */
export const NTP = {
  stepThresholdNs: 128e6,
  /** ntpd 4.2.8 and later (`CLOCK_MINSTEP`); 900 s is RFC 5905's WATCH and ntpd ≤ 4.2.6. */
  stepoutS: 300,
  panicThresholdNs: 1000e9,
  /** The kernel slews at most 0.5 ms/s. */
  slewNsPerS: 500_000,
  /** Dispersion growth of an unsynchronised server (RFC 5905 PHI, 15 ppm). */
  phiNsPerS: 15_000,
  /** A server whose root distance passes MAXDIST (1.5 s) is not selectable. */
  maxDistanceNs: 1.5e9,
  /** Root distance of a reference clock (est). */
  refclockDistanceNs: 1_000,
  /** Default root distance added by a network association (est: delay/2 + dispersion on a LAN). */
  networkDistanceNs: 1_000_000,
  minsane: 1,
  minclock: 3,
  /** The clock filter keeps the last 8 samples and uses the one with the least delay (RFC 5905 §10). */
  filterSamples: 8,
} as const

export const NTP_IMPLEMENTATIONS = ['ntpd', 'chrony', 'w32time'] as const
/** The NTP software a host runs. */
export type NtpImplementation = (typeof NTP_IMPLEMENTATIONS)[number]

/** How an implementation corrects its clock. */
export interface DisciplineFigures {
  /** Offsets at or beyond this are stepped (Infinity: always slewed). */
  readonly stepThresholdNs: number
  /** How long a large offset must persist before it is stepped (0: at the poll that sees it). */
  readonly stepoutS: number
  /** Beyond this the daemon refuses the correction (ntpd exits; w32time logs and ignores it). */
  readonly panicThresholdNs: number
  readonly slewNsPerS: number
  /** Default poll interval, s. */
  readonly pollS: number
}

/** chrony's `makestep` as the distributions' chrony.conf ships it: step beyond 1 s in the first 3 updates [21]. */
export const CHRONY_MAKESTEP = { thresholdS: 1, limit: 3 } as const

// ntpd [6][20]; chrony [21]: no stepout or panic once running (`makestep` acts only in the first
// updates), slew up to `maxslewrate` 83333 ppm; w32time [22]: steps past `LargePhaseOffset` (5 s
// on current versions, est) at its next poll, refuses past `MaxPos/NegPhaseCorrection` (48 h on
// domain controllers, unlimited on members, est), slew rate est as the kernel's 0.5 ms/s.
export const DISCIPLINES: Readonly<Record<NtpImplementation, DisciplineFigures>> = {
  ntpd: {
    stepThresholdNs: NTP.stepThresholdNs,
    stepoutS: NTP.stepoutS,
    panicThresholdNs: NTP.panicThresholdNs,
    slewNsPerS: NTP.slewNsPerS,
    pollS: 64,
  },
  chrony: {
    stepThresholdNs: Number.POSITIVE_INFINITY,
    stepoutS: 0,
    panicThresholdNs: Number.POSITIVE_INFINITY,
    slewNsPerS: 83_333_333,
    pollS: 64,
  },
  w32time: {
    stepThresholdNs: 5e9,
    stepoutS: 0,
    panicThresholdNs: Number.POSITIVE_INFINITY,
    slewNsPerS: NTP.slewNsPerS,
    pollS: 1_024,
  },
}

/** w32time's MaxPos/NegPhaseCorrection on a domain controller (est): 48 h. */
export const W32TIME_DC_MAX_CORRECTION_NS = 48 * 3_600e9

/** IEEE 1588 clockClass [8]; clockAccuracy and variance codes as vendors announce them. */
export const PTP = {
  lockedClass: 6,
  holdoverClass: 7,
  freeRunClass: 248,
  /** G.8275.1 Table 2: T-BC in holdover within spec, T-GM out of holdover spec, T-BC out of spec. */
  telecomBcHoldoverClass: 135,
  telecomGmOutOfSpecClass: 140,
  /** … and by the category of the frequency source it holds over on (1: PRC, 2: SSU, 3: EEC). */
  telecomGmOutOfSpecClasses: { 1: 140, 2: 150, 3: 160 },
  telecomBcOutOfSpecClass: 165,
  /** G.8275.1 fixes priority1 at 128; localPriority defaults to 128 too. */
  telecomPriority1: 128,
  defaultLocalPriority: 128,
  /** The holdover allowance of G.8271.1 [5]: how long a grandmaster announces holdover in spec. */
  holdoverAllowanceNs: 250,
  lockedAccuracy: 0x21,
  holdoverAccuracy: 0x23,
  freeRunAccuracy: 0xfe,
  lockedVariance: 0x4e5d,
  holdoverVariance: 0x5000,
  freeRunVariance: 0xffff,
  defaultPriority: 128,
} as const

/** Constant time error a boundary clock adds per hop, by G.8273.2 class [5]. */
export const BOUNDARY_CLASSES = {
  A: { constantNs: 50, dynamicNs: 10 },
  B: { constantNs: 20, dynamicNs: 10 },
  C: { constantNs: 10, dynamicNs: 3 },
} as const
export type BoundaryClass = keyof typeof BOUNDARY_CLASSES

/** Default detection delays (est): how long a condition persists before monitoring alarms. */
export const DETECTION_DELAY_S = {
  'offset-vs-gnss': 30,
  'offset-vs-independent': 30,
  cn0: 5,
  'clock-class': 3,
  'ntp-peers': 64,
  device: 1,
} as const

export const GNSS_SIGNAL = {
  nominalCn0DbHz: 45,
  spoofedCn0DbHz: 49,
  /** A timing fix needs four satellites. */
  minSatellites: 4,
  jammedAgcDb: -20,
} as const

/** Width of a noise bucket: link noise is interpolated over 60 s, holdover wander over 600 s. */
export const NOISE_BUCKET_S = { link: 60, hold: 600 } as const
