// Queries of introduction letters (介绍信) and registrations (报到) of members and units at a
// community. Org nodes, people's and units' names and the letter photo are read through their
// owners' relations.
import { sql } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import type { Ref } from '../../kernel/contract.ts'
import { attachmentRows } from '../files/files.read.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { personNames } from '../people/people.read.ts'
import { unitRows } from '../units/units.read.ts'
import { idList, underScopes, unitRef } from './members.repository.ts'
import type { RegistrationStatus } from './members.schemas.ts'

// Letters -------------------------------------------------------------------------------------

export interface LetterRow { id: string; number: string; unit: Ref; member: Ref; community: Ref; issuedBy: Ref; createdAt: string; memberId: string; unitId: string; communityId: string }

const letterSelect = sql`SELECT l.id::text, l.number, json_build_object('id', u.id::text, 'name', u.name) AS unit,
    json_build_object('id', pm.id::text, 'name', p.name) AS member, json_build_object('id', c.id::text, 'name', c.name) AS community,
    json_build_object('id', ib.id::text, 'name', ib.name) AS "issuedBy", l.created_at::text AS "createdAt",
    l.member_id::text AS "memberId", l.unit_id::text AS "unitId", l.community_id::text AS "communityId"
  FROM introduction_letters l JOIN ${unitRows} u ON u.id = l.unit_id JOIN party_members pm ON pm.id = l.member_id
  JOIN ${personNames} p ON p.id = pm.person_id JOIN ${orgTree} c ON c.id = l.community_id JOIN ${personNames} ib ON ib.id = l.issued_by`

export async function findLetter(ex: Executor, id: string): Promise<LetterRow | undefined> {
  return firstRow<LetterRow>(ex, sql`${letterSelect} WHERE l.id = ${id}`)
}

/**
 * Numbers the letter within its unit and year under a transaction-scoped lock on the unit's
 * serial (an advisory lock: the units row belongs to the units module), so two issues never share
 * a serial.
 */
