// Resident records: the registry of who lives where, with ID numbers and phones sealed by
// kernel/pii.ts. Lists show masks; a full value is read through `reveal` (a reason, an audit
// row without the value); residents read and correct their own record in full.
import { firstRow, isoTime, type Executor } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { authorize, can, isAncestorOrSelf, LEVEL, requireSignedIn, scopeParam, scopesOf } from '../../kernel/policy.ts'
import { requireAccessOne } from '../../kernel/access.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { badRequest, conflict, forbidden, notFound, unprocessable } from '../../kernel/errors.ts'
import { decodeCursor, idCursor, toPage } from '../../kernel/pagination.ts'
import type { PiiKeyring } from '../../kernel/pii.ts'
import type { SpreadsheetLimits } from '../../kernel/spreadsheet.ts'
import { sql } from 'drizzle-orm'
import { idNumberFacts, idNumberProblem, MOBILE_PATTERN, normaliseIdNumber } from './residents.idnumber.ts'
import {
  genderLabels, relationLabels, residentTags, tagLabels,
  type ExportInput, type Gender, type ImportError, type ResidentCreate, type ResidentRelation, type ResidentSelfUpdate, type ResidentTag,
  type ResidentUpdate, type ResidentsQuery, type RevealInput,
} from './residents.schemas.ts'
import * as repo from './residents.repository.ts'
import { COLUMNS, readSheet, SheetError, writeSheet, type SheetRow } from './residents.sheets.ts'
import './residents.policy.ts'
import './residents.access.ts'
import type { ResidentAccessSubject } from './residents.access.ts'
import type { OrgAccessSubject } from '../orgs/orgs.access.ts'

export const MAX_EXPORT_ROWS = 20_000

const escapeLike = (q: string) => `%${q.replace(/[\\%_]/g, (c) => '\\' + c)}%`
const ID_PATTERN = /^[0-9]{17}[0-9Xx]$/

