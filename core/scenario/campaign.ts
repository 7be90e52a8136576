/**
 * Red's catalogue as a campaign: what each attack needs in place before it can run (the foothold
 * chain), how long it takes to execute in scenario time, how noisy it is, and whether the white
 * cell must approve it. Free of zod, so the red console explains a precondition with the same
 * rule the server refuses it by.
 */

/** How much an attack shows: `quiet` nothing of itself, `loud` something a watcher cannot miss. */
export const NOISE_LEVELS = ['quiet', 'noticeable', 'loud'] as const
export type NoiseLevel = (typeof NOISE_LEVELS)[number]

/** What the campaign needs of a catalogue entry. */
export interface CampaignStep {
  readonly id: string
  readonly label: string
  /** Attacks that must have taken effect (landed) before this one can be launched. */
  readonly requires?: readonly string[] | undefined
  /** Scenario seconds from launch (or approval) until the effect lands. */
  readonly executeIn?: number | undefined
  readonly needsApproval?: boolean | undefined
}

/** The attacks a step still waits on: those it requires that have not landed. */
export function missingPreconditions(
  step: CampaignStep,
  landed: ReadonlySet<string>,
): readonly string[] {
  return (step.requires ?? []).filter((id) => !landed.has(id))
}

/** Why a step cannot be launched yet, in words, or null when everything it needs is in place. */
export function preconditionProblem(
  step: CampaignStep,
  landed: ReadonlySet<string>,
  catalogue: readonly CampaignStep[],
): string | null {
  const missing = missingPreconditions(step, landed)
  if (missing.length === 0) return null
  const labels = missing.map((id) => `“${catalogue.find((c) => c.id === id)?.label ?? id}”`)
  return `“${step.label}” needs ${labels.join(' and ')} to have taken effect first.`
}

/**
 * The names of the MITRE ATT&CK techniques (Enterprise, Mobile and ICS) the shipped scenarios
 * use, by id, as attack.mitre.org gives them; an id missing here is shown without its name.
 */
export const ATTACK_TECHNIQUES: Readonly<Record<string, string>> = {
  T0814: 'Denial of Service',
  T0815: 'Denial of View',
  T0816: 'Device Restart/Shutdown',
  T0822: 'External Remote Services',
  T0830: 'Adversary-in-the-Middle',
  T0831: 'Manipulation of Control',
  T0832: 'Manipulation of View',
  T0836: 'Modify Parameter',
  T0859: 'Valid Accounts',
  T0886: 'Remote Services',
  T1018: 'Remote System Discovery',
  T1021: 'Remote Services',
  T1053: 'Scheduled Task/Job',
  T1070: 'Indicator Removal',
  T1078: 'Valid Accounts',
  T1111: 'Multi-Factor Authentication Interception',
  T1133: 'External Remote Services',
  T1499: 'Endpoint Denial of Service',
  T1557: 'Adversary-in-the-Middle',
  T1566: 'Phishing',
  T1660: 'Phishing',
}

/** "T1557 Adversary-in-the-Middle", or the bare id when its name is not known here. */
export function techniqueName(id: string): string | null {
  return Object.hasOwn(ATTACK_TECHNIQUES, id) ? ATTACK_TECHNIQUES[id]! : null
}
