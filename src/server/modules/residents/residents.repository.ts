// Queries of resident records. Sealed values (`…Enc`) are read only where the service needs
// them (reveal, the resident's own record, a full export); lists read the stored masks.
import { countedIds } from '../../kernel/pagination.ts'
import { idArray } from '../../kernel/access.ts'
import { sql } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import { dbNow } from '../../kernel/db/now.ts'
import type { Sealed } from '../../kernel/pii.ts'
import type { Role } from '../../kernel/policy.ts'
import type { Gender, ResidentRelation, ResidentTag } from './residents.schemas.ts'
import { personRolesOf } from './residents.access.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { personContacts } from '../people/people.read.ts'

type Ref = { id: string; name: string }

export interface ResidentRow {
  id: string
  personId: string
  name: string
  gender: Gender | null
  birthYear: number | null
  idNumberMask: string | null
  phoneMask: string | null
  idNumberEnc: string | null
  phoneEnc: string | null
  /** The roles of the person that count (residents.access.ts); read with the sealed values only, else empty. */
  personRoles: { role: Role; orgPath: string }[]
  org: Ref & { kind: string }
  orgPath: string
  grid: Ref | null
  community: Ref | null
  household: string | null
  relation: ResidentRelation | null
  address: string | null
  tags: ResidentTag[]
  consentContact: boolean
  consentServices: boolean
  consentedAt: string | null
  note: string | null
  updatedAt: string
}

const columns = (sealed: boolean) => sql`r.id::text, r.person_id::text AS "personId", p.name, r.gender, r.birth_year AS "birthYear",
  r.id_number_mask AS "idNumberMask", p.phone_mask AS "phoneMask",
  ${sealed ? sql`r.id_number_enc` : sql`NULL::text`} AS "idNumberEnc", ${sealed ? sql`p.phone_enc` : sql`NULL::text`} AS "phoneEnc",
  ${sealed ? personRolesOf(sql`r.person_id`) : sql`'[]'::json`} AS "personRoles",
  json_build_object('id', o.id::text, 'name', o.name, 'kind', o.kind) AS org, o.path::text AS "orgPath",
  (SELECT json_build_object('id', g.id::text, 'name', g.name) FROM ${orgTree} g WHERE g.kind = 'grid' AND g.path @> o.path LIMIT 1) AS grid,
  (SELECT json_build_object('id', c.id::text, 'name', c.name) FROM ${orgTree} c WHERE c.kind IN ('community', 'village') AND c.path @> o.path LIMIT 1) AS community,
  r.household, r.relation, r.address, array_to_json(r.tags) AS tags, r.consent_contact AS "consentContact",
  r.consent_services AS "consentServices", r.consented_at AS "consentedAt", r.note, r.updated_at AS "updatedAt"`

const from = sql`FROM residents r JOIN ${personContacts} p ON p.id = r.person_id JOIN ${orgTree} o ON o.id = r.org_id`

export async function findResident(ex: Executor, id: string, opts: { sealed?: boolean; lock?: boolean } = {}) {
  return firstRow<ResidentRow>(ex, sql`SELECT ${columns(opts.sealed ?? false)} ${from}
    WHERE r.id = ${id} AND r.deleted_at IS NULL ${opts.lock ? sql`FOR UPDATE OF r` : sql``}`)
}

export async function findResidentOfPerson(ex: Executor, personId: string, opts: { sealed?: boolean; lock?: boolean } = {}) {
  return firstRow<ResidentRow>(ex, sql`SELECT ${columns(opts.sealed ?? false)} ${from}
    WHERE r.person_id = ${personId} AND r.deleted_at IS NULL ${opts.lock ? sql`FOR UPDATE OF r` : sql``}`)
}

export interface ResidentFilter {
  scopes: string
  underPath?: string
  /** Contains-match on name or household. */
  pattern?: string
  phoneHash?: string
  idNumberHash?: string
  tag?: ResidentTag
  afterId?: string
  limit: number
  sealed?: boolean
  /** A list page: on the first, count the matches (`total`). */
  count?: boolean
}

