// Open311 GeoReport v2 over Linli's cases: services are the public case subcategories, service
// requests are cases, updates are the public timeline. Reads are public; a report needs an
// api_key (a Linli API token) and is created through the cases service like any other case.
import { beijingTime } from '../../kernel/china-time.ts'
import type { Executor } from '../../kernel/db/client.ts'
import { primaryReads, type ReadRouter } from '../../kernel/db/replicas.ts'
import { isoTime } from '../../kernel/db/client.ts'
import type { Actor, RequestContext } from '../../kernel/context.ts'
import { actorFromToken } from '../../kernel/auth/actor.ts'
import { AppError, badRequest, forbidden, notFound } from '../../kernel/errors.ts'
import type { Open311Value } from './open311.xml.ts'
import type { CreateRequestInput, RequestsQuery } from './open311.schemas.ts'
import type { CaseService } from '../cases/cases.service.ts'
import * as repo from './open311.repository.ts'

export const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2'
/** The spec's default and largest answer: 90 days, 1000 requests. */
const MAX_SPAN_MS = 90 * 24 * 3600 * 1000
const MAX_ROWS = 1000

/** Where the caller reached us, to write absolute URLs (photos, the endpoint itself). */
export interface Origin {
  baseUrl: string
}

const STAGES: Record<string, string> = {
  reported: '待受理',
  accepted: '已受理',
  assigned: '已派单',
  in_progress: '处置中',
  handled: '已办结待验收',
  verified: '已验收待销号',
  closed: '已销号',
  rejected: '不予受理',
}

const serviceNotFound = (code: string) => new AppError(404, 'OPEN311_SERVICE_NOT_FOUND', { code })

export const statusOf = (state: string): 'open' | 'closed' => (state === 'closed' || state === 'rejected' ? 'closed' : 'open')

/** W3C datetime in UTC, whole seconds (2026-01-01T08:00:00Z). */
const w3c = (value: string | null) => (value === null ? null : isoTime(value)!.replace(/\.\d{3}Z$/, 'Z'))


function statusNotes(r: repo.RequestRow): string {
  if (r.mergedIntoId) return `已合并至 #${r.mergedIntoId} 一并处理`
  const stage = STAGES[r.state] ?? r.state
  const reason = r.state === 'rejected' ? r.rejectReason : r.state === 'closed' ? r.result : null
  return reason ? `${stage}：${reason}` : stage
}

/** The deadline of the current stage, as a sentence; none once the case is closed. */
function serviceNotice(r: repo.RequestRow): string | null {
  if (statusOf(r.state) === 'closed') return null
  if (r.handleDueAt) return `办理时限：${beijingTime(isoTime(r.handleDueAt)!)}（北京时间）前办结`
  if (r.acceptDueAt) return `受理时限：${beijingTime(isoTime(r.acceptDueAt)!)}（北京时间）前受理`
  return null
}

const photoUrl = (origin: Origin, sha256: string | null) => (sha256 ? `${origin.baseUrl}/api/v1/files/${sha256}` : null)

function presentRequest(origin: Origin, r: repo.RequestRow): Open311Value {
  const status = statusOf(r.state)
  return {
    service_request_id: r.id,
    status,
    status_notes: statusNotes(r),
    service_name: r.categoryName,
    service_code: r.categoryCode,
    description: r.description,
    agency_responsible: r.agency,
    service_notice: serviceNotice(r),
    requested_datetime: w3c(r.createdAt),
    updated_datetime: w3c(status === 'closed' ? (r.closedAt ?? r.lastEventAt ?? r.createdAt) : (r.lastEventAt ?? r.createdAt)),
    expected_datetime: status === 'closed' ? null : w3c(r.handleDueAt ?? r.acceptDueAt),
    address: r.address,
    lat: Number(r.lat),
    long: Number(r.lng),
    media_url: photoUrl(origin, r.photoSha256) ?? r.contactMediaUrl,
  }
}

/** The spec's window: 90 days ending now by default, or starting/ending at the date given. */
export function dateRange(start: Date | undefined, end: Date | undefined, now = new Date()): { from: string; to: string } {
  const to = end ?? (start ? new Date(start.getTime() + MAX_SPAN_MS) : now)
  const from = start ?? new Date(to.getTime() - MAX_SPAN_MS)
  if (to < from || to.getTime() - from.getTime() > MAX_SPAN_MS) throw badRequest('OPEN311_DATE_RANGE_INVALID')
  return { from: from.toISOString(), to: to.toISOString() }
}

