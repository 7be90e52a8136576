/**
 * docs/protocol.md, written from the code: command and event fields come from their zod schemas,
 * so the document cannot drift from what the server speaks (a test compares the two).
 * `npm run docs:protocol` rewrites the file.
 */
import { writeFileSync } from 'node:fs'
import { z } from 'zod'
import { DOCUMENT_LIMITS as LIMITS } from '../../core/documents/limits'
import { FACILITATOR_COMMANDS } from '../../core/engine/decide'
import { SAMPLES_PER_READ_UNIT } from '../../core/engine/twinView'
import type { CommandType } from '../../core/protocol/commands'
import { commandSchemas } from '../../core/protocol/commands'
import type { ERROR_CODES } from '../../core/protocol/errors'
import { eventSchema } from '../../core/protocol/eventSchema'
import type { EventType } from '../../core/protocol/events'
import { PROTOCOL_VERSION } from '../../core/protocol/version'
import { READ_BUDGET, READ_COSTS } from '../http/ReadBudgets'
import { FULL_FRAME_EVERY } from '../rooms/TwinFrames'
import { CONNECTION_LIMITS } from '../socket/ConnectionLimits'
import { TWIN_READ_BUDGET } from '../socket/ParticipantBudgets'

const COMMANDS: Record<CommandType, string> = {
  'exercise.open':
    "Follow an exercise: the answer is a `snapshot`, or with `sinceSeq` the `events` after it. A participant may open only its own. The facilitator's `viewAs: <teamId>` follows it as that team does (the team's snapshot, its events in its own numbering, its twin frames and presence, its notebook to read); that socket then refuses every other command and every document write.",
  'clock.start':
    'Start or resume the scenario clock. Whatever is due at once (T+00:00 injects) fires with it.',
  'clock.pause': 'Pause the scenario clock.',
  'clock.setSpeed': 'Scenario seconds per wall second, 1–3600. Scenario time does not jump.',
  'clock.jump':
    'Move scenario time forward to `t` seconds. Everything due on the way fires first, each at its own time.',
  'clock.followPlan':
    "Return the clock to the scenario's clock plan (after a speed of one's own took it off): it runs at the plan's speed for now, capped by open decisions, and follows the plan's next steps.",
  'inject.fire':
    'Fire a scripted inject now, optionally edited (title, body). Each inject fires once.',
  'inject.skip': 'Skip a scripted inject: it will not fire, nor what waits on it.',
  'inject.delay': 'Move a pending inject `by` seconds later; what follows it moves too.',
  'inject.send': 'An ad-hoc inject to one or more teams.',
  'decision.open': 'Open a decision that has no scripted opening.',
  'decision.answer':
    "Answer an open decision of one's team: a lead decision closes at once, a vote counts at the deadline. The facilitator's answer closes it.",
  'decision.extend':
    'Give a team `by` more seconds on an open decision: added to its scenario deadline and to its wall-time minimum.',
  'observation.record':
    'Record an observation: an HSEEP rating (P, S, M, U) of a team against an objective, with free text. Timestamped at scenario and wall time, with its author; no team receives it.',
  'action.take':
    "Take one of the team's actions (a mitigation, a notification); triggers injects that wait on it.",
  'attack.launch':
    "Launch one of red's attacks on a target node of the twin. `params` may set only what the catalogue entry's `tunable` declares, within its bounds (numbers, in its units); anything else is refused with a message listing what may be tuned.",
  'chat.send':
    "Write in a team's chat: a participant in its own team's channel (the team id), the facilitator in any.",
  'exercise.end':
    'End the exercise: nothing more happens in it; it stays readable, and its people may talk in the hot wash.',
  'adjudication.require':
    "Turn approval on (`attacks: true`) for every attack, or back off to only those the scenario marks `needsApproval`. Red's teams are told.",
  'adjudication.rule':
    "Rule on a queued move (`requestId` from `adjudication.requested`): `approve`, `deny`, or `modify` with `params` within the attack's `tunable` bounds; `note` reaches the team. An approved or modified attack is launched then (and lands after its `executeIn`); an approved action is taken; a denied move never touches the twin.",
  'channel.open':
    'Open a cross-team channel for the teams named (two or more); a red team only with `includesRed: true`.',
  'channel.send':
    "Write in a cross-team channel: a participant of one of its teams, or the facilitator. Another team's channel and one that does not exist get the same refusal.",
  'inject.acknowledge':
    'Acknowledge an inject the team received (`deliveryId`): once per team; the white cell sees who and when.',
  'participant.remove':
    "Remove a participant (also during the hot wash): every socket of theirs is cut at once and their token refused from then on; their team's seat is freed.",
  'participant.move':
    "Move a participant to another team (`teamId`), if it has room: each socket of theirs gets `session.moved` with a seat on the new team and is then cut; the old token is refused, and the old team's data stops at once.",
  'team.rotateCode':
    "Replace a team's join code: the old code is refused at once, the new one is in `GET /api/exercises/:id`.",
  'hotwash.submit':
    'Answer the hot wash survey, after the end and while the hot wash lasts: `wentWell` and `toImprove` in words, `ratings` a score per objective from `hotwash.opened` (1 not met, 2 barely, 3 partly, 4 mostly, 5 fully met; leave out what you cannot judge; an unknown objective is refused), anonymous unless `signed`. Once per participant: a second response is refused, the first stands.',
}

