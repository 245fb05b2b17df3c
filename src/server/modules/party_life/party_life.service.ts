// Organisation life: the Party organisations under a node, their members (直管 / 参管 / 协管), the
// yearly plan (defaults from Party rules unless the organisation set its own), Party meetings
// listed and created at an organisation (the meetings module's one model, the members invited),
// the dashboard of an organisation, the rollup of a district, a member's record, and the sweep
// that reminds an organisation's committee before a required meeting falls due.
import { sql } from 'drizzle-orm'
import { rows, type Executor } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { requireSignedIn } from '../../kernel/policy.ts'
import { requireAccessOne } from '../../kernel/access.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
import { forbidden, notFound, unprocessable } from '../../kernel/errors.ts'
import { personNames } from '../people/people.read.ts'
import type { NotificationService } from '../notifications/notifications.service.ts'
import type { MeetingService } from '../meetings/meetings.service.ts'
import { meetingKinds, partyMeetingKindCodes, type MeetingKind } from '../meetings/meetings.kinds.ts'
import { defaultPlans, frequencyWords, type Frequency, type PartyOrgKind } from './party_life.kinds.ts'
import type { PartyOrgSubject } from './party_life.policy.ts'
import { chinaDate, emptyKindMonths, periodsOf, sumMonths, statusOf, tally, tallyCounts, type KindMonths } from './party_life.periods.ts'
import * as repo from './party_life.repository.ts'
import * as study from './party_life.study.repository.ts'
import type { MemberInput, PartyMeetingCreate, PlanInput } from './party_life.schemas.ts'
import './party_life.policy.ts'
import { listScope } from './party_life.access.ts'

export interface PartyLifeDeps {
  db: Executor
  meetings: Pick<MeetingService, 'create'>
  notifications: Pick<NotificationService, 'notify'>
  clock?: () => Date
}

type PlanItem = { kind: MeetingKind; frequency: Frequency; note: string | null; isDefault: boolean }

/** The organisation's own plan for the year, or the default of its kind. */
export function effectivePlan(partyKind: string, own: { kind: MeetingKind; frequency: Frequency; note: string | null }[]): PlanItem[] {
  if (own.length) return own.map((p) => ({ ...p, isDefault: false }))
  const d = defaultPlans[partyKind as PartyOrgKind] ?? {}
  return (Object.entries(d) as [MeetingKind, Frequency][]).map(([kind, frequency]) => ({ kind, frequency, note: null, isDefault: true }))
}

/** Month counts grouped: org → kind → month. */
function group(found: repo.MonthRow[]) {
  const by = new Map<string, Map<MeetingKind, KindMonths>>()
  for (const r of found) {
    let o = by.get(r.orgId)
    if (!o) by.set(r.orgId, (o = new Map()))
    const k = emptyKindMonths()
    for (const m of r.held) k.held[m]!++
    for (const m of r.planned) k.planned[m]!++
    for (const m of r.cancelled) k.cancelled[m]!++
    o.set(r.kind, k)
  }
  return by
}

/** Plan rows by organisation. */
function byOrg<T extends { orgId: string }>(list: T[]) {
  const by = new Map<string, T[]>()
  for (const p of list) {
    const l = by.get(p.orgId)
    if (l) l.push(p)
    else by.set(p.orgId, [p])
  }
  return by
}