export function createOpen311Service(deps: { db: Executor; cases: Pick<CaseService, 'create'>; reads?: ReadRouter }) {
  const { db, cases } = deps
  // Searches by date (requests, updates) are open data that tolerates a few seconds' lag: a replica
  // may answer them. A lookup by id stays on the primary: a client reads the request it just posted.
  const reads = deps.reads ?? primaryReads(db)

  async function readRequests(origin: Origin, filter: repo.RequestFilter, ex: Executor = db) {
    return (await repo.findRequests(ex, filter, MAX_ROWS)).map((r) => presentRequest(origin, r))
  }

  return {
    async discovery(origin: Origin): Promise<Open311Value> {
      const changeset = w3c(await repo.servicesChangedAt(db))
      return {
        changeset,
        contact: '请联系所在街道或社区的 Linli 平台管理员 (contact the Linli administrators of your street or community)',
        key_service: 'api_key 即 Linli 访问令牌，由街道及以上管理员在控制台签发 (an api_key is a Linli API token, issued by a street admin or above in the console)',
        endpoints: [{ specification: SPECIFICATION, url: `${origin.baseUrl}/open311/v2`, changeset, type: 'production', formats: ['text/xml', 'application/json'] }],
      }
    },

    async services(): Promise<Open311Value> {
      return (await repo.listServices(db)).map((s) => ({
        service_code: s.code,
        service_name: s.name,
        description: s.description ?? s.nameEn,
        metadata: false,
        type: 'realtime',
        keywords: [s.nameEn, s.groupName, s.groupNameEn].join(', '),
        group: s.groupName,
      }))
    },

    /** No service has attributes (metadata=false): a known code has an empty definition. */
    async serviceDefinition(code: string): Promise<Open311Value> {
      if (!(await repo.findService(db, code))) throw serviceNotFound(code)
      return { service_code: code, attributes: [] }
    },

    /** service_request_id overrides every other argument, as the spec says. */
    async requests(origin: Origin, q: RequestsQuery): Promise<Open311Value> {
      if (q.service_request_id?.length) return readRequests(origin, { ids: q.service_request_id })
      const { from, to } = dateRange(q.start_date, q.end_date)
      return reads.run(null, (ex) => readRequests(origin, { from, to, statuses: (q.status ?? []) as ('open' | 'closed')[], serviceCodes: q.service_code ?? [] }, ex))
    },

    async request(origin: Origin, id: string): Promise<Open311Value> {
      const found = /^\d{1,18}$/.test(id) ? await readRequests(origin, { ids: [id] }) : []
      if (!found.length) throw notFound('OPEN311_REQUEST_NOT_FOUND')
      return found
    },

    async token(token: string): Promise<Open311Value> {
      const found = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(token) ? await repo.findRequestByToken(db, token) : undefined
      if (!found) throw notFound('OPEN311_TOKEN_NOT_FOUND')
      return [{ service_request_id: found.id, token: found.token }]
    },

    async updates(origin: Origin, q: { start_date?: Date; end_date?: Date }): Promise<Open311Value> {
      const { from, to } = dateRange(q.start_date, q.end_date)
      return (await reads.run(null, (ex) => repo.findUpdates(ex, from, to, MAX_ROWS))).map((u) => ({
        update_id: u.id,
        service_request_id: u.caseId,
        status: statusOf(u.stateAfter),
        updated_datetime: w3c(u.at),
        description: u.note ?? STAGES[u.stateAfter] ?? null,
        media_url: photoUrl(origin, u.photoSha256),
      }))
    },

    /** The caller behind an api_key: the same lookup as a Bearer token, refused as the spec's 403. */
    async actorForApiKey(apiKey: unknown): Promise<Actor> {
      if (typeof apiKey !== 'string' || !/^\S{10,200}$/.test(apiKey)) throw forbidden('OPEN311_API_KEY_INVALID')
      try {
        return await actorFromToken(db, apiKey)
      } catch (err) {
        if (err instanceof AppError && err.code === 'TOKEN_INVALID') throw forbidden('OPEN311_API_KEY_INVALID')
        throw err
      }
    },

    async createRequest(ctx: RequestContext, input: CreateRequestInput): Promise<Open311Value> {
      if (!input.service_code) throw badRequest('OPEN311_SERVICE_CODE_REQUIRED')
      if (!(await repo.findService(db, input.service_code))) throw serviceNotFound(input.service_code)
      if (input.lat === undefined || input.long === undefined) throw badRequest('OPEN311_LOCATION_REQUIRED')
      if (!input.description || input.description.length < 2) throw badRequest('OPEN311_DESCRIPTION_REQUIRED')
      const given = { email: input.email, firstName: input.first_name, lastName: input.last_name, phone: input.phone, deviceId: input.device_id, mediaUrl: input.media_url }
      const contact = Object.fromEntries(Object.entries(given).filter((e): e is [string, string] => e[1] !== undefined))
      const created = await cases.create(
        db,
        ctx,
        {
          categoryCode: input.service_code,
          description: input.description,
          location: { lng: input.long, lat: input.lat },
          crs: 'wgs84',
          address: input.address_string,
          photoIds: [],
          anonymous: !(input.email || input.phone || input.first_name || input.last_name),
        },
        { channel: 'open311', contact: Object.keys(contact).length ? contact : undefined },
      )
      const [row] = await repo.findRequests(db, { ids: [String(created.id)] }, 1)
      return [{ service_request_id: String(created.id), service_notice: row ? serviceNotice(row) : null, account_id: null }]
    },
  }
}

export type Open311Service = ReturnType<typeof createOpen311Service>
