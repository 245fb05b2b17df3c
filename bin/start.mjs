// `npm start`: runs the server from one bundle of its sources (dist/server-<hash>/main.mjs), built
// with esbuild when no bundle of the current sources, lockfile and this file exists yet.
// Loading one bundle instead of ~400 TypeScript modules through the tsx loader is what brings a
// warm start close to the time PGlite needs to open its data dir (docs/performance.md).
// Packages stay outside the bundle (they load from node_modules as they are), so PGlite's WASM
// and extension files, sharp and pdfkit's fonts are found where npm put them.
// Plain JavaScript on purpose: it runs before anything can compile TypeScript.
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const serverSrc = path.join(root, 'src/server')
const dist = path.join(root, 'dist')

function sourcesUnder(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f)
    if (statSync(p).isDirectory()) return sourcesUnder(p)
    return f.endsWith('.test.ts') ? [] : [p]
  })
}

/** A hash of everything the bundle is made from, so a stale bundle is noticed and a fresh one reused. */
export function serverSourceHash() {
  const inputs = [...sourcesUnder(serverSrc), path.join(root, 'package-lock.json'), fileURLToPath(import.meta.url)].sort()
  const h = createHash('sha256')
  for (const f of inputs) h.update(path.relative(root, f)).update('\0').update(readFileSync(f))
  return h.digest('hex')
}

/**
 * The bundle of the current sources, built into dist/server-<hash>/ unless it is there already.
 * A build never replaces a directory in use: it is built aside and renamed into place, a start that
 * loses the race to an identical build takes the winner's, and older bundles are removed after.
 */
export async function ensureServerBuild() {
  const hash = serverSourceHash().slice(0, 16)
  const outDir = path.join(dist, `server-${hash}`)
  const entry = path.join(outDir, 'main.mjs')
  if (existsSync(entry)) return entry
  const { build } = await import('esbuild')
  const tmp = path.join(dist, `.server-${hash}.${process.pid}.tmp`)
  rmSync(tmp, { recursive: true, force: true })
  await build({
    entryPoints: [path.join(serverSrc, 'main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    // Keeps main.ts's lazy imports lazy: what loads while PGlite opens stays in its own chunk.
    splitting: true,
    outdir: tmp,
    outExtension: { '.js': '.mjs' },
    sourcemap: 'linked',
    logLevel: 'warning',
  })
  try {
    renameSync(tmp, outDir)
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true })
    if (!existsSync(entry)) throw err
  }
  for (const f of readdirSync(dist)) {
    if (/^server-[0-9a-f]{16}$/.test(f) && f !== `server-${hash}`) rmSync(path.join(dist, f), { recursive: true, force: true })
  }
  return entry
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let entry
  try {
    entry = await ensureServerBuild()
  } catch (err) {
    console.error(`无法编译服务端 (could not build the server): ${err instanceof Error ? err.message : String(err)}`)
    process.exit(1)
  }
  // Stack traces name the TypeScript sources.
  process.setSourceMapsEnabled(true)
  await import(pathToFileURL(entry).href)
}