const SENDERS: Partial<Record<CommandType, string>> = {
  'exercise.open': 'anyone',
  'action.take': 'a participant of a team the action names',
  'decision.answer': 'the deciding team, or the facilitator',
  'attack.launch': 'red',
  'channel.send': "a participant of one of the channel's teams, or the facilitator",
  'inject.acknowledge': 'a participant of the team that received the inject',
  'chat.send': 'a participant (own team) or the facilitator',
  'observation.record': 'an evaluator or the facilitator',
  'hotwash.submit': 'a participant, once',
}

const EVENTS: Record<EventType, { who: string; what: string }> = {
  'exercise.created': {
    who: "everyone (participants get the scenario without MSEL, decisions, objectives or other teams' briefings, and `seed: 0`: the twin's seed stays with the facilitator)",
    what: 'The first event of every exercise.',
  },
  'participant.joined': {
    who: 'facilitator, the same team',
    what: 'Someone joined a team with its code.',
  },
  'participant.removed': {
    who: 'facilitator, the same team',
    what: 'The facilitator (`by`) removed a participant: their token no longer opens the exercise.',
  },
  'participant.moved': {
    who: 'facilitator, the team left and the team joined',
    what: 'The facilitator moved a participant from `fromTeamId` to `teamId`.',
  },
  'joinCode.rotated': {
    who: 'facilitator',
    what: "A team's join code was replaced (the code is not in the log).",
  },
  'clock.started': {
    who: 'everyone',
    what: 'The clock runs from `t` at wall time `at`. `reason: decision`: the decision that paused it closed.',
  },
  'clock.paused': {
    who: 'everyone (`decisionId` for the facilitator only)',
    what: 'The clock stopped at `t`. `reason: decision`: a decision that pauses the clock opened.',
  },
  'clock.speedChanged': {
    who: 'everyone',
    what: 'New speed from `t`. No `reason`: the facilitator set it (the clock leaves its plan); `plan`: back on the clock plan; `decision`: a decision opened (the clock slows) or closed (it gets its pace back).',
  },
  'clock.planStep': {
    who: 'everyone (`stepId` blank for teams)',
    what: "The clock reached a step of the scenario's clock plan at `t`: from there it runs at `speed` (null: unchanged, or off the plan), and `hold: true` pauses it.",
  },
  'clock.jumped': { who: 'everyone', what: 'Scenario time went from `fromT` to `t`.' },
  'inject.delivered': {
    who: 'facilitator, the addressed team',
    what: "An inject reached one team: one event per team, sharing a `deliveryId`. `injectId` is null for ad-hoc injects. `t` is the inject's due time.",
  },
  'inject.skipped': { who: 'facilitator', what: 'A scripted inject will not fire.' },
  'inject.rescheduled': { who: 'facilitator', what: 'A scripted inject is now due at `dueT`.' },
  'decision.opened': {
    who: 'facilitator, the deciding team',
    what: 'A question with options and a deadline (`deadlineT`); it stays open at least until wall time `deadlineAt`, whatever the speed.',
  },
  'decision.extended': {
    who: 'facilitator, the deciding team',
    what: 'The facilitator extended a deadline by `by` seconds: new `deadlineT` and `deadlineAt`.',
  },
  'decision.answered': {
    who: 'facilitator, the deciding team',
    what: 'A vote or answer; `participantId` is null for the facilitator.',
  },
  'decision.closed': {
    who: 'facilitator, the deciding team',
    what: 'The outcome: `answered`, `vote`, `default`, or `undecided` (`optionId` null).',
  },
  'action.taken': { who: 'facilitator, the team', what: 'A team took an action.' },
  'chat.message': { who: 'facilitator, the team', what: 'A chat line in a team channel.' },
  'attack.launched': {
    who: 'facilitator, the red team',
    what: 'Red launched an attack on a node of the twin (`target` null for a foothold); `params` holds what it tuned, if anything; `rationale` why; `requestId` the approved request; `landsT` when its effect lands, when not at once.',
  },
  'twin.effectApplied': {
    who: 'facilitator',
    what: 'An effect on the twin (from an attack, an action or a scripted inject) in force from `t` until `endT` (null: for good): ground truth.',
  },
  'twin.statusChanged': {
    who: 'facilitator, the red teams that observe it (`teams`: nodes of its foothold, and only changes its side\'s own effects explain; docs/twin.md, "What red sees")',
    what: "A node's or consumer's status changed at the exact scenario time `t` it crossed a threshold: `ok`, `degraded` or `failed`, with its true time error; `label` names the node (red hears of nodes beyond its chain this way).",
  },
  'twin.alert': {
    who: 'facilitator, the team whose monitoring raised it',
    what: "A team's monitoring raised (or cleared) an alert, after its detection delay; never for what nothing watches.",
  },
  'adjudication.required': {
    who: 'facilitator, the red teams (`teams`)',
    what: 'Every attack needs approval (`attacks: true`), or only those the scenario marks.',
  },
  'adjudication.requested': {
    who: 'facilitator, the team that made the move',
    what: "A move waits for the white cell's ruling, with the team's `rationale`: an attack that needs approval, or an action that needs a controller's ruling. Nothing reaches the twin yet.",
  },
  'adjudication.ruled': {
    who: 'facilitator, the team that made the move',
    what: 'The white cell (`by`) approved, denied or modified (`params`) a move, at `t`/`at`, with a `note` for the team.',
  },
  'attack.landed': {
    who: 'facilitator, the red team',
    what: "An attack's effect took hold (`launchSeq`: its launch), `executeIn` after launch: its effect is applied now, and the attacks that require it may be launched.",
  },
  'channel.opened': {
    who: "facilitator, the channel's teams",
    what: 'The facilitator opened a cross-team channel (scenario channels exist from the start).',
  },
  'channel.message': {
    who: "facilitator, the channel's teams (`teams`)",
    what: "A line in a cross-team channel; `teamId` is the writer's team, null for exercise control.",
  },
  'inject.acknowledged': {
    who: 'facilitator, the team',
    what: 'A member acknowledged an inject for the team.',
  },
  'exercise.ended': { who: 'everyone', what: 'The exercise is over.' },
  'evaluator.joined': {
    who: 'facilitator, evaluators',
    what: "An evaluator took a seat with the exercise's evaluator code.",
  },
  'observation.recorded': {
    who: 'facilitator, evaluators (never a team)',
    what: 'An observation: `rating` (P, S, M, U) of `teamId` against `objectiveId`, with `text`, by `authorId` / `authorName`.',
  },
  'hotwash.opened': {
    who: 'everyone',
    what: "Comes with `exercise.ended`: the hot wash survey is open, on the scenario's `objectives` (`id`, `capability`, `text`; not their criteria).",
  },
  'hotwash.submitted': {
    who: 'facilitator, evaluators (never a team)',
    what: "A participant's survey response. `ballot` is a keyed hash of the exercise and participant with the installation's secret: it marks the one response each may send and names nobody. `author` (`participantId`, `teamId`, `name`) only when the participant signed; null when anonymous.",
  },
}

