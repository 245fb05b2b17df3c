// Queries of wishes and their timelines. First argument `db | tx`; no HTTP, no permission logic
// (callers pass the filters their permission check decided).
import { sql, type SQL } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import { countUpTo } from '../../kernel/pagination.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { currentRoles, personNames } from '../people/people.read.ts'
import { unitRows, unitStaff } from '../units/units.read.ts'
import { attachmentRows } from '../files/files.read.ts'
import { claimantUnitPeople } from './wishes.access.ts'
import type { WishAction, WishBeneficiary, WishCategory, WishState } from './wishes.schemas.ts'

export interface FileRef { id: string; sha256: string }

export interface WishRow {
  id: string
  state: WishState
  orgId: string
  orgName: string
  orgPath: string
  wisherId: string
  wisherName: string
  postedBy: string | null
  postedByName: string | null
  beneficiary: WishBeneficiary
  category: WishCategory
  title: string
  story: string | null
  valueYuan: number
  photoIds: string[]
  expiresOn: string | null
  moderatedBy: string | null
  moderatedByName: string | null
  moderatedAt: string | null
  reason: string | null
  claimantPersonId: string | null
  claimantName: string | null
  claimantUnitId: string | null
  claimantUnitName: string | null
  claimantUnitPersonIds: string[]
  claimedAt: string | null
  fulfilledAt: string | null
  fulfilNote: string | null
  proofPhotoIds: string[]
  thanks: string | null
  thankedAt: string | null
  createdAt: string
  files: FileRef[]
}

const columns = sql`w.id::text, w.state, w.org_id::text AS "orgId", c.name AS "orgName", c.path::text AS "orgPath",
  w.wisher_id::text AS "wisherId", wp.name AS "wisherName", w.posted_by::text AS "postedBy", pp.name AS "postedByName",
  w.beneficiary, w.category, w.title, w.story, w.value_yuan::float8 AS "valueYuan", w.photo_ids::text[] AS "photoIds",
  w.expires_on AS "expiresOn", w.moderated_by::text AS "moderatedBy", mp.name AS "moderatedByName", w.moderated_at::text AS "moderatedAt", w.reason,
  w.claimant_person_id::text AS "claimantPersonId", cp.name AS "claimantName", w.claimant_unit_id::text AS "claimantUnitId", u.name AS "claimantUnitName",
  ${claimantUnitPeople} AS "claimantUnitPersonIds", w.claimed_at::text AS "claimedAt", w.fulfilled_at::text AS "fulfilledAt",
  w.fulfil_note AS "fulfilNote", w.proof_photo_ids::text[] AS "proofPhotoIds", w.thanks, w.thanked_at::text AS "thankedAt", w.created_at::text AS "createdAt",
  coalesce((SELECT json_agg(json_build_object('id', a.id::text, 'sha256', a.sha256)) FROM ${attachmentRows} a
    WHERE a.id = ANY(w.photo_ids || w.proof_photo_ids)), '[]'::json) AS files`

const joins = sql`FROM wishes w JOIN ${orgTree} c ON c.id = w.org_id JOIN ${personNames} wp ON wp.id = w.wisher_id
  LEFT JOIN ${personNames} pp ON pp.id = w.posted_by LEFT JOIN ${personNames} mp ON mp.id = w.moderated_by
  LEFT JOIN ${personNames} cp ON cp.id = w.claimant_person_id LEFT JOIN ${unitRows} u ON u.id = w.claimant_unit_id`

export async function findWish(ex: Executor, id: string): Promise<WishRow | undefined> {
  return firstRow<WishRow>(ex, sql`SELECT ${columns} ${joins} WHERE w.id = ${id}`)
}

export interface WishFilter {
  view: 'wall' | 'mine' | 'claimed' | 'manage'
  /** The day (China time) an open wish is still on the wall. */
  today: string
  me: string | null
  /** manage: the caller's staff scopes ("1.2,1.5"). */
  scopes?: string
  underPath?: string
  state?: WishState
  category?: WishCategory
  beneficiary?: WishBeneficiary
  q?: string
}

