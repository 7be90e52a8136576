/** What a team's notebook holds when the exercise starts: the scenario's template, or one by side. */
import type { Scenario } from '../scenario/schema'
import { escapeMarkdown } from '../text/escape'

/** The template (Markdown) of team `teamId`'s notebook: the scenario's, or a default by side. */
export function notebookTemplate(
  scenario: Pick<Scenario, 'teams' | 'notebooks'>,
  teamId: string,
): string {
  // Own keys only: a team id such as `constructor` must not find Object.prototype's.
  if (Object.hasOwn(scenario.notebooks, teamId)) return scenario.notebooks[teamId]!
  const team = scenario.teams.find((candidate) => candidate.id === teamId)
  const name = escapeMarkdown(team?.name ?? teamId)
  switch (team?.side) {
    case 'red':
      return redPlan(name)
    case 'blue':
      return blueLog(name)
    default:
      return observerNotes(name)
  }
}

function blueLog(team: string): string {
  return `# ${team}: incident log

One line per observation, with its scenario time ("Insert scenario time"); say who owns the action.

| Time (T+) | Source | Observation | Action / owner |
| --- | --- | --- | --- |
|  |  |  |  |

## Open questions

- [ ] Which time sources do we trust right now, and why?
- [ ] Since when is the time wrong, and by how much?
- [ ] Which systems and sectors take time from the affected sources?
- [ ] Who outside the team needs to know, and who tells them?

## Situation report

### Situation

### Impact by sector

### Actions taken

### Decisions needed

### Next report
`
}

function redPlan(team: string): string {
  return `# ${team}: operation plan

## Objective

What the sponsor wants, and how we know we achieved it.

## Targets

| Target | Access | Attack | Expected effect | Detection risk |
| --- | --- | --- | --- | --- |
|  |  |  |  |  |

## Timeline

| Time (T+) | Step | Owner | Status |
| --- | --- | --- | --- |
|  |  |  |  |

## Preconditions

- [ ] Access to each target confirmed
- [ ] Abort criteria agreed
- [ ] Control's approval where the briefing requires it

## Notes
`
}

function observerNotes(team: string): string {
  return `# ${team}: observation notes

| Time (T+) | Team | What was seen | Why it matters |
| --- | --- | --- | --- |
|  |  |  |  |

## Strengths

## Areas for improvement

## Questions for the hot wash
`
}
