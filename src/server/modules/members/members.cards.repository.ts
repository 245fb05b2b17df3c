// Queries of feedback cards (反馈卡) sent to a member's employer, and their mean rating.
import { sql } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import type { Ref } from '../../kernel/contract.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { personNames } from '../people/people.read.ts'
import { unitRows } from '../units/units.read.ts'
import { idList, underScopes, unitRef } from './members.repository.ts'
import type { CardContent, CardRating } from './members.schemas.ts'

// Feedback cards ------------------------------------------------------------------------------

export interface CardRow {
  id: string; member: Ref; period: string; community: Ref; unit: Ref | null; status: 'draft' | 'reviewed' | 'sent'
  content: CardContent; rating: CardRating | null; comment: string | null; reviewedBy: Ref | null; reviewedAt: string | null
  sentAt: string | null; createdAt: string; personId: string; communityPath: string; unitId: string | null
}

const cardSelect = sql`SELECT fc.id::text, json_build_object('id', pm.id::text, 'name', p.name) AS member, fc.period,
    json_build_object('id', c.id::text, 'name', c.name) AS community, ${unitRef('u')} AS unit, fc.status, fc.content, fc.rating, fc.comment,
    CASE WHEN rb.id IS NULL THEN NULL ELSE json_build_object('id', rb.id::text, 'name', rb.name) END AS "reviewedBy",
    fc.reviewed_at::text AS "reviewedAt", fc.sent_at::text AS "sentAt", fc.created_at::text AS "createdAt",
    pm.person_id::text AS "personId", c.path::text AS "communityPath", fc.unit_id::text AS "unitId"
  FROM feedback_cards fc JOIN party_members pm ON pm.id = fc.member_id JOIN ${personNames} p ON p.id = pm.person_id
  JOIN ${orgTree} c ON c.id = fc.community_id LEFT JOIN ${unitRows} u ON u.id = fc.unit_id LEFT JOIN ${personNames} rb ON rb.id = fc.reviewed_by`

export async function findCard(ex: Executor, id: string, lock = false): Promise<CardRow | undefined> {
  if (lock) await ex.execute(sql`SELECT 1 FROM feedback_cards WHERE id = ${id} FOR UPDATE`)
  return firstRow<CardRow>(ex, sql`${cardSelect} WHERE fc.id = ${id}`)
}

export async function cardExists(ex: Executor, memberId: string, period: string): Promise<boolean> {
  return !!(await firstRow(ex, sql`SELECT 1 FROM feedback_cards WHERE member_id = ${memberId} AND period = ${period}`))
}

export async function insertCard(ex: Executor, c: { memberId: string; period: string; communityId: string; unitId: string | null; content: CardContent; generatedBy: string }): Promise<string> {
  return (await firstRow<{ id: string }>(ex, sql`INSERT INTO feedback_cards (member_id, period, community_id, unit_id, content, generated_by)
    VALUES (${c.memberId}, ${c.period}, ${c.communityId}, ${c.unitId}, ${JSON.stringify(c.content)}::jsonb, ${c.generatedBy}) RETURNING id::text`))!.id
}

export async function reviewCard(ex: Executor, id: string, r: { rating: CardRating; comment: string; by: string }): Promise<void> {
  await ex.execute(sql`UPDATE feedback_cards SET status = 'reviewed', rating = ${r.rating}, comment = ${r.comment}, reviewed_by = ${r.by}, reviewed_at = now(), updated_at = now() WHERE id = ${id}`)
}

export async function sendCard(ex: Executor, id: string): Promise<void> {
  await ex.execute(sql`UPDATE feedback_cards SET status = 'sent', sent_at = now(), updated_at = now() WHERE id = ${id}`)
}

export async function searchCards(ex: Executor, f: { scopes: string; personId: string | null; units: string[]; memberId?: string; underPath?: string; unitId?: string; period?: string; status?: string; afterId?: string; limit: number }): Promise<CardRow[]> {
  return rows<CardRow>(ex, sql`${cardSelect}
    WHERE (${f.personId ? sql`(pm.person_id = ${f.personId} AND fc.status <> 'draft') OR` : sql``}
           ${f.units.length ? sql`(fc.unit_id = ANY(${idList(f.units)}) AND fc.status = 'sent') OR` : sql``}
           ${f.scopes ? underScopes(sql`c.path`, f.scopes) : sql`false`})
    ${f.memberId ? sql`AND fc.member_id = ${f.memberId}` : sql``}
    ${f.underPath ? sql`AND c.path <@ ${f.underPath}::ltree` : sql``}
    ${f.unitId ? sql`AND fc.unit_id = ${f.unitId}` : sql``}
    ${f.period ? sql`AND fc.period = ${f.period}` : sql``}
    ${f.status ? sql`AND fc.status = ${f.status}` : sql``}
    ${f.afterId ? sql`AND fc.id < ${f.afterId}` : sql``}
    ORDER BY fc.id DESC LIMIT ${f.limit + 1}`)
}

/** Mean card rating (5 excellent … 2 poor) per person, over cards of the year that were reviewed. */
export async function cardRatings(ex: Executor, memberIds: string[], year: number): Promise<Map<string, number>> {
  if (memberIds.length === 0) return new Map()
  const found = await rows<{ member_id: string; rating: string }>(ex, sql`SELECT member_id::text, avg(CASE rating WHEN 'excellent' THEN 5 WHEN 'good' THEN 4 WHEN 'fair' THEN 3 ELSE 2 END)::text AS rating
    FROM feedback_cards WHERE member_id = ANY(${idList(memberIds)}) AND rating IS NOT NULL AND left(period, 4) = ${String(year)} GROUP BY member_id`)
  return new Map(found.map((r) => [r.member_id, Number(r.rating)]))
}