export function createResidentService(deps: { db: Executor; pii: Pick<PiiKeyring, 'seal' | 'decrypt' | 'hash'>; importLimits: SpreadsheetLimits }) {
  const { db, pii } = deps

  function present(ctx: RequestContext, r: repo.ResidentRow, full = ctx.actor.personId === r.personId) {
    return {
      id: r.id,
      personId: r.personId,
      name: r.name,
      gender: r.gender,
      birthYear: r.birthYear,
      idNumber: full && r.idNumberEnc ? pii.decrypt('id_number', r.idNumberEnc) : r.idNumberMask,
      phone: full && r.phoneEnc ? pii.decrypt('phone', r.phoneEnc) : r.phoneMask,
      masked: !full,
      org: r.org,
      grid: r.grid,
      community: r.community,
      household: r.household,
      relation: r.relation,
      address: r.address,
      tags: r.tags,
      consentContact: r.consentContact,
      consentServices: r.consentServices,
      consentedAt: isoTime(r.consentedAt),
      note: r.note,
      updatedAt: isoTime(r.updatedAt)!,
    }
  }

  /** What the audit trail keeps of a record: masks, never a full ID number or phone. */
  const auditView = (r: repo.ResidentRow) => ({
    name: r.name, idNumber: r.idNumberMask, phone: r.phoneMask, orgId: r.org.id, household: r.household, relation: r.relation,
    gender: r.gender, birthYear: r.birthYear, tags: r.tags, consentContact: r.consentContact, consentServices: r.consentServices,
  })

  /**
   * A record the caller may do `permission` on (kernel/access.ts: unreadable answers 404,
   * readable but refused 403), with its subject, which lists the roles of its person.
   */
  async function load(ctx: RequestContext, ex: Executor, id: string, permission: string, opts: { sealed?: boolean; lock?: boolean } = {}) {
    const subject = await requireAccessOne<ResidentAccessSubject>(ex, ctx.actor, { permission, entity: 'resident', id })
    const r = await repo.findResident(ex, id, opts)
    if (!r) throw notFound('RESIDENT_NOT_FOUND')
    return { r, subject }
  }

  async function buildingFor(ctx: RequestContext, ex: Executor, orgId: string) {
    const org = await requireAccessOne<OrgAccessSubject>(ex, ctx.actor, { permission: 'resident.manage', entity: 'org', id: orgId })
    if (org.kind !== 'building') throw unprocessable('RESIDENT_ORG_KIND', {}, [{ path: 'orgId', message: '请选择楼栋' }])
    return org
  }

  /** Gender and birth year follow the ID number; given ones must agree with it. */
  function checkAgainstId(idNumber: string | null, gender: Gender | null, birthYear: number | null) {
    if (!idNumber) return { gender, birthYear }
    const facts = idNumberFacts(idNumber)
    if (gender && gender !== facts.gender) throw unprocessable('ID_NUMBER_MISMATCH', { field: '性别' }, [{ path: 'gender', message: '性别与身份证号不符' }])
    if (birthYear && birthYear !== facts.birthYear) throw unprocessable('ID_NUMBER_MISMATCH', { field: '出生年份' }, [{ path: 'birthYear', message: '出生年份与身份证号不符' }])
    return { gender: facts.gender, birthYear: facts.birthYear }
  }

  /** One neutral answer whoever holds the phone: it names nobody and says nothing of an account (people.service.ts). */
  async function assertPhoneFree(ex: Executor, phone: string, personId: string | null) {
    const row = await firstRow(ex, sql`SELECT 1 FROM people WHERE phone_hash = ${pii.hash('phone', phone)} AND deleted_at IS NULL ${personId ? sql`AND id <> ${personId}` : sql``}`)
    if (row) throw conflict('PHONE_UNAVAILABLE', {}, [{ path: 'phone', message: '该手机号无法使用，请核实' }])
  }

  async function assertIdFree(ex: Executor, idNumber: string, residentId: string | null) {
    if (await repo.idNumberTaken(ex, pii.hash('id_number', idNumber), residentId)) throw conflict('ID_NUMBER_TAKEN', {}, [{ path: 'idNumber', message: '该身份证号已登记' }])
  }

  /**
   * Applies a change to a record (staff or self): one person, one phone, checked and sealed.
   * `subject` is the record's access subject; null when the resident corrects their own record.
   */
  async function applyChange(ctx: RequestContext, tx: Executor, before: repo.ResidentRow, input: ResidentUpdate, subject: ResidentAccessSubject | null) {
    const touchesPerson = input.name !== undefined || input.phone !== undefined
    // The phone is a login name: someone with an account keeps their name and phone in their own
    // hands (or the people module's, which checks rank), not the registry's.
    if (ctx.actor.personId !== before.personId && touchesPerson && (await firstRow(tx, sql`SELECT 1 FROM accounts WHERE person_id = ${before.personId}`))) {
      throw forbidden('RESIDENT_HAS_ACCOUNT', [{ path: input.phone !== undefined ? 'phone' : 'name', message: '此人已开通账号，姓名和手机号由本人修改' }])
    }
    // One's own number changes only with a code sent to the new one (POST /me/phone/code, /me/phone).
    if (ctx.actor.personId === before.personId && input.phone !== undefined
      && input.phone !== (before.phoneEnc ? pii.decrypt('phone', before.phoneEnc) : null)) {
      throw unprocessable('PHONE_CHANGE_NEEDS_CODE', {}, [{ path: 'phone', message: '请获取并填写发送到新号码的验证码' }])
    }
    if (subject && ctx.actor.personId !== before.personId && touchesPerson) authorize(ctx.actor, 'resident.editPerson', subject)
    const currentId = before.idNumberEnc ? pii.decrypt('id_number', before.idNumberEnc) : null
    const idNumber = input.idNumber !== undefined ? input.idNumber : currentId
    const derived = checkAgainstId(
      idNumber,
      input.gender !== undefined ? input.gender : input.idNumber ? null : before.gender,
      input.birthYear !== undefined ? input.birthYear : input.idNumber ? null : before.birthYear,
    )
    if (input.idNumber && input.idNumber !== currentId) await assertIdFree(tx, input.idNumber, before.id)
    let orgId = before.org.id
    if (input.orgId && input.orgId !== before.org.id) orgId = (await buildingFor(ctx, tx, input.orgId)).id
    if (input.phone) await assertPhoneFree(tx, input.phone, before.personId)
    if (input.name !== undefined || input.phone !== undefined) {
      const sets = []
      if (input.name !== undefined) sets.push(sql`name = ${input.name}`)
      if (input.phone !== undefined) {
        const sealed = input.phone ? pii.seal('phone', input.phone) : null
        sets.push(sql`phone_enc = ${sealed?.enc ?? null}, phone_hash = ${sealed?.hash ?? null}, phone_mask = ${sealed?.mask ?? null}`)
      }
      await tx.execute(sql`UPDATE people SET ${sql.join(sets, sql`, `)} WHERE id = ${before.personId}`)
    }
    await repo.updateResident(tx, before.id, {
      orgId,
      household: input.household !== undefined ? input.household : before.household,
      relation: input.relation !== undefined ? input.relation : before.relation,
      gender: derived.gender,
      birthYear: derived.birthYear,
      idNumber: idNumber ? pii.seal('id_number', idNumber) : null,
      address: input.address !== undefined ? input.address : before.address,
      tags: input.tags ?? before.tags,
      consentContact: input.consentContact ?? before.consentContact,
      consentServices: input.consentServices ?? before.consentServices,
      note: input.note !== undefined ? input.note : before.note,
    })
    const after = (await repo.findResident(tx, before.id, { sealed: true }))!
    await recordAudit(tx, ctx, { action: 'resident.update', entity: 'resident', entityId: before.id, orgPath: after.orgPath, before: auditView(before), after: auditView(after) })
    return after
  }

  /** The list filter of a keyword: a full phone or ID number is looked up by its HMAC. */
  function keywordFilter(q: string | undefined): Pick<repo.ResidentFilter, 'pattern' | 'phoneHash' | 'idNumberHash'> {
    if (!q) return {}
    if (MOBILE_PATTERN.test(q)) return { phoneHash: pii.hash('phone', q) }
    if (ID_PATTERN.test(q)) return { idNumberHash: pii.hash('id_number', normaliseIdNumber(q)) }
    return { pattern: escapeLike(q) }
  }

  /** A filter node must overlap what the caller may see (it may be above their grid, or inside it). */
  async function filterOrg(ctx: RequestContext, orgId: string | undefined) {
    if (!orgId) return undefined
    const org = await repo.findOrgRef(db, orgId)
    const scopes = scopesOf(ctx.actor, LEVEL.gridStaff)
    if (!org || !scopes.some((s) => isAncestorOrSelf(s, org.path) || isAncestorOrSelf(org.path, s))) throw notFound('ORG_NOT_FOUND')
    return org
  }

  return {
    async list(ctx: RequestContext, q: ResidentsQuery) {
      requireSignedIn(ctx.actor)
      const after = decodeCursor(q.cursor, idCursor)
      const scopes = scopesOf(ctx.actor, LEVEL.gridStaff)
      if (scopes.length === 0) return { items: [], nextCursor: null }
      const underPath = (await filterOrg(ctx, q.orgId))?.path
      const found = await repo.searchResidents(db, { scopes: scopeParam(scopes), underPath, ...keywordFilter(q.q), tag: q.tag, afterId: after?.id, limit: q.limit })
      return toPage(found, q.limit, (r) => present(ctx, r, false), (r) => ({ id: r.id }))
    },

    async get(ctx: RequestContext, id: string) {
      const { r } = await load(ctx, db, id, 'resident.read', { sealed: true })
      return present(ctx, r)
    },

    async create(ctx: RequestContext, input: ResidentCreate) {
      requireSignedIn(ctx.actor)
      return db.transaction(async (tx) => {
        const org = await buildingFor(ctx, tx, input.orgId)
        let personId = input.personId
        if (personId) {
          // A record for someone already known is managing them (people.policy.ts): their rank is
          // checked, and a person the caller may not see answers as one who does not exist.
          await requireAccessOne(tx, ctx.actor, { permission: 'person.manage', entity: 'person', id: personId })
          await firstRow(tx, sql`SELECT 1 FROM people WHERE id = ${personId} FOR UPDATE`)
          if (await repo.findResidentOfPerson(tx, personId)) throw conflict('RESIDENT_EXISTS')
        }
        const derived = checkAgainstId(input.idNumber ?? null, input.gender ?? null, input.birthYear ?? null)
        if (input.idNumber) await assertIdFree(tx, input.idNumber, null)
        if (input.phone) await assertPhoneFree(tx, input.phone, null)
        const phone = input.phone ? pii.seal('phone', input.phone) : null
        if (!personId) {
          personId = (await firstRow<{ id: string }>(tx, sql`INSERT INTO people (name, phone_enc, phone_hash, phone_mask)
            VALUES (${input.name!}, ${phone?.enc ?? null}, ${phone?.hash ?? null}, ${phone?.mask ?? null}) RETURNING id::text`))!.id
        }
        const id = await repo.insertResident(tx, personId, {
          orgId: org.id, household: input.household ?? null, relation: input.relation ?? null, gender: derived.gender, birthYear: derived.birthYear,
          idNumber: input.idNumber ? pii.seal('id_number', input.idNumber) : null, address: input.address ?? null, tags: input.tags ?? [],
          consentContact: input.consentContact ?? false, consentServices: input.consentServices ?? false, note: input.note ?? null,
        })
        const created = (await repo.findResident(tx, id, { sealed: true }))!
        await recordAudit(tx, ctx, { action: 'resident.create', entity: 'resident', entityId: id, orgPath: org.path, after: auditView(created) })
        return present(ctx, created, false)
      })
    },

    async update(ctx: RequestContext, id: string, input: ResidentUpdate) {
      return db.transaction(async (tx) => {
        const { r: before, subject } = await load(ctx, tx, id, 'resident.manage', { sealed: true, lock: true })
        return present(ctx, await applyChange(ctx, tx, before, input, subject), false)
      })
    },

    /** Someone moved away: the record ends (kept for the audit trail), the person stays. */
    async remove(ctx: RequestContext, id: string) {
      return db.transaction(async (tx) => {
        const { r: before } = await load(ctx, tx, id, 'resident.manage', { lock: true })
        await repo.deleteResident(tx, id)
        await recordAudit(tx, ctx, { action: 'resident.delete', entity: 'resident', entityId: id, orgPath: before.orgPath, before: auditView(before) })
      })
    },

    /**
     * One full value, for a stated reason; the audit row keeps the field and the reason, not the
     * value. Refused (403) when the record's person holds a role as high as the caller's or higher.
     */
    async reveal(ctx: RequestContext, id: string, input: RevealInput) {
      return db.transaction(async (tx) => {
        const { r } = await load(ctx, tx, id, 'resident.reveal', { sealed: true })
        const sealed = input.field === 'idNumber' ? r.idNumberEnc : r.phoneEnc
        if (!sealed) throw notFound('PII_FIELD_EMPTY')
        await recordAudit(tx, ctx, { action: 'resident.reveal', entity: 'resident', entityId: id, orgPath: r.orgPath, after: { field: input.field, reason: input.reason } })
        return { field: input.field, value: pii.decrypt(input.field === 'idNumber' ? 'id_number' : 'phone', sealed) }
      })
    },

    async mine(ctx: RequestContext) {
      requireSignedIn(ctx.actor)
      const r = ctx.actor.personId ? await repo.findResidentOfPerson(db, ctx.actor.personId, { sealed: true }) : undefined
      if (!r) throw notFound('RESIDENT_NOT_FOUND')
      return present(ctx, r, true)
    },

    async updateMine(ctx: RequestContext, input: ResidentSelfUpdate) {
      requireSignedIn(ctx.actor)
      return db.transaction(async (tx) => {
        const before = ctx.actor.personId ? await repo.findResidentOfPerson(tx, ctx.actor.personId, { sealed: true, lock: true }) : undefined
        if (!before) throw notFound('RESIDENT_NOT_FOUND')
        return present(ctx, await applyChange(ctx, tx, before, input, null), true)
      })
    },

    /** The import template: the header, one example row and the instructions. */
    async template(ctx: RequestContext) {
      requireSignedIn(ctx.actor)
      return writeSheet([{ name: '张三', gender: '男', birthYear: '1956', idNumber: '', phone: '', building: '1号楼', household: '2单元301', relation: '户主', address: '', tags: '独居老人', consentContact: '是', consentServices: '否', note: '' }], { title: '居民信息', instructions: true })
    },

    /**
     * Imports a spreadsheet of new residents below `orgId`: every row is checked first and the
     * errors come back as (row, column, reason); with any error nothing is imported.
     */
    async importSheet(ctx: RequestContext, orgId: string, bytes: Buffer) {
      const org = await requireAccessOne<OrgAccessSubject>(db, ctx.actor, { permission: 'resident.manage', entity: 'org', id: orgId })
      let sheet: Awaited<ReturnType<typeof readSheet>>
      try {
        sheet = await readSheet(bytes, deps.importLimits)
      } catch (err) {
        if (err instanceof SheetError) throw unprocessable('RESIDENT_IMPORT_FILE_INVALID', { reason: err.message }, [{ path: 'file', message: err.message }])
        throw err
      }
      if (sheet.errors.length === 0 && sheet.rows.length === 0) throw unprocessable('RESIDENT_IMPORT_FILE_INVALID', { reason: '没有数据行' }, [{ path: 'file', message: '没有数据行' }])
      return db.transaction(async (tx) => {
        const buildings = await repo.buildingsUnder(tx, org.path)
        const { parsed, errors } = parseRows(sheet.rows, buildings, org.kind === 'building' ? org.id : null)
        errors.unshift(...sheet.errors)
        const phoneHashes = parsed.filter((p) => p.phone).map((p) => pii.hash('phone', p.phone!))
        const idHashes = parsed.filter((p) => p.idNumber).map((p) => pii.hash('id_number', p.idNumber!))
        const takenPhones = await repo.takenHashes(tx, 'phone', phoneHashes)
        const takenIds = await repo.takenHashes(tx, 'id_number', idHashes)
        for (const p of parsed) {
          if (p.phone && takenPhones.has(pii.hash('phone', p.phone))) errors.push({ row: p.row, column: '手机号', reason: '手机号已被使用' })
          if (p.idNumber && takenIds.has(pii.hash('id_number', p.idNumber))) errors.push({ row: p.row, column: '身份证号', reason: '该身份证号已登记' })
        }
        if (errors.length > 0) {
          errors.sort((a, b) => a.row - b.row || COLUMNS.findIndex((c) => c.title === a.column) - COLUMNS.findIndex((c) => c.title === b.column))
          throw unprocessable('RESIDENT_IMPORT_ROWS_INVALID', { count: errors.length }, errors.slice(0, 500))
        }
        const imported = await repo.insertImported(tx, parsed.map((p) => ({
          ...p.values, name: p.name, phone: p.phone ? pii.seal('phone', p.phone) : null, idNumber: p.idNumber ? pii.seal('id_number', p.idNumber) : null,
        })))
        await recordAudit(tx, ctx, { action: 'resident.import', entity: 'resident', entityId: null, orgPath: org.path, after: { orgId: org.id, imported } })
        return { imported }
      })
    },

    /**
     * The records the caller may see under the filters, as a spreadsheet. Full ID numbers and
     * phones only with `full` (street admin or above on the node, a reason); always audited.
     */
    async exportSheet(ctx: RequestContext, input: ExportInput) {
      requireSignedIn(ctx.actor)
      const scopes = scopesOf(ctx.actor, LEVEL.gridStaff)
      if (scopes.length === 0) throw forbidden()
      const org = (await filterOrg(ctx, input.orgId))!
      if (input.full) authorize(ctx.actor, 'resident.export_full', { orgPath: org.path })
      return db.transaction(async (tx) => {
        const found = await repo.searchResidents(tx, { scopes: scopeParam(scopes), underPath: org.path, ...keywordFilter(input.q), tag: input.tag, limit: MAX_EXPORT_ROWS, sealed: input.full })
        if (found.length > MAX_EXPORT_ROWS) throw unprocessable('RESIDENT_EXPORT_TOO_LARGE', { max: MAX_EXPORT_ROWS })
        await recordAudit(tx, ctx, {
          action: 'resident.export', entity: 'resident', entityId: null, orgPath: org.path,
          after: { orgId: input.orgId, q: input.q ?? null, tag: input.tag ?? null, full: input.full, reason: input.reason ?? null, count: found.length },
        })
        const rows = found.map((r) => {
          // A full export shows no more than a reveal would: someone ranking as high as the caller stays masked.
          const v = present(ctx, r, input.full && can(ctx.actor, 'resident.reveal', { personId: r.personId, orgPath: r.orgPath, personRoles: r.personRoles }))
          return {
            name: v.name, gender: v.gender ? genderLabels[v.gender].zh : '', birthYear: v.birthYear ?? '', idNumber: v.idNumber ?? '', phone: v.phone ?? '',
            building: v.org.name, household: v.household ?? '', relation: v.relation ? relationLabels[v.relation].zh : '', address: v.address ?? '',
            tags: v.tags.map((t) => tagLabels[t].zh).join('、'), consentContact: v.consentContact ? '是' : '否', consentServices: v.consentServices ? '是' : '否',
            note: v.note ?? '', community: v.community?.name ?? '', grid: v.grid?.name ?? '',
          }
        })
        return {
          count: rows.length,
          bytes: await writeSheet(rows, { title: '居民信息', extraColumns: [{ key: 'community', title: '社区', width: 12 }, { key: 'grid', title: '网格', width: 10 }] }),
        }
      })
    },
  }
}

export type ResidentService = ReturnType<typeof createResidentService>

interface ParsedRow {
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

/** Bad request for an import that is not a spreadsheet at all (the route's content type). */
export const notASpreadsheet = () => badRequest('RESIDENT_IMPORT_FILE_INVALID', { reason: '请以 .xlsx 文件作为请求体上传' }, [{ path: 'file', message: '请以 .xlsx 文件作为请求体上传' }])
