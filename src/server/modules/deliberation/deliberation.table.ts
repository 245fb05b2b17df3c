// Deliberation (协商议事): topics proposed by residents or raised from cases, visits, orders and
// hotspots, supported by households, carried through the stages of a process template (协商六议
// by default), decided by votes (open, secret, or on paper) and executed as resolutions with
// tasks, progress and public supervision.
//
// Secret ballots: `vote_participations` records THAT a person voted (one row per person and
// vote, the primary key stops a second ballot) and nothing else; `secret_ballot_box` holds only
// the counted totals per choice. A ballot updates every choice row of its vote at once, so no
// row version, transaction id, physical position, sequence or timestamp tells which counter the
// ballot raised; no table links a person to a choice.
import { type AnyPgColumn, bigint, boolean, check, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { timestamps } from '../../kernel/db/types.ts'
import { orgs } from '../orgs/orgs.table.ts'
import { people } from '../people/people.table.ts'

export const topicStates = ['proposed', 'deliberating', 'settled', 'merged', 'expired', 'rejected'] as const
export const topicSourceKinds = ['case', 'visit', 'order', 'hotspot'] as const
export const stageOutputs = ['minutes', 'resolution', 'public_notice', 'none'] as const
export const voteModes = ['open', 'secret'] as const
export const voteStates = ['scheduled', 'open', 'closed', 'cancelled'] as const
export const voteChoices = ['for', 'against', 'abstain'] as const
export const resolutionStates = ['executing', 'done', 'cancelled'] as const

const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(','))
const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' })

/** A process template (协商六议, 民情理事会, 五位一体…): shipped (org_id NULL) or a node's own. */
export const deliberationTemplates = pgTable(
  'deliberation_templates',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** The node that owns it (its admins edit it); NULL for the templates the system ships. */
    orgId: bigint('org_id', { mode: 'number' }).references(() => orgs.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    description: text('description'),
    /** The newest version number; topics keep the version they started with. */
    version: integer('version').notNull().default(1),
    archivedAt: at('archived_at'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('deliberation_templates_code_key').on(t.code),
    index('deliberation_templates_org_idx').on(t.orgId),
    check('deliberation_templates_code_check', sql`${t.code} ~ '^[a-z0-9_]{2,40}$'`),
    check('deliberation_templates_name_check', sql`length(btrim(${t.name})) BETWEEN 1 AND 60`),
  ],
)

/**
 * One immutable version of a template. `stages` is a JSON array of
 * { key, name, nameEn, roles[], parties[], output, quorum, deadlineDays, vote }.
 */
export const deliberationTemplateVersions = pgTable(
  'deliberation_template_versions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    templateId: bigint('template_id', { mode: 'number' }).notNull().references(() => deliberationTemplates.id),
    version: integer('version').notNull(),
    stages: jsonb('stages').notNull(),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => people.id),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('deliberation_template_versions_key').on(t.templateId, t.version),
    index('deliberation_template_versions_created_by_idx').on(t.createdBy),
    check('deliberation_template_versions_stages_check', sql`jsonb_typeof(${t.stages}) = 'array' AND jsonb_array_length(${t.stages}) BETWEEN 1 AND 12`),
  ],
)

/** Per community (or street: the nearest node up the tree wins): support threshold and expiry. */
export const deliberationSettings = pgTable(
  'deliberation_settings',
  {
    orgId: bigint('org_id', { mode: 'number' }).primaryKey().references(() => orgs.id),
    /** Households whose support moves a topic to the committee… */
    supportHouseholds: integer('support_households'),
    /** …or a share (per cent) of the community's households, whichever is set (the smaller when both). */
    supportPercent: numeric('support_percent', { precision: 5, scale: 2 }),
    /** A proposed topic without enough support expires after this many days. */
    expireDays: integer('expire_days').notNull().default(30),
    templateId: bigint('template_id', { mode: 'number' }).references(() => deliberationTemplates.id),
    updatedBy: bigint('updated_by', { mode: 'number' }).references(() => people.id),
    ...timestamps,
  },
  (t) => [
    index('deliberation_settings_template_idx').on(t.templateId),
    index('deliberation_settings_updated_by_idx').on(t.updatedBy),
    check('deliberation_settings_households_check', sql`${t.supportHouseholds} BETWEEN 1 AND 100000`),
    check('deliberation_settings_percent_check', sql`${t.supportPercent} > 0 AND ${t.supportPercent} <= 100`),
    check('deliberation_settings_expire_check', sql`${t.expireDays} BETWEEN 1 AND 365`),
  ],
)

