// Helpers for tests and benchmarks that run the real server process (`npm start`), not an
// in-process app: spawn it, wait for the URL it prints, talk to it over loopback HTTP.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { loadConfig } from '../../src/server/kernel/config.ts'
import { restoreFromFile } from '../../src/server/kernel/backup.ts'
import { parsePiiKeys, writePiiKeyFile } from '../../src/server/kernel/pii.ts'
import { TEST_PII_KEYS } from '../support/template.ts'

export const root = path.resolve(import.meta.dirname, '../..')

/** Variables the server reads; never inherited from the caller's environment, only passed explicitly. */
const CONFIG_VARS = [
  'PORT', 'HOST', 'DATA_DIR', 'BACKUP_DIR', 'BACKUP_INTERVAL_MIN', 'BACKUP_KEEP', 'DATABASE_URL', 'DATABASE_POOL_MAX', 'DATABASE_CONNECT_TIMEOUT_MS',
  'LOG_LEVEL', 'LINLI_DEMO', 'LINLI_ADMIN_PASSWORD', 'TRUST_PROXY', 'SESSION_IDLE_MIN', 'SESSION_ABSOLUTE_HOURS',
  'LOGIN_MAX_FAILURES', 'LOGIN_LOCK_MIN', 'LOGIN_IP_PER_MIN', 'PASSWORD_MIN_LENGTH', 'PASSWORD_MIN_CLASSES',
  'GEOMETRY_TOLERANCE_M2', 'BODY_LIMIT_BYTES', 'LINLI_PII_KEYS', 'LINLI_PII_KEY_FILE', 'ALLOWED_HOSTS', 'PUBLIC_URL',
  'LIVE_SESSION_CHECK_SEC',
]

export interface Exit {
  code: number | null
  signal: NodeJS.Signals | null
}

export interface SpawnedServer {
  child: ChildProcess
  pid: number
  /** Everything the process printed so far, stdout and stderr. */
  output(): string
  stdout(): string
  stderr(): string
  exited: Promise<Exit>
  /** Resolves with the exit once the process has ended (at once if it already has). */
  stop(signal?: NodeJS.Signals): Promise<Exit>
}

export interface RunningServer extends SpawnedServer {
  /** Base URL without the trailing slash, e.g. http://127.0.0.1:41234 */
  url: string
  docsUrl: string
}

const live = new Set<ChildProcess>()

/** Spawns `node bin/start.mjs` (what `npm start` runs) with only the given configuration variables. */
export function spawnServer(env: Record<string, string>): SpawnedServer {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !CONFIG_VARS.includes(k)))
  const child = spawn(process.execPath, ['bin/start.mjs'], {
    cwd: root,
    // The web app's build is not what these processes are about: skip it unless asked for.
    env: { ...base, LINLI_WEB_BUILD: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  live.add(child)
  let out = ''
  let err = ''
  let all = ''
  child.stdout!.setEncoding('utf8').on('data', (d: string) => ((out += d), (all += d)))
  child.stderr!.setEncoding('utf8').on('data', (d: string) => ((err += d), (all += d)))
  let done: Exit | null = null
  const exited = new Promise<Exit>((resolve) => {
    child.on('exit', (code, signal) => {
      live.delete(child)
      // Let the pipes drain so output() holds the last words.
      const finish = () => resolve((done = { code, signal }))
      if (child.stdout!.readableEnded && child.stderr!.readableEnded) finish()
      else child.on('close', finish)
    })
  })
  return {
    child,
    pid: child.pid!,
    output: () => all,
    stdout: () => out,
    stderr: () => err,
    exited,
    stop(signal = 'SIGTERM') {
      if (!done && child.exitCode === null && child.signalCode === null) child.kill(signal)
      return exited
    },
  }
}

/** Spawns the server and waits until it prints its URL; rejects with its output if it exits or hangs. */
export async function startServer(env: Record<string, string>, timeoutMs = 90_000): Promise<RunningServer> {
  const s = spawnServer(env)
  const started = Date.now()
  while (Date.now() - started < timeoutMs) {
    const out = s.stdout()
    // The banner's API docs line, and the first URL it prints (the web app / the server root).
    const docsUrl = /接口文档 API:\s+(http:\/\/\S+)\s*$/m.exec(out)?.[1]
    const url = docsUrl ? /(http:\/\/[^\s/]+)\//.exec(out)?.[1] : undefined
    if (url && docsUrl) return { ...s, url, docsUrl }
    if (s.child.exitCode !== null || s.child.signalCode !== null) {
      const exit = await s.exited
      throw new Error(`server exited (${exit.code ?? exit.signal}) before listening:\n${s.output()}`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  await s.stop('SIGKILL')
  throw new Error(`server did not start within ${timeoutMs} ms:\n${s.output()}`)
}

/** SIGKILLs every server process this module spawned that is still running (for `after` hooks). */
export async function killAll(): Promise<void> {
  await Promise.all(
    [...live].map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve()
          c.once('exit', () => resolve())
          c.kill('SIGKILL')
        }),
    ),
  )
}

export function templateFile(): string {
  const file = process.env.LINLI_TEST_TEMPLATE
  if (!file) throw new Error('LINLI_TEST_TEMPLATE is not set: run with `npm test` (or build it: node --import tsx test/support/template.ts pglite)')
  return file
}

/** A new temporary DATA_DIR holding the migrated, demo-seeded template database. */
export async function templateDataDir(prefix = 'linli-proc-'): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix))
  await restoreFromFile(loadConfig({ DATA_DIR: dir }), templateFile())
  // The template is sealed with the test keys; a restored data dir needs its key file beside it.
  writePiiKeyFile(path.join(dir, 'pii.key'), parsePiiKeys(TEST_PII_KEYS, 'TEST_PII_KEYS'))
  return dir
}

export async function removeDir(dir: string | undefined): Promise<void> {
  if (dir) await rm(dir, { recursive: true, force: true })
}

/** A signed-in HTTP client for a running server (cookie session plus the CSRF header). */
export interface Api {
  cookie: string
  request(method: string, url: string, body?: unknown): Promise<{ status: number; body: any }>
}

export async function login(baseUrl: string, username = 'admin', password = 'Demo@2026'): Promise<Api> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-linli-csrf': '1' },
    body: JSON.stringify({ username, password }),
  })
  if (res.status !== 200) throw new Error(`login as ${username} failed: ${res.status} ${await res.text()}`)
  const session = res.headers.getSetCookie().find((c) => c.startsWith('linli_session='))
  if (!session) throw new Error('login set no session cookie')
  const cookie = session.split(';')[0]!
  return {
    cookie,
    async request(method, url, body) {
      const r = await fetch(`${baseUrl}${url}`, {
        method,
        headers: { cookie, 'x-linli-csrf': '1', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      const text = await r.text()
      let parsed: unknown = text
      try {
        parsed = text ? JSON.parse(text) : null
      } catch {
        // not JSON: keep the text
      }
      return { status: r.status, body: parsed }
    },
  }
}
