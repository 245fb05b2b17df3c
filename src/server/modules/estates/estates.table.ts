// Five-colour rating (五色管理) of housing estates: periodic scores per criterion, the colour they
// add up to, and the history per estate. A red rating opens a rectification case.
import { bigint, boolean, check, index, integer, jsonb, numeric, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { timestamps } from '../../kernel/db/types.ts'
import { orgs } from '../orgs/orgs.table.ts'
import { people } from '../people/people.table.ts'

export const estateColors = ['green', 'blue', 'yellow', 'orange', 'red'] as const

export const estateRatingCriteria = pgTable(
  'estate_rating_criteria',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    /** Points this criterion contributes at most; the criteria of a rating add up to 100. */
    maxScore: integer('max_score').notNull(),
    sort: integer('sort').notNull().default(0),
    active: boolean('active').notNull().default(true),
    ...timestamps,
  },
  (t) => [check('estate_rating_criteria_max_check', sql`${t.maxScore} BETWEEN 1 AND 100`)],
)

export const estateRatings = pgTable(
  'estate_ratings',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    estateId: bigint('estate_id', { mode: 'number' }).notNull().references(() => orgs.id),
    /** The period rated, e.g. "2026-Q4" or "2026-11". */
    period: text('period').notNull(),
    /** {"criterionCode": score}. */
    scores: jsonb('scores').notNull(),
    total: numeric('total', { precision: 5, scale: 1 }).notNull(),
    color: text('color', { enum: estateColors }).notNull(),
    note: text('note'),
    ratedBy: bigint('rated_by', { mode: 'number' }).notNull().references(() => people.id),
    /** The rectification case opened for a red rating. */
    caseId: bigint('case_id', { mode: 'number' }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('estate_ratings_period_key').on(t.estateId, t.period),
    index('estate_ratings_estate_idx').on(t.estateId, t.createdAt),
    check('estate_ratings_color_check', sql`${t.color} IN ('green','blue','yellow','orange','red')`),
    check('estate_ratings_total_check', sql`${t.total} BETWEEN 0 AND 100`),
    check('estate_ratings_period_check', sql`${t.period} ~ '^[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])$'`),
    index('estate_ratings_case_id_idx').on(t.caseId),
  ],
)
