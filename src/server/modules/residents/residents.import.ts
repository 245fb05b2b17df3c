// The rows of a residents import, checked one by one and against each other (pure: no database;
// the service checks phones and ID numbers already taken and writes the rows).
import type { ImportError, Gender, ResidentRelation, ResidentTag } from './residents.schemas.ts'
import { genderLabels, relationLabels, residentTags, tagLabels } from './residents.schemas.ts'
import { idNumberFacts, idNumberProblem, MOBILE_PATTERN, normaliseIdNumber } from './residents.idnumber.ts'
import type { SheetRow } from './residents.sheets.ts'
import type * as repo from './residents.repository.ts'

export interface ParsedRow {
  row: number
  name: string
  phone: string | null
  idNumber: string | null
  values: Omit<repo.ResidentValues, 'idNumber'>
}

const YES = new Set(['是', '同意', 'Y', 'y', 'yes', '1', 'true'])
const NO = new Set(['否', '不同意', 'N', 'n', 'no', '0', 'false'])
const byZh = <K extends string>(labels: Record<K, { zh: string }>) => new Map(Object.entries(labels).map(([k, v]) => [(v as { zh: string }).zh, k as K]))
const genderByZh = byZh<Gender>(genderLabels)
const relationByZh = byZh<ResidentRelation>(relationLabels)
const tagByZh = byZh<ResidentTag>(tagLabels)

/** Checks every row of an import on its own and against the other rows of the file. */
export function parseRows(rows: SheetRow[], buildings: { id: string; name: string }[], defaultBuildingId: string | null): { parsed: ParsedRow[]; errors: ImportError[] } {
  const errors: ImportError[] = []
  const parsed: ParsedRow[] = []
  const seenPhones = new Map<string, number>()
  const seenIds = new Map<string, number>()
  const buildingIds = new Map<string, string[]>()
  for (const b of buildings) buildingIds.set(b.name, [...(buildingIds.get(b.name) ?? []), b.id])
  for (const { row, cells } of rows) {
    const fail = (column: string, reason: string) => errors.push({ row, column, reason })
    const before = errors.length
    const name = cells.name ?? ''
    if (!name) fail('姓名', '必填')
    else if (name.length > 50) fail('姓名', '不超过 50 字')
    let phone: string | null = null
    if (cells.phone) {
      if (!MOBILE_PATTERN.test(cells.phone)) fail('手机号', '请输入 11 位大陆手机号')
      else if (seenPhones.has(cells.phone)) fail('手机号', `与第 ${seenPhones.get(cells.phone)} 行重复`)
      else (phone = cells.phone), seenPhones.set(cells.phone, row)
    }
    let idNumber: string | null = null
    if (cells.idNumber) {
      const v = normaliseIdNumber(cells.idNumber)
      const problem = idNumberProblem(v)
      if (problem) fail('身份证号', problem)
      else if (seenIds.has(v)) fail('身份证号', `与第 ${seenIds.get(v)} 行重复`)
      else (idNumber = v), seenIds.set(v, row)
    }
    let gender: Gender | null = null
    if (cells.gender) {
      gender = genderByZh.get(cells.gender) ?? null
      if (!gender) fail('性别', '请填写“男”或“女”')
    }
    let birthYear: number | null = null
    if (cells.birthYear) {
      birthYear = /^\d{4}$/.test(cells.birthYear) ? Number(cells.birthYear) : null
      if (!birthYear || birthYear < 1900 || birthYear > new Date().getFullYear()) fail('出生年份', '请填写 4 位年份，如 1956'), (birthYear = null)
    }
    if (idNumber) {
      const facts = idNumberFacts(idNumber)
      if (gender && gender !== facts.gender) fail('性别', '与身份证号不符')
      if (birthYear && birthYear !== facts.birthYear) fail('出生年份', '与身份证号不符')
      gender = facts.gender
      birthYear = facts.birthYear
    }
    let orgId = defaultBuildingId
    if (cells.building) {
      const ids = buildingIds.get(cells.building) ?? []
      if (ids.length === 0) fail('楼栋', `所选组织下没有楼栋“${cells.building}”`)
      else if (ids.length > 1) fail('楼栋', `楼栋“${cells.building}”不唯一，请按网格分别导入`)
      else orgId = ids[0]!
    } else if (!orgId) fail('楼栋', '必填')
    if (cells.household && cells.household.length > 30) fail('户号', '不超过 30 字')
    let relation: ResidentRelation | null = null
    if (cells.relation) {
      relation = relationByZh.get(cells.relation) ?? null
      if (!relation) fail('与户主关系', `请填写 ${Object.values(relationLabels).map((l) => l.zh).join('、')} 之一`)
    }
    if (cells.address && cells.address.length > 200) fail('住址', '不超过 200 字')
    if (cells.note && cells.note.length > 500) fail('备注', '不超过 500 字')
    const tags: ResidentTag[] = []
    for (const t of (cells.tags ?? '').split(/[、,，;；\s]+/).filter(Boolean)) {
      const tag = tagByZh.get(t)
      if (!tag) fail('标签', `未知标签“${t}”（可用：${residentTags.map((k) => tagLabels[k].zh).join('、')}）`)
      else if (!tags.includes(tag)) tags.push(tag)
    }
    const flag = (value: string | undefined, column: string) => {
      if (!value || NO.has(value)) return false
      if (YES.has(value)) return true
      fail(column, '请填写“是”或“否”')
      return false
    }
    const consentContact = flag(cells.consentContact, '同意联系')
    const consentServices = flag(cells.consentServices, '同意服务匹配')
    if (errors.length > before) continue
    parsed.push({
      row, name, phone, idNumber,
      values: { orgId: orgId!, household: cells.household ?? null, relation, gender, birthYear, address: cells.address ?? null, tags, consentContact, consentServices, note: cells.note ?? null },
    })
  }
  return { parsed, errors }
}
