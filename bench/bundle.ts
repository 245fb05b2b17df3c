// Section 4: what a phone downloads before the first H5 page can render. The initial JS is every
// script and modulepreload the H5 entry's index.html names, gzipped; lazily loaded pages are not
// counted. The console entry is measured beside it as the baseline.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { ensureWebBuild, webDist } from '../src/server/kernel/web.ts'
import type { SectionResult } from './stats.ts'

const H5_BUDGET_KB = 200

function initialJsKb(entryHtml: string): { kb: number; files: number } {
  const html = readFileSync(path.join(webDist, entryHtml), 'utf8')
  const refs = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="([^"]+\.js)"/g)].map((m) => m[1]!)
  const unique = [...new Set(refs)]
  const bytes = unique.reduce((sum, ref) => sum + gzipSync(readFileSync(path.join(webDist, ref.replace(/^\//, '')))).length, 0)
  return { kb: bytes / 1024, files: unique.length }
}

export async function measureBundle(): Promise<SectionResult> {
  await ensureWebBuild(() => undefined)
  const h5 = initialJsKb('h5/index.html')
  const consoleEntry = initialJsKb('index.html')
  return {
    rows: [
      {
        section: '4 web bundle',
        figure: 'H5 entry: initial JS, gzipped',
        measured: `${h5.kb.toFixed(1)} KB in ${h5.files} files`,
        baseline: `console entry: ${consoleEntry.kb.toFixed(1)} KB`,
        ratio: `${(h5.kb / consoleEntry.kb).toFixed(2)}×`,
        target: `≤ ${H5_BUDGET_KB} KB`,
        verdict: h5.kb <= H5_BUDGET_KB ? 'PASS' : 'FAIL',
      },
    ],
    notes: ['Web bundle: scripts and modulepreloads named by each entry\'s index.html, gzipped with zlib defaults; pages loaded on demand are not counted.'],
  }
}
