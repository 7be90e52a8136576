/** `npm run scenarios:check [files…]`: validates scenario files, all shipped ones by default. */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { parseScenario } from '../../core/scenario/parseScenario'

const args = process.argv.slice(2)
const files =
  args.length > 0
    ? args
    : readdirSync('scenarios')
        .filter((name) => /\.ya?ml$/.test(name))
        .sort()
        .map((name) => path.join('scenarios', name))

let failed = 0
for (const file of files) {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    console.error(`${file}: cannot read (${(error as Error).message})`)
    failed++
    continue
  }
  const parsed = parseScenario(text, file)
  if (parsed.ok) {
    const { scenario } = parsed
    console.log(
      `ok  ${file}: ${scenario.id}, ${scenario.teams.length} teams, ${scenario.injects.length} injects, ${scenario.decisions.length} decisions`,
    )
  } else {
    failed++
    for (const problem of parsed.problems) {
      console.error(
        `${problem.file}:${problem.line}:${problem.column}: ${problem.path ? `${problem.path}: ` : ''}${problem.message}`,
      )
    }
  }
}
if (failed > 0) {
  console.error(`\n${failed} of ${files.length} scenario file(s) have problems.`)
  process.exitCode = 1
}
