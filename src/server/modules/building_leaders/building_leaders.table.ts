// Building leaders' 三亮 (亮身份、亮职责、亮承诺): the public card of a building's leader. Who the
// leader is stays the people module's `building_leader` role on the building node; the card holds
// what the leader shows the residents: photo, duties, commitments, and whether the phone is shown.
import { bigint, boolean, check, index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { timestamps } from '../../kernel/db/types.ts'
import { orgs } from '../orgs/orgs.table.ts'
import { people } from '../people/people.table.ts'

/** The six duties of a building leader (楼栋党建, 信息收集, 代办服务, 矛盾调处, 物业监督, 弘扬新风). */
export const leaderDuties = ['party_building', 'information', 'errands', 'mediation', 'property_oversight', 'civility'] as const

export const buildingLeaderCards = pgTable('building_leader_cards', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  buildingId: bigint('building_id', { mode: 'number' }).notNull().references(() => orgs.id),
  personId: bigint('person_id', { mode: 'number' }).notNull().references(() => people.id),
  /** A file id of the files module (an image); shown on the public card. */
  photoId: bigint('photo_id', { mode: 'number' }),
  duties: text('duties').array().notNull().default(sql`'{}'`),
  commitments: text('commitments').notNull().default(''),
  /** The leader chose to show the full phone on the card (else it is masked). */
  showPhone: boolean('show_phone').notNull().default(false),
  /** How else to reach them ("每晚7点后在1单元门口"). */
  contactNote: text('contact_note'),
  ...timestamps,
}, (t) => [
  uniqueIndex('building_leader_cards_key').on(t.buildingId, t.personId),
  index('building_leader_cards_person_id_idx').on(t.personId),
  check('building_leader_cards_duties_check', sql`${t.duties} <@ ARRAY[${sql.raw(leaderDuties.map((d) => `'${d}'`).join(','))}]::text[]`),
  check('building_leader_cards_text_check', sql`length(${t.commitments}) <= 1000 AND (${t.contactNote} IS NULL OR length(${t.contactNote}) <= 200)`),
])
