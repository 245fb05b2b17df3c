// Queries of estates (org nodes of kind 'estate'), rating criteria and ratings.
import { sql, type SQL } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import type { EstateColor } from './estates.rating.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { personNames } from '../people/people.read.ts'

type Ref = { id: string; name: string }

export interface EstateRow {
  id: string
  name: string
  path: string
  propertyFirm: string | null
  community: Ref | null
  /** A point inside the estate (its community's when it has no outline). */
  point: { lng: number; lat: number } | null
}

export async function findEstate(ex: Executor, id: string) {
  return firstRow<EstateRow>(
    ex,
    sql`SELECT e.id::text, e.name, e.path::text, e.property_firm AS "propertyFirm",
          CASE WHEN c.id IS NULL THEN NULL ELSE json_build_object('id', c.id::text, 'name', c.name) END AS community,
          (SELECT json_build_object('lng', ST_X(p), 'lat', ST_Y(p)) FROM ST_PointOnSurface(coalesce(e.geometry, c.geometry)) AS p WHERE p IS NOT NULL) AS point
        FROM ${orgTree} e LEFT JOIN ${orgTree} c ON c.id = e.parent_id
        WHERE e.id = ${id} AND e.kind = 'estate' AND e.deleted_at IS NULL`,
  )
}

export interface CriterionRow { code: string; name: string; nameEn: string; maxScore: number; sort: number; active: boolean }

export async function listCriteria(ex: Executor, activeOnly: boolean) {
  return rows<CriterionRow>(
    ex,
    sql`SELECT code, name, name_en AS "nameEn", max_score AS "maxScore", sort, active FROM estate_rating_criteria
        ${activeOnly ? sql`WHERE active` : sql``} ORDER BY sort, code`,
  )
}

export interface RatingRow {
  id: string
  estateId: string
  period: string
  scores: Record<string, number>
  total: string
  color: EstateColor
  note: string | null
  ratedBy: Ref
  caseId: string | null
  createdAt: string
}

const ratingJson = (r: SQL) => sql`json_build_object('id', ${r}.id::text, 'estateId', ${r}.estate_id::text, 'period', ${r}.period, 'scores', ${r}.scores,
  'total', ${r}.total::text, 'color', ${r}.color, 'note', ${r}.note, 'caseId', ${r}.case_id::text, 'createdAt', ${r}.created_at,
  'ratedBy', (SELECT json_build_object('id', p.id::text, 'name', p.name) FROM ${personNames} p WHERE p.id = ${r}.rated_by))`
/** Orders periods by their last month, so "2026-Q4" comes after "2026-11"; the later record wins a tie. */
const newestPeriodFirst = (r: SQL) => sql`CASE WHEN ${r}.period LIKE '%Q%' THEN make_date(left(${r}.period, 4)::int, right(${r}.period, 1)::int * 3, 1)
  ELSE to_date(${r}.period, 'YYYY-MM') END DESC, ${r}.id DESC`

export async function findRating(ex: Executor, id: string) {
  return (await firstRow<{ r: RatingRow }>(ex, sql`SELECT ${ratingJson(sql`r`)} AS r FROM estate_ratings r WHERE r.id = ${id}`))?.r
}

export async function ratingsOf(ex: Executor, estateId: string) {
  return (await rows<{ r: RatingRow }>(ex, sql`SELECT ${ratingJson(sql`r`)} AS r FROM estate_ratings r WHERE r.estate_id = ${estateId} ORDER BY ${newestPeriodFirst(sql`r`)}`)).map((x) => x.r)
}

export async function ratingExists(ex: Executor, estateId: string, period: string): Promise<boolean> {
  return (await firstRow(ex, sql`SELECT 1 FROM estate_ratings WHERE estate_id = ${estateId} AND period = ${period}`)) !== undefined
}

export async function insertRating(ex: Executor, v: {
  estateId: string; period: string; scores: Record<string, number>; total: number; color: EstateColor; note: string | null; ratedBy: string
}): Promise<string> {
  return (await firstRow<{ id: string }>(
    ex,
    sql`INSERT INTO estate_ratings (estate_id, period, scores, total, color, note, rated_by)
        VALUES (${v.estateId}, ${v.period}, ${JSON.stringify(v.scores)}::jsonb, ${v.total}, ${v.color}, ${v.note}, ${v.ratedBy})
        RETURNING id::text`,
  ))!.id
}

export async function setRatingCase(ex: Executor, ratingId: string, caseId: string): Promise<void> {
  await ex.execute(sql`UPDATE estate_ratings SET case_id = ${caseId} WHERE id = ${ratingId}`)
}

export interface CurrentRow {
  id: string
  estate: Ref
  community: Ref | null
  propertyFirm: string | null
  current: RatingRow | null
}

/**
 * Estates with their latest rating, by estate id. `scopes` (comma-joined paths) limits to what
 * the caller may see; null means everyone (the public list, which also keeps rated estates only).
 */
export async function currentRatings(ex: Executor, f: { scopes: string | null; underPath?: string; color?: EstateColor; ratedOnly: boolean; afterId?: string; limit: number }) {
  return rows<CurrentRow>(
    ex,
    sql`SELECT e.id::text, json_build_object('id', e.id::text, 'name', e.name) AS estate,
          CASE WHEN c.id IS NULL THEN NULL ELSE json_build_object('id', c.id::text, 'name', c.name) END AS community,
          e.property_firm AS "propertyFirm", cur.r AS current
        FROM ${orgTree} e
        LEFT JOIN ${orgTree} c ON c.id = e.parent_id
        LEFT JOIN LATERAL (SELECT ${ratingJson(sql`r`)} AS r, r.color FROM estate_ratings r WHERE r.estate_id = e.id
                           ORDER BY ${newestPeriodFirst(sql`r`)} LIMIT 1) cur ON true
        WHERE e.kind = 'estate' AND e.deleted_at IS NULL
          ${f.scopes !== null ? sql`AND e.path <@ string_to_array(${f.scopes}, ',')::ltree[]` : sql``}
          ${f.underPath ? sql`AND e.path <@ ${f.underPath}::ltree` : sql``}
          ${f.ratedOnly ? sql`AND cur.r IS NOT NULL` : sql``}
          ${f.color ? sql`AND cur.color = ${f.color}` : sql``}
          ${f.afterId ? sql`AND e.id > ${f.afterId}::bigint` : sql``}
        ORDER BY e.id LIMIT ${f.limit + 1}`,
  )
}

/** A live node's path, for the public list's orgId filter (names of nodes are public). */
export async function orgPath(ex: Executor, id: string): Promise<string | undefined> {
  return (await firstRow<{ path: string }>(ex, sql`SELECT path::text FROM ${orgTree} AS orgs WHERE id = ${id} AND deleted_at IS NULL`))?.path
}
