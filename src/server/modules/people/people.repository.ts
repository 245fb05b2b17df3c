// Queries of people and role assignments; scopes are comma-joined ltree paths.
import { countedIds } from '../../kernel/pagination.ts'
import { sql } from 'drizzle-orm'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import type { Role } from '../../kernel/policy.ts'
import type { Sealed } from '../../kernel/pii.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { accountRows } from '../auth/auth.read.ts'

export interface PersonRow {
  id: string
  name: string
  /** The sealed phone (kernel/pii.ts) and its mask; the service decides who sees which. */
  phoneEnc: string | null
  phoneMask: string | null
  roles: { id: string; role: Role; orgId: string; orgPath: string; orgName: string; validFrom: string; validTo: string | null; active: boolean }[]
  account: { username: string; disabled: boolean; mustChangePassword: boolean; totpEnabled: boolean; lockedUntil: string | null; lastLoginAt: string | null } | null
}

const personColumns = sql`p.id::text, p.name, p.phone_enc AS "phoneEnc", p.phone_mask AS "phoneMask",
  coalesce((SELECT json_agg(json_build_object(
      'id', r.id::text, 'role', r.role, 'orgId', r.org_id::text, 'orgPath', o.path::text, 'orgName', o.name,
      'validFrom', r.valid_from::text, 'validTo', r.valid_to::text,
      'active', r.valid_from <= CURRENT_DATE AND (r.valid_to IS NULL OR r.valid_to > CURRENT_DATE)) ORDER BY r.id)
    FROM role_assignments r JOIN ${orgTree} o ON o.id = r.org_id WHERE r.person_id = p.id), '[]'::json) AS roles,
  (SELECT json_build_object('username', a.username, 'disabled', a.disabled_at IS NOT NULL,
      'mustChangePassword', a.must_change_password, 'totpEnabled', a.totp_enabled,
      'lockedUntil', CASE WHEN a.locked_until > now() THEN a.locked_until END, 'lastLoginAt', a.last_login_at)
    FROM ${accountRows} a WHERE a.person_id = p.id) AS account`

export async function findPerson(ex: Executor, id: string, lock = false) {
  return firstRow<PersonRow>(ex, sql`SELECT ${personColumns} FROM people p WHERE p.id = ${id} AND p.deleted_at IS NULL ${lock ? sql`FOR UPDATE` : sql``}`)
}

/** Locks a person's row: role changes lock it too, so a check made after this sees every role. */
export async function lockPerson(ex: Executor, id: string): Promise<void> {
  await ex.execute(sql`SELECT 1 FROM people WHERE id = ${id} FOR UPDATE`)
}

export async function searchPeople(ex: Executor, f: { scopes: string; q?: string; underPath?: string; role?: Role; afterId?: string; limit: number }) {
  const pattern = f.q ? `%${f.q.replace(/[\\%_]/g, (c) => '\\' + c)}%` : undefined
  return rows<PersonRow>(
    ex,
    // The page's ids (and the first page's count) first; the columns, with their subqueries, for the page only.
    sql`SELECT ${personColumns}${f.afterId ? sql`` : sql`, k.total`} FROM ${countedIds(sql`SELECT p.id FROM people p
        WHERE p.deleted_at IS NULL
          AND EXISTS (SELECT 1 FROM role_assignments r JOIN ${orgTree} o ON o.id = r.org_id
                      WHERE r.person_id = p.id AND (r.valid_to IS NULL OR r.valid_to > CURRENT_DATE)
                        AND o.path <@ string_to_array(${f.scopes}, ',')::ltree[]
                        ${f.underPath ? sql`AND o.path <@ ${f.underPath}::ltree` : sql``}
                        ${f.role ? sql`AND r.role = ${f.role}` : sql``})
          ${pattern ? sql`AND (p.name ILIKE ${pattern} OR EXISTS (SELECT 1 FROM ${accountRows} a WHERE a.person_id = p.id AND a.username ILIKE ${pattern}))` : sql``}
          ${f.afterId ? sql`AND p.id > ${f.afterId}` : sql``}
        ORDER BY p.id`, sql`ids.id`, f.limit, !f.afterId)} k JOIN people p ON p.id = k.id ORDER BY p.id`,
  )
}

