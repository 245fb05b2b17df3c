// People (one row per human being) and their role assignments on org nodes.
import { bigint, date, index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { check } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { timestamps } from '../../kernel/db/types.ts'
import { orgs } from '../orgs/orgs.table.ts'

export const roles = [
  'admin',
  'district_admin',
  'street_admin',
  'community_cadre',
  'grid_leader',
  'grid_worker',
  'building_leader',
  'member',
  'volunteer',
  'resident',
] as const

export const people = pgTable(
  'people',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    /** The phone (a login name), sealed by kernel/pii.ts: `<keyId>:<AES-256-GCM>`, its HMAC and its mask. */
    phoneEnc: text('phone_enc'),
    phoneHash: text('phone_hash'),
    phoneMask: text('phone_mask'),
    deletedAt: timestamp('deleted_at', { withTimezone: true, mode: 'string' }),
    ...timestamps,
  },
  (t) => [
    index('people_name_idx').on(t.name),
    // A phone number is a login name, so it belongs to one living person.
    uniqueIndex('people_phone_hash_key').on(t.phoneHash).where(sql`deleted_at IS NULL`),
    check('people_name_check', sql`length(btrim(${t.name})) BETWEEN 1 AND 50`),
    check('people_phone_sealed_check', sql`(${t.phoneEnc} IS NULL) = (${t.phoneHash} IS NULL) AND (${t.phoneEnc} IS NULL) = (${t.phoneMask} IS NULL)`),
    check('people_phone_hash_check', sql`${t.phoneHash} ~ '^[0-9a-f]{64}$'`),
    check('people_phone_mask_check', sql`${t.phoneMask} ~ '^1[3-9][0-9][*]{4}[0-9]{4}$'`),
  ],
)

export const roleAssignments = pgTable(
  'role_assignments',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    personId: bigint('person_id', { mode: 'number' }).notNull().references(() => people.id),
    role: text('role', { enum: roles }).notNull(),
    orgId: bigint('org_id', { mode: 'number' }).notNull().references(() => orgs.id),
    validFrom: date('valid_from', { mode: 'string' }).notNull().default(sql`CURRENT_DATE`),
    validTo: date('valid_to', { mode: 'string' }),
    ...timestamps,
  },
  (t) => [
    index('role_assignments_person_idx').on(t.personId),
    index('role_assignments_org_idx').on(t.orgId),
    check(
      'role_assignments_role_check',
      sql`${t.role} IN ('admin','district_admin','street_admin','community_cadre','grid_leader','grid_worker','building_leader','member','volunteer','resident')`,
    ),
    check('role_assignments_dates_check', sql`${t.validTo} IS NULL OR ${t.validTo} >= ${t.validFrom}`),
  ],
)
