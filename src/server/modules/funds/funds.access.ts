// How fund, project and pledge ids that arrive in a path, a query or a body are checked: each
// loads the org path of the community it belongs to; a project also its state, kind and the
// people of the social organisation that runs it.
import { sql } from 'drizzle-orm'
import { defineAccessLoader, idArray } from '../../kernel/access.ts'
import { rows } from '../../kernel/db/client.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { unitStaff } from '../units/units.read.ts'
import type { FundSubject, PledgeSubject, ProjectSubject } from './funds.policy.ts'

export const projectUnitPeople = sql`ARRAY(SELECT s.person_id::text FROM ${unitStaff} s WHERE s.unit_id = p.unit_id ORDER BY 1)`

defineAccessLoader<FundSubject>('fund', {
  notFound: 'FUND_NOT_FOUND',
  read: 'fund.read',
  async load(ex, ids) {
    const found = await rows<FundSubject & { id: string }>(ex, sql`SELECT f.id::text, o.path::text AS "orgPath"
      FROM funds f JOIN ${orgTree} o ON o.id = f.org_id WHERE f.id = ANY(${idArray(ids)}) AND f.deleted_at IS NULL`)
    return new Map(found.map(({ id, ...s }) => [id, s]))
  },
})

defineAccessLoader<ProjectSubject>('project', {
  notFound: 'PROJECT_NOT_FOUND',
  read: 'project.read',
  async load(ex, ids) {
    const found = await rows<ProjectSubject & { id: string }>(ex, sql`SELECT p.id::text, o.path::text AS "orgPath", p.state, p.kind,
        ${projectUnitPeople} AS "unitPersonIds"
      FROM fund_projects p JOIN ${orgTree} o ON o.id = p.org_id WHERE p.id = ANY(${idArray(ids)})`)
    return new Map(found.map(({ id, ...s }) => [id, s]))
  },
})

/** A node named by a social organisation proposing a project: no read rule (the tree's names are public); `project.propose` decides. */
defineAccessLoader<{ id: string; name: string; kind: string; path: string }>('project_org', {
  notFound: 'ORG_NOT_FOUND',
  async load(ex, ids) {
    const found = await rows<{ id: string; name: string; kind: string; path: string }>(ex, sql`SELECT o.id::text, o.name, o.kind, o.path::text FROM ${orgTree} o
      WHERE o.id = ANY(${idArray(ids)}) AND o.deleted_at IS NULL`)
    return new Map(found.map((o) => [o.id, o]))
  },
})

defineAccessLoader<PledgeSubject>('pledge', {
  notFound: 'PLEDGE_NOT_FOUND',
  read: 'pledge.read',
  async load(ex, ids) {
    const found = await rows<PledgeSubject & { id: string }>(ex, sql`SELECT g.id::text, o.path::text AS "orgPath", g.state, g.person_id::text AS "personId"
      FROM fund_pledges g JOIN fund_projects p ON p.id = g.project_id JOIN ${orgTree} o ON o.id = p.org_id WHERE g.id = ANY(${idArray(ids)})`)
    return new Map(found.map(({ id, ...s }) => [id, s]))
  },
})