export const topics = pgTable(
  'topics',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** The community (or a node in it) the topic belongs to. */
    orgId: bigint('org_id', { mode: 'number' }).notNull().references(() => orgs.id),
    title: text('title').notNull(),
    body: text('body').notNull(),
    proposerId: bigint('proposer_id', { mode: 'number' }).references(() => people.id),
    /** A cadre who collected it for a resident (民情收集). */
    collectedBy: bigint('collected_by', { mode: 'number' }).references(() => people.id),
    /** "转为议题": the case, visit, order or hotspot it was raised from. */
    sourceKind: text('source_kind', { enum: topicSourceKinds }),
    sourceId: bigint('source_id', { mode: 'number' }),
    templateVersionId: bigint('template_version_id', { mode: 'number' }).notNull().references(() => deliberationTemplateVersions.id),
    state: text('state', { enum: topicStates }).notNull(),
    /** Index into the template version's stages (0 = the proposal stage). */
    stageIndex: integer('stage_index').notNull().default(0),
    stageKey: text('stage_key').notNull(),
    stageStartedAt: at('stage_started_at').notNull().defaultNow(),
    stageDueAt: at('stage_due_at'),
    /** Supporting households (a person without a registered household counts as one). */
    supportCount: integer('support_count').notNull().default(0),
    /** Households needed, fixed when the topic was proposed. */
    supportNeeded: integer('support_needed').notNull().default(1),
    expiresAt: at('expires_at'),
    /** The stage index whose overdue reminder went out (the sweep tells each stage's owners once). */
    overdueRemindedStage: integer('overdue_reminded_stage'),
    mergedIntoId: bigint('merged_into_id', { mode: 'number' }).references((): AnyPgColumn => topics.id),
    closedAt: at('closed_at'),
    closeNote: text('close_note'),
    photoIds: bigint('photo_ids', { mode: 'number' }).array().notNull().default(sql`'{}'`),
    ...timestamps,
  },
  (t) => [
    index('topics_org_state_idx').on(t.orgId, t.state, t.id),
    index('topics_source_idx').on(t.sourceKind, t.sourceId),
    index('topics_proposer_idx').on(t.proposerId),
    index('topics_collected_by_idx').on(t.collectedBy),
    index('topics_template_version_idx').on(t.templateVersionId),
    index('topics_merged_into_idx').on(t.mergedIntoId),
    index('topics_expiry_idx').on(t.expiresAt).where(sql`state = 'proposed'`),
    index('topics_stage_due_idx').on(t.stageDueAt).where(sql`state = 'deliberating' AND stage_due_at IS NOT NULL`),
    check('topics_state_check', sql`${t.state} IN (${list(topicStates)})`),
    check('topics_source_check', sql`(${t.sourceKind} IS NULL) = (${t.sourceId} IS NULL) AND (${t.sourceKind} IS NULL OR ${t.sourceKind} IN (${list(topicSourceKinds)}))`),
    check('topics_title_check', sql`length(btrim(${t.title})) BETWEEN 1 AND 100`),
    check('topics_body_check', sql`length(${t.body}) BETWEEN 1 AND 5000`),
    check('topics_merged_check', sql`(${t.state} = 'merged') = (${t.mergedIntoId} IS NOT NULL)`),
    check('topics_support_check', sql`${t.supportCount} >= 0 AND ${t.supportNeeded} >= 1`),
  ],
)