export async function insertPerson(ex: Executor, v: { name: string; phone: Sealed | null }): Promise<string> {
  return (await firstRow<{ id: string }>(ex, sql`INSERT INTO people (name, phone_enc, phone_hash, phone_mask)
    VALUES (${v.name}, ${v.phone?.enc ?? null}, ${v.phone?.hash ?? null}, ${v.phone?.mask ?? null}) RETURNING id::text`))!.id
}

/** Many people in two statements (ids drawn first, so they come back in input order). */
export async function insertPeople(ex: Executor, list: { name: string; phone: Sealed | null }[]): Promise<string[]> {
  if (list.length === 0) return []
  const ids = (await rows<{ id: string }>(ex, sql`SELECT nextval(pg_get_serial_sequence('people', 'id'))::text AS id FROM generate_series(1, ${list.length})`)).map((r) => r.id)
  const json = JSON.stringify(list.map((p, i) => ({ id: ids[i], name: p.name, phone_enc: p.phone?.enc ?? null, phone_hash: p.phone?.hash ?? null, phone_mask: p.phone?.mask ?? null })))
  await ex.execute(sql`INSERT INTO people (id, name, phone_enc, phone_hash, phone_mask) OVERRIDING SYSTEM VALUE
    SELECT id, name, phone_enc, phone_hash, phone_mask FROM json_to_recordset(${json}::json)
      AS x(id bigint, name text, phone_enc text, phone_hash text, phone_mask text)`)
  return ids
}

export async function updatePerson(ex: Executor, id: string, v: { name?: string; phone?: Sealed | null }): Promise<void> {
  const sets = []
  if (v.name !== undefined) sets.push(sql`name = ${v.name}`)
  if (v.phone !== undefined) sets.push(sql`phone_enc = ${v.phone?.enc ?? null}, phone_hash = ${v.phone?.hash ?? null}, phone_mask = ${v.phone?.mask ?? null}`)
  if (sets.length) await ex.execute(sql`UPDATE people SET ${sql.join(sets, sql`, `)} WHERE id = ${id}`)
}

/** `phoneHash` is the HMAC of the phone (kernel/pii.ts): phones are looked up by it, never by value. */
export async function phoneTaken(ex: Executor, phoneHash: string, exceptPersonId: string | null): Promise<boolean> {
  const row = await firstRow(ex, sql`SELECT 1 FROM people WHERE phone_hash = ${phoneHash} AND deleted_at IS NULL
    ${exceptPersonId ? sql`AND id <> ${exceptPersonId}` : sql``}`)
  return row !== undefined
}

export async function takenPhoneHashes(ex: Executor, hashes: string[]): Promise<Set<string>> {
  if (hashes.length === 0) return new Set()
  const found = await rows<{ h: string }>(ex, sql`SELECT phone_hash AS h FROM people WHERE deleted_at IS NULL AND phone_hash = ANY(string_to_array(${hashes.join(',')}, ','))`)
  return new Set(found.map((r) => r.h))
}

export async function insertRole(ex: Executor, v: { personId: string; role: Role; orgId: string; validFrom?: string; validTo?: string | null }): Promise<string> {
  return (await firstRow<{ id: string }>(
    ex,
    sql`INSERT INTO role_assignments (person_id, role, org_id, valid_from, valid_to)
        VALUES (${v.personId}, ${v.role}, ${v.orgId}, coalesce(${v.validFrom ?? null}::date, CURRENT_DATE), ${v.validTo ?? null}::date)
        RETURNING id::text`,
  ))!.id
}

/** Ends a role today: it stops counting at once (valid_to is exclusive). */
export async function endRole(ex: Executor, id: string): Promise<void> {
  await ex.execute(sql`UPDATE role_assignments SET valid_to = GREATEST(valid_from, CURRENT_DATE) WHERE id = ${id}`)
}

