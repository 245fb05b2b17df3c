// The cases API's shapes (docs/cases-api.md) and the few calls both faces of the web app make:
// categories, photo upload (raw body), the case list query string. No UI library here: the
// phone pages import this file too.
import { useQuery } from '@tanstack/react-query'
import type { z } from 'zod'
import { api, ApiError } from './api.ts'
import {
  caseLevelSchema, caseStateSchema, type Case, type CaseState, type caseStatsSchema, type categorySchema, type meetingSchema, type nearbyCaseSchema,
  type timelineEntrySchema,
} from '@server/modules/cases/cases.schemas.ts'

// The shapes come from the server's schemas (one contract): nothing here is copied by hand.
export { caseActions, revisitSatisfactions } from '@server/modules/cases/cases.schemas.ts'
export type { Case, CaseAction, CaseDetail, CaseLevel, CaseState } from '@server/modules/cases/cases.schemas.ts'
export type { LngLat, Ref } from '@server/kernel/contract.ts'
export const caseStates = caseStateSchema.options
export const caseLevels = caseLevelSchema.options
export type Photo = Case['photos'][number]
export type TimelineEntry = z.infer<typeof timelineEntrySchema>
export type Meeting = z.infer<typeof meetingSchema>
export type Category = z.infer<typeof categorySchema>
export type NearbyCase = z.infer<typeof nearbyCaseSchema>
export type CaseStats = z.infer<typeof caseStatsSchema>

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
  /** With box=todo: one step of the to-do (accept, handle, verify, revisit). */
  step?: string
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
  if (f.step) s.set('step', f.step)
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