function whereOf(f: WishFilter): SQL {
  const conds: SQL[] = []
  if (f.view === 'wall') {
    conds.push(sql`w.state IN ('open','claimed','fulfilled')`, sql`(w.state <> 'open' OR w.expires_on IS NULL OR w.expires_on >= ${f.today})`)
  } else if (f.view === 'mine') {
    conds.push(sql`w.wisher_id = ${f.me}`)
  } else if (f.view === 'claimed') {
    conds.push(sql`(w.claimant_person_id = ${f.me} OR w.claimant_unit_id IN (SELECT s.unit_id FROM ${unitStaff} s WHERE s.person_id = ${f.me}))`)
  } else {
    conds.push(sql`c.path <@ string_to_array(${f.scopes}, ',')::ltree[]`)
  }
  if (f.underPath) conds.push(sql`c.path <@ ${f.underPath}::ltree`)
  if (f.state) conds.push(sql`w.state = ${f.state}`)
  if (f.category) conds.push(sql`w.category = ${f.category}`)
  if (f.beneficiary) conds.push(sql`w.beneficiary = ${f.beneficiary}`)
  if (f.q) conds.push(sql`w.title ILIKE ${`%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`}`)
  return sql.join(conds, sql` AND `)
}

export async function listWishes(ex: Executor, f: WishFilter, after: string | undefined, limit: number): Promise<WishRow[]> {
  return rows<WishRow>(ex, sql`SELECT ${columns} ${joins} WHERE ${whereOf(f)} ${after ? sql`AND w.id < ${after}` : sql``}
    ORDER BY w.id DESC LIMIT ${limit + 1}`)
}

export async function countWishes(ex: Executor, f: WishFilter): Promise<number> {
  const r = await firstRow<{ n: number }>(ex, countUpTo(sql`FROM wishes w JOIN ${orgTree} c ON c.id = w.org_id WHERE ${whereOf(f)}`))
  return r!.n
}

export interface WishInsert {
  orgId: string
  wisherId: string
  postedBy: string
  beneficiary: WishBeneficiary
  category: WishCategory
  title: string
  story: string | null
  valueYuan: number
  photoIds: string[]
  expiresOn: string
}

const bigints = (ids: string[]) => (ids.length ? sql`string_to_array(${ids.join(',')}, ',')::bigint[]` : sql`'{}'::bigint[]`)

export async function insertWish(ex: Executor, w: WishInsert): Promise<string> {
  const r = await firstRow<{ id: string }>(ex, sql`INSERT INTO wishes (org_id, state, wisher_id, posted_by, beneficiary, category, title, story, value_yuan, photo_ids, expires_on)
    VALUES (${w.orgId}, 'pending', ${w.wisherId}, ${w.postedBy}, ${w.beneficiary}, ${w.category}, ${w.title}, ${w.story}, ${w.valueYuan}, ${bigints(w.photoIds)}, ${w.expiresOn})
    RETURNING id::text`)
  return r!.id
}

/**
 * The compare-and-swap every transition makes: the row changes only while it is in one of `from`
 * (and `extra` holds); false when another request moved it first. Concurrent claims queue on the
 * row lock and the losers find the state no longer 'open'.
 */
export async function moveWish(ex: Executor, id: string, from: readonly WishState[], to: WishState, sets: SQL[], extra?: SQL): Promise<boolean> {
  const r = await rows<{ id: string }>(ex, sql`UPDATE wishes SET state = ${to}, updated_at = now()${sets.length ? sql`, ${sql.join(sets, sql`, `)}` : sql``}
    WHERE id = ${id} AND state = ANY(string_to_array(${from.join(',')}, ',')) ${extra ? sql`AND ${extra}` : sql``} RETURNING id::text`)
  return r.length === 1
}

export async function insertEvent(ex: Executor, e: { wishId: string; actorId: string | null; action: WishAction | 'create' | 'expire'; from: WishState | null; to: WishState; note?: string | null; data?: Record<string, unknown> }): Promise<string> {
  const r = await firstRow<{ id: string }>(ex, sql`INSERT INTO wish_events (wish_id, actor_id, action, from_state, to_state, note, data)
    VALUES (${e.wishId}, ${e.actorId}, ${e.action}, ${e.from}, ${e.to}, ${e.note ?? null}, ${JSON.stringify(e.data ?? {})}::jsonb) RETURNING id::text`)
  return r!.id
}

export interface EventRow { id: string; action: string; from: WishState | null; to: WishState; actorId: string | null; actorName: string | null; note: string | null; data: { photoIds?: string[] }; at: string; files: FileRef[] }