/** People holding a current role below `path`, counted per role (a person with two roles counts in both). */
export async function countByRole(ex: Executor, path: string, scopes: string) {
  return rows<{ role: Role; people: number }>(
    ex,
    sql`SELECT r.role, count(DISTINCT r.person_id)::int AS people
        FROM role_assignments r JOIN ${orgTree} o ON o.id = r.org_id JOIN people p ON p.id = r.person_id
        WHERE o.path <@ ${path}::ltree AND o.path <@ string_to_array(${scopes}, ',')::ltree[]
          AND p.deleted_at IS NULL AND r.valid_from <= CURRENT_DATE AND (r.valid_to IS NULL OR r.valid_to > CURRENT_DATE)
        GROUP BY r.role ORDER BY r.role`,
  )
}

export async function countPeople(ex: Executor, path: string, scopes: string): Promise<number> {
  const row = await firstRow<{ n: number }>(
    ex,
    sql`SELECT count(DISTINCT r.person_id)::int AS n
        FROM role_assignments r JOIN ${orgTree} o ON o.id = r.org_id JOIN people p ON p.id = r.person_id
        WHERE o.path <@ ${path}::ltree AND o.path <@ string_to_array(${scopes}, ',')::ltree[]
          AND p.deleted_at IS NULL AND r.valid_from <= CURRENT_DATE AND (r.valid_to IS NULL OR r.valid_to > CURRENT_DATE)`,
  )
  return row?.n ?? 0
}

type Ref = { id: string; name: string }

/** The grid a person belongs to: where their resident role is (a grid or a building in it), else any role at or below a grid. */
export async function gridOfPerson(ex: Executor, personId: string) {
  return firstRow<{ grid: Ref; community: Ref | null; street: Ref | null; home: Ref & { kind: string }; centre: { lng: number; lat: number } | null }>(
    ex,
    sql`SELECT json_build_object('id', g.id::text, 'name', g.name) AS grid,
               (SELECT json_build_object('id', c.id::text, 'name', c.name) FROM ${orgTree} c WHERE c.id = g.parent_id) AS community,
               (SELECT json_build_object('id', s.id::text, 'name', s.name) FROM ${orgTree} c JOIN ${orgTree} s ON s.id = c.parent_id WHERE c.id = g.parent_id) AS street,
               json_build_object('id', o.id::text, 'name', o.name, 'kind', o.kind) AS home,
               CASE WHEN g.geometry IS NULL THEN NULL ELSE json_build_object('lng', ST_X(ST_PointOnSurface(g.geometry)), 'lat', ST_Y(ST_PointOnSurface(g.geometry))) END AS centre
        FROM role_assignments r
        JOIN ${orgTree} o ON o.id = r.org_id AND o.deleted_at IS NULL
        JOIN ${orgTree} g ON g.kind = 'grid' AND g.deleted_at IS NULL AND o.path <@ g.path
        WHERE r.person_id = ${personId} AND r.valid_from <= CURRENT_DATE AND (r.valid_to IS NULL OR r.valid_to > CURRENT_DATE)
        ORDER BY (r.role = 'resident') DESC, r.id LIMIT 1`,
  )
}

/** The grid leader and workers of a grid, with the duty phone residents may call. */
export async function gridStaff(ex: Executor, gridId: string) {
  return rows<{ personId: string; name: string; role: Role; phoneEnc: string | null }>(
    ex,
    sql`SELECT p.id::text AS "personId", p.name, r.role, p.phone_enc AS "phoneEnc"
        FROM role_assignments r JOIN people p ON p.id = r.person_id AND p.deleted_at IS NULL
        WHERE r.org_id = ${gridId} AND r.role IN ('grid_leader', 'grid_worker')
          AND r.valid_from <= CURRENT_DATE AND (r.valid_to IS NULL OR r.valid_to > CURRENT_DATE)
        ORDER BY r.role, r.id`,
  )
}
