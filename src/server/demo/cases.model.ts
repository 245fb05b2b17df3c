// The demo's case activity: its types, its clock (China time, a fixed year) and the seeded
// randomness every part draws from, in one order, so the generated year is always the same.
import type { PiiKeyring } from '../kernel/pii.ts'
import type { DemoOrg, Position } from './geography/city.ts'

export type Random = () => number
export type State = 'reported' | 'accepted' | 'rejected' | 'assigned' | 'in_progress' | 'handled' | 'verified' | 'closed'
export type Level = 'grid' | 'community' | 'street'
export type Channel = 'h5' | 'console' | 'api' | 'open311' | 'visit' | 'estate_rating'

export const HOUR = 3_600_000
export const DAY = 24 * HOUR
export const CST = 8 * HOUR
/** The demo year; the clock stops a little before the time the demo was written, so nothing lies in the future. */
export const DEMO_YEAR_START = Date.UTC(2025, 10, 25, 0, 0) - CST
export const DEMO_NOW = Date.UTC(2026, 10, 25, 16, 0) - CST
export const DEMO_CASE_COUNT = 1500
export const RESIDENTS = 160

export interface DemoActivityInput {
  nodes: DemoOrg[]
  ids: Map<string, string>
  streetKey: string
  seed: number
  /** Seals the demo people's phones (kernel/pii.ts). */
  pii: PiiKeyring
}

export interface DemoActivityResult {
  cases: number
  events: number
  visits: number
  visitTasks: number
  estateRatings: number
}

// ---------------------------------------------------------------------------
// Small helpers

export const between = (random: Random, min: number, max: number) => min + (max - min) * random()
export const chance = (random: Random, p: number) => random() < p

export function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)]
  if (item === undefined) throw new RangeError('pick from an empty list')
  return item
}

export function weighted<T>(random: Random, entries: readonly (readonly [T, number])[]): T {
  const total = entries.reduce((s, [, w]) => s + w, 0)
  let r = random() * total
  for (const [value, w] of entries) if ((r -= w) < 0) return value
  return entries[entries.length - 1]![0]
}

export const iso = (t: number) => new Date(t).toISOString()
export const localHour = (t: number) => new Date(t + CST).getUTCHours()
export const localDay = (t: number) => new Date(t + CST).getUTCDay()
export const localDate = (t: number) => iso(t + CST).slice(0, 10)
/** Midnight China time of the local day of `t`. */
export const localMidnight = (t: number) => Math.floor((t + CST) / DAY) * DAY - CST

/** Staff act between 08:00 and 21:00; a time outside that moves to the next morning. */
export function onDuty(random: Random, t: number): number {
  const h = localHour(t)
  if (h >= 8 && h < 21) return t
  const morning = localMidnight(h < 8 ? t : t + DAY) + 8 * HOUR
  return morning + between(random, 5, 70) * 60_000
}

/** Handling limits count Monday–Friday when the category says so (no holidays in the demo calendar). */
export function addDays(t: number, days: number, workingDays: boolean): number {
  if (!workingDays) return t + days * DAY
  let out = t
  for (let left = days; left > 0;) {
    out += DAY
    const d = localDay(out)
    if (d !== 0 && d !== 6) left--
  }
  return out
}

// ---------------------------------------------------------------------------
// What people write


export interface Place { gridId: string; communityId: string; name: string; point: Position; gridRect: Rect }
export interface Rect { west: number; south: number; east: number; north: number }
export interface Person { id: string; name: string }

export function rectOf(org: DemoOrg): Rect {
  if (org.geometry?.type !== 'Polygon') throw new Error(`${org.name} has no polygon`)
  const ring = org.geometry.coordinates[0]!
  const xs = ring.map((p) => p[0])
  const ys = ring.map((p) => p[1])
  return { west: Math.min(...xs), south: Math.min(...ys), east: Math.max(...xs), north: Math.max(...ys) }
}

/** A point near the building, kept inside its grid's rectangle (grids are axis-aligned in the demo). */
export function jitter(random: Random, place: Place, metres: number): Position {
  const d = metres / 111_000
  const margin = 0.00005
  const r = place.gridRect
  const lng = Math.min(r.east - margin, Math.max(r.west + margin, place.point[0] + between(random, -d, d)))
  const lat = Math.min(r.north - margin, Math.max(r.south + margin, place.point[1] + between(random, -d, d)))
  return [Math.round(lng * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7]
}

export interface CaseEvent {
  caseKey: number
  action: string
  from: State | null
  to: State | null
  actor: string | null
  actorKind: 'person' | 'system' | 'token'
  at: number
  note: string | null
  data: Record<string, unknown>
  /** Not stored on the event: the handling limit it set, and whether a reopen counts against CASE_MAX_REOPENS. */
  due?: number
  counts?: boolean
}

export interface CaseRow {
  key: number
  id?: string
  org_id: string
  category_code: string
  description: string
  lng: number
  lat: number
  address: string
  state: State
  level: Level
  handling_org_id: string
  assignee_id: string | null
  last_handler_id: string | null
  reporter_id: string | null
  anonymous: boolean
  channel: Channel
  contact: Record<string, string> | null
  visit_id: string | null
  estate_rating_id: string | null
  accept_due_at: string | null
  handle_due_at: string | null
  overdue_at: string | null
  reminded_at: string | null
  accepted_at: string | null
  handled_at: string | null
  closed_at: string | null
  closed_level: Level | null
  handled_on_time: boolean | null
  result: string | null
  reject_reason: string | null
  escalations: number
  reopens: number
  rating: number | null
  rating_comment: string | null
  revisit_due_at: string | null
  revisited_at: string | null
  revisit_fixed: boolean | null
  revisit_satisfaction: string | null
  created_at: string
  updated_at: string
}

export interface Category { code: string; accept_hours: number; handle_days: number; revisit_days: number; working_days: boolean }

/** A report as made: what the lifecycle starts from. */
export interface Spec {
  key: number; category: Category; created: number; place: Place; channel: Channel; reporter: Person | null; anonymous: boolean
  contact: Record<string, string> | null; description: string; address: string; location: Position
  estateRatingKey?: number; level?: Level; handlingOrgId?: string
}