/** Residents and households under the scopes (and a node), and how many carry each tag. */
export async function residentFigures(ex: Executor, f: { scopes: string; underPath?: string }) {
  const where = sql`r.deleted_at IS NULL AND o.path <@ string_to_array(${f.scopes}, ',')::ltree[] ${f.underPath ? sql`AND o.path <@ ${f.underPath}::ltree` : sql``}`
  const [total] = await rows<{ residents: number; households: number }>(ex, sql`SELECT count(*)::int AS residents,
      count(DISTINCT (r.org_id, coalesce(r.household, 'person:' || r.person_id)))::int AS households
    FROM residents r JOIN ${orgTree} o ON o.id = r.org_id WHERE ${where}`)
  const byTag = await rows<{ tag: string; residents: number }>(ex, sql`SELECT t.tag, count(*)::int AS residents
    FROM residents r JOIN ${orgTree} o ON o.id = r.org_id CROSS JOIN LATERAL unnest(r.tags) AS t(tag) WHERE ${where} GROUP BY t.tag ORDER BY t.tag`)
  return { ...total!, byTag }
}

/**
 * The most nodes a list names by id (below): a community's buildings and grids are a few hundred;
 * a street's a few thousand; past this, the scope is most of the table and walking it in id order
 * is the fast plan.
 */
const NAMED_NODES = 2000

export async function searchResidents(ex: Executor, f: ResidentFilter) {
  const under = sql`o.path <@ string_to_array(${f.scopes}, ',')::ltree[] ${f.underPath ? sql`AND o.path <@ ${f.underPath}::ltree` : sql``}`
  // A narrow scope (a community of a city): its nodes by id, so the planner reads their residents
  // through residents_org_idx and sorts a few thousand, instead of walking the whole table in id
  // order to keep the 1 in 150 under the scope (0.9 s at a tenth of a city). The path condition
  // stays: the ids only narrow what it allows.
  const nodes = await rows<{ id: string }>(ex, sql`SELECT o.id::text FROM ${orgTree} o WHERE ${under} LIMIT ${NAMED_NODES + 1}`)
  const named = nodes.length <= NAMED_NODES ? sql`AND r.org_id = ANY(${idArray(nodes.map((n) => n.id))})` : sql``
  const where = sql`r.deleted_at IS NULL AND ${under} ${named}
          ${f.pattern ? sql`AND (p.name ILIKE ${f.pattern} OR r.household ILIKE ${f.pattern})` : sql``}
          ${f.phoneHash ? sql`AND p.phone_hash = ${f.phoneHash}` : sql``}
          ${f.idNumberHash ? sql`AND r.id_number_hash = ${f.idNumberHash}` : sql``}
          ${f.tag ? sql`AND r.tags @> ARRAY[${f.tag}]::text[]` : sql``}
          ${f.afterId ? sql`AND r.id > ${f.afterId}` : sql``}`
  if (!f.count) return rows<ResidentRow>(ex, sql`SELECT ${columns(f.sealed ?? false)} ${from} WHERE ${where} ORDER BY r.id LIMIT ${f.limit + 1}`)
  // A list page: its ids and, on the first page, how many match (up to the cap), then its rows.
  const ids = countedIds(sql`SELECT r.id ${from} WHERE ${where} ORDER BY r.id`, sql`ids.id`, f.limit, !f.afterId)
  return rows<ResidentRow & { total?: number }>(ex, sql`SELECT ${columns(f.sealed ?? false)}${f.afterId ? sql`` : sql`, k.total`} ${from} JOIN ${ids} k ON k.id = r.id ORDER BY r.id`)
}

export interface ResidentValues {
  orgId: string
  household: string | null
  relation: ResidentRelation | null
  gender: Gender | null
  birthYear: number | null
  idNumber: Sealed | null
  address: string | null
  tags: ResidentTag[]
  consentContact: boolean
  consentServices: boolean
  note: string | null
}

