import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, normalize, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

/**
 * core/'s folders, bottom first: each may import only the folders before it, so each reads
 * knowing only what lies below it (README.md, "Where things are").
 */
const LAYERS = [
  'vocabulary',
  'text',
  'clock',
  'twin',
  'scenario',
  'documents',
  'protocol',
  'visibility',
  'engine',
  'report',
] as const

const CORE = 'core'
/** The repository's root: paths are read from it and named as from it, wherever vitest runs. */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')

// Every form that names another module: `import … from`, `export … from`, `import '…'`, and
// `import('…')`, which covers dynamic imports and type expressions alike.
const STATIC = /^\s*(?:import|export)\b[^;'"]*?\bfrom\s*(['"])([^'"]+)\1/gm
const BARE = /^\s*import\s*(['"])([^'"]+)\1/gm
const DYNAMIC = /\bimport\(\s*(['"])([^'"]+)\1\s*\)/g

/** The module specifiers `source` imports, doc comments and line comments aside. */
function importsOf(source: string): string[] {
  const code = source
    .split('\n')
    .filter((line) => !/^\s*(?:\*|\/\/|\/\*)/.test(line))
    .join('\n')
  return [STATIC, BARE, DYNAMIC].flatMap((pattern) =>
    [...code.matchAll(pattern)].map((match) => match[2] as string),
  )
}

/** What is wrong with `file` (a path under core/) importing `specifier`, or null when nothing is. */
function layerProblem(file: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null
  const from = folderOf(file)
  const target = normalize(join(dirname(file), specifier))
  const inCore = relative(CORE, target)
  if (inCore.startsWith('..')) return `${file} imports '${specifier}', outside core/`
  const to = inCore.split(sep)[0] ?? ''
  if (to === from) return null
  const below = LAYERS.indexOf(to as (typeof LAYERS)[number])
  if (below < 0) return `${file} imports '${specifier}': '${to}' has no place in LAYERS`
  if (below >= LAYERS.indexOf(from as (typeof LAYERS)[number])) {
    return `${file} imports '${specifier}': ${from} may import only ${layersBelow(from)}`
  }
  return null
}

function folderOf(file: string): string {
  return relative(CORE, file).split(sep)[0] ?? ''
}

function layersBelow(folder: string): string {
  const below = LAYERS.slice(0, LAYERS.indexOf(folder as (typeof LAYERS)[number]))
  return below.length > 0 ? below.join(', ') : 'nothing of core/'
}

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return /\.tsx?$/.test(entry.name) ? [path] : []
  })
}

describe("core/'s folders depend one way", () => {
  // Tests included: a test that reaches up is a dependency its folder's reader has to know of too.
  // Files at core/'s top (this one) belong to no folder.
  const files = sourceFiles(CORE).filter((file) => dirname(file) !== CORE)

  it('has a place in LAYERS for every folder of core/, and a folder for every place', () => {
    const folders = readdirSync(join(ROOT, CORE), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
    expect(folders.sort()).toEqual([...LAYERS].sort())
  })

  it('has every file import only its own folder and the folders below it', () => {
    const problems = files.flatMap((file) =>
      importsOf(readFileSync(join(ROOT, file), 'utf8')).flatMap((specifier) => {
        const problem = layerProblem(file, specifier)
        return problem ? [problem] : []
      }),
    )
    expect(problems).toEqual([])
  })

  it('reads every way of naming a module, and only code', () => {
    const source = [
      "import { a } from '../engine/a'",
      "import type { B } from '../engine/b'",
      'import {',
      '  c,',
      '  type D,',
      "} from '../engine/c'",
      "export * from '../engine/e'",
      "export type { F } from '../engine/f'",
      "import '../engine/g'",
      "type H = import('../engine/h').H",
      "const i = await import('../engine/i')",
      "/** Not this: import('../engine/comment') */",
      "// nor this: import { x } from '../engine/line'",
    ].join('\n')
    expect(importsOf(source).sort()).toEqual(
      ['a', 'b', 'c', 'e', 'f', 'g', 'h', 'i'].map((name) => `../engine/${name}`),
    )
    expect(layerProblem('core/protocol/x.ts', '../engine/state')).toBe(
      "core/protocol/x.ts imports '../engine/state': protocol may import only vocabulary, text, clock, twin, scenario, documents",
    )
    expect(layerProblem('core/engine/x.ts', '../protocol/state')).toBeNull()
    expect(layerProblem('core/twin/x.ts', '../../server/y')).toMatch(/outside core/)
  })
})
