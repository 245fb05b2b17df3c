// Read-only queries behind the public Open311 API. They read cases, their events and categories,
// org names and photos through their owners' read relations (cases.read.ts, orgs.read.ts,
// files.read.ts) and never write: every write goes through the cases service. Public means: the category and its parent are
// public, and for lists and updates, the case was not merged into another.
import { sql, type SQL } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import { publicCategory as publicCategoryOf } from '../cases/cases.service.ts'
import { caseCategoryRows, caseEventRows, caseRows } from '../cases/cases.read.ts'
import { attachmentRows } from '../files/files.read.ts'
import { orgTree } from '../orgs/orgs.read.ts'

export interface ServiceRow {
  code: string
  name: string
  nameEn: string
  description: string | null
  groupName: string
  groupNameEn: string
}

export interface RequestRow {
  id: string
  token: string
  state: string
  categoryCode: string
  categoryName: string
  description: string
  address: string | null
  lng: number
  lat: number
  result: string | null
  rejectReason: string | null
  mergedIntoId: string | null
  createdAt: string
  closedAt: string | null
  acceptDueAt: string | null
  handleDueAt: string | null
  lastEventAt: string | null
  agency: string | null
  photoSha256: string | null
  contactMediaUrl: string | null
}

export interface UpdateRow {
  id: string
  caseId: string
  stateAfter: string
  note: string | null
  at: string
  photoSha256: string | null
}

// The public part of the cases read rule, written once in the cases module.
const publicCategory = publicCategoryOf(sql`c.category_code`)

const serviceColumns = sql`s.code, s.name, s.name_en AS "nameEn", s.description, p.name AS "groupName", p.name_en AS "groupNameEn"
  FROM ${caseCategoryRows} s JOIN ${caseCategoryRows} p ON p.code = s.parent_code
  WHERE s.active AND s.public AND p.active AND p.public`

/** The services: active public subcategories of active public top categories. */
export function listServices(ex: Executor) {
  return rows<ServiceRow>(ex, sql`SELECT ${serviceColumns} ORDER BY p.sort, s.sort, s.code`)
}

export function findService(ex: Executor, code: string) {
  return firstRow<ServiceRow>(ex, sql`SELECT ${serviceColumns} AND s.code = ${code}`)
}

/** When the service list last changed: the discovery document's changeset. */
export async function servicesChangedAt(ex: Executor): Promise<string | null> {
  return (await firstRow<{ at: string | null }>(ex, sql`SELECT max(updated_at)::text AS at FROM ${caseCategoryRows} cat`))?.at ?? null
}

// Who holds the case: a department by its own name, anyone else by the names of its chain
// ("南昌市东湖区滕王阁街道翠岩社区"), as a resident would write it.
// Read over `c`, the requests' cases already chosen, and `last`, their last timeline row (see findRequests).
const requestColumns = sql`c.id::text, c.token::text, c.state, c.category_code AS "categoryCode", c.category_name AS "categoryName", c.description,
  c.address, ST_X(c.location) AS lng, ST_Y(c.location) AS lat, c.result, c.reject_reason AS "rejectReason", c.merged_into_id::text AS "mergedIntoId",
  c.created_at::text AS "createdAt", c.closed_at::text AS "closedAt", c.accept_due_at::text AS "acceptDueAt", c.handle_due_at::text AS "handleDueAt",
  last.at::text AS "lastEventAt",
  (SELECT CASE WHEN h.kind = 'department' THEN h.name
               ELSE (SELECT string_agg(o.name, '' ORDER BY nlevel(o.path)) FROM ${orgTree} o WHERE o.path @> h.path) END
     FROM ${orgTree} h WHERE h.id = c.handling_org_id) AS agency,
  (SELECT a.sha256 FROM ${attachmentRows} a WHERE a.id = c.photo_ids[1]) AS "photoSha256",
  c.contact->>'mediaUrl' AS "contactMediaUrl"`

const publicCases = sql`${caseRows} c JOIN ${caseCategoryRows} cat ON cat.code = c.category_code`

export type RequestFilter =
  | { ids: string[] }
  | { from: string; to: string; statuses: ('open' | 'closed')[]; serviceCodes: string[] }

