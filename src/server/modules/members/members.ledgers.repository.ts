// The figures of the ledgers, the public walls and the pioneer index: claims per member, reports
// verified, consenting members of a community, and each unit's service.
import { sql } from 'drizzle-orm'
import { rows, type Executor } from '../../kernel/db/client.ts'
import { caseRows } from '../cases/cases.read.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { personNames } from '../people/people.read.ts'
import { unitRows } from '../units/units.read.ts'
import { confirmedOrders } from '../orders/orders.read.ts'
import { fulfilledWishes } from '../wishes/wishes.read.ts'
import { idList, underScopes } from './members.repository.ts'

/** Cases each person reported in the (China-time) year that were verified or closed; anonymous reports are left out, since staff see the index and it would name their reporter. */
export async function verifiedReports(ex: Executor, personIds: string[], year: number): Promise<Map<string, number>> {
  if (personIds.length === 0) return new Map()
  const found = await rows<{ person_id: string; n: number }>(ex, sql`SELECT reporter_id::text AS person_id, count(*)::int AS n FROM ${caseRows} c
    WHERE reporter_id = ANY(${idList(personIds)}) AND state IN ('verified', 'closed') AND NOT anonymous
      AND created_at >= ${`${year}-01-01T00:00:00+08:00`}::timestamptz AND created_at < ${`${year + 1}-01-01T00:00:00+08:00`}::timestamptz
    GROUP BY reporter_id`)
  return new Map(found.map((r) => [r.person_id, r.n]))
}

/** Claims (posts and projects) per member in the year, for the pioneer index. */
export async function claimCounts(ex: Executor, memberIds: string[], year: number): Promise<Map<string, number>> {
  if (memberIds.length === 0) return new Map()
  const found = await rows<{ member_id: string; n: number }>(ex, sql`SELECT member_id::text, count(*)::int AS n FROM post_claims
    WHERE member_id = ANY(${idList(memberIds)}) AND year = ${year} GROUP BY member_id`)
  return new Map(found.map((r) => [r.member_id, r.n]))
}

/** Consenting members of a community for the public walls: names only, plus what they chose to show. */
export async function wallMembers(ex: Executor, communityId: string): Promise<{ memberId: string; personId: string; name: string; walls: string[]; commitment: string | null }[]> {
  return rows(ex, sql`SELECT pm.id::text AS "memberId", pm.person_id::text AS "personId", p.name, pm.public_walls AS walls, pm.commitment
    FROM party_members pm JOIN ${personNames} p ON p.id = pm.person_id
    WHERE pm.community_id = ${communityId} AND pm.deleted_at IS NULL AND cardinality(pm.public_walls) > 0
      AND EXISTS (SELECT 1 FROM registrations r WHERE r.member_id = pm.id AND r.kind = 'member' AND r.status = 'accepted')
    ORDER BY pm.id LIMIT 2000`)
}

export async function unitServiceRows(ex: Executor, scopes: string, underPath: string | undefined, year: number): Promise<{ unitId: string; unitName: string; members: number; registered: number; posts: number; projects: number; unitRegistrations: number; personIds: string[] }[]> {
  return rows(ex, sql`SELECT u.id::text AS "unitId", u.name AS "unitName", count(DISTINCT pm.id)::int AS members,
      count(DISTINCT pm.id) FILTER (WHERE r.status = 'accepted')::int AS registered,
      (SELECT count(*)::int FROM post_claims pc JOIN community_posts cp ON cp.id = pc.post_id JOIN party_members m2 ON m2.id = pc.member_id
        WHERE m2.employer_unit_id = u.id AND pc.year = ${year} AND pc.released_at IS NULL AND cp.kind = 'post') AS posts,
      (SELECT count(*)::int FROM post_claims pc JOIN community_posts cp ON cp.id = pc.post_id JOIN party_members m2 ON m2.id = pc.member_id
        WHERE m2.employer_unit_id = u.id AND pc.year = ${year} AND pc.released_at IS NULL AND cp.kind = 'project') AS projects,
      (SELECT count(*)::int FROM registrations ur WHERE ur.kind = 'unit' AND ur.unit_id = u.id AND ur.status = 'accepted') AS "unitRegistrations",
      array_agg(DISTINCT pm.person_id::text) AS "personIds"
    FROM party_members pm JOIN ${orgTree} c ON c.id = pm.community_id JOIN ${unitRows} u ON u.id = pm.employer_unit_id
    LEFT JOIN registrations r ON r.member_id = pm.id AND r.kind = 'member'
    WHERE pm.deleted_at IS NULL AND ${scopes ? underScopes(sql`c.path`, scopes) : sql`false`}
      ${underPath ? sql`AND c.path <@ ${underPath}::ltree` : sql``}
    GROUP BY u.id, u.name ORDER BY u.id`)
}

/** A person's confirmed orders and fulfilled wishes (claimed by them) between two China dates, for their feedback card. */
export async function ordersAndWishesOf(ex: Executor, personId: string, from: string, to: string): Promise<{ orders: { title: string; servedOn: string; hours: number }[]; wishes: { title: string; fulfilledOn: string }[] }> {
  const start = `${from}T00:00:00+08:00`
  const end = `${to}T23:59:59.999+08:00`
  const orders = await rows<{ title: string; servedOn: string; hours: number }>(ex, sql`SELECT co.item_name AS title, to_char(co.completed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS "servedOn",
      coalesce(co.hours, 0)::float8 AS hours
    FROM ${confirmedOrders} co WHERE co.provider_id = ${personId} AND co.completed_at BETWEEN ${start}::timestamptz AND ${end}::timestamptz ORDER BY co.completed_at LIMIT 500`)
  const wishes = await rows<{ title: string; fulfilledOn: string }>(ex, sql`SELECT fw.title, to_char(fw.fulfilled_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS "fulfilledOn"
    FROM ${fulfilledWishes} fw WHERE fw.claimant_person_id = ${personId} AND fw.fulfilled_at BETWEEN ${start}::timestamptz AND ${end}::timestamptz ORDER BY fw.fulfilled_at LIMIT 500`)
  return { orders, wishes }
}

/** Per unit: orders dispatched to it and confirmed, and wishes it fulfilled, in the (China-time) year. */
export async function unitOrdersAndWishes(ex: Executor, unitIds: string[], year: number): Promise<Map<string, { orders: number; wishes: number }>> {
  if (unitIds.length === 0) return new Map()
  const from = `${year}-01-01T00:00:00+08:00`
  const to = `${year + 1}-01-01T00:00:00+08:00`
  const found = await rows<{ id: string; orders: number; wishes: number }>(ex, sql`SELECT u.id::text,
      (SELECT count(*)::int FROM ${confirmedOrders} co WHERE co.assignee_unit_id = u.id AND co.confirmed_at >= ${from}::timestamptz AND co.confirmed_at < ${to}::timestamptz) AS orders,
      (SELECT count(*)::int FROM ${fulfilledWishes} fw WHERE fw.claimant_unit_id = u.id AND fw.fulfilled_at >= ${from}::timestamptz AND fw.fulfilled_at < ${to}::timestamptz) AS wishes
    FROM unnest(${idList(unitIds)}) AS u(id)`)
  return new Map(found.map((r) => [r.id, { orders: r.orders, wishes: r.wishes }]))
}
