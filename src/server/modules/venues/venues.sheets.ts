// The venues spreadsheet (Excel .xlsx): one layout for the import template, the import and the
// export, so an export can be corrected and imported back. Opening hours are written the way a
// notice on the door says them ("周一至周五 08:30-17:30；周六 09:00-12:00") and read back the same way.
import { readColumns, SpreadsheetUnreadable, writeColumns, type ImportCellError, type SpreadsheetLimits } from '../../kernel/spreadsheet.ts'
import { amenityWords, audienceWords, serviceTypeWords, stationKindWords, venueKindWords, venueLevelWords } from './venues.labels.ts'
import type { WeeklyHours } from './venues.hours.ts'

export const COLUMNS = [
  { key: 'name', title: '名称', required: true, width: 24, hint: '必填，2–100 字' },
  { key: 'kind', title: '类型', required: true, width: 14, hint: '党群服务中心 / 邻里中心 / 驿站 / 便民服务点' },
  { key: 'level', title: '级别', width: 8, hint: '党群服务中心填：街道级 / 社区级 / 区域' },
  { key: 'stationKind', title: '驿站类型', width: 10, hint: '驿站填：红色驿站 / 小哥驿站 / 暖心驿站 / 游客驿站' },
  { key: 'org', title: '管理组织', width: 14, hint: '所选组织或其下的街道、社区、网格名称；不填为所选组织' },
  { key: 'address', title: '地址', required: true, width: 28, hint: '必填' },
  { key: 'lng', title: '入口经度', required: true, width: 12, hint: '导航到的门口，如 115.6891' },
  { key: 'lat', title: '入口纬度', required: true, width: 12, hint: '如 28.7123' },
  { key: 'crs', title: '坐标系', width: 9, hint: 'WGS-84（GPS，默认）或 GCJ-02（高德、腾讯地图上取的点）' },
  { key: 'phone', title: '电话', width: 14, hint: '' },
  { key: 'areaM2', title: '面积', width: 8, hint: '平方米' },
  { key: 'hours', title: '开放时间', width: 32, hint: '如：周一至周五 08:30-17:30；周六 09:00-12:00。每天开放写“每天 08:00-20:00”，全天开放写“全天”' },
  { key: 'holidays', title: '节假日休息', width: 10, hint: '是 / 否（默认否）' },
  { key: 'amenities', title: '便民设施', width: 24, hint: `用顿号分隔：${Object.values(amenityWords).map((w) => w.zh).join('、')}` },
  { key: 'services', title: '服务项目', width: 18, hint: `用顿号分隔：${Object.values(serviceTypeWords).map((w) => w.zh).join('、')}` },
  { key: 'tags', title: '特色服务', width: 18, hint: '用顿号分隔，如 四点半课堂、老年食堂' },
  { key: 'audiences', title: '服务对象', width: 18, hint: `用顿号分隔：${Object.values(audienceWords).map((w) => w.zh).join('、')}；默认所有人` },
] as const
export type ColumnKey = (typeof COLUMNS)[number]['key']
export type SheetRow = { row: number; cells: Partial<Record<ColumnKey, string>> }
export type ImportError = ImportCellError

export const MAX_IMPORT_ROWS = 2000
export class SheetError extends Error {}

const DAYS = ['一', '二', '三', '四', '五', '六', '日']
const dayOf = (c: string) => DAYS.indexOf(c.replace('天', '日')) + 1

/** "周一至周五 08:30-17:30；周六 09:00-12:00" → weekly spans; a message when it cannot be read. */
export function parseHours(text: string): WeeklyHours[] | string {
  const t = text.trim()
  if (!t) return []
  if (/^(全天|24\s*小时)$/.test(t)) return [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, open: '00:00', close: '24:00' }))
  const spans: WeeklyHours[] = []
  for (const part of t.split(/[；;，,\n]+/).map((p) => p.trim()).filter(Boolean)) {
    const m = /^(每天|每日|周([一二三四五六日天])(?:\s*(?:至|到|-|~|～|—)\s*周?([一二三四五六日天]))?((?:\s*、\s*周?[一二三四五六日天])*))\s*(\d{1,2}:\d{2})\s*(?:-|~|～|—|–|至|到)\s*(\d{1,2}:\d{2})$/.exec(part)
    if (!m) return `看不懂“${part}”，请写成“周一至周五 08:30-17:30”`
    const pad = (s: string) => s.padStart(5, '0')
    const [open, close] = [pad(m[5]!), pad(m[6]!)]
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(open) || !(/^([01]\d|2[0-3]):[0-5]\d$/.test(close) || close === '24:00') || open >= close) return `“${part}”的时间不对，关门须晚于开门`
    let days: number[]
    if (m[1] === '每天' || m[1] === '每日') days = [1, 2, 3, 4, 5, 6, 7]
    else {
      const from = dayOf(m[2]!)
      const to = m[3] ? dayOf(m[3]) : from
      if (to < from) return `“${part}”的星期顺序不对`
      days = Array.from({ length: to - from + 1 }, (_, i) => from + i)
      for (const extra of (m[4] ?? '').split('、').map((s) => s.replace(/[\s周]/g, '')).filter(Boolean)) days.push(dayOf(extra))
    }
    for (const day of days) spans.push({ day, open, close })
  }
  return spans
}

/** Weekly spans as a notice says them: consecutive days with the same hours joined. */
export function formatHours(weekly: WeeklyHours[]): string {
  if (weekly.length === 7 && weekly.every((w) => w.open === '00:00' && w.close === '24:00')) return '全天'
  const byDay = [1, 2, 3, 4, 5, 6, 7].map((d) => weekly.filter((w) => w.day === d).map((w) => `${w.open}-${w.close}`).sort().join('、'))
  const parts: string[] = []
  for (let d = 0; d < 7; d++) {
    if (!byDay[d]) continue
    let end = d
    while (end + 1 < 7 && byDay[end + 1] === byDay[d]) end++
    const days = d === 0 && end === 6 ? '每天' : end > d ? `周${DAYS[d]}至周${DAYS[end]}` : `周${DAYS[d]}`
    for (const span of byDay[d]!.split('、')) parts.push(`${days} ${span}`)
    d = end
  }
  return parts.join('；')
}

const zhOf = (words: Record<string, { zh: string }>) => new Map(Object.entries(words).map(([k, w]) => [w.zh, k]))
export const kindByZh = zhOf(venueKindWords)
export const levelByZh = zhOf(venueLevelWords)
export const stationByZh = zhOf(stationKindWords)
export const amenityByZh = zhOf(amenityWords)
export const serviceByZh = zhOf(serviceTypeWords)
export const audienceByZh = zhOf(audienceWords)

export async function readSheet(bytes: Buffer, limits: SpreadsheetLimits): Promise<{ rows: SheetRow[]; errors: ImportError[] }> {
  try {
    return await readColumns(bytes, limits, COLUMNS, MAX_IMPORT_ROWS)
  } catch (err) {
    if (err instanceof SpreadsheetUnreadable) throw new SheetError(err.message)
    throw err
  }
}

export function writeSheet(rows: Partial<Record<ColumnKey, string | number | null>>[], opts: { instructions?: boolean; title: string }): Promise<Buffer> {
  return writeColumns(rows, COLUMNS, { ...opts, note: '任何一行有误时整个文件都不导入，请按错误列表逐行修改后重新导入。场地和预约规则在导入后逐个阵地设置。' })
}