export function createPartyLifeService(deps: PartyLifeDeps) {
  const { db } = deps
  const now = deps.clock ?? (() => new Date())
  const thisYear = () => Number(chinaDate(now()).slice(0, 4))
  const orgOf = (ex: Executor, ctx: RequestContext, id: string, permission = 'partyOrg.read') =>
    requireAccessOne<PartyOrgSubject>(ex, ctx.actor, { permission, entity: 'partyOrg', id })

  async function planOf(ex: Executor, org: PartyOrgSubject, year: number) {
    return effectivePlan(org.partyKind, (await repo.plansOf(ex, [org.id], year)).map(({ orgId: _o, ...p }) => p))
  }

  async function recordOf(personId: string, name: string, year: number) {
    const [orgs, meetings, studied] = await Promise.all([repo.membershipsOf(db, personId), repo.meetingRecord(db, personId, year), study.studyRecord(db, personId, year)])
    const held = meetings.filter((m) => m.state === 'held' || m.state === 'minutes_approved')
    return {
      person: { id: personId, name }, year,
      orgs: orgs.map((o) => ({ id: o.id, name: o.name, relation: o.relation, post: o.post })),
      meetings: meetings.map((m) => ({ id: m.id, kind: m.kind, title: m.title, state: m.state, startsAt: m.startsAt, org: { id: m.orgId, name: m.orgName }, present: m.present, absenceReason: m.absenceReason })),
      attended: held.filter((m) => m.present === true).length,
      absent: held.filter((m) => m.present !== true).length,
      study: studied,
      studyHours: studied.filter((s) => s.present).reduce((t, s) => t + s.hours, 0),
    }
  }

  return {
    now,
    thisYear,

    async partyOrgs(ctx: RequestContext, q: { orgId?: string }) {
      const scopes = await listScope(db, ctx, q.orgId)
      return (await repo.partyOrgsUnder(db, scopes)).map(({ direct, participating, assisting, ...o }) => ({ ...o, members: { direct, participating, assisting } }))
    },

    async members(ctx: RequestContext, id: string) {
      await orgOf(db, ctx, id)
      return (await repo.membersOf(db, id)).map((m) => ({ person: { id: m.personId, name: m.name }, relation: m.relation, post: m.post, joinedOn: m.joinedOn }))
    },

    async addMember(ctx: RequestContext, id: string, input: MemberInput) {
      return inTransaction(db, async (tx) => {
        const org = await orgOf(tx, ctx, id, 'partyOrg.manage')
        await requireAccessOne(tx, ctx.actor, { permission: 'person.read', entity: 'person', id: input.personId })
        const joinedOn = input.joinedOn ?? chinaDate(now())
        const fresh = await repo.addMember(tx, id, { personId: input.personId, relation: input.relation, post: input.post ?? 'member', joinedOn, by: ctx.actor.personId })
        await recordAudit(tx, ctx, { action: fresh ? 'party_org.member_add' : 'party_org.member_update', entity: 'party_org', entityId: id, orgPath: org.path, after: { ...input, joinedOn } })
        return (await repo.membersOf(tx, id)).map((m) => ({ person: { id: m.personId, name: m.name }, relation: m.relation, post: m.post, joinedOn: m.joinedOn }))
      })
    },

    async removeMember(ctx: RequestContext, id: string, personId: string) {
      return inTransaction(db, async (tx) => {
        const org = await orgOf(tx, ctx, id, 'partyOrg.manage')
        if (!(await repo.endMember(tx, id, personId, chinaDate(now())))) throw notFound('PARTY_MEMBER_NOT_FOUND')
        await recordAudit(tx, ctx, { action: 'party_org.member_remove', entity: 'party_org', entityId: id, orgPath: org.path, before: { personId } })
        return (await repo.membersOf(tx, id)).map((m) => ({ person: { id: m.personId, name: m.name }, relation: m.relation, post: m.post, joinedOn: m.joinedOn }))
      })
    },

    async plan(ctx: RequestContext, id: string, year: number) {
      const org = await orgOf(db, ctx, id)
      return { year, items: await planOf(db, org, year) }
    },

    async setPlan(ctx: RequestContext, id: string, year: number, input: PlanInput) {
      const kinds = input.items.map((i) => i.kind)
      const twice = kinds.findIndex((k, i) => kinds.indexOf(k) !== i)
      if (twice >= 0) throw unprocessable('VALIDATION_FAILED', {}, [{ path: `items.${twice}.kind`, message: 'partyLife.kindTwice' }])
      return inTransaction(db, async (tx) => {
        const org = await orgOf(tx, ctx, id, 'partyOrg.manage')
        const before = await planOf(tx, org, year)
        await repo.replacePlan(tx, id, year, input.items, ctx.actor.personId)
        await recordAudit(tx, ctx, { action: 'party_org.plan', entity: 'party_org', entityId: id, orgPath: org.path, before: { year, items: before }, after: { year, items: input.items } })
        return { year, items: await planOf(tx, org, year) }
      })
    },

    async meetings(ctx: RequestContext, id: string, q: { from?: string; to?: string }) {
      await orgOf(db, ctx, id)
      const year = thisYear()
      const from = q.from ?? `${year}-01-01`
      const to = q.to ?? `${Number(from.slice(0, 4)) + 1}-01-01`
      if (to <= from) throw unprocessable('VALIDATION_FAILED', {}, [{ path: 'to', message: 'partyLife.rangeOrder' }])
      if (Date.parse(to) - Date.parse(from) > 800 * 86_400_000) throw unprocessable('VALIDATION_FAILED', {}, [{ path: 'to', message: 'partyLife.rangeTooLong' }])
      return repo.meetingsOf(db, id, from, to)
    },

    async createMeeting(ctx: RequestContext, id: string, input: PartyMeetingCreate) {
      requireSignedIn(ctx.actor)
      const org = await orgOf(db, ctx, id, 'partyOrg.manage')
      const { inviteMembers, ...meeting } = input
      const members = inviteMembers === false ? [] : await repo.memberIdsUnder(db, org.path)
      return deps.meetings.create(ctx, { ...meeting, orgId: id }, { members })
    },

    async dashboard(ctx: RequestContext, id: string, year: number) {
      const org = await orgOf(db, ctx, id)
      const today = chinaDate(now())
      const [plan, months, list, members, missed, hours] = await Promise.all([
        planOf(db, org, year), repo.monthCounts(db, sql`m.org_id = ${id}`, year), repo.meetingsOf(db, id, `${year}-01-01`, `${year + 1}-01-01`),
        repo.memberCounts(db, id), repo.missedInARow(db, id), study.hoursOfMembers(db, id, year),
      ])
      const byKind = group(months).get(id)
      const kinds = partyMeetingKindCodes.flatMap((kind) => {
        const item = plan.find((p) => p.kind === kind)
        const frequency = item?.frequency ?? 'none'
        if (frequency === 'none' && !byKind?.has(kind)) return []
        const t = tally(year, frequency, byKind?.get(kind), today)
        const ofKind = list.filter((m) => m.kind === kind)
        return [{
          kind, frequency, required: t.required, dueSoFar: t.dueSoFar, held: t.held, late: t.late, missing: t.missing,
          periods: t.periods.map((p) => ({
            label: p.label, from: p.from, to: p.to, status: p.status,
            meetings: ofKind.filter((m) => chinaDate(new Date(m.startsAt)) >= p.from && chinaDate(new Date(m.startsAt)) < p.to).map((m) => ({ id: m.id, title: m.title, state: m.state, startsAt: m.startsAt })),
          })),
        }]
      })
      return {
        org: { id: org.id, name: org.name, partyKind: org.partyKind }, year, today, members, kinds,
        missedInARow: missed.map((m) => ({ person: { id: m.personId, name: m.name }, relation: m.relation, streak: m.streak, lastAbsenceReason: m.lastAbsenceReason })),
        studyHours: hours.reduce((t, h) => t + h.hours, 0),
      }
    },

    /** Every Party organisation under a node: periods due so far, held, late, missing (the district's rollup). */
    async overview(ctx: RequestContext, q: { orgId?: string; year?: number }) {
      const scopes = await listScope(db, ctx, q.orgId)
      const year = q.year ?? thisYear()
      const today = chinaDate(now())
      const orgs = await repo.partyOrgsUnder(db, scopes)
      const [plans, months] = await Promise.all([
        repo.plansOf(db, orgs.map((o) => o.id), year),
        repo.monthCounts(db, sql`o.path <@ string_to_array(${scopes}, ',')::ltree[]`, year),
      ])
      const counts = group(months)
      const own = byOrg(plans)
      const out = orgs.map((o) => {
        const r = { id: o.id, name: o.name, partyKind: o.partyKind, dueSoFar: 0, held: 0, late: 0, missing: 0, rate: 1 }
        for (const item of effectivePlan(o.partyKind, own.get(o.id) ?? [])) {
          const t = tallyCounts(year, item.frequency, counts.get(o.id)?.get(item.kind), today)
          r.dueSoFar += t.dueSoFar; r.late += t.late; r.missing += t.missing; r.held += t.held
        }
        r.rate = r.dueSoFar ? Math.round((r.held / r.dueSoFar) * 1000) / 1000 : 1
        return r
      }).sort((a, b) => b.missing + b.late - (a.missing + a.late) || a.rate - b.rate)
      const sum = (k: 'dueSoFar' | 'held' | 'late' | 'missing') => out.reduce((t, o) => t + o[k], 0)
      return { year, totals: { orgs: out.length, dueSoFar: sum('dueSoFar'), held: sum('held'), late: sum('late'), missing: sum('missing') }, orgs: out }
    },

    async memberRecord(ctx: RequestContext, id: string, personId: string, year: number) {
      await orgOf(db, ctx, id)
      const member = (await repo.membersOf(db, id)).find((m) => m.personId === personId)
      if (!member) throw notFound('PARTY_MEMBER_NOT_FOUND')
      return recordOf(personId, member.name, year)
    },

    async myRecord(ctx: RequestContext, year: number) {
      requireSignedIn(ctx.actor)
      if (!ctx.actor.personId) throw forbidden()
      const [me] = await rows<{ name: string }>(db, sql`SELECT p.name FROM ${personNames} p WHERE p.id = ${ctx.actor.personId}`)
      return recordOf(ctx.actor.personId, me?.name ?? '', year)
    },

    /**
     * The reminder sweep (every quarter hour): a required period of the current year that ends
     * within a week with no meeting of its kind held or planned reminds the organisation's
     * secretaries and committee members, once per period.
     */
    async sweep(tx: Executor, at: Date) {
      if (at.getUTCMinutes() % 15 !== 0) return { reminded: 0 }
      const today = chinaDate(at)
      const year = Number(today.slice(0, 4))
      const orgs = await repo.partyOrgsUnder(tx, null)
      if (!orgs.length) return { reminded: 0 }
      // One after the other: both run on the sweep's one connection.
      const plans = await repo.plansOf(tx, orgs.map((o) => o.id), year)
      const months = await repo.monthCounts(tx, sql`true`, year)
      const counts = group(months)
      const own = byOrg(plans)
      let reminded = 0
      for (const o of orgs) {
        for (const item of effectivePlan(o.partyKind, own.get(o.id) ?? [])) {
          for (const p of periodsOf(year, item.frequency)) {
            if (statusOf(p, sumMonths(counts.get(o.id)?.get(item.kind), p.months), today) !== 'due') continue
            const fresh = await rows<{ ok: number }>(tx, sql`INSERT INTO party_life_reminders (party_org_id, kind, period_start) VALUES (${o.id}, ${item.kind}, ${p.from}::date)
              ON CONFLICT DO NOTHING RETURNING 1 AS ok`)
            if (!fresh.length) continue
            const to = await repo.committeeOf(tx, o.id)
            if (to.length) {
              await deps.notifications.notify(tx, {
                personIds: to, kind: 'party_life', title: `${meetingKinds[item.kind].zh}即将到期：${o.name}`,
                body: `按年度计划（${frequencyWords[item.frequency].zh}），${p.label}的${meetingKinds[item.kind].zh}尚未安排，须在 ${p.to} 前召开。`,
                link: { partyOrgId: o.id },
              })
            }
            reminded++
          }
        }
      }
      return { reminded }
    },
  }
}

export type PartyLifeService = ReturnType<typeof createPartyLifeService>
