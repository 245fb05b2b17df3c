// Venues by the spreadsheet: the template, an import that writes all rows or none (each bad cell
// reported by row and column), and the export in the same layout.
import type { Executor } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { authorize, requireSignedIn } from '../../kernel/policy.ts'
import { requireAccessOne } from '../../kernel/access.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
import { unprocessable } from '../../kernel/errors.ts'
import type { SpreadsheetLimits } from '../../kernel/spreadsheet.ts'
import { toWgs84 } from '../geo/geo.service.ts'
import type { OrgAccessSubject } from '../orgs/orgs.access.ts'
import * as repo from './venues.repository.ts'
import { amenityWords, audienceWords, serviceTypeWords, stationKindWords, venueKindWords, venueLevelWords } from './venues.labels.ts'
import {
  amenityByZh, audienceByZh, COLUMNS, formatHours, kindByZh, levelByZh, parseHours, readSheet, serviceByZh, SheetError, stationByZh, writeSheet,
  type ImportError, type SheetRow,
} from './venues.sheets.ts'
import './venues.policy.ts'

const YES = new Set(['是', 'Y', 'y', 'yes', '1', 'true'])
const NO = new Set(['否', 'N', 'n', 'no', '0', 'false'])
const list = (text: string | undefined) => (text ?? '').split(/[、，,；;\s]+/).map((s) => s.trim()).filter(Boolean)
const PHONE = /^[0-9+\-() ]{5,30}$/

/** Checks every row on its own (pure); `nodes` are the nodes a row may name as its manager. */
export function parseVenueRows(rows: SheetRow[], nodes: { id: string; name: string }[], defaultOrgId: string) {
  const errors: ImportError[] = []
  const parsed: { row: number; write: repo.VenueWrite }[] = []
  const byName = new Map<string, string[]>()
  for (const n of nodes) byName.set(n.name, [...(byName.get(n.name) ?? []), n.id])
  for (const { row, cells } of rows) {
    const before = errors.length
    const fail = (column: string, reason: string) => errors.push({ row, column, reason })
    const name = cells.name ?? ''
    if (name.length < 2 || name.length > 100) fail('名称', '须为 2–100 字')
    const kind = kindByZh.get(cells.kind ?? '')
    if (!kind) fail('类型', `请填写${Object.values(venueKindWords).map((w) => w.zh).join(' / ')}`)
    const level = cells.level ? levelByZh.get(cells.level) : undefined
    if (cells.level && !level) fail('级别', `请填写${Object.values(venueLevelWords).map((w) => w.zh).join(' / ')}`)
    if (kind === 'party_service_center' && !cells.level) fail('级别', '党群服务中心须填写级别')
    if (kind && kind !== 'party_service_center' && cells.level) fail('级别', '只有党群服务中心填写级别')
    const stationKind = cells.stationKind ? stationByZh.get(cells.stationKind) : undefined
    if (cells.stationKind && !stationKind) fail('驿站类型', `请填写${Object.values(stationKindWords).map((w) => w.zh).join(' / ')}`)
    if (kind === 'station' && !cells.stationKind) fail('驿站类型', '驿站须填写驿站类型')
    if (kind && kind !== 'station' && cells.stationKind) fail('驿站类型', '只有驿站填写驿站类型')
    let orgId = defaultOrgId
    if (cells.org) {
      const ids = byName.get(cells.org) ?? []
      if (ids.length === 0) fail('管理组织', '不在所选组织之下（区、街道、社区、村或网格）')
      else if (ids.length > 1) fail('管理组织', '有重名的组织，请在更小的范围内导入')
      else orgId = ids[0]!
    }
    const address = cells.address ?? ''
    if (address.length < 2 || address.length > 200) fail('地址', '须为 2–200 字')
    const lng = Number(cells.lng)
    const lat = Number(cells.lat)
    if (!cells.lng || !Number.isFinite(lng) || lng < -180 || lng > 180) fail('入口经度', '请填写 -180 到 180 之间的数')
    if (!cells.lat || !Number.isFinite(lat) || lat < -90 || lat > 90) fail('入口纬度', '请填写 -90 到 90 之间的数')
    const crsText = (cells.crs ?? 'WGS-84').toUpperCase().replace(/[-\s]/g, '')
    if (crsText !== 'WGS84' && crsText !== 'GCJ02') fail('坐标系', '请填写 WGS-84 或 GCJ-02')
    if (cells.phone && !PHONE.test(cells.phone)) fail('电话', '电话号码格式不正确')
    const area = cells.areaM2 ? Number(cells.areaM2) : null
    if (cells.areaM2 && (!Number.isFinite(area) || area! <= 0 || area! > 1_000_000)) fail('面积', '请填写正数（平方米）')
    const weekly = parseHours(cells.hours ?? '')
    if (typeof weekly === 'string') fail('开放时间', weekly)
    if (cells.holidays && !YES.has(cells.holidays) && !NO.has(cells.holidays)) fail('节假日休息', '请填写“是”或“否”')
    const mapped = (text: string | undefined, map: Map<string, string>, column: string, words: Record<string, { zh: string }>) => {
      const out: string[] = []
      for (const item of list(text)) {
        const key = map.get(item)
        if (!key) fail(column, `“${item}”不是可选项：${Object.values(words).map((w) => w.zh).join('、')}`)
        else if (!out.includes(key)) out.push(key)
      }
      return out
    }
    const amenities = mapped(cells.amenities, amenityByZh, '便民设施', amenityWords)
    const services = mapped(cells.services, serviceByZh, '服务项目', serviceTypeWords)
    const audiences = mapped(cells.audiences, audienceByZh, '服务对象', audienceWords)
    const tags = [...new Set(list(cells.tags))]
    if (tags.some((t) => t.length > 20) || tags.length > 20) fail('特色服务', '最多 20 项，每项不超过 20 字')
    if (errors.length > before || !kind) continue
    parsed.push({
      row,
      write: {
        kind, level: level ?? null, stationKind: stationKind ?? null, name, orgId, unitId: null, address,
        entrance: toWgs84(lng, lat, crsText === 'GCJ02' ? 'gcj02' : 'wgs84'), areaM2: area, phone: cells.phone ?? null, description: null, photoIds: [],
        hours: { weekly: weekly as Exclude<typeof weekly, string>, exceptions: [], closedOnHolidays: !!cells.holidays && YES.has(cells.holidays) },
        amenities, services, tags, audiences: audiences.length ? audiences : ['everyone'],
      },
    })
  }
  return { parsed, errors }
}