const ERRORS: Record<(typeof ERROR_CODES)[keyof typeof ERROR_CODES], string> = {
  invalid: 'The message is not a well-formed command or request (shape, types, sizes).',
  unknown_command:
    'The command type is not one this server knows; the message lists those it does.',
  forbidden: "The sender's role or team may not do this.",
  not_found: 'The exercise, inject, team, decision or action named does not exist.',
  conflict:
    'The command does not fit the current state (clock already running, inject already fired, exercise ended).',
  rate_limited: 'Too many commands, reads, document changes or joins too fast.',
  not_joined: 'Open an exercise first (or, for a document, send sync step 1 first).',
  unauthorized: 'Missing or bad credentials.',
  internal: 'The server failed; nothing was changed.',
}

type JsonSchema = {
  type?: string
  const?: unknown
  enum?: unknown[]
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  minLength?: number
  maxLength?: number
  minItems?: number
  maxItems?: number
  pattern?: string
  items?: JsonSchema
  anyOf?: JsonSchema[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  default?: unknown
}

function describeType(schema: JsonSchema): string {
  if (schema.anyOf) return schema.anyOf.map(describeType).join(' or ')
  if (schema.const !== undefined) return `\`${JSON.stringify(schema.const)}\``
  if (schema.enum) return schema.enum.map((v) => `\`${JSON.stringify(v)}\``).join(' \\| ')
  const bounds: string[] = []
  if (schema.type === 'string') {
    if (schema.pattern === '^[a-z0-9][a-z0-9-]{0,63}$') return 'id'
    if (schema.minLength !== undefined) bounds.push(`≥ ${schema.minLength} chars`)
    if (schema.maxLength !== undefined) bounds.push(`≤ ${schema.maxLength} chars`)
  }
  if (schema.type === 'number' || schema.type === 'integer') {
    // zod states the safe-integer range of every integer; it says nothing to a reader.
    if (schema.minimum !== undefined && schema.minimum > Number.MIN_SAFE_INTEGER)
      bounds.push(`≥ ${schema.minimum}`)
    if (schema.exclusiveMinimum !== undefined) bounds.push(`> ${schema.exclusiveMinimum}`)
    if (schema.maximum !== undefined && schema.maximum < Number.MAX_SAFE_INTEGER)
      bounds.push(`≤ ${schema.maximum}`)
  }
  if (schema.type === 'array') {
    const inner = schema.items ? describeType(schema.items) : 'any'
    const count = [
      schema.minItems && `≥ ${schema.minItems}`,
      schema.maxItems && `≤ ${schema.maxItems}`,
    ].filter(Boolean)
    return `array of ${inner}${count.length ? ` (${count.join(', ')})` : ''}`
  }
  if (schema.type === 'object') return 'object'
  return `${schema.type ?? 'any'}${bounds.length ? ` (${bounds.join(', ')})` : ''}`
}

function fieldsOf(schema: z.ZodType, skip: string[]): string {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema
  const required = new Set(json.required ?? [])
  const rows = Object.entries(json.properties ?? {})
    .filter(([name]) => !skip.includes(name))
    .map(([name, field]) => {
      const type =
        name === 'scenario'
          ? 'the scenario ([scenario-format.md](scenario-format.md))'
          : describeType(field)
      const note =
        field.default !== undefined
          ? `default \`${JSON.stringify(field.default)}\``
          : required.has(name)
            ? ''
            : 'optional'
      return `\`${name}\`: ${type}${note ? ` (${note})` : ''}`
    })
  return rows.length ? rows.join('; ') : '—'
}

/** The text of docs/protocol.md. */
export function renderProtocolDoc(): string {
  const commandRows = (Object.keys(commandSchemas) as CommandType[]).map((type) => {
    const who = FACILITATOR_COMMANDS[type] ? 'facilitator' : (SENDERS[type] ?? 'participant')
    return `| \`${type}\` | ${who} | ${fieldsOf(commandSchemas[type], ['type'])} | ${COMMANDS[type]} |`
  })
  const eventRows = eventSchema.options.map((option) => {
    const type = option.shape.type.value as EventType
    return `| \`${type}\` | ${EVENTS[type].who} | ${fieldsOf(option, ['type', 'seq', 'at', 't'])} | ${EVENTS[type].what} |`
  })
  const errorRows = Object.entries(ERRORS).map(([code, meaning]) => `| \`${code}\` | ${meaning} |`)
  return `<!-- Generated by \`npm run docs:protocol\` from core/protocol; edit server/cli/protocolDoc.ts, not this file. -->
# Holdover wire protocol (version ${PROTOCOL_VERSION})

Commands go in, events come out; an exercise's state is the fold of its event log
(\`core/engine/reducer.ts\`). Every command is validated (zod), authorised (role and team),
run through the engine, appended in one transaction, and only then acknowledged and broadcast
to exactly the clients allowed to see each event (\`core/visibility\`).

## HTTP (JSON)

| method, path | who | body → answer |
|---|---|---|
| \`GET /api/health\` | anyone | → \`{ ok: true, version }\` |
| \`GET /api/scenarios\` | facilitator | → \`[{ id, title, summary, duration, injectCount, teams: [{ id, name, side }] }]\` |
| \`GET /api/scenarios/:id/msel.csv\` | facilitator | → the scenario's inject list as CSV (Number, ID, Scenario time, Trigger, Unless, Phase, From, To, Channel, Subject, Message, Expected action, Objective, Notes, Evaluator notes) |
| \`GET /api/exercises\` | facilitator | → \`[{ id, title, scenarioId, createdAt, joinCodes, archivedAt, scenarioTitle, status, participants, lastActivityAt }]\`, newest first; \`status\` is \`not-started\`, \`running\`, \`paused\` or \`ended\`, \`archivedAt\` epoch ms or null |
| \`PUT /api/exercises/:id/archived\` | facilitator | \`{ archived: boolean }\` → \`{ id, archivedAt }\`: archives an exercise (out of the main list) or brings it back |
| \`DELETE /api/exercises/:id\` | facilitator | → 204: deletes the exercise, its codes, log and notebooks; 409 while its clock runs |
| \`POST /api/exercises\` | facilitator | \`{ scenarioId, title? }\` → 201 \`{ id, title, joinCodes: { <teamId>: code }, evaluatorCode }\`: one code per team, and one that seats evaluators |
| \`GET /api/exercises/:id\` | facilitator | → \`{ id, title, scenarioId, createdAt, joinCodes, evaluatorCode, archivedAt }\` (\`evaluatorCode\` null for exercises made before evaluators) |
| \`POST /api/join\` | anyone with a code | \`{ code, name }\` → 201 \`{ token, exerciseId, teamId, participantId, role: 'participant', teamName, side }\`, or with the evaluator code \`{ token, exerciseId, teamId: null, participantId, role: 'evaluator' }\` (at most 50 evaluators: an evaluator sees what the facilitator sees, records observations, and is refused every other command); codes ignore case, spaces and dashes. Wrong codes: 30 a minute per address and code prefix (the first four characters), 300 a minute per address; a code seats 200 people per address in ten minutes; a team seats its \`maxParticipants\` (default 50), then answers 409 saying it is full; an ended exercise answers 409 |
| \`GET /api/exercises/:id/events\` | facilitator | → every event, in order (\`?fromSeq=N\` starts at seq N) |
| \`GET /api/exercises/:id/documents/:doc?at=\` | facilitator, its evaluators, replay link | → \`{ doc, at, text, markdown }\`: shared document \`doc\` (e.g. \`notebook:soc\`) as it read at wall time \`at\` (epoch ms; now when absent); \`text\` is the plain text of every shared type, the notebook's rich text first, \`markdown\` the notebook as Markdown. A participant gets 403. |
| \`GET /api/exercises/:id/export\` | facilitator | → \`{ format: "holdover.exercise", version: 1, exportedAt, exercise, events, documents }\`; \`documents\` is \`[{ doc, updates: [{ id, at, t, author, update }] }]\` with every recorded Yjs update (base64) |
| \`GET /api/exercises/:id/report?format=\` | facilitator, its evaluators, replay link | → the after-action report. \`json\` (the default): \`{ generatedAt, overview, executiveSummary, objectives, strengths, areasForImprovement, attacks, sectors, decisions, teams, timeline, timeError, statusOverTime, hotwash?, improvementPlan }\`, with \`attacks: [{ attackId, label, target, launchedT, detectedT, timeToDetectS, recoveredT, timeToRecoverS, detectedBy, detectedHow, affectedNodes }]\` and \`sectors: [{ nodeId, label, sector, outOfToleranceS, peakTimeErrorNs }]\` (scenario seconds, null where it never happened); \`md\` Markdown; \`html\` one self-contained page that prints to PDF (charts inline as SVG); \`csv\` the event log, one event a row. Markdown, HTML and CSV come as downloads (Content-Disposition); an unknown format answers 400 |
| \`POST /api/exercises/import\` | facilitator | an export → 201 \`{ id, title, joinCodes, events }\` (a new exercise with the same log and notebooks; up to 50 MB) |
| \`POST /api/exercises/:id/replay-links\` | facilitator | → 201 \`{ id, token, url }\`: a read-only replay link (at most 50 per exercise); only a hash of \`token\` is kept, so it is shown this once |
| \`GET /api/exercises/:id/replay-links\` | facilitator | → \`[{ id, createdAt }]\`, oldest first |
| \`DELETE /api/exercises/:id/replay-links/:token\` | facilitator | → 204: revokes the link (\`:token\` its token or its id) at once; 404 if the exercise has no such link |
| \`GET /api/exercises/:id/replay?as=\` | facilitator, its evaluators, replay link | → \`{ exerciseId, title, teams, phases, headSeq, ended, timeline }\`: \`timeline\` is \`[{ seq, at, t, kind, teams, phase, label, doc? }]\`, every event (and every run of notebook edits, \`kind: notebook\`) as \`as\` saw it (\`facilitator\`, the default, or a team id), in time order; \`kind\` is \`inject\`, \`attack\`, \`alert\`, \`decision\`, \`action\`, \`chat\`, \`notebook\`, \`clock\` or \`other\`; \`label\` names teams, people, nodes and attacks by name |
| \`GET /api/exercises/:id/replay/state?seq=&as=\` | facilitator, its evaluators, replay link | → \`{ seq, t, at, state }\`: the state \`as\` held once the log's events up to \`seq\` had reached it, filtered by the server as its snapshot would be (\`viewState\` of the truth then; a team's records keep the log's seqs); 400 for a \`seq\` outside the log, 404 for an unknown team |
| \`GET /api/exercises/:id/replay/twin?seq=&t=&as=&nodes=&points=&fromT=\` | facilitator, its evaluators, replay link | → what \`twin.view\` answered \`as\` then: \`{ audience, t, chain, nodes? (facilitator), observations, alerts, series }\`, the twin read with the live fog at scenario time \`t\` (by default event \`seq\`'s, never earlier) over the truth just after event \`seq\` and, for a \`t\` past that event's, every later event up to \`t\`; \`nodes\` (comma-separated ids) adds their curves from \`fromT\` (0) to \`t\`, \`points\` (2–500, 300) samples each; 400 for a \`seq\` outside the log or a \`t\` before its event, 404 for an unknown team |

A replay link's token opens only the routes marked *replay link*, of its own exercise (403 for another), sent as \`Authorization: Bearer\` or \`?token=\`; a revoked one answers 401 at once, and a participant's token 403.

The routes marked *replay link* are read within a budget per reader: each replay link, each
evaluator's seat, and the facilitator (all its tabs together) have their own. A request costs
units by the work it asks for: a \`replay/state\` seek ${READ_COSTS.seek}, a document at a moment ${READ_COSTS.document};
a \`replay/twin\` read 1, plus 1 per ${SAMPLES_PER_READ_UNIT} curve samples (\`nodes\` × \`points\`),
as \`twin.view\` costs; the timeline ${READ_COSTS.timeline.base} plus ${READ_COSTS.timeline.perThousandEvents} per 1,000 events of the log; the
report, in any format, ${READ_COSTS.report.base} plus ${READ_COSTS.report.perThousandEvents} per 1,000 events. A link or a seat has ${READ_BUDGET.reader.burst} units at once
and ${READ_BUDGET.reader.perSecond} a second, the facilitator ${READ_BUDGET.facilitator.burst} and ${READ_BUDGET.facilitator.perSecond}; a request dearer than the whole allowance waits for
all of it. A token that opens nothing (a revoked link, a lapsed or a team's seat) costs its
address 1 of ${READ_BUDGET.refusedTokens.burst} at once and ${READ_BUDGET.refusedTokens.perSecond} a second, and past that such tokens from it get 429; a link or seat that opens is never held up by its address. Over a
budget the request is refused before the work it asks for is done, with 429, \`rate_limited\`, a message that
says when to try again and \`Retry-After\` in seconds.

The facilitator authenticates with \`Authorization: Bearer <admin token>\`. Ten wrong tokens from
an address are free; each further one closes the address (HTTP and socket handshake alike) for
1 s, 2 s, 4 s… up to 60 s, answered with 429 and \`Retry-After\`. Errors answer 4xx/5xx
with \`{ error: { code, message } }\`; request bodies are limited to 64 kB.

## Socket.IO (default namespace)

- **Handshake**: \`auth: { token, protocol?, lastSeq? }\`. \`token\` is the admin token or a
  participant token (from \`POST /api/join\`; signed, bound to exercise, team and participant).
  \`protocol\`, when sent, must be ${PROTOCOL_VERSION}. A refused handshake gives a \`connect_error\`
  whose message says why; a client shows it rather than retrying.
- **Participant tokens expire**: a token lives for the exercise's planned length (the scenario's
  \`duration\` at the clock's speed, at least 1×) plus 12 hours. A connected participant receives
  **\`session.token\`** \`{ token, expiresAt }\` on connecting and every 10 minutes and keeps it in
  place of the one it holds, so a seat in use does not expire. A removed participant's sockets are
  disconnected at once (\`participant.removed\`) and its token refused from then on. Once the
  exercise has ended, its participants are accepted for the hot wash only
  (\`HOLDOVER_HOT_WASH_MINUTES\`, default 120, after \`exercise.ended\`: they read everything their
  team saw, chat and write notebooks; no other command is taken), no fresh token outlives it, and
  nobody new may join.
- **Participant**: on connecting it receives a \`snapshot\`; if it sent \`lastSeq\` (the last seq it
  holds, in its team's numbering), it receives \`events\` with everything after it instead: no
  gap, no duplicate.
- **Facilitator**: sends \`exercise.open { exerciseId, sinceSeq?, viewAs? }\` to follow an
  exercise; with \`viewAs: <teamId>\` the socket follows it exactly as that team's members do,
  read-only (a second socket, so the white cell's own keeps the ground truth).
- **\`presence\`** \`{ exerciseId, online: participantId[] }\`: who has a socket open on the
  exercise now, on any of the installation's processes, on following it and at every change: the facilitator hears of everyone, a team
  (and a \`viewAs\` socket) of its own members only.
- **\`notebook.activity\`** \`(NotebookEdit[])\`, the facilitator only: \`{ exerciseId, teamId,
  participantId, name, at, t }\` when a participant's change to a team's notebook is recorded, at
  most one per person and notebook a minute; the recent ones on opening the exercise. Not events
  of the log (the notebook's updates are on the record with their authors).
- **\`session.moved\`** \`{ token, expiresAt, teamId, teamName, side }\`: the facilitator moved
  this participant; the token opens the seat on the new team, and the socket is cut right after.
- **\`command\` \`(cmd, ack)\`**: \`ack\` gets \`{ ok: true, events }\` (the events the command
  produced, as this client may see them) or \`{ ok: false, error: { code, message } }\`. A refused
  command changes nothing. 20 commands at once, 5 a second sustained, per participant (all of
  its connections together; the facilitator's 40 and 20). A participant that collects more than
  200 refusals at once (20 a second sustained) of any kind loses every connection and is
  refused for 60 s, with a \`connect_error\` that says so: a person never gets there, a script
  hammering past its budgets does.
- **\`snapshot\`** \`{ exerciseId, seq, state, viewer, serverTime, hotWashSent? }\`: the state this
  client may see (the fold of the events it may see), as of \`seq\`. \`hotWashSent\`, a
  participant's only, says whether they have answered the hot wash survey (\`hotwash.submit\`):
  no team receives the responses, so its state cannot say.
- **\`events\`** \`(Event[])\`: in \`seq\` order, only those this client may see. An event is
  \`{ seq, at, t, type, ...fields }\`: \`seq\` its number, \`at\` wall time (epoch ms), \`t\`
  scenario time (seconds).
- **Numbering**: the facilitator's \`seq\` is the event's position in the exercise's log (the
  same as \`GET /api/exercises/:id/events\`). A team's is its position in that team's own feed:
  1, 2, 3… over the events the team may see, with no gaps. The log's numbering counts every
  team's events, so gaps in it would tell a team how much happens elsewhere, and, by sending a
  cheap command now and then and reading the seq of its ack, when: a live meter of the other
  side's activity. A team's numbering is derived from the log alone (the same on every server
  and after a restart), and \`lastSeq\` and snapshots use it too. Wall and scenario times remain,
  and every team sees clock events; those are the exercise's public facts.
- **\`time.sync\`** \`(ack)\`: \`ack(serverTime)\`, for the client's clock-offset estimate.
- **\`twin.view\`** \`(request, ack)\`: reads the twin (not logged). \`request\` is
  \`{ t?, series?: { nodeIds (≤ 50), fromT, toT, points (2–500) } }\`; the answer
  (\`core/protocol/twinView.ts\`) gives the facilitator the whole chain with ground truth (each
  node's status, time error, mode, selected source) and every observation and alert, and may look
  ahead of the clock; a team gets only the chain nodes it monitors or acts on, its own
  observations and alerts, and offsets its monitoring measured, never past the present: a team's
  series is clamped to now at both ends, and one that starts after now is refused (\`invalid\`).
  The dashboards read once (a first read, a plot's history, after a jump or a reconnect) and then
  follow \`twin.frame\`. A read costs 1 unit plus 1 per ${SAMPLES_PER_READ_UNIT.toLocaleString('en')} samples (nodes × points: 3 curves of
  300 points cost 2, 50 × 500 costs 26); each participant (all its connections together; the
  facilitator likewise) has ${TWIN_READ_BUDGET.burst} units at once and ${TWIN_READ_BUDGET.perSecond} a second; past it, \`rate_limited\`.
- **\`twin.frame\`** \`(frame)\`, server to client: once per tick (while anything it shows moves),
  for each audience (the facilitator, each team) with a socket following the exercise, what that
  audience's dashboards show now, only what changed since its previous frame
  (\`core/protocol/twinViewFrame.ts\`): \`{ exerciseId, audience, t, full, nodes?, timeErrors?,
  observations, alerts? }\`. \`t\` is now on the scenario clock (rounded down to the tick), never
  later; \`nodes\` (facilitator only) the node truths that changed besides the time error, and
  \`timeErrors\` (facilitator only) \`{ <nodeId>: ns }\` for the time errors that moved;
  \`observations\` those that changed, each replacing the one with its \`monitorId\`; \`alerts\`, when
  present, every alert raised now. \`full: true\` (an audience's first frame, and every
  ${FULL_FRAME_EVERY}th) carries every node and observation. A client appends each frame's time error or
  measured offset to the curves it plots. The frame is computed once per audience and sent to the
  audience's room, so it is encoded once however many sockets follow; a team's frame holds only
  what \`twin.view\` would give that team, and at an unchanged moment it gets a frame only when
  something it can see changed.
- **Connections**: a participant may hold ${CONNECTION_LIMITS.perParticipant} sockets at once (tabs, windows), an address
  ${CONNECTION_LIMITS.perAddress}; the newest past either is refused in the handshake with a \`connect_error\` saying so.
- Messages over ${(2 * LIMITS.messageBytes) / 1024} kB close the connection (the transport's limit).

## Shared documents (Yjs)

| document | who may open it | content |
|---|---|---|
| \`notebook:<teamId>\` | the team's members (read and write) and the facilitator (read and write; the console opens it read-only until the facilitator chooses to edit); nobody else | the team's notebook: rich text in the \`Y.XmlFragment\` \`default\` (Tiptap's schema: \`core/documents/notebookSchema.ts\`), seeded once on the server from the scenario's \`notebooks\` template |
| \`improvement-plan\` | the facilitator and evaluators (read and write); no team | the after-action report's improvement plan: a \`Y.Array\` \`items\` of \`Y.Map\`s with the string fields \`issue\`, \`correctiveAction\`, \`capability\`, \`organisation\`, \`poc\`, \`start\`, \`completion\` (\`core/report/improvementPlan.ts\`); every report export includes it |

- **\`yjs\` \`(doc, message, ack)\`**, both ways. \`message\` is framed as y-websocket and
  Hocuspocus frame it, without a document name (\`core/documents/yjsMessage.ts\`): a varint type,
  \`0\` sync or \`1\` awareness, then the y-protocols payload. Sync carries a varint step: \`0\`
  step 1 (a state vector), \`1\` step 2 (an update), \`2\` an update (Yjs update format v1).
- **Opening**: the client sends sync step 1; the server answers on \`yjs\` with sync step 2 (what
  the client lacks), its own sync step 1, and the awareness of everyone in the document, then acks.
  The client answers the server's step 1 with a step 2. Then updates and awareness flow both ways,
  to every other client that has the document open (never back to their sender).
- **Acks**: every client emit is acked with \`{ ok: true }\` or \`{ ok: false, error: { code, message } }\`.
  An update's ack comes once it is durable (recorded with its wall time, scenario time and
  author). A refused message changes nothing, and a client refused a document receives nothing of
  it: \`invalid\` for a name this server does not know, framing or an update Yjs could not decode
  (every count is checked against the bytes before anything is applied), an update that skips
  changes the server never saw (resync with step 1), or a limit; \`forbidden\` for a document of
  another team or a change to one opened read-only; \`not_joined\` for a document not opened with
  step 1; \`rate_limited\` over a budget.
- **Awareness**: the server replaces \`user.name\` with the sender's display name (\`White cell\` for
  the facilitator) and keeps \`user.color\` only as \`#rrggbb\`; a connection may announce at most
  ${LIMITS.awarenessClientsPerConnection} awareness client ids and not another connection's; its ids are removed, and the removal
  sent to the others, when it leaves the document or disconnects.
- **\`yjs.leave\`** \`(doc, ack)\`: the client closes the document: no more updates, its carets go.
- **\`yjs.closed\`** \`(doc, error)\`, server to client: the server let go of the document for this
  client (it could not record a change); the client's copy keeps everything, and sending step 1
  opens it again and sends what the server lacks.
- **Limits**: ${LIMITS.messageBytes / 1024} kB per message; ${LIMITS.documentBytes / 1024 / 1024} MB per document (past it, only deletions are taken);
  ${LIMITS.awarenessBytes / 1024} kB per awareness message; ${LIMITS.openDocumentsPerConnection} documents open per connection; per participant (all its
  connections together) ${LIMITS.updatesPerSecond} updates a second with bursts of ${LIMITS.updatesBurst}, and ${LIMITS.awarenessPerSecond} awareness messages a second
  with bursts of ${LIMITS.awarenessBurst}.

## Commands

| type | who | fields | what it does |
|---|---|---|---|
${commandRows.join('\n')}

## Events

| type | who receives it | fields (besides seq, at, t) | meaning |
|---|---|---|---|
${eventRows.join('\n')}

## Errors

| code | meaning |
|---|---|
${errorRows.join('\n')}
`
}

if (process.argv[1]?.endsWith('protocolDoc.ts') && process.argv.includes('--write')) {
  writeFileSync('docs/protocol.md', renderProtocolDoc())
  console.log('wrote docs/protocol.md')
}
