// How the ids the points routes are handed are checked (kernel/access.ts): the person a manual
// award names, by where their points account is and where they hold a role now (so a cadre
// reaches the people of their scope and nobody else); rewards, by the node that offers them; and
// manual awards, by the node they were given in the name of and where their recipient is.
import { sql } from 'drizzle-orm'
import { defineAccessLoader, idArray } from '../../kernel/access.ts'
import { rows } from '../../kernel/db/client.ts'
import type { ManualAwardSubject, RecipientSubject } from './points.policy.ts'
import { manualAwardSubjects, recipientSubjects } from './points.manual.repository.ts'
import './points.policy.ts'
import { orgTree } from '../orgs/orgs.read.ts'

defineAccessLoader<RecipientSubject>('points_recipient', {
  notFound: 'PERSON_NOT_FOUND',
  async load(ex, ids) {
    return new Map((await recipientSubjects(ex, ids)).map((p) => [p.personId, p]))
  },
})

export interface RewardAccessSubject {
  id: string
  orgPath: string
}

defineAccessLoader<RewardAccessSubject>('points_reward', {
  notFound: 'POINTS_REWARD_NOT_FOUND',
  read: 'points.reward.read',
  async load(ex, ids) {
    const found = await rows<RewardAccessSubject>(ex, sql`SELECT w.id::text, o.path::text AS "orgPath"
      FROM points_rewards w JOIN ${orgTree} o ON o.id = w.org_id WHERE w.id = ANY(${idArray(ids)})`)
    return new Map(found.map((r) => [r.id, r]))
  },
})

defineAccessLoader<ManualAwardSubject>('points_manual_award', {
  notFound: 'POINTS_MANUAL_AWARD_NOT_FOUND',
  read: 'points.manual.read',
  async load(ex, ids) {
    return new Map((await manualAwardSubjects(ex, ids)).map((m) => [m.id, m]))
  },
})
