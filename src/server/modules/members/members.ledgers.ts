// The ledgers of "一站一库一册两台账": the member database (党员信息库), the member and unit service
// ledgers (党员 / 单位服务台账) and one member's handbook (党员纪实手册). Each is a generated view
// (title, columns, rows) of the caller's cadre scope, also written as an Excel workbook with
// exceljs; nothing is typed into them by hand.
import type { RequestContext } from '../../kernel/context.ts'
import { LEVEL, requireSignedIn, scopesOf } from '../../kernel/policy.ts'
import { forbidden } from '../../kernel/errors.ts'
import { loadExcel } from '../../kernel/spreadsheet.ts'
import { searchCards } from './members.cards.repository.ts'
import { claimsOfMember } from './members.posts.repository.ts'
import { unitOrdersAndWishes, unitServiceRows } from './members.ledgers.repository.ts'
import { CARD_STATUS_ZH, chinaYear, KIND_ZH, presentMember, STATUS_ZH, type MemberLookups } from './members.lookups.ts'
import type { Ledger, LedgerName } from './members.schemas.ts'

export async function ledgerWorkbook(ledger: Ledger): Promise<Buffer> {
  const book = new (await loadExcel()).Workbook()
  book.creator = 'Linli 邻里'
  const sheet = book.addWorksheet(ledger.title.slice(0, 31))
  sheet.addRow([ledger.title]).font = { bold: true, size: 14 }
  sheet.mergeCells(1, 1, 1, Math.max(ledger.columns.length, 1))
  const header = sheet.addRow(ledger.columns.map((c) => c.label))
  header.font = { bold: true }
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF3D6D6' } }
  })
  for (const row of ledger.rows) sheet.addRow(ledger.columns.map((c) => row[c.key] ?? ''))
  ledger.columns.forEach((c, i) => {
    sheet.getColumn(i + 1).width = Math.min(40, Math.max(10, c.label.length * 2 + 4))
  })
  sheet.views = [{ state: 'frozen', ySplit: 2 }]
  return Buffer.from(await book.xlsx.writeBuffer())
}

const RATING_ZH = { excellent: '优秀', good: '良好', fair: '一般', poor: '较差' } as const

