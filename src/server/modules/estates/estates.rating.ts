// The five-colour rule (五色管理) and the checks of a score sheet: pure, shared by the server and
// the console's rating dialog (browser-safe: no imports).
export const estateColors = ['green', 'blue', 'yellow', 'orange', 'red'] as const
export type EstateColor = (typeof estateColors)[number]

/**
 * The colour a total (0–100) earns: ≥ 90 green, ≥ 80 blue, ≥ 70 yellow, ≥ 60 orange, below 60 red.
 * Bounds are inclusive: 90 is green, 89.9 blue.
 */
export const colorThresholds: { color: EstateColor; min: number }[] = [
  { color: 'green', min: 90 },
  { color: 'blue', min: 80 },
  { color: 'yellow', min: 70 },
  { color: 'orange', min: 60 },
  { color: 'red', min: 0 },
]

/**
 * How the web app draws each colour: `fill` with `onFill` text on it (a chip), or `text` on white
 * (a label); each pair has at least 4.5:1 contrast.
 */
export const colorStyles: Record<EstateColor, { fill: string; onFill: string; text: string }> = {
  green: { fill: '#237804', onFill: '#fff', text: '#135200' },
  blue: { fill: '#0958d9', onFill: '#fff', text: '#003eb3' },
  yellow: { fill: '#fadb14', onFill: '#000', text: '#614700' },
  orange: { fill: '#ad4e00', onFill: '#fff', text: '#873800' },
  red: { fill: '#a8071a', onFill: '#fff', text: '#a8071a' },
}

export function colorOf(total: number): EstateColor {
  return colorThresholds.find((t) => total >= t.min)!.color
}

/** A criterion scoring below this share of its maximum is named in a rectification case. */
export const LOW_SCORE_SHARE = 0.6

export interface Criterion {
  code: string
  name: string
  maxScore: number
}

/** Sum to one decimal, without float noise (0.1 + 0.2). */
export function totalOf(scores: Record<string, number>): number {
  return Math.round(Object.values(scores).reduce((sum, v) => sum + Math.round(v * 10), 0)) / 10
}

/**
 * Problems of a score sheet, one per field: every active criterion scored, from 0 to its
 * maximum, in steps of 0.1; no unknown criteria.
 */
export function scoreSheetProblems(criteria: Criterion[], scores: Record<string, number>, zh = true): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = []
  const known = new Set(criteria.map((c) => c.code))
  for (const c of criteria) {
    const v = scores[c.code]
    const path = `scores.${c.code}`
    if (v === undefined) problems.push({ path, message: zh ? `请为“${c.name}”评分` : `Score "${c.name}"` })
    else if (!Number.isFinite(v) || v < 0 || v > c.maxScore) problems.push({ path, message: zh ? `“${c.name}”的分数应在 0 到 ${c.maxScore} 之间` : `"${c.name}" takes 0 to ${c.maxScore}` })
    else if (Math.abs(Math.round(v * 10) - v * 10) > 1e-6) problems.push({ path, message: zh ? '分数最多保留一位小数' : 'At most one decimal place' })
  }
  for (const code of Object.keys(scores)) {
    if (!known.has(code)) problems.push({ path: `scores.${code}`, message: zh ? `没有“${code}”这项评分标准` : `No criterion "${code}"` })
  }
  return problems
}

/** The criteria that scored below LOW_SCORE_SHARE of their maximum, lowest share first. */
export function lowCriteria(criteria: Criterion[], scores: Record<string, number>): (Criterion & { score: number })[] {
  return criteria
    .map((c) => ({ ...c, score: scores[c.code] ?? 0 }))
    .filter((c) => c.score < c.maxScore * LOW_SCORE_SHARE)
    .sort((a, b) => a.score / a.maxScore - b.score / b.maxScore)
}

/** "2026-11" or "2026-Q4" → the first day of the period. */
export function periodStart(period: string): string {
  const [year, part] = period.split('-') as [string, string]
  const month = part.startsWith('Q') ? (Number(part.slice(1)) - 1) * 3 + 1 : Number(part)
  return `${year}-${String(month).padStart(2, '0')}-01`
}
