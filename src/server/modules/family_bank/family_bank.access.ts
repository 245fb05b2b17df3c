// How a deposit id that arrives in a path is checked: its subject carries the community's path, the
// state and the depositor. A deposit not yet published and not the caller's to read answers 404.
import { sql } from 'drizzle-orm'
import { defineAccessLoader, idArray } from '../../kernel/access.ts'
import { rows } from '../../kernel/db/client.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import type { DepositSubject } from './family_bank.policy.ts'

defineAccessLoader<DepositSubject>('familyDeposit', {
  notFound: 'DEPOSIT_NOT_FOUND',
  read: 'familyDeposit.read',
  async load(ex, ids) {
    const found = await rows<DepositSubject & { id: string }>(ex, sql`SELECT d.id::text, o.path::text AS "orgPath", d.state, d.depositor_id::text AS "depositorId"
      FROM family_deposits d JOIN ${orgTree} o ON o.id = d.org_id WHERE d.id = ANY(${idArray(ids)})`)
    return new Map(found.map(({ id, ...s }) => [id, s]))
  },
})