/** One support per person; households are counted from the residents registry. */
export const topicSupports = pgTable(
  'topic_supports',
  {
    topicId: bigint('topic_id', { mode: 'number' }).notNull().references(() => topics.id),
    personId: bigint('person_id', { mode: 'number' }).notNull().references(() => people.id),
    /** "<building org id>:<household>" from the residents registry, or NULL (counts as one household). */
    householdKey: text('household_key'),
    at: at('at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.topicId, t.personId] }), index('topic_supports_person_idx').on(t.personId)],
)

/** What each stage produced: who acted, when, the output (minutes, resolution, public notice). */
export const topicStageRecords = pgTable(
  'topic_stage_records',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    topicId: bigint('topic_id', { mode: 'number' }).notNull().references(() => topics.id),
    stageIndex: integer('stage_index').notNull(),
    stageKey: text('stage_key').notNull(),
    actorId: bigint('actor_id', { mode: 'number' }).references(() => people.id),
    outputKind: text('output_kind', { enum: stageOutputs }).notNull(),
    output: text('output'),
    /** A reference to the output: { kind: 'vote' | 'meeting' | 'resolution' | 'attachment', id }. */
    outputRef: jsonb('output_ref'),
    parties: text('parties').array().notNull().default(sql`'{}'`),
    startedAt: at('started_at').notNull(),
    at: at('at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('topic_stage_records_key').on(t.topicId, t.stageIndex),
    index('topic_stage_records_actor_idx').on(t.actorId),
    check('topic_stage_records_output_check', sql`${t.outputKind} IN (${list(stageOutputs)})`),
    check('topic_stage_records_text_check', sql`length(${t.output}) <= 10000`),
  ],
)

export const topicEvents = pgTable(
  'topic_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    topicId: bigint('topic_id', { mode: 'number' }).notNull().references(() => topics.id),
    actorId: bigint('actor_id', { mode: 'number' }).references(() => people.id),
    action: text('action').notNull(),
    fromState: text('from_state'),
    toState: text('to_state').notNull(),
    stageKey: text('stage_key'),
    note: text('note'),
    data: jsonb('data').notNull().default(sql`'{}'::jsonb`),
    at: at('at').notNull().defaultNow(),
  },
  (t) => [index('topic_events_topic_idx').on(t.topicId, t.id), index('topic_events_actor_idx').on(t.actorId)],
)

export const votes = pgTable(
  'votes',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    topicId: bigint('topic_id', { mode: 'number' }).notNull().references(() => topics.id),
    /** The electorate: residents living in this node's subtree (the topic's community by default). */
    orgId: bigint('org_id', { mode: 'number' }).notNull().references(() => orgs.id),
    stageKey: text('stage_key').notNull(),
    title: text('title').notNull(),
    mode: text('mode', { enum: voteModes }).notNull(),
    state: text('state', { enum: voteStates }).notNull(),
    /** Turnout needed, per cent of the electorate. */
    quorumPercent: numeric('quorum_percent', { precision: 5, scale: 2 }).notNull().default('50'),
    /** Passed when "for" is more than this share (per cent) of the ballots cast. */
    thresholdPercent: numeric('threshold_percent', { precision: 5, scale: 2 }).notNull().default('50'),
    /** Eligible residents, counted when the vote opened. */
    electorate: integer('electorate'),
    opensAt: at('opens_at').notNull(),
    closesAt: at('closes_at').notNull(),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => people.id),
    closedAt: at('closed_at'),
    closedBy: bigint('closed_by', { mode: 'number' }).references(() => people.id),
    /** The outcome, written when the vote closes: totals (online + confirmed paper), turnout, passed. */
    result: jsonb('result'),
    passed: boolean('passed'),
    remindedAt: at('reminded_at'),
    ...timestamps,
  },
  (t) => [
    index('votes_topic_idx').on(t.topicId),
    index('votes_org_idx').on(t.orgId),
    index('votes_created_by_idx').on(t.createdBy),
    index('votes_closed_by_idx').on(t.closedBy),
    index('votes_due_idx').on(t.closesAt).where(sql`state IN ('scheduled','open')`),
    check('votes_mode_check', sql`${t.mode} IN (${list(voteModes)})`),
    check('votes_state_check', sql`${t.state} IN (${list(voteStates)})`),
    check('votes_window_check', sql`${t.closesAt} > ${t.opensAt}`),
    check('votes_quorum_check', sql`${t.quorumPercent} >= 0 AND ${t.quorumPercent} <= 100`),
    check('votes_threshold_check', sql`${t.thresholdPercent} >= 0 AND ${t.thresholdPercent} < 100`),
    check('votes_title_check', sql`length(btrim(${t.title})) BETWEEN 1 AND 100`),
  ],
)