const CLOSED_STATES = sql`('rejected','closed')`

/**
 * Requests by id (any public case, merged ones included: their reporters still follow them),
 * or by filters (newest first; ids grow with creation, so the primary key serves the order).
 */
export function findRequests(ex: Executor, filter: RequestFilter, limit: number) {
  const where: SQL[] = [publicCategory]
  if ('ids' in filter) {
    where.push(sql`c.id = ANY(string_to_array(${filter.ids.join(',')}, ',')::bigint[])`)
  } else {
    where.push(sql`c.merged_into_id IS NULL`, sql`c.created_at >= ${filter.from}::timestamptz`, sql`c.created_at <= ${filter.to}::timestamptz`)
    if (filter.serviceCodes.length) where.push(sql`c.category_code = ANY(string_to_array(${filter.serviceCodes.join(',')}, ','))`)
    if (filter.statuses.length === 1) where.push(filter.statuses[0] === 'closed' ? sql`c.state IN ${CLOSED_STATES}` : sql`c.state NOT IN ${CLOSED_STATES}`)
  }
  // The cases first, then their last timeline rows, then names and photos, each on its own: on
  // Citus the cases and their timelines are distributed, and a statement over them may not also
  // hold correlated subqueries beside the categories (a reference table) or the coordinator's
  // tables. The same answer on every engine.
  return rows<RequestRow>(ex, sql`
    WITH c AS MATERIALIZED (SELECT c.*, cat.name AS category_name FROM ${publicCases} WHERE ${sql.join(where, sql` AND `)} ORDER BY c.id DESC LIMIT ${limit}),
    last AS MATERIALIZED (SELECT e.case_id, e.district_id, max(e.at) AS at FROM ${caseEventRows} e
      WHERE (e.case_id, e.district_id) IN (SELECT c.id, c.district_id FROM c) GROUP BY e.case_id, e.district_id)
    SELECT ${requestColumns} FROM c LEFT JOIN last ON last.case_id = c.id AND last.district_id = c.district_id ORDER BY c.id DESC`)
}

export function findRequestByToken(ex: Executor, token: string) {
  return firstRow<{ id: string; token: string }>(
    ex,
    sql`SELECT c.id::text, c.token::text FROM ${publicCases} WHERE c.token = ${token}::uuid AND ${publicCategory}`,
  )
}

/**
 * Public timeline rows in [from, to], oldest first. An event that changes no state (a progress
 * note) carries the state the case was in at that moment.
 */
export function findUpdates(ex: Executor, from: string, to: string, limit: number) {
  return rows<UpdateRow>(
    ex,
    // The rows first, then the state changes of their cases, then the lookups, each on its own (as
    // in findRequests).
    sql`WITH e AS MATERIALIZED (SELECT e.id, e.case_id, e.district_id, e.note, e.at, e.to_state, e.photo_ids
          FROM ${publicCases} JOIN ${caseEventRows} e ON e.case_id = c.id AND e.district_id = c.district_id
          WHERE e.public AND e.at >= ${from}::timestamptz AND e.at <= ${to}::timestamptz
            AND c.merged_into_id IS NULL AND ${publicCategory}
          ORDER BY e.at, e.id LIMIT ${limit}),
        changes AS MATERIALIZED (SELECT p.id, p.case_id, p.district_id, p.to_state FROM ${caseEventRows} p
          WHERE p.to_state IS NOT NULL AND (p.case_id, p.district_id) IN (SELECT e.case_id, e.district_id FROM e WHERE e.to_state IS NULL))
      SELECT e.id::text, e.case_id::text AS "caseId", e.note, e.at::text,
          coalesce(e.to_state, (SELECT p.to_state FROM changes p WHERE p.case_id = e.case_id AND p.district_id = e.district_id AND p.id < e.id
                                  ORDER BY p.id DESC LIMIT 1), 'reported') AS "stateAfter",
          (SELECT a.sha256 FROM ${attachmentRows} a WHERE a.id = e.photo_ids[1]) AS "photoSha256"
        FROM e ORDER BY e.at, e.id`,
  )
}
