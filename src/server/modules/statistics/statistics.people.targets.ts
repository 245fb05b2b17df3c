// Per-person scores' targets as settings (人员考核目标): a city, district or street sets the green and
// yellow cut-offs of the per-person scorecard lines for its subtree (statistic_person_targets).
// The card a ranking uses is the one in force at the ranked node: for each line, the nearest node at
// or above it that set that line, else the default of PERSON_SCORECARDS. Everyone ranked together is
// thus scored on one card; a community's peers (the phone's 我的考核) on their community's.
import { sql } from 'drizzle-orm'
import { rows, type Executor } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { authorize, can, definePolicy, LEVEL, levelAt } from '../../kernel/policy.ts'
import { requireAccessOne } from '../../kernel/access.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
import { unprocessable } from '../../kernel/errors.ts'
import type { OrgAccessSubject } from '../orgs/orgs.access.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import type { PersonRole } from './statistics.people.repository.ts'
import { PERSON_SCORECARDS, type PersonLine } from './statistics.people.ts'
import type { TargetsInput } from './statistics.people.schemas.ts'

/** A street admin or above at the node (and the node a city, district or street) sets its subtree's targets. */
definePolicy<{ orgPath: string }>('statistics.targets', (actor, o) => actor.kind === 'person' && levelAt(actor, o.orgPath) >= LEVEL.scopeAdmin)

const SETTER_KINDS = new Set(['city', 'district', 'street'])

type Cut = { green: number; yellow: number }
interface SetRow { orgId: string; orgName: string; targets: Record<string, Cut> }

/** The settings of `role` at `path` and above, nearest first. */
async function settingsAbove(db: Executor, role: PersonRole, path: string): Promise<SetRow[]> {
  return rows<SetRow>(db, sql`SELECT o.id::text AS "orgId", o.name AS "orgName", t.targets
    FROM statistic_person_targets t JOIN ${orgTree} o ON o.id = t.org_id
    WHERE t.role = ${role} AND o.path @> ${path}::ltree ORDER BY nlevel(o.path) DESC`)
}

export interface LineInForce extends PersonLine {
  /** The node whose setting gives this line's cut-offs; null: the default. */
  setBy: { orgId: string; name: string } | null
  default: Cut
}

/** The per-month card in force at `path`: each line from the nearest node that set it. */
export async function cardInForce(db: Executor, role: PersonRole, path: string): Promise<LineInForce[]> {
  const settings = await settingsAbove(db, role, path)
  return PERSON_SCORECARDS[role].map((line) => {
    const from = settings.find((s) => s.targets[line.code])
    const cut = from?.targets[line.code]
    return { ...line, ...(cut ?? {}), setBy: from ? { orgId: from.orgId, name: from.orgName } : null, default: { green: line.green, yellow: line.yellow } }
  })
}

function validate(role: PersonRole, targets: TargetsInput['targets']) {
  const lines = new Map(PERSON_SCORECARDS[role].map((l) => [l.code, l]))
  const bad: { path: string; message: string }[] = []
  for (const [code, cut] of Object.entries(targets)) {
    const line = lines.get(code)
    if (!line) { bad.push({ path: `targets.${code}`, message: 'statistics.targetLine' }); continue }
    if (line.unit.en === '%' && (cut.green > 100 || cut.yellow > 100)) bad.push({ path: `targets.${code}`, message: 'statistics.targetPercent' })
    else if (line.better === 'higher' ? cut.yellow > cut.green : cut.yellow < cut.green) bad.push({ path: `targets.${code}`, message: 'statistics.targetOrder' })
  }
  if (bad.length) throw unprocessable('STATISTICS_INVALID', {}, bad)
}

export function createPeopleTargets(db: Executor) {
  async function nodeOf(ctx: RequestContext, orgId: string) {
    return requireAccessOne<OrgAccessSubject>(db, ctx.actor, { permission: 'org.read', entity: 'org', id: orgId })
  }

  async function read(db: Executor, ctx: RequestContext, org: { id: string; name: string; kind: string; path: string }, role: PersonRole) {
    const lines = await cardInForce(db, role, org.path)
    const [own] = await rows<{ targets: Record<string, Cut> }>(db, sql`SELECT targets FROM statistic_person_targets WHERE org_id = ${org.id} AND role = ${role}`)
    return {
      org: { id: org.id, name: org.name, kind: org.kind },
      role,
      lines: lines.map((l) => ({ code: l.code, name: l.name, unit: l.unit, better: l.better, perMonth: l.perMonth === true, green: l.green, yellow: l.yellow, default: l.default, setBy: l.setBy })),
      own: own?.targets ?? {},
      canSet: SETTER_KINDS.has(org.kind) && can(ctx.actor, 'statistics.targets', { orgPath: org.path }),
    }
  }

  return {
    /** The card in force at a node, line by line with where each cut-off comes from, and what the node set itself. */
    async get(ctx: RequestContext, q: { orgId: string; role: PersonRole }) {
      const org = await nodeOf(ctx, q.orgId)
      authorize(ctx.actor, 'statistics.read', { orgPath: org.path })
      return read(db, ctx, org, q.role)
    },

    /** Replaces the lines the node sets (an empty object clears them: the node above, or the default, applies again). */
    async put(ctx: RequestContext, input: TargetsInput) {
      const org = await nodeOf(ctx, input.orgId)
      authorize(ctx.actor, 'statistics.targets', { orgPath: org.path })
      if (!SETTER_KINDS.has(org.kind)) throw unprocessable('STATISTICS_TARGETS_NODE')
      validate(input.role, input.targets)
      return inTransaction(db, async (tx) => {
        const [before] = await rows<{ targets: Record<string, Cut> }>(tx, sql`SELECT targets FROM statistic_person_targets WHERE org_id = ${org.id} AND role = ${input.role} FOR UPDATE`)
        if (Object.keys(input.targets).length === 0) {
          await tx.execute(sql`DELETE FROM statistic_person_targets WHERE org_id = ${org.id} AND role = ${input.role}`)
        } else {
          await tx.execute(sql`INSERT INTO statistic_person_targets (org_id, role, targets, updated_by) VALUES (${org.id}, ${input.role}, ${JSON.stringify(input.targets)}::jsonb, ${ctx.actor.personId})
            ON CONFLICT (org_id, role) DO UPDATE SET targets = EXCLUDED.targets, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`)
        }
        await recordAudit(tx, ctx, { action: 'statistics.targets', entity: 'statistic_person_targets', entityId: org.id, orgPath: org.path,
          before: before ? { role: input.role, targets: before.targets } : null, after: { role: input.role, targets: input.targets } })
        return read(tx, ctx, org, input.role)
      })
    },
  }
}
