/**
 * `npm run msel -- export SCENARIO.yaml [--out MSEL.csv]`: the inject list as a spreadsheet.
 * `npm run msel -- import MSEL.csv --into SCENARIO.yaml`: the spreadsheet back into the file
 * (the other sections and comments are kept; nothing is written unless the result is valid).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { parseDocument } from 'yaml'
import { csvToInjects, mselToCsv } from '../../core/scenario/msel'
import { parseScenario } from '../../core/scenario/parseScenario'

const USAGE = `usage:
  npm run msel -- export SCENARIO.yaml [--out MSEL.csv]
  npm run msel -- import MSEL.csv --into SCENARIO.yaml`

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name)
  return i === -1 ? undefined : args[i + 1]
}

function fail(message: string): never {
  console.error(message)
  process.exit(1)
}

const [verb, file, ...rest] = process.argv.slice(2)
if (!verb || !file || (verb !== 'export' && verb !== 'import')) fail(USAGE)

if (verb === 'export') {
  const parsed = parseScenario(readFileSync(file, 'utf8'), file)
  if (!parsed.ok)
    fail(parsed.problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`).join('\n'))
  const csv = mselToCsv(parsed.scenario)
  const out = option(rest, '--out')
  if (out) {
    writeFileSync(out, `${csv}\n`)
    console.log(`wrote ${parsed.scenario.injects.length} injects to ${out}`)
  } else {
    process.stdout.write(`${csv}\n`)
  }
} else {
  const into = option(rest, '--into') ?? fail(USAGE)
  const text = readFileSync(into, 'utf8')
  const current = parseScenario(text, into)
  const rows = csvToInjects(readFileSync(file, 'utf8'), current.ok ? current.scenario.injects : [])
  if (!rows.ok) fail(rows.problems.map((p) => `${file}: row ${p.row}: ${p.message}`).join('\n'))
  const doc = parseDocument(text)
  doc.set('injects', doc.createNode(rows.injects))
  const updated = doc.toString({ lineWidth: 100 })
  const checked = parseScenario(updated, into)
  if (!checked.ok) {
    fail(
      `${into} was not changed; the imported MSEL does not fit the scenario:\n${checked.problems
        .map((p) => `  ${p.path}: ${p.message}`)
        .join('\n')}`,
    )
  }
  writeFileSync(into, updated)
  console.log(`imported ${rows.injects.length} injects into ${into}`)
}