/** THAT a person voted (no choice, no time): the primary key makes a second ballot impossible. */
export const voteParticipations = pgTable(
  'vote_participations',
  {
    voteId: bigint('vote_id', { mode: 'number' }).notNull().references(() => votes.id),
    personId: bigint('person_id', { mode: 'number' }).notNull().references(() => people.id),
  },
  (t) => [primaryKey({ columns: [t.voteId, t.personId] }), index('vote_participations_person_idx').on(t.personId)],
)

/** The secret ballot box: counted totals per choice, no person, no time, no order. */
export const secretBallotBox = pgTable(
  'secret_ballot_box',
  {
    voteId: bigint('vote_id', { mode: 'number' }).notNull().references(() => votes.id),
    choice: text('choice', { enum: voteChoices }).notNull(),
    ballots: integer('ballots').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.voteId, t.choice] }),
    check('secret_ballot_box_choice_check', sql`${t.choice} IN (${list(voteChoices)})`),
    check('secret_ballot_box_ballots_check', sql`${t.ballots} >= 0`),
  ],
)

/** Open (named) ballots: who voted how, shown to the vote's managers. */
export const openBallots = pgTable(
  'open_ballots',
  {
    voteId: bigint('vote_id', { mode: 'number' }).notNull().references(() => votes.id),
    personId: bigint('person_id', { mode: 'number' }).notNull().references(() => people.id),
    choice: text('choice', { enum: voteChoices }).notNull(),
    at: at('at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.voteId, t.personId] }),
    index('open_ballots_person_idx').on(t.personId),
    check('open_ballots_choice_check', sql`${t.choice} IN (${list(voteChoices)})`),
  ],
)

/** Paper ballots counted by hand: entered by one teller, confirmed by a second who re-enters the totals. */
export const paperTallies = pgTable(
  'paper_tallies',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    voteId: bigint('vote_id', { mode: 'number' }).notNull().references(() => votes.id),
    label: text('label').notNull(),
    forCount: integer('for_count').notNull(),
    againstCount: integer('against_count').notNull(),
    abstainCount: integer('abstain_count').notNull(),
    enteredBy: bigint('entered_by', { mode: 'number' }).notNull().references(() => people.id),
    confirmedBy: bigint('confirmed_by', { mode: 'number' }).references(() => people.id),
    confirmedAt: at('confirmed_at'),
    ...timestamps,
  },
  (t) => [
    index('paper_tallies_vote_idx').on(t.voteId),
    index('paper_tallies_entered_by_idx').on(t.enteredBy),
    index('paper_tallies_confirmed_by_idx').on(t.confirmedBy),
    check('paper_tallies_counts_check', sql`${t.forCount} >= 0 AND ${t.againstCount} >= 0 AND ${t.abstainCount} >= 0`),
    check('paper_tallies_tellers_check', sql`${t.confirmedBy} IS NULL OR ${t.confirmedBy} <> ${t.enteredBy}`),
    check('paper_tallies_label_check', sql`length(btrim(${t.label})) BETWEEN 1 AND 60`),
  ],
)