export function createLedgers(l: MemberLookups) {
  const { db, deps, now, cadreScopes, filterNode, loadMember, withProgress, progressInScope } = l

  return {
    async ledger(ctx: RequestContext, name: LedgerName, q: { communityId?: string; year?: number }): Promise<Ledger> {
      requireSignedIn(ctx.actor)
      if (!scopesOf(ctx.actor, LEVEL.cadre).length) throw forbidden()
      if (name === 'unit-service') {
        const year = q.year ?? chinaYear(now())
        const underPath = await filterNode(ctx, q.communityId)
        const found = await unitServiceRows(db, cadreScopes(ctx), underPath, year)
        const hours = await deps.volunteers.hoursByPerson(db, [...new Set(found.flatMap((u) => u.personIds))], year)
        const served = await unitOrdersAndWishes(db, found.map((u) => u.unitId), year)
        return {
          title: `单位服务台账（${year} 年）`,
          columns: [
            { key: 'unit', label: '单位' }, { key: 'members', label: '在职党员数' }, { key: 'registered', label: '已报到' },
            { key: 'unitRegistrations', label: '单位报到社区数' }, { key: 'posts', label: '认领岗位' }, { key: 'projects', label: '参与项目' }, { key: 'hours', label: '服务时长（小时）' },
            { key: 'orders', label: '完成服务订单' }, { key: 'wishes', label: '认领心愿（已实现）' },
          ],
          rows: found.map((u) => ({
            unit: u.unitName, members: u.members, registered: u.registered, unitRegistrations: u.unitRegistrations, posts: u.posts, projects: u.projects,
            hours: Math.round(u.personIds.reduce((s, p) => s + (hours.get(p)?.hours ?? 0), 0) * 10) / 10,
            orders: served.get(u.unitId)?.orders ?? 0, wishes: served.get(u.unitId)?.wishes ?? 0,
          })),
        }
      }
      const { year, found, hours } = await progressInScope(ctx, q)
      const members = found.map((m) => presentMember(m, year, hours))
      if (name === 'member-database') {
        return {
          title: '党员信息库',
          columns: [
            { key: 'name', label: '姓名' }, { key: 'kind', label: '类别' }, { key: 'partyOrg', label: '所在党组织' }, { key: 'unit', label: '工作单位' },
            { key: 'community', label: '居住社区' }, { key: 'joinedOn', label: '入党日期' }, { key: 'registration', label: '报到状态' },
          ],
          rows: members.map((m) => ({
            name: m.person.name, kind: KIND_ZH[m.kind], partyOrg: m.partyOrgName, unit: m.employerUnit?.name ?? null, community: m.community.name,
            joinedOn: m.joinedOn, registration: m.registrationStatus ? STATUS_ZH[m.registrationStatus] : '未报到',
          })),
        }
      }
      return {
        title: `党员服务台账（${year} 年）`,
        columns: [
          { key: 'name', label: '姓名' }, { key: 'unit', label: '工作单位' }, { key: 'community', label: '报到社区' }, { key: 'posts', label: '认领岗位' },
          { key: 'projects', label: '参与项目' }, { key: 'activities', label: '参加活动' }, { key: 'hours', label: '服务时长（小时）' }, { key: 'met', label: '是否达标' },
        ],
        rows: members.filter((m) => m.registrationStatus === 'accepted').map((m) => ({
          name: m.person.name, unit: m.employerUnit?.name ?? null, community: m.community.name, posts: m.progress.posts, projects: m.progress.projects,
          activities: m.progress.activities, hours: m.progress.hours, met: m.progress.met ? '达标' : '未达标',
        })),
      }
    },

    /** 党员纪实手册: one member's full record for a year (membership, registration, posts, activities, cards). */
    async handbook(ctx: RequestContext, memberId: string, year?: number): Promise<Ledger> {
      const y = year ?? chinaYear(now())
      const m = await loadMember(ctx, db, memberId, y)
      const present = (await withProgress([m], y))(m)
      const records = await deps.volunteers.serviceRecords(db, m.personId, y)
      const posts = await claimsOfMember(db, m.id, y)
      const cards = await searchCards(db, { scopes: '', personId: m.personId, units: [], memberId: m.id, limit: 50 })
      const rows: Ledger['rows'] = [
        { section: '基本信息', item: '姓名', value: m.person.name },
        { section: '基本信息', item: '类别', value: KIND_ZH[m.kind] },
        { section: '基本信息', item: '所在党组织', value: m.partyOrgName },
        { section: '基本信息', item: '工作单位', value: m.employerUnit?.name ?? null },
        { section: '基本信息', item: '居住社区', value: m.community.name },
        { section: '报到', item: '报到状态', value: m.registrationStatus ? STATUS_ZH[m.registrationStatus] : '未报到' },
        ...posts.map((p) => ({ section: p.kind === 'post' ? '认领岗位' : '参与项目', item: p.title, value: y })),
        ...records.map((r) => ({ section: '志愿服务', item: `${r.startsAt.slice(0, 10)} ${r.title}（${r.orgName}）`, value: r.hours })),
        { section: '年度目标', item: `服务时长 / 目标 ${present.progress.minHours} 小时`, value: present.progress.hours },
        { section: '年度目标', item: `参与项目 / 目标 ${present.progress.minProjects} 个`, value: present.progress.projects },
        ...cards.map((c) => ({ section: '反馈卡', item: c.period, value: c.rating ? RATING_ZH[c.rating] : CARD_STATUS_ZH[c.status] })),
      ]
      return { title: `党员纪实手册：${m.person.name}（${y} 年）`, columns: [{ key: 'section', label: '栏目' }, { key: 'item', label: '内容' }, { key: 'value', label: '记录' }], rows }
    },

    workbook: ledgerWorkbook,
  }
}