export async function insertLetter(ex: Executor, l: { unitId: string; memberId: string; communityId: string; year: number; issuedBy: string }): Promise<string> {
  await ex.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`linli.members.letter_serial:${l.unitId}`}, 0))`)
  const next = (await firstRow<{ n: number }>(ex, sql`SELECT COALESCE(max(serial), 0)::int + 1 AS n FROM introduction_letters WHERE unit_id = ${l.unitId} AND year = ${l.year}`))!.n
  const number = `报到介绍信 ${l.year}-U${l.unitId}-${String(next).padStart(4, '0')}`
  return (await firstRow<{ id: string }>(ex, sql`INSERT INTO introduction_letters (unit_id, member_id, community_id, year, serial, number, issued_by)
    VALUES (${l.unitId}, ${l.memberId}, ${l.communityId}, ${l.year}, ${next}, ${number}, ${l.issuedBy}) RETURNING id::text`))!.id
}

export async function searchLetters(ex: Executor, f: { units: string[]; scopes: string; personId: string | null; memberId?: string }): Promise<LetterRow[]> {
  return rows<LetterRow>(ex, sql`${letterSelect} WHERE (${f.units.length ? sql`l.unit_id = ANY(${idList(f.units)}) OR` : sql``}
      ${f.personId ? sql`pm.person_id = ${f.personId} OR` : sql``} ${f.scopes ? underScopes(sql`c.path`, f.scopes) : sql`false`})
    ${f.memberId ? sql`AND l.member_id = ${f.memberId}` : sql``} ORDER BY l.id DESC LIMIT 200`)
}

// Registrations -------------------------------------------------------------------------------

export interface RegistrationRow {
  id: string
  kind: 'member' | 'unit'
  member: Ref | null
  unit: Ref | null
  community: Ref
  status: RegistrationStatus
  letterAttachment: { id: string; url: string } | null
  letter: { id: string; number: string } | null
  note: string | null
  returnReason: string | null
  submissions: number
  submittedBy: Ref
  submittedAt: string
  reviewedBy: Ref | null
  reviewedAt: string | null
  personId: string | null
  communityPath: string
  unitId: string | null
  memberId: string | null
}

const registrationSelect = sql`SELECT r.id::text, r.kind,
    CASE WHEN pm.id IS NULL THEN NULL ELSE json_build_object('id', pm.id::text, 'name', mp.name) END AS member,
    ${unitRef('u')} AS unit, json_build_object('id', c.id::text, 'name', c.name) AS community, r.status,
    CASE WHEN a.id IS NULL THEN NULL ELSE json_build_object('id', a.id::text, 'url', '/api/v1/files/' || a.sha256) END AS "letterAttachment",
    CASE WHEN l.id IS NULL THEN NULL ELSE json_build_object('id', l.id::text, 'number', l.number) END AS letter,
    r.note, r.return_reason AS "returnReason", r.submissions,
    json_build_object('id', sb.id::text, 'name', sb.name) AS "submittedBy", r.submitted_at::text AS "submittedAt",
    CASE WHEN rb.id IS NULL THEN NULL ELSE json_build_object('id', rb.id::text, 'name', rb.name) END AS "reviewedBy",
    r.reviewed_at::text AS "reviewedAt", pm.person_id::text AS "personId", c.path::text AS "communityPath",
    r.unit_id::text AS "unitId", r.member_id::text AS "memberId"
  FROM registrations r
  LEFT JOIN party_members pm ON pm.id = r.member_id
  LEFT JOIN ${personNames} mp ON mp.id = pm.person_id
  LEFT JOIN ${unitRows} u ON u.id = r.unit_id
  JOIN ${orgTree} c ON c.id = r.community_id
  LEFT JOIN ${attachmentRows} a ON a.id = r.letter_attachment_id
  LEFT JOIN introduction_letters l ON l.id = r.letter_id
  JOIN ${personNames} sb ON sb.id = r.submitted_by
  LEFT JOIN ${personNames} rb ON rb.id = r.reviewed_by`

export async function findRegistration(ex: Executor, id: string, lock = false): Promise<RegistrationRow | undefined> {
  if (lock) await ex.execute(sql`SELECT 1 FROM registrations WHERE id = ${id} FOR UPDATE`)
  return firstRow<RegistrationRow>(ex, sql`${registrationSelect} WHERE r.id = ${id}`)
}

export async function registrationOfMember(ex: Executor, memberId: string): Promise<{ id: string; status: RegistrationStatus } | undefined> {
  return firstRow(ex, sql`SELECT id::text, status FROM registrations WHERE member_id = ${memberId} AND kind = 'member'`)
}

export async function unitRegistrationExists(ex: Executor, unitId: string, communityId: string): Promise<boolean> {
  return !!(await firstRow(ex, sql`SELECT 1 FROM registrations WHERE unit_id = ${unitId} AND community_id = ${communityId} AND kind = 'unit'`))
}

export async function letterUsed(ex: Executor, letterId: string, exceptRegistration?: string): Promise<boolean> {
  return !!(await firstRow(ex, sql`SELECT 1 FROM registrations WHERE letter_id = ${letterId} ${exceptRegistration ? sql`AND id <> ${exceptRegistration}` : sql``}`))
}

export async function insertRegistration(ex: Executor, r: { kind: 'member' | 'unit'; memberId: string | null; unitId: string | null; communityId: string; letterAttachmentId: string | null; letterId: string | null; note: string | null; submittedBy: string }): Promise<string> {
  return (await firstRow<{ id: string }>(ex, sql`INSERT INTO registrations (kind, member_id, unit_id, community_id, letter_attachment_id, letter_id, note, submitted_by)
    VALUES (${r.kind}, ${r.memberId}, ${r.unitId}, ${r.communityId}, ${r.letterAttachmentId}, ${r.letterId}, ${r.note}, ${r.submittedBy}) RETURNING id::text`))!.id
}

export async function reviewRegistration(ex: Executor, id: string, to: 'accepted' | 'returned', by: string, reason: string | null): Promise<void> {
  await ex.execute(sql`UPDATE registrations SET status = ${to}, return_reason = ${reason}, reviewed_by = ${by}, reviewed_at = now(), updated_at = now() WHERE id = ${id}`)
}

export async function resubmitRegistration(ex: Executor, id: string, r: { letterAttachmentId: string | null; letterId: string | null; note: string | null; by: string }): Promise<void> {
  await ex.execute(sql`UPDATE registrations SET status = 'submitted', letter_attachment_id = ${r.letterAttachmentId}, letter_id = ${r.letterId},
      note = ${r.note}, submissions = submissions + 1, submitted_by = ${r.by}, submitted_at = now(), updated_at = now() WHERE id = ${id}`)
}

export interface RegistrationFilter { scopes: string; personId: string | null; units: string[]; underPath?: string; unitId?: string; status?: RegistrationStatus; kind?: 'member' | 'unit' }

export async function searchRegistrations(ex: Executor, f: RegistrationFilter & { afterId?: string; limit: number }): Promise<RegistrationRow[]> {
  return rows<RegistrationRow>(ex, sql`${registrationSelect}
    WHERE (${f.personId ? sql`pm.person_id = ${f.personId} OR` : sql``} ${f.units.length ? sql`r.unit_id = ANY(${idList(f.units)}) OR` : sql``}
           ${f.scopes ? underScopes(sql`c.path`, f.scopes) : sql`false`})
    ${f.underPath ? sql`AND c.path <@ ${f.underPath}::ltree` : sql``}
    ${f.unitId ? sql`AND r.unit_id = ${f.unitId}` : sql``}
    ${f.status ? sql`AND r.status = ${f.status}` : sql``}
    ${f.kind ? sql`AND r.kind = ${f.kind}` : sql``}
    ${f.afterId ? sql`AND r.id > ${f.afterId}` : sql``}
    ORDER BY r.id LIMIT ${f.limit + 1}`)
}
