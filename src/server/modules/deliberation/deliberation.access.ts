// How topic, vote, paper tally, resolution, task and template ids arriving in a path, a query or
// a body are checked: each loads the org path it belongs to (and what the policy needs).
import { sql } from 'drizzle-orm'
import { defineAccessLoader, idArray } from '../../kernel/access.ts'
import { rows } from '../../kernel/db/client.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import type { ResolutionSubject, TallySubject, TaskSubject, TemplateSubject, TopicSubject, VoteSubject } from './deliberation.policy.ts'

const asMap = <S,>(found: (S & { id: string })[]) => new Map(found.map(({ id, ...s }) => [id, s as unknown as S]))

defineAccessLoader<TopicSubject>('topic', {
  notFound: 'TOPIC_NOT_FOUND',
  read: 'topic.read',
  load: async (ex, ids) => asMap(await rows<TopicSubject & { id: string }>(ex, sql`SELECT t.id::text, o.path::text AS "orgPath", t.state, t.proposer_id::text AS "proposerId"
    FROM topics t JOIN ${orgTree} o ON o.id = t.org_id WHERE t.id = ANY(${idArray(ids)})`)),
})

defineAccessLoader<VoteSubject>('vote', {
  notFound: 'VOTE_NOT_FOUND',
  read: 'vote.read',
  load: async (ex, ids) => asMap(await rows<VoteSubject & { id: string }>(ex, sql`SELECT v.id::text, o.path::text AS "orgPath", tor.path::text AS "topicOrgPath", v.state, v.mode
    FROM votes v JOIN topics t ON t.id = v.topic_id JOIN ${orgTree} o ON o.id = v.org_id JOIN ${orgTree} tor ON tor.id = t.org_id WHERE v.id = ANY(${idArray(ids)})`)),
})

defineAccessLoader<TallySubject>('tally', {
  notFound: 'TALLY_NOT_FOUND',
  read: 'tally.read',
  load: async (ex, ids) => asMap(await rows<TallySubject & { id: string }>(ex, sql`SELECT p.id::text, o.path::text AS "orgPath", v.state AS "voteState", p.entered_by::text AS "enteredBy"
    FROM paper_tallies p JOIN votes v ON v.id = p.vote_id JOIN topics t ON t.id = v.topic_id JOIN ${orgTree} o ON o.id = t.org_id WHERE p.id = ANY(${idArray(ids)})`)),
})

defineAccessLoader<ResolutionSubject>('resolution', {
  notFound: 'RESOLUTION_NOT_FOUND',
  read: 'resolution.read',
  load: async (ex, ids) => asMap(await rows<ResolutionSubject & { id: string }>(ex, sql`SELECT r.id::text, o.path::text AS "orgPath", r.state
    FROM resolutions r JOIN ${orgTree} o ON o.id = r.org_id WHERE r.id = ANY(${idArray(ids)})`)),
})

defineAccessLoader<TaskSubject>('resolutionTask', {
  notFound: 'RESOLUTION_TASK_NOT_FOUND',
  read: 'resolutionTask.read',
  load: async (ex, ids) => asMap(await rows<TaskSubject & { id: string }>(ex, sql`SELECT k.id::text, o.path::text AS "orgPath", r.state, k.owner_id::text AS "ownerId"
    FROM resolution_tasks k JOIN resolutions r ON r.id = k.resolution_id JOIN ${orgTree} o ON o.id = r.org_id WHERE k.id = ANY(${idArray(ids)})`)),
})

defineAccessLoader<TemplateSubject>('deliberationTemplate', {
  notFound: 'TEMPLATE_NOT_FOUND',
  read: 'deliberationTemplate.read',
  load: async (ex, ids) => asMap(await rows<TemplateSubject & { id: string }>(ex, sql`SELECT d.id::text, o.path::text AS "orgPath"
    FROM deliberation_templates d LEFT JOIN ${orgTree} o ON o.id = d.org_id WHERE d.id = ANY(${idArray(ids)})`)),
})