export async function insertResident(ex: Executor, personId: string, v: ResidentValues): Promise<string> {
  return (await firstRow<{ id: string }>(
    ex,
    sql`INSERT INTO residents (person_id, org_id, household, relation, gender, birth_year, id_number_enc, id_number_hash, id_number_mask,
                               address, tags, consent_contact, consent_services, consented_at, note)
        VALUES (${personId}, ${v.orgId}, ${v.household}, ${v.relation}, ${v.gender}, ${v.birthYear}, ${v.idNumber?.enc ?? null},
                ${v.idNumber?.hash ?? null}, ${v.idNumber?.mask ?? null}, ${v.address}, linli_text_array(${JSON.stringify(v.tags)}::jsonb),
                ${v.consentContact}, ${v.consentServices}, CASE WHEN ${v.consentContact} OR ${v.consentServices} THEN now() END, ${v.note})
        RETURNING id::text`,
  ))!.id
}

/** Rewrites the record's own columns; consented_at moves when a consent is newly given. */
export async function updateResident(ex: Executor, id: string, v: ResidentValues): Promise<void> {
  await ex.execute(sql`UPDATE residents SET org_id = ${v.orgId}, household = ${v.household}, relation = ${v.relation}, gender = ${v.gender},
      birth_year = ${v.birthYear}, id_number_enc = ${v.idNumber?.enc ?? null}, id_number_hash = ${v.idNumber?.hash ?? null},
      id_number_mask = ${v.idNumber?.mask ?? null}, address = ${v.address}, tags = linli_text_array(${JSON.stringify(v.tags)}::jsonb),
      consented_at = CASE WHEN (${v.consentContact} AND NOT consent_contact) OR (${v.consentServices} AND NOT consent_services) THEN ${dbNow}
                          WHEN NOT ${v.consentContact} AND NOT ${v.consentServices} THEN NULL ELSE consented_at END,
      consent_contact = ${v.consentContact}, consent_services = ${v.consentServices}, note = ${v.note}
    WHERE id = ${id}`)
}

export async function deleteResident(ex: Executor, id: string): Promise<void> {
  await ex.execute(sql`UPDATE residents SET deleted_at = now() WHERE id = ${id}`)
}

export async function idNumberTaken(ex: Executor, hash: string, exceptId: string | null): Promise<boolean> {
  return (await firstRow(ex, sql`SELECT 1 FROM residents WHERE id_number_hash = ${hash} AND deleted_at IS NULL ${exceptId ? sql`AND id <> ${exceptId}` : sql``}`)) !== undefined
}

/** Which of these ID number hashes are taken already (import checks a whole file at once). */
export async function takenIdNumberHashes(ex: Executor, hashes: string[]): Promise<Set<string>> {
  if (hashes.length === 0) return new Set()
  const found = await rows<{ h: string }>(ex, sql`SELECT id_number_hash AS h FROM residents WHERE deleted_at IS NULL AND id_number_hash = ANY(string_to_array(${hashes.join(',')}, ','))`)
  return new Set(found.map((r) => r.h))
}

export interface ImportRow extends ResidentValues {
  personId: string
}

/** Inserts the records of an import in one statement (its people are made by people.createMany first). */
export async function insertImported(ex: Executor, list: ImportRow[]): Promise<number> {
  if (list.length === 0) return 0
  const payload = list.map((r) => ({
    person_id: r.personId,
    org_id: r.orgId, household: r.household, relation: r.relation, gender: r.gender, birth_year: r.birthYear,
    id_enc: r.idNumber?.enc ?? null, id_hash: r.idNumber?.hash ?? null, id_mask: r.idNumber?.mask ?? null, address: r.address,
    tags: r.tags, consent_contact: r.consentContact, consent_services: r.consentServices, note: r.note,
  }))
  const json = JSON.stringify(payload)
  await ex.execute(sql`INSERT INTO residents (person_id, org_id, household, relation, gender, birth_year, id_number_enc, id_number_hash, id_number_mask,
      address, tags, consent_contact, consent_services, consented_at, note)
    SELECT person_id, org_id, household, relation, gender, birth_year, id_enc, id_hash, id_mask, address,
      ARRAY(SELECT json_array_elements_text(tags)), consent_contact, consent_services,
      CASE WHEN consent_contact OR consent_services THEN now() END, note
    FROM json_to_recordset(${json}::json) AS x(person_id bigint, org_id bigint, household text, relation text, gender text, birth_year int,
      id_enc text, id_hash text, id_mask text, address text, tags json, consent_contact boolean, consent_services boolean, note text)`)
  return list.length
}
