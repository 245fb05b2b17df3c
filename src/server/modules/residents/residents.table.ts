// Resident records (居民信息): where a person lives (a building, a household in it) with the
// personal information the community keeps about them. The ID number is sealed by
// kernel/pii.ts (AES-256-GCM, HMAC for lookups, stored mask); the phone is the person's own
// (people.phone_enc), never copied here; the name is people.name.
import { bigint, boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { timestamps } from '../../kernel/db/types.ts'
import { orgs } from '../orgs/orgs.table.ts'
import { people } from '../people/people.table.ts'
import { genders, residentRelations } from './residents.schemas.ts'

export const residents = pgTable(
  'residents',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    personId: bigint('person_id', { mode: 'number' }).notNull().references(() => people.id),
    /** The building (or another node, when the building is not in the tree) the person lives in. */
    orgId: bigint('org_id', { mode: 'number' }).notNull().references(() => orgs.id),
    /** 户号 / room inside the building ("2单元301"); one household = (org_id, household). */
    household: text('household'),
    /** Relation to the head of the household. */
    relation: text('relation', { enum: residentRelations }),
    gender: text('gender', { enum: genders }),
    birthYear: integer('birth_year'),
    idNumberEnc: text('id_number_enc'),
    idNumberHash: text('id_number_hash'),
    idNumberMask: text('id_number_mask'),
    address: text('address'),
    tags: text('tags').array().notNull().default(sql`'{}'`),
    /** Agrees to be contacted by the community (visits, notices). */
    consentContact: boolean('consent_contact').notNull().default(false),
    /** Agrees that the record is used to match services (elderly care, volunteers). */
    consentServices: boolean('consent_services').notNull().default(false),
    consentedAt: timestamp('consented_at', { withTimezone: true, mode: 'string' }),
    note: text('note'),
    deletedAt: timestamp('deleted_at', { withTimezone: true, mode: 'string' }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('residents_person_key').on(t.personId).where(sql`deleted_at IS NULL`),
    uniqueIndex('residents_id_number_hash_key').on(t.idNumberHash).where(sql`deleted_at IS NULL`),
    index('residents_org_idx').on(t.orgId, t.id),
    index('residents_tags_gin').using('gin', t.tags),
    check('residents_household_check', sql`length(btrim(${t.household})) BETWEEN 1 AND 30`),
    check('residents_relation_check', sql`${t.relation} IN ('head','spouse','child','parent','grandchild','sibling','other')`),
    check('residents_gender_check', sql`${t.gender} IN ('male','female')`),
    check('residents_birth_year_check', sql`${t.birthYear} BETWEEN 1900 AND 2100`),
    check('residents_id_number_sealed_check', sql`(${t.idNumberEnc} IS NULL) = (${t.idNumberHash} IS NULL) AND (${t.idNumberEnc} IS NULL) = (${t.idNumberMask} IS NULL)`),
    check('residents_id_number_hash_check', sql`${t.idNumberHash} ~ '^[0-9a-f]{64}$'`),
    check('residents_id_number_mask_check', sql`${t.idNumberMask} ~ '^[0-9]{4}[*]{10}[0-9]{3}[0-9X]$'`),
    check('residents_address_check', sql`length(${t.address}) <= 200`),
    check('residents_note_check', sql`length(${t.note}) <= 500`),
    check('residents_tags_check', sql`${t.tags} <@ ARRAY['elderly_alone','empty_nest','disabled','low_income','veteran','left_behind_child','serious_illness','tenant']::text[]`),
    index('residents_person_id_idx').on(t.personId),
  ],
)