export async function eventsOf(ex: Executor, wishId: string): Promise<EventRow[]> {
  return rows<EventRow>(ex, sql`SELECT e.id::text, e.action, e.from_state AS "from", e.to_state AS "to", e.actor_id::text AS "actorId", p.name AS "actorName",
      e.note, e.data, e.at::text AS at,
      coalesce((SELECT json_agg(json_build_object('id', a.id::text, 'sha256', a.sha256)) FROM ${attachmentRows} a
        WHERE a.id::text IN (SELECT jsonb_array_elements_text(coalesce(e.data->'photoIds', '[]'::jsonb)))), '[]'::json) AS files
    FROM wish_events e LEFT JOIN ${personNames} p ON p.id = e.actor_id WHERE e.wish_id = ${wishId} ORDER BY e.id`)
}

/** The community (or village) an org path lies in, or the caller's roles' communities in the order given. */
export async function communitiesAbove(ex: Executor, paths: string[]): Promise<{ id: string; path: string }[]> {
  if (!paths.length) return []
  return rows(ex, sql`SELECT o.id::text, o.path::text FROM ${orgTree} o
    WHERE o.kind IN ('community','village') AND o.deleted_at IS NULL AND o.path @> ANY(string_to_array(${paths.join(',')}, ',')::ltree[])`)
}

/** The cadres of a community (community cadres on the node itself), who moderate its wishes. */
export async function cadresOf(ex: Executor, orgId: string): Promise<string[]> {
  const r = await rows<{ id: string }>(ex, sql`SELECT DISTINCT r.person_id::text AS id FROM ${currentRoles} r WHERE r.org_id = ${orgId} AND r.role = 'community_cadre'`)
  return r.map((x) => x.id)
}

/** The units the person acts for. */
export async function unitsOf(ex: Executor, personId: string): Promise<{ id: string; name: string }[]> {
  return rows(ex, sql`SELECT u.id::text, u.name FROM ${unitStaff} s JOIN ${unitRows} u ON u.id = s.unit_id
    WHERE s.person_id = ${personId} AND u.deleted_at IS NULL ORDER BY u.name, u.id`)
}

/** Open wishes whose last day has passed (China time `today`), marked cancelled by the sweep. */
export async function expireOpen(ex: Executor, today: string): Promise<{ id: string; wisherId: string; title: string }[]> {
  return rows(ex, sql`UPDATE wishes SET state = 'cancelled', reason = '到期未被认领', updated_at = now()
    WHERE id IN (SELECT id FROM wishes WHERE state = 'open' AND expires_on < ${today} ORDER BY id LIMIT 500) AND state = 'open'
    RETURNING id::text, wisher_id::text AS "wisherId", title`)
}

export interface FigureRow { id: string; name: string; posted: number; pending: number; open: number; claimed: number; fulfilled: number; sumDays: number | null; valueFulfilledYuan: number }

export async function figures(ex: Executor, path: string): Promise<FigureRow[]> {
  return rows<FigureRow>(ex, sql`SELECT c.id::text, c.name, count(w.id)::int AS posted,
      count(w.id) FILTER (WHERE w.state = 'pending')::int AS pending, count(w.id) FILTER (WHERE w.state = 'open')::int AS open,
      count(w.id) FILTER (WHERE w.state = 'claimed')::int AS claimed, count(w.id) FILTER (WHERE w.state = 'fulfilled')::int AS fulfilled,
      sum(extract(epoch FROM w.fulfilled_at - w.moderated_at) / 86400) FILTER (WHERE w.state = 'fulfilled')::float8 AS "sumDays",
      coalesce(sum(w.value_yuan) FILTER (WHERE w.state = 'fulfilled'), 0)::float8 AS "valueFulfilledYuan"
    FROM ${orgTree} c LEFT JOIN wishes w ON w.org_id = c.id
    WHERE c.kind IN ('community','village') AND c.deleted_at IS NULL AND c.path <@ ${path}::ltree
    GROUP BY c.id, c.name ORDER BY count(w.id) DESC, c.id LIMIT 500`)
}

/** A live org node's path, or undefined. */
export async function orgPathOf(ex: Executor, id: string): Promise<string | undefined> {
  return (await firstRow<{ path: string }>(ex, sql`SELECT path::text FROM ${orgTree} o WHERE o.id = ${id} AND o.deleted_at IS NULL`))?.path
}
