// The cases API's shapes (docs/cases-api.md) and the few calls both faces of the web app make:
// categories, photo upload (raw body), the case list query string. No UI library here: the
// phone pages import this file too.
import { useQuery } from '@tanstack/react-query'
import { api, ApiError } from '../../../shared/api.ts'

export const caseStates = ['reported', 'accepted', 'rejected', 'assigned', 'in_progress', 'handled', 'verified', 'closed'] as const
export type CaseState = (typeof caseStates)[number]
export const caseLevels = ['grid', 'community', 'street', 'department'] as const
export type CaseLevel = (typeof caseLevels)[number]

export const caseActions = ['accept', 'reject', 'assign', 'take', 'start', 'handle', 'verify', 'return', 'close', 'escalate', 'reopen', 'rate', 'revisit', 'update', 'merge', 'meetings'] as const
export type CaseAction = (typeof caseActions)[number]

export interface Ref {
  id: string
  name: string
}
export interface Photo {
  id: string
  url: string
}
export interface LngLat {
  lng: number
  lat: number
}

export interface Case {
  id: string
  state: CaseState
  level: CaseLevel
  categoryCode: string
  categoryName: string
  description: string
  address: string | null
  location: LngLat
  gridId: string
  gridName: string
  communityId: string | null
  communityName: string | null
  handlingOrgId: string
  handlingOrgName: string
  assignee: Ref | null
  reporter: Ref | null
  anonymous: boolean
  channel: string
  photos: Photo[]
  acceptDueAt: string | null
  handleDueAt: string | null
  overdue: boolean
  overdueAt: string | null
  acceptedAt: string | null
  handledAt: string | null
  closedAt: string | null
  result: string | null
  rejectReason: string | null
  rating: number | null
  ratingComment: string | null
  reopens: number
  escalations: number
  revisitDueAt: string | null
  revisitedAt: string | null
  revisitFixed: boolean | null
  mergedIntoId: string | null
  followers: number
  following: boolean
  createdAt: string
  updatedAt: string
  actions: string[]
}

export interface TimelineEntry {
  id: string
  action: string
  from: CaseState | null
  to: CaseState | null
  actor: Ref | null
  at: string
  note: string | null
  photos: Photo[]
  data: Record<string, unknown> | null
}

export interface Meeting {
  id: string
  heldAt: string
  participants: string[]
  conclusion: string
  recordedBy: Ref | null
}

export interface CaseDetail extends Case {
  timeline: TimelineEntry[]
  meetings: Meeting[]
}

export interface Category {
  code: string
  parentCode: string | null
  name: string
  nameEn: string
  acceptHours: number
  handleDays: number
  public: boolean
  active: boolean
  sort: number
}

export interface NearbyCase {
  id: string
  categoryCode: string
  categoryName: string
  description: string
  state: CaseState
  distanceM: number
  createdAt: string
  followers: number
}

export interface CaseStats {
  total: number
  byState: Partial<Record<CaseState, number>>
  overdue: number
  onTimeRate: number | null
  closed: number
  closedAtGrid: number
  closedAtCommunity: number
  gridShare: number | null
  communityShare: number | null
  avgRating: number | null
}

export interface Attachment {
  id: string
  url: string
  mime: string
  size: number
}

/** Open states: the work is not finished. */
export const openStates: CaseState[] = ['reported', 'accepted', 'assigned', 'in_progress', 'handled', 'verified']

/** The deadline that runs now: accepting before acceptance, handling after. */
export function dueAt(c: Pick<Case, 'state' | 'acceptDueAt' | 'handleDueAt'>): string | null {
  if (c.state === 'reported') return c.acceptDueAt
  if (c.state === 'accepted' || c.state === 'assigned' || c.state === 'in_progress') return c.handleDueAt
  return null
}

export function useCategories() {
  return useQuery({
    queryKey: ['case-categories'],
    queryFn: () => api<{ items: Category[] }>('/case-categories', { quiet401: true }),
    staleTime: 10 * 60_000,
    select: (d) => d.items.filter((c) => c.active).sort((a, b) => a.sort - b.sort || a.code.localeCompare(b.code)),
  })
}

export interface CaseFilter {
  box?: string
  state?: string[]
  categoryCode?: string
  overdue?: boolean
  orgId?: string
  q?: string
  from?: string
  to?: string
}

/** The list and map filters as a query string (empty values left out). */
export function filterQuery(f: CaseFilter): URLSearchParams {
  const s = new URLSearchParams()
  if (f.box) s.set('box', f.box)
  if (f.state?.length) s.set('state', f.state.join(','))
  if (f.categoryCode) s.set('categoryCode', f.categoryCode)
  if (f.overdue !== undefined) s.set('overdue', String(f.overdue))
  if (f.orgId) s.set('orgId', f.orgId)
  if (f.q?.trim()) s.set('q', f.q.trim())
  if (f.from) s.set('from', f.from)
  if (f.to) s.set('to', f.to)
  return s
}

/** POST /attachments with the image itself as the body; errors as the API's ApiError. */
export async function uploadPhoto(file: Blob, language: string): Promise<Attachment> {
  const res = await fetch('/api/v1/attachments', {
    method: 'POST',
    headers: { 'content-type': file.type || 'image/jpeg', 'x-linli-csrf': '1', 'accept-language': language },
    body: file,
    credentials: 'same-origin',
  })
  const text = await res.text()
  const json = text ? JSON.parse(text) : null
  if (!res.ok) {
    const err = json?.error ?? { code: 'HTTP_' + res.status, message: res.statusText, details: null }
    throw new ApiError(res.status, err.code, err.message, err.details)
  }
  return json as Attachment
}
