// Units (单位): employers, firms, social organisations, merchants and property firms, which are
// not places in the org tree. A unit sits in an area (`org_id`, usually a street or community);
// the people who act for it are linked in `unit_people` (never shared logins).
import { bigint, boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { geometry, timestamps } from '../../kernel/db/types.ts'
import { orgs } from '../orgs/orgs.table.ts'
import { people } from '../people/people.table.ts'

/** 机关, 事业单位, 国有企业, 两新组织 (non-public firm, social organisation), merchants, property firms. */
export const unitKinds = ['government_agency', 'public_institution', 'state_enterprise', 'non_public_firm', 'social_organisation', 'merchant', 'property_firm'] as const

export const units = pgTable(
  'units',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    kind: text('kind', { enum: unitKinds }).notNull(),
    /** 统一社会信用代码, 18 characters. */
    creditCode: text('credit_code'),
    /** The smallest org node the unit sits in (a street or community); scope checks use its path. */
    orgId: bigint('org_id', { mode: 'number' }).notNull().references(() => orgs.id),
    /** 驻区单位: based in the area it sits in (as opposed to paired from elsewhere). */
    residentUnit: boolean('resident_unit').notNull().default(false),
    hasPartyOrg: boolean('has_party_org').notNull().default(false),
    partyOrgName: text('party_org_name'),
    partyMemberCount: integer('party_member_count').notNull().default(0),
    staffCount: integer('staff_count'),
    address: text('address'),
    location: geometry('location', { type: 'Point' }),
    deletedAt: timestamp('deleted_at', { withTimezone: true, mode: 'string' }),
    ...timestamps,
  },
  (t) => [
    index('units_org_idx').on(t.orgId),
    uniqueIndex('units_credit_code_key').on(t.creditCode).where(sql`deleted_at IS NULL`),
    check('units_name_check', sql`length(btrim(${t.name})) BETWEEN 1 AND 100`),
    check('units_kind_check', sql`${t.kind} IN ('government_agency','public_institution','state_enterprise','non_public_firm','social_organisation','merchant','property_firm')`),
    check('units_credit_code_check', sql`${t.creditCode} ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$'`),
    check('units_counts_check', sql`${t.partyMemberCount} >= 0 AND (${t.staffCount} IS NULL OR ${t.staffCount} >= 0)`),
  ],
)

/** Who acts for a unit: its representative(s) and staff with console access to the unit's records. */
export const unitPeople = pgTable(
  'unit_people',
  {
    unitId: bigint('unit_id', { mode: 'number' }).notNull().references(() => units.id),
    personId: bigint('person_id', { mode: 'number' }).notNull().references(() => people.id),
    role: text('role', { enum: ['representative', 'staff'] }).notNull().default('staff'),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.unitId, t.personId] }),
    index('unit_people_person_idx').on(t.personId),
    check('unit_people_role_check', sql`${t.role} IN ('representative','staff')`),
  ],
)
