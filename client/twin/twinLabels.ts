/** How the twin's words and numbers are shown to people: modes, kinds, sectors, time errors. */
import type { ObservableKind } from '../../core/twin/chainShape'
import type { NodeKind, Sector } from '../../core/twin/parameters'
import type { Mode } from '../../core/twin/segment'

// Records over the core's unions, so that a new mode, kind or sector fails the type check here
// instead of showing up unlabelled (the values stay in the client: core/twin is not bundled).
const MODE_LABELS: Record<Mode, string> = {
  primary: 'primary source',
  locked: 'locked',
  slewing: 'slewing',
  stepping: 'waiting to step',
  holdover: 'holdover',
  'free-run': 'free-run',
  panicked: 'panicked',
  down: 'down',
}

const KIND_LABELS: Record<NodeKind, string> = {
  reference: 'Reference',
  'gnss-constellation': 'GNSS constellation',
  'gnss-receiver': 'GNSS receiver',
  longwave: 'Longwave signal',
  shortwave: 'Shortwave signal',
  fibre: 'Fibre time transfer',
  'ntp-server': 'NTP server',
  'ptp-grandmaster': 'PTP grandmaster',
  'ptp-boundary': 'PTP boundary clock',
  consumer: 'Consumer',
}

const SECTOR_LABELS: Record<Sector, string> = {
  telecom: 'Telecom',
  grid: 'Power grid',
  'finance-hft': 'Finance (HFT)',
  'finance-other': 'Finance',
  kerberos: 'Kerberos',
  tls: 'TLS / PKI',
  logging: 'Logging',
  totp: 'One-time passwords',
  'signed-requests': 'Signed requests (SAML, JWT, SigV4)',
}

const OBSERVABLE_LABELS: Record<ObservableKind, string> = {
  'offset-vs-gnss': 'Offset against GNSS',
  'offset-vs-independent': 'Offset against an independent reference',
  cn0: 'GNSS signal (C/N0)',
  'clock-class': 'PTP clockClass',
  'ntp-peers': 'NTP peers',
  device: 'Device status',
}

/** What a clock is doing, in words. */
export function modeLabel(mode: Mode): string {
  return MODE_LABELS[mode] ?? mode
}

/** A node's kind, in words. */
export function kindLabel(kind: NodeKind): string {
  return KIND_LABELS[kind] ?? kind
}

/** A consumer's sector, in words. */
export function sectorLabel(sector: Sector | null): string {
  return sector === null ? '—' : (SECTOR_LABELS[sector] ?? sector)
}

/** A monitoring point's observable, in words. */
export function observableLabel(observable: string): string {
  return OBSERVABLE_LABELS[observable as ObservableKind] ?? observable
}

const TIME_UNITS = [
  [1e9, 's'],
  [1e6, 'ms'],
  [1e3, 'µs'],
  [1, 'ns'],
] as const

/**
 * A time error in the unit that reads best: `1.50 µs`, `212 ms`, `360 s`; `signed` adds `+` to
 * positive values (an offset has a direction; a tolerance has not).
 */
export function formatTimeError(ns: number, { signed = false } = {}): string {
  if (!Number.isFinite(ns)) return '—'
  const size = Math.abs(ns)
  const [scale, unit] = TIME_UNITS.find(([at]) => size >= at) ?? [1, 'ns']
  const value = size / scale
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2
  const text = `${value.toFixed(digits)} ${unit}`
  if (ns < 0) return `−${text}`
  return signed && ns > 0 ? `+${text}` : text
}
