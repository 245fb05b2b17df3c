// The SQL of leader cards, the list of a node's buildings with their leaders, and coverage.
import { sql } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { currentRoles, personContacts, personNames } from '../people/people.read.ts'
import { registeredMembers } from '../members/members.read.ts'
import { attachmentRows } from '../files/files.read.ts'

/** A person is a Party member: the member role, or an accepted registration as an in-service member. */
export const partyMember = (personId: ReturnType<typeof sql>) => sql`(EXISTS (SELECT 1 FROM ${currentRoles} m WHERE m.person_id = ${personId} AND m.role = 'member')
  OR EXISTS (SELECT 1 FROM ${registeredMembers} pm WHERE pm.person_id = ${personId}))`
export interface CardRow {
  id: string; name: string; where: string; lng: number | null; lat: number | null
  leaderId: string | null; leaderName: string | null; partyMember: boolean; phoneEnc: string | null; phoneMask: string | null
  photoSha: string | null; duties: string[] | null; commitments: string | null; showPhone: boolean | null; contactNote: string | null; hasCard: boolean
}

export const cardOf = (ex: Executor, buildingId: string, leaderId: string | null) => firstRow<CardRow>(ex, sql`
  SELECT o.id::text, o.name, ${whereOf(sql`o`)} AS "where", ST_X(ST_PointOnSurface(o.geometry)) AS lng, ST_Y(ST_PointOnSurface(o.geometry)) AS lat,
    p.id::text AS "leaderId", p.name AS "leaderName", coalesce(${partyMember(sql`p.id`)}, false) AS "partyMember", p.phone_enc AS "phoneEnc", p.phone_mask AS "phoneMask",
    f.sha256 AS "photoSha", c.duties, c.commitments, c.show_phone AS "showPhone", c.contact_note AS "contactNote", c.id IS NOT NULL AS "hasCard"
  FROM ${orgTree} o LEFT JOIN ${personContacts} p ON p.id = ${leaderId}::bigint
    LEFT JOIN building_leader_cards c ON c.building_id = o.id AND c.person_id = p.id LEFT JOIN ${attachmentRows} f ON f.id = c.photo_id
  WHERE o.id = ${buildingId}`)

function whereOf(o: ReturnType<typeof sql>) {
  return sql`coalesce((SELECT string_agg(a.name, ' · ' ORDER BY nlevel(a.path)) FROM ${orgTree} a
    WHERE a.path @> ${o}.path AND a.path <> ${o}.path AND a.kind IN ('street', 'community', 'village', 'estate')), '')`
}

export const saveCard = (ex: Executor, v: { buildingId: string; personId: string; photoId: string | null | undefined; duties: string[]; commitments: string; showPhone: boolean; contactNote: string | null | undefined }) => ex.execute(sql`
  INSERT INTO building_leader_cards (building_id, person_id, photo_id, duties, commitments, show_phone, contact_note)
  VALUES (${v.buildingId}, ${v.personId}, ${v.photoId ?? null}, string_to_array(${v.duties.join(',')}, ',')::text[], ${v.commitments}, ${v.showPhone}, ${v.contactNote ?? null})
  ON CONFLICT (building_id, person_id) DO UPDATE SET
    photo_id = CASE WHEN ${v.photoId === undefined} THEN building_leader_cards.photo_id ELSE EXCLUDED.photo_id END,
    duties = EXCLUDED.duties, commitments = EXCLUDED.commitments, show_phone = EXCLUDED.show_phone,
    contact_note = CASE WHEN ${v.contactNote === undefined} THEN building_leader_cards.contact_note ELSE EXCLUDED.contact_note END, updated_at = EXCLUDED.updated_at`)

/** The buildings under a node with their leader in post (the latest appointed), at most 2,000. */
export const buildingsUnder = (ex: Executor, orgPath: string) => rows<{ id: string; name: string; where: string; leaderId: string | null; leaderName: string | null; partyMember: boolean; hasCard: boolean }>(ex, sql`
  SELECT o.id::text, o.name, ${whereOf(sql`o`)} AS "where", l.person_id::text AS "leaderId", n.name AS "leaderName",
    coalesce(${partyMember(sql`l.person_id`)}, false) AS "partyMember",
    EXISTS (SELECT 1 FROM building_leader_cards c WHERE c.building_id = o.id AND c.person_id = l.person_id) AS "hasCard"
  FROM ${orgTree} o
  LEFT JOIN LATERAL (SELECT r.person_id FROM ${currentRoles} r WHERE r.org_id = o.id AND r.role = 'building_leader' ORDER BY r.valid_from DESC, r.id DESC LIMIT 1) l ON true
  LEFT JOIN ${personNames} n ON n.id = l.person_id
  WHERE o.kind = 'building' AND o.deleted_at IS NULL AND o.path <@ ${orgPath}::ltree
  ORDER BY o.path LIMIT 2000`)

/** Buildings, with a leader in post, and with a Party member as leader: the node and each community (or village) under it. */
export const coverage = (ex: Executor, orgPath: string) => rows<{ id: string; name: string; kind: string; buildings: number; withLeader: number; partyMemberLeader: number }>(ex, sql`
  WITH b AS (
    SELECT o.path, EXISTS (SELECT 1 FROM ${currentRoles} r WHERE r.org_id = o.id AND r.role = 'building_leader') AS led,
      EXISTS (SELECT 1 FROM ${currentRoles} r WHERE r.org_id = o.id AND r.role = 'building_leader' AND ${partyMember(sql`r.person_id`)}) AS party
    FROM ${orgTree} o WHERE o.kind = 'building' AND o.deleted_at IS NULL AND o.path <@ ${orgPath}::ltree),
  nodes AS (
    SELECT c.id, c.name, c.kind, c.path FROM ${orgTree} c
    WHERE c.deleted_at IS NULL AND (c.path = ${orgPath}::ltree OR (c.path <@ ${orgPath}::ltree AND c.kind IN ('community', 'village'))))
  SELECT n.id::text, n.name, n.kind, count(b.path)::int AS buildings, count(b.path) FILTER (WHERE b.led)::int AS "withLeader",
    count(b.path) FILTER (WHERE b.party)::int AS "partyMemberLeader"
  FROM nodes n LEFT JOIN b ON b.path <@ n.path GROUP BY n.id, n.name, n.kind, n.path ORDER BY (n.path = ${orgPath}::ltree) DESC, n.path`)

/** The buildings where a person holds a role (a resident's home). */
export const homesOf = (ex: Executor, personId: string) => rows<{ id: string }>(ex, sql`
  SELECT DISTINCT o.id::text FROM ${currentRoles} r JOIN ${orgTree} o ON o.id = r.org_id WHERE r.person_id = ${personId} AND o.kind = 'building' AND o.deleted_at IS NULL LIMIT 10`)
