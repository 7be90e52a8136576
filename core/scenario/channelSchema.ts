/** Cross-team channels a scenario declares: a chat between the teams it names (a CERT bridge). */
import { z } from 'zod'
import { LIMITS, type Side } from '../vocabulary/constants'
import { idSchema } from '../vocabulary/fieldSchemas'

export const channelSchema = z.strictObject({
  id: idSchema,
  name: z.string().min(1).max(LIMITS.name),
  /** Who the channel is for: its members are these teams' participants, and the white cell. */
  teams: z.array(idSchema).min(2).max(32),
  /** Says that a red team belongs in it; without it a channel may name no red team. */
  includesRed: z.boolean().default(false),
})
export type ChannelSpec = z.output<typeof channelSchema>

/** The problem with a channel's teams, or null: every team known, and red only when it says so. */
export function channelTeamsProblem(
  channel: { teams: readonly string[]; includesRed: boolean },
  teams: readonly { id: string; side: Side }[],
): string | null {
  const unknown = channel.teams.filter((id) => !teams.some((team) => team.id === id))
  if (unknown.length > 0) {
    return `teams of this exercise (${teams.map((t) => t.id).join(', ')}), not '${unknown.join("', '")}'`
  }
  if (new Set(channel.teams).size !== channel.teams.length) return 'each team once'
  const red = channel.teams.filter((id) => teams.find((team) => team.id === id)?.side === 'red')
  if (red.length > 0 && !channel.includesRed) {
    return `no red team ('${red.join("', '")}'), unless the channel says includesRed: true`
  }
  return null
}

/** Each channel's id unique, not a team's id, and its teams known (red only when it says so). */
export function checkChannels(
  channels: readonly ChannelSpec[],
  teams: readonly { id: string; side: Side }[],
  ctx: z.RefinementCtx,
): void {
  const seen = new Set<string>()
  channels.forEach((channel, i) => {
    const report = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: 'custom', path: ['channels', i, ...path], message })
    if (seen.has(channel.id) || teams.some((team) => team.id === channel.id))
      report(['id'], `a unique id, not a team's ('${channel.id}' is taken)`)
    seen.add(channel.id)
    const problem = channelTeamsProblem(channel, teams)
    if (problem) report(['teams'], problem)
  })
}