export const resolutions = pgTable(
  'resolutions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    topicId: bigint('topic_id', { mode: 'number' }).notNull().references(() => topics.id),
    /** The topic's node, kept here for the roll-up per community and street. */
    orgId: bigint('org_id', { mode: 'number' }).notNull().references(() => orgs.id),
    voteId: bigint('vote_id', { mode: 'number' }).references(() => votes.id),
    title: text('title').notNull(),
    text: text('text').notNull(),
    state: text('state', { enum: resolutionStates }).notNull(),
    /** Per cent done: the share of tasks done, or set by hand while it has no tasks. */
    progress: integer('progress').notNull().default(0),
    /** Evidence photos (attachments) shown on the public board. */
    photoIds: bigint('photo_ids', { mode: 'number' }).array().notNull().default(sql`'{}'`),
    decidedAt: at('decided_at').notNull().defaultNow(),
    doneAt: at('done_at'),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => people.id),
    ...timestamps,
  },
  (t) => [
    index('resolutions_topic_idx').on(t.topicId),
    index('resolutions_org_idx').on(t.orgId, t.state),
    index('resolutions_vote_idx').on(t.voteId),
    index('resolutions_created_by_idx').on(t.createdBy),
    check('resolutions_state_check', sql`${t.state} IN (${list(resolutionStates)})`),
    check('resolutions_progress_check', sql`${t.progress} BETWEEN 0 AND 100`),
    check('resolutions_title_check', sql`length(btrim(${t.title})) BETWEEN 1 AND 100`),
    check('resolutions_text_check', sql`length(${t.text}) BETWEEN 1 AND 10000`),
  ],
)

export const resolutionTasks = pgTable(
  'resolution_tasks',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    resolutionId: bigint('resolution_id', { mode: 'number' }).notNull().references(() => resolutions.id),
    title: text('title').notNull(),
    ownerId: bigint('owner_id', { mode: 'number' }).references(() => people.id),
    dueOn: text('due_on'),
    /** A task carried out as a case or a service order. */
    linkKind: text('link_kind'),
    linkId: bigint('link_id', { mode: 'number' }),
    doneAt: at('done_at'),
    doneBy: bigint('done_by', { mode: 'number' }).references(() => people.id),
    note: text('note'),
    /** Evidence photos (attachments) of the task's completion, shown on the public board once done. */
    photoIds: bigint('photo_ids', { mode: 'number' }).array().notNull().default(sql`'{}'`),
    ...timestamps,
  },
  (t) => [
    index('resolution_tasks_resolution_idx').on(t.resolutionId, t.id),
    index('resolution_tasks_owner_idx').on(t.ownerId),
    index('resolution_tasks_done_by_idx').on(t.doneBy),
    index('resolution_tasks_link_idx').on(t.linkKind, t.linkId),
    check('resolution_tasks_link_check', sql`(${t.linkKind} IS NULL) = (${t.linkId} IS NULL) AND (${t.linkKind} IS NULL OR ${t.linkKind} IN ('case','order'))`),
    check('resolution_tasks_due_check', sql`${t.dueOn} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`),
    check('resolution_tasks_title_check', sql`length(btrim(${t.title})) BETWEEN 1 AND 100`),
  ],
)

/** Residents' comments on a resolution's progress (群众监议). */
export const resolutionComments = pgTable(
  'resolution_comments',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    resolutionId: bigint('resolution_id', { mode: 'number' }).notNull().references(() => resolutions.id),
    authorId: bigint('author_id', { mode: 'number' }).notNull().references(() => people.id),
    body: text('body').notNull(),
    hiddenAt: at('hidden_at'),
    hiddenBy: bigint('hidden_by', { mode: 'number' }).references(() => people.id),
    at: at('at').notNull().defaultNow(),
  },
  (t) => [
    index('resolution_comments_resolution_idx').on(t.resolutionId, t.id),
    index('resolution_comments_author_idx').on(t.authorId),
    index('resolution_comments_hidden_by_idx').on(t.hiddenBy),
    check('resolution_comments_body_check', sql`length(btrim(${t.body})) BETWEEN 1 AND 1000`),
  ],
)
