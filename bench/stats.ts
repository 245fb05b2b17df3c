// Small numeric helpers shared by the bench sections: percentiles, a seeded PRNG, formatting,
// and the result rows every section hands back to bench/run.ts for the final table.

export type Verdict = 'PASS' | 'FAIL' | 'info' | 'skipped'

/** One line of the final table; `ratio` is always against a baseline measured in the same run. */
export interface Row {
  section: string
  figure: string
  measured: string
  baseline: string
  ratio: string
  target: string
  verdict: Verdict
}

export interface SectionResult {
  rows: Row[]
  /** Context a reader needs to interpret the rows (what was measured, caveats). */
  notes: string[]
}

export interface Summary {
  n: number
  p50: number
  p99: number
  mean: number
}

/** Nearest-rank percentile: a value that was actually observed, no interpolation. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b)
  const mean = sorted.reduce((s, x) => s + x, 0) / (sorted.length || 1)
  return { n: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), mean }
}

export function median(samples: readonly number[]): number {
  return percentile([...samples].sort((a, b) => a - b), 50)
}

/** mulberry32: tiny, fast and good enough to make the request points reproducible across runs. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export const ms = (x: number): string => (Number.isFinite(x) ? `${x < 10 ? x.toFixed(2) : x.toFixed(1)} ms` : 'n/a')
export const secs = (x: number): string => (Number.isFinite(x) ? `${(x / 1000).toFixed(2)} s` : 'n/a')
export const ratio = (a: number, b: number): string => (b > 0 && Number.isFinite(a) ? `${(a / b).toFixed(2)}×` : 'n/a')
export const perSec = (x: number): string => `${Math.round(x).toLocaleString('en-US')} req/s`
export const mib = (kib: number): string => (Number.isFinite(kib) ? `${(kib / 1024).toFixed(0)} MiB` : 'n/a')

export const verdict = (ok: boolean): Verdict => (ok ? 'PASS' : 'FAIL')

export function skippedRow(section: string, figure: string, why: string): Row {
  return { section, figure, measured: `skipped: ${why}`, baseline: '', ratio: '', target: '', verdict: 'skipped' }
}

/** Plain-text table with columns padded by display width (CJK characters count double). */
export function textTable(header: readonly string[], body: readonly (readonly string[])[]): string {
  const wide = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uff60\uffe0-\uffe6]/
  const width = (s: string) => [...s].reduce((w, ch) => w + (wide.test(ch) ? 2 : 1), 0)
  const cols = header.map((h, i) => Math.max(width(h), ...body.map((r) => width(r[i] ?? ''))))
  const line = (cells: readonly string[]) => cells.map((c, i) => c + ' '.repeat(cols[i]! - width(c))).join(' | ').trimEnd()
  return [line(header), cols.map((w) => '-'.repeat(w)).join('-+-'), ...body.map(line)].join('\n')
}

export function markdownTable(header: readonly string[], body: readonly (readonly string[])[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|')
  return [
    `| ${header.map(esc).join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...body.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n')
}

/** Times `fn` on each input in turn; the first `warmup` calls are left out of the summary. */
export async function timeEach<T>(inputs: readonly T[], warmup: number, fn: (input: T) => Promise<unknown>): Promise<Summary> {
  const samples: number[] = []
  for (const [i, input] of inputs.entries()) {
    const t0 = performance.now()
    await fn(input)
    if (i >= warmup) samples.push(performance.now() - t0)
  }
  return summarize(samples)
}
