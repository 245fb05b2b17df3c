// The 15-minute life circle's arithmetic (pure): walking tiers, covering sets on the sphere with a
// spatial hash, the greedy maximal-covering answer, and the exact one by HiGHS (MILP, WebAssembly)
// with a time limit and its optimality gap.
import highsModule from 'highs'

type Solved = { Status: string; ObjectiveValue: number; Columns: Record<string, { Primal: number }> }
interface Highs { solve(lp: string, options: Record<string, unknown>): Solved }
// highs ships an ES build whose default export is the loader; its typings are read as CommonJS here.
const loadHighs = ((highsModule as unknown as { default?: unknown }).default ?? highsModule) as unknown as () => Promise<Highs>

/** GB 50180-2018's tiers: the walk a 5-, 10- and 15-minute circle allows, in metres. */
export const TIERS = { 5: 300, 10: 500, 15: 1000 } as const
export type Tier = keyof typeof TIERS

export interface Point { lng: number; lat: number }
export interface Demand extends Point { id: string; weight: number }
export interface Candidate extends Point { id: string | null; name: string | null }

const R = 6_371_008.8
const rad = (d: number) => (d * Math.PI) / 180

/** Great-circle distance in metres. */
export function metresBetween(a: Point, b: Point): number {
  const dLat = rad(b.lat - a.lat)
  const dLng = rad(b.lng - a.lng)
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** For each candidate, the demand points within `radius` metres (indices), by a grid of cells one radius wide. */
export function coverSets(demand: Point[], candidates: Point[], radius: number): number[][] {
  const latStep = radius / 111_320
  const lngStep = (lat: number) => radius / (111_320 * Math.max(0.05, Math.cos(rad(lat))))
  const midLat = demand.length ? demand.reduce((s, d) => s + d.lat, 0) / demand.length : 0
  const lngCell = lngStep(midLat)
  const cells = new Map<string, number[]>()
  demand.forEach((d, i) => {
    const key = `${Math.floor(d.lng / lngCell)}:${Math.floor(d.lat / latStep)}`
    const list = cells.get(key)
    if (list) list.push(i)
    else cells.set(key, [i])
  })
  return candidates.map((c) => {
    const cx = Math.floor(c.lng / lngCell)
    const cy = Math.floor(c.lat / latStep)
    const found: number[] = []
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const i of cells.get(`${cx + dx}:${cy + dy}`) ?? []) if (metresBetween(c, demand[i]!) <= radius) found.push(i)
      }
    }
    return found
  })
}

export interface Choice {
  /** Candidate indices, in the order they add coverage. */
  picked: number[]
  objective: number
}

/** Greedy: k times, the candidate that newly covers the most weight. */
export function greedy(weights: number[], sets: number[][], k: number): Choice {
  const covered = new Uint8Array(weights.length)
  const picked: number[] = []
  let objective = 0
  for (let round = 0; round < k; round++) {
    let best = -1
    let bestGain = 0
    sets.forEach((set, j) => {
      if (picked.includes(j)) return
      let gain = 0
      for (const i of set) if (!covered[i]) gain += weights[i]!
      if (gain > bestGain) { best = j; bestGain = gain }
    })
    if (best < 0) break
    picked.push(best)
    objective += bestGain
    for (const i of sets[best]!) covered[i] = 1
  }
  return { picked, objective }
}

/** Orders chosen candidates by what each adds in turn (the first covers the most). */
export function inCoverOrder(weights: number[], sets: number[][], chosen: number[]): Choice {
  const g = greedy(weights, chosen.map((j) => sets[j]!), chosen.length)
  const picked = g.picked.map((p) => chosen[p]!)
  // Chosen sites that add nothing new come last.
  for (const j of chosen) if (!picked.includes(j)) picked.push(j)
  return { picked, objective: g.objective }
}

export interface ExactAnswer extends Choice {
  status: string
  /** A proven upper bound on the objective (the optimum itself when optimal, else the LP relaxation's). */
  bound: number
  /** (bound − objective) ÷ bound; 0 when optimal. */
  gap: number
  seconds: number
}

let highsPromise: Promise<Highs> | null = null

/** The model in CPLEX LP text; `integer` false gives its LP relaxation. */
function lpText(weights: number[], sets: number[][], k: number, integer: boolean): string {
  const coveredBy: number[][] = weights.map(() => [])
  sets.forEach((set, j) => { for (const i of set) coveredBy[i]!.push(j) })
  const useful = weights.map((w, i) => w > 0 && coveredBy[i]!.length > 0)
  const terms = weights.flatMap((w, i) => (useful[i] ? [`${w} y${i}`] : []))
  const lines = ['Maximize', ` obj: ${terms.length ? terms.join(' + ') : '0 x0'}`, 'Subject To']
  weights.forEach((_, i) => { if (useful[i]) lines.push(` c${i}: y${i} - ${coveredBy[i]!.map((j) => `x${j}`).join(' - ')} <= 0`) })
  lines.push(` k: ${sets.map((_, j) => `x${j}`).join(' + ')} <= ${k}`, 'Bounds')
  weights.forEach((_, i) => { if (useful[i]) lines.push(` 0 <= y${i} <= 1`) })
  sets.forEach((_, j) => lines.push(` 0 <= x${j} <= 1`))
  if (integer) lines.push('Binary', ...sets.map((_, j) => ` x${j}`))
  lines.push('End')
  return lines.join('\n')
}

/**
 * The maximal-covering location problem, exactly: maximise Σ wᵢyᵢ subject to yᵢ ≤ Σ_{j covers i} xⱼ,
 * Σ xⱼ ≤ k, x binary, 0 ≤ y ≤ 1 (y is 0/1 at an optimum). Stops after `seconds`.
 */
export async function exact(weights: number[], sets: number[][], k: number, seconds: number): Promise<ExactAnswer> {
  const started = performance.now()
  highsPromise ??= loadHighs()
  const highs = await highsPromise
  const solution = highs.solve(lpText(weights, sets, k, true), { output_flag: false, time_limit: seconds, mip_rel_gap: 0 })
  const picked = sets.map((_, j) => j).filter((j) => (solution.Columns[`x${j}`]?.Primal ?? 0) > 0.5)
  const ordered = inCoverOrder(weights, sets, picked)
  let bound = ordered.objective
  if (solution.Status !== 'Optimal') {
    const relaxed = highs.solve(lpText(weights, sets, k, false), { output_flag: false })
    bound = relaxed.Status === 'Optimal' ? Math.max(relaxed.ObjectiveValue, ordered.objective) : Number.POSITIVE_INFINITY
  }
  return {
    ...ordered,
    status: solution.Status,
    bound,
    gap: bound > 0 && Number.isFinite(bound) ? (bound - ordered.objective) / bound : bound === 0 ? 0 : 1,
    seconds: (performance.now() - started) / 1000,
  }
}