export function createVenueSheets(deps: { db: Executor; importLimits: SpreadsheetLimits }) {
  const { db } = deps
  return {
    template: () => writeSheet([{ name: '岭口社区党群服务中心', kind: '党群服务中心', level: '社区级', address: '岭口路 23 号', lng: '115.6891', lat: '28.7123', crs: 'WGS-84', phone: '0791-83712345', hours: '周一至周五 08:30-17:30；周六 09:00-12:00', holidays: '是', amenities: '休息、饮水、卫生间', services: '养老、文体', tags: '四点半课堂', audiences: '所有人' }], { instructions: true, title: '服务阵地' }),

    async importSheet(ctx: RequestContext, orgId: string, bytes: Buffer) {
      const org = await requireAccessOne<OrgAccessSubject>(db, ctx.actor, { permission: 'org.read', entity: 'org', id: orgId })
      authorize(ctx.actor, 'venue.create', { orgPath: org.path })
      let sheet: Awaited<ReturnType<typeof readSheet>>
      try {
        sheet = await readSheet(bytes, deps.importLimits)
      } catch (err) {
        if (err instanceof SheetError) throw unprocessable('VENUE_IMPORT_FILE_INVALID', { reason: err.message }, [{ path: 'file', message: err.message }])
        throw err
      }
      if (sheet.errors.length === 0 && sheet.rows.length === 0) throw unprocessable('VENUE_IMPORT_FILE_INVALID', { reason: '没有数据行' }, [{ path: 'file', message: '没有数据行' }])
      return inTransaction(db, async (tx) => {
        const nodes = await repo.managingNodesUnder(tx, org.path)
        const { parsed, errors } = parseVenueRows(sheet.rows, nodes, org.id)
        errors.unshift(...sheet.errors)
        if (errors.length > 0) {
          errors.sort((a, b) => a.row - b.row || COLUMNS.findIndex((c) => c.title === a.column) - COLUMNS.findIndex((c) => c.title === b.column))
          throw unprocessable('VENUE_IMPORT_ROWS_INVALID', { count: errors.length }, errors.slice(0, 500))
        }
        for (const p of parsed) await repo.insertVenue(tx, p.write)
        await recordAudit(tx, ctx, { action: 'venue.import', entity: 'venue', entityId: null, orgPath: org.path, after: { orgId: org.id, imported: parsed.length } })
        return { imported: parsed.length }
      })
    },

    /** Every venue under a node (or all), in the import layout. Venues are public; staff export them. */
    async exportSheet(ctx: RequestContext, q: { orgId?: string; kind?: string }) {
      requireSignedIn(ctx.actor)
      let underPath: string | undefined
      if (q.orgId) underPath = (await requireAccessOne<OrgAccessSubject>(db, ctx.actor, { permission: 'org.read', entity: 'org', id: q.orgId })).path
      const all: repo.VenueRow[] = []
      let afterId: string | undefined
      for (;;) {
        const page = await repo.searchVenues(db, { kind: q.kind, underPath, afterId, limit: 1000 })
        all.push(...page.slice(0, 1000))
        if (page.length <= 1000) break
        afterId = page[999]!.id
      }
      const words = (keys: string[], dict: Record<string, { zh: string }>) => keys.map((k) => dict[k]?.zh ?? k).join('、')
      const bytes = await writeSheet(all.map((v) => ({
        name: v.name, kind: venueKindWords[v.kind]!.zh, level: v.level ? venueLevelWords[v.level]!.zh : '', stationKind: v.stationKind ? stationKindWords[v.stationKind]!.zh : '',
        org: v.orgName, address: v.address, lng: String(v.lng), lat: String(v.lat), crs: 'WGS-84', phone: v.phone ?? '', areaM2: v.areaM2 === null ? '' : String(v.areaM2),
        hours: formatHours(v.hours.weekly), holidays: v.hours.closedOnHolidays ? '是' : '否', amenities: words(v.amenities, amenityWords), services: words(v.services, serviceTypeWords),
        tags: v.tags.join('、'), audiences: words(v.audiences, audienceWords),
      })), { title: '服务阵地' })
      return { bytes, count: all.length }
    },
  }
}
