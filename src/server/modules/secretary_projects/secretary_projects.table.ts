// Secretaries' projects (书记抓党建项目) and responsibility lists (责任清单): work items a level names
// for itself, with an owner, milestones and progress. A secretary's project is a community's, a
// street's or a district's Party secretary's project for one year (e.g. 每月一题 on a hotspot); a
// responsibility-list item is a city organ's or a street's duty over three years, with a
// responsible unit or department and person. The level's cadres write their own node's items; the
// level above reads them and comments (督查). Overdue milestones are flagged by the minute sweep.
import { bigint, boolean, check, date, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { timestamps } from '../../kernel/db/types.ts'
import { orgs } from '../orgs/orgs.table.ts'
import { people } from '../people/people.table.ts'
import { units } from '../units/units.table.ts'
import { cases } from '../cases/cases.table.ts'
import { topics } from '../deliberation/deliberation.table.ts'

export const secretaryProjectKinds = ['project', 'duty'] as const
export const secretaryProjectStates = ['planned', 'in_progress', 'done', 'overdue'] as const
export const secretaryProjectSourceKinds = ['hotspot', 'case', 'topic'] as const

const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(','))

export const secretaryProjects = pgTable(
  'secretary_projects',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** The node whose item it is (a community, a street, a district or the city). */
    orgId: bigint('org_id', { mode: 'number' }).notNull().references(() => orgs.id),
    /** `project` 书记抓党建项目 (one year) or `duty` 责任清单 (up to three years). */
    kind: text('kind', { enum: secretaryProjectKinds }).notNull(),
    state: text('state', { enum: secretaryProjectStates }).notNull(),
    yearFrom: integer('year_from').notNull(),
    yearTo: integer('year_to').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    /** The person who answers for it (the secretary, or the responsible person). */
    ownerId: bigint('owner_id', { mode: 'number' }).notNull().references(() => people.id),
    /** The responsible unit (a city organ or a paired unit), or a department named in words. */
    unitId: bigint('unit_id', { mode: 'number' }).references(() => units.id),
    department: text('department'),
    /** 0–100: derived from the milestones unless set by hand (progressManual). */
    progress: integer('progress').notNull().default(0),
    progressManual: boolean('progress_manual').notNull().default(false),
    /** Where it came from: a hotspot (category key and street), a case or a deliberation topic. */
    sourceKind: text('source_kind', { enum: secretaryProjectSourceKinds }),
    sourceCategory: text('source_category'),
    sourceStreetId: bigint('source_street_id', { mode: 'number' }).references(() => orgs.id),
    sourceCaseIds: bigint('source_case_ids', { mode: 'number' }).array().notNull().default(sql`'{}'`),
    sourceOrderIds: bigint('source_order_ids', { mode: 'number' }).array().notNull().default(sql`'{}'`),
    sourceCaseId: bigint('source_case_id', { mode: 'number' }).references(() => cases.id),
    sourceTopicId: bigint('source_topic_id', { mode: 'number' }).references(() => topics.id),
    createdBy: bigint('created_by', { mode: 'number' }).notNull().references(() => people.id),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'string' }),
    closedBy: bigint('closed_by', { mode: 'number' }).references(() => people.id),
    closeNote: text('close_note'),
    ...timestamps,
  },
  (t) => [
    index('secretary_projects_org_idx').on(t.orgId, t.yearFrom, t.id),
    index('secretary_projects_owner_idx').on(t.ownerId),
    index('secretary_projects_unit_idx').on(t.unitId),
    index('secretary_projects_source_street_idx').on(t.sourceStreetId),
    index('secretary_projects_source_case_idx').on(t.sourceCaseId),
    index('secretary_projects_source_topic_idx').on(t.sourceTopicId),
    index('secretary_projects_created_by_idx').on(t.createdBy),
    index('secretary_projects_closed_by_idx').on(t.closedBy),
    index('secretary_projects_source_case_ids_gin').using('gin', t.sourceCaseIds),
    check('secretary_projects_kind_check', sql`${t.kind} IN (${list(secretaryProjectKinds)})`),
    check('secretary_projects_state_check', sql`${t.state} IN (${list(secretaryProjectStates)})`),
    check('secretary_projects_source_check', sql`${t.sourceKind} IS NULL OR ${t.sourceKind} IN (${list(secretaryProjectSourceKinds)})`),
    check('secretary_projects_years_check', sql`${t.yearTo} >= ${t.yearFrom} AND ${t.yearTo} - ${t.yearFrom} <= 2`),
    check('secretary_projects_progress_check', sql`${t.progress} BETWEEN 0 AND 100`),
  ],
)

export const secretaryProjectMilestones = pgTable(
  'secretary_project_milestones',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    projectId: bigint('project_id', { mode: 'number' }).notNull().references(() => secretaryProjects.id),
    title: text('title').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    doneAt: timestamp('done_at', { withTimezone: true, mode: 'string' }),
    doneBy: bigint('done_by', { mode: 'number' }).references(() => people.id),
    evidenceNote: text('evidence_note'),
    evidencePhotoIds: bigint('evidence_photo_ids', { mode: 'number' }).array().notNull().default(sql`'{}'`),
    /** Set once when the sweep notified the owner that it is overdue. */
    overdueNotifiedAt: timestamp('overdue_notified_at', { withTimezone: true, mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    index('secretary_project_milestones_project_idx').on(t.projectId, t.dueOn),
    index('secretary_project_milestones_done_by_idx').on(t.doneBy),
    index('secretary_project_milestones_open_due_idx').on(t.dueOn).where(sql`${t.doneAt} IS NULL`),
  ],
)

export const secretaryProjectEvents = pgTable(
  'secretary_project_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    projectId: bigint('project_id', { mode: 'number' }).notNull().references(() => secretaryProjects.id),
    actorId: bigint('actor_id', { mode: 'number' }).references(() => people.id),
    /** created, edited, milestone_added, milestone_done, progress, overdue, comment, closed. */
    action: text('action').notNull(),
    fromState: text('from_state'),
    toState: text('to_state'),
    note: text('note'),
    data: jsonb('data').notNull().default(sql`'{}'::jsonb`),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    index('secretary_project_events_project_idx').on(t.projectId, t.id),
    index('secretary_project_events_actor_idx').on(t.actorId),
  ],
)
