// The periods the statistics pages offer (China time): months, quarters and years back from now.
export type Kind = 'month' | 'quarter' | 'year'

/** This month and the 11 before it, this quarter and the 3 before, this year and the 2 before. */
export function periodsOf(kind: Kind, now = new Date()): string[] {
  const china = new Date(now.getTime() + 8 * 3_600_000)
  const y = china.getUTCFullYear()
  const m = china.getUTCMonth()
  if (kind === 'year') return [0, 1, 2].map((i) => String(y - i))
  if (kind === 'quarter') return [0, 1, 2, 3].map((i) => { const q = Math.floor(m / 3) - i; const yy = y + Math.floor(q / 4); return `${yy}-Q${((q % 4) + 4) % 4 + 1}` })
  return Array.from({ length: 12 }, (_, i) => { const d = new Date(Date.UTC(y, m - i, 1)); return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}` })
}

/** The last complete month: the one a community reports. */
export const lastMonth = () => periodsOf('month')[1]!

export const kindOf = (period: string): Kind => (/-Q/.test(period) ? 'quarter' : period.length === 4 ? 'year' : 'month')
