// How projects and funds are shown: the full record for staff and the organisation running it,
// and the public page's card for everyone (no payees, no receipts, no pledgers' names).
import type { ExpenseRow, FileRef, PledgeRow, ProjectRow } from './funds.projects.repository.ts'
import type { FundRow } from './funds.repository.ts'
import type { Fund, Project, PublicProject } from './funds.schemas.ts'

export const photoOf = (f: FileRef) => ({ id: f.id, url: `/api/v1/files/${f.sha256}`, thumbUrl: `/api/v1/files/${f.sha256}?size=thumb` })
const iso = (t: string | null) => (t ? new Date(t).toISOString() : null)
const round = (n: number) => Math.round(n * 100) / 100

/** The governance share a rule asks for, against what was budgeted to governance projects. */
export function ruleOf(minPct: number | null, baseYuan: number, governanceYuan: number) {
  if (minPct === null) return null
  const pct = baseYuan > 0 ? round((governanceYuan / baseYuan) * 100) : 0
  return { minPct, governanceYuan: round(governanceYuan), pct, ok: baseYuan === 0 || pct >= minPct }
}

export function presentFund(f: FundRow): Fund {
  return {
    id: f.id,
    org: { id: f.orgId, name: f.orgName },
    year: f.year,
    source: f.source,
    name: f.name,
    amountYuan: f.amountYuan,
    unit: f.unitId ? { id: f.unitId, name: f.unitName ?? '' } : null,
    governanceMinPct: f.governanceMinPct,
    note: f.note,
    committedYuan: f.committedYuan,
    spentYuan: f.spentYuan,
    leftYuan: round(f.amountYuan - f.committedYuan),
    projects: f.projects,
    rule: ruleOf(f.governanceMinPct, f.amountYuan, f.governanceYuan),
  }
}

export function presentProject(p: ProjectRow, more?: { expenses: ExpenseRow[]; pledges: PledgeRow[]; timeline: { id: string; action: string; from: string | null; to: string; actorId: string | null; actorName: string | null; note: string | null; at: string }[] }): Project {
  return {
    id: p.id,
    org: { id: p.orgId, name: p.orgName },
    year: p.year,
    kind: p.kind,
    state: p.state,
    title: p.title,
    summary: p.summary,
    governance: p.governance,
    proposedBy: p.proposedBy,
    unit: p.unitId ? { id: p.unitId, name: p.unitName ?? '' } : null,
    resolution: p.resolutionId ? { id: p.resolutionId, name: p.resolutionTitle ?? '' } : null,
    fund: p.fundId ? { id: p.fundId, name: p.fundName ?? '', source: p.fundSource! } : null,
    budgetYuan: p.budgetYuan,
    targetYuan: p.targetYuan,
    spentYuan: p.spentYuan,
    pledgedYuan: p.pledgedYuan,
    receivedYuan: p.receivedYuan,
    progress: p.progress,
    evidence: p.evidence.map(photoOf),
    doneNote: p.doneNote,
    decidedAt: iso(p.decidedAt),
    doneAt: iso(p.doneAt),
    createdAt: iso(p.createdAt)!,
    ...(more
      ? {
          expenses: more.expenses.map((e) => ({
            id: e.id, amountYuan: e.amountYuan, spentOn: e.spentOn, item: e.item, payee: e.payee, receipts: e.receipts.map(photoOf),
            recordedBy: e.recordedBy ? { id: e.recordedBy, name: e.recordedByName ?? '' } : null, createdAt: iso(e.createdAt)!,
          })),
          pledges: more.pledges.map((g) => ({
            id: g.id, state: g.state, person: { id: g.personId, name: g.personName }, unit: g.unitId ? { id: g.unitId, name: g.unitName ?? '' } : null,
            amountYuan: g.amountYuan, anonymous: g.anonymous, note: g.note, confirmedAt: iso(g.confirmedAt), createdAt: iso(g.createdAt)!,
          })),
          timeline: more.timeline.map((e) => ({ id: e.id, action: e.action, from: e.from, to: e.to, actor: e.actorId ? { id: e.actorId, name: e.actorName ?? '' } : null, note: e.note, at: iso(e.at)! })),
        }
      : {}),
  }
}

/** A pledger on the public page: a unit by its name, a person as 爱心居民 with the surname only. */
export const pledgeLabel = (g: PledgeRow) => (g.unitId && !g.anonymous ? g.unitName ?? '爱心单位' : g.anonymous ? '爱心人士' : `${[...g.personName][0] ?? ''}**（爱心居民）`)

export function presentPublic(p: ProjectRow, expenses: ExpenseRow[], pledges: PledgeRow[]): PublicProject {
  return {
    id: p.id,
    kind: p.kind,
    state: p.state,
    title: p.title,
    summary: p.summary,
    proposedBy: p.proposedBy,
    unit: p.unitId ? { id: p.unitId, name: p.unitName ?? '' } : null,
    resolution: p.resolutionId && p.resolutionTitle ? { id: p.resolutionId, name: p.resolutionTitle } : null,
    fundSource: p.fundSource,
    budgetYuan: p.budgetYuan,
    targetYuan: p.targetYuan,
    spentYuan: p.spentYuan,
    pledgedYuan: p.pledgedYuan,
    receivedYuan: p.receivedYuan,
    progress: p.progress,
    evidence: p.evidence.map(photoOf),
    doneNote: p.doneNote,
    decidedAt: iso(p.decidedAt),
    doneAt: iso(p.doneAt),
    expenses: expenses.map((e) => ({ amountYuan: e.amountYuan, spentOn: e.spentOn, item: e.item })),
    pledges: pledges.filter((g) => g.state !== 'withdrawn').map((g) => ({ label: pledgeLabel(g), amountYuan: g.amountYuan, received: g.state === 'received' })),
  }
}
