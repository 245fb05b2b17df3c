// Resident records: the registry of who lives where, with ID numbers and phones sealed by
// kernel/pii.ts. Lists show masks; a full value is read through `reveal` (a reason, an audit
// row without the value); residents read and correct their own record in full.
import { firstRow, isoTime, type Executor } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { authorize, can, LEVEL, requireSignedIn, scopeParam, scopesOf } from '../../kernel/policy.ts'
import { requireAccessOne } from '../../kernel/access.ts'
import { recordAudit } from '../../kernel/audit.ts'
import { badRequest, conflict, forbidden, notFound, unprocessable } from '../../kernel/errors.ts'
import { decodeCursor, idCursor, toCountedPage } from '../../kernel/pagination.ts'
import type { PiiKeyring } from '../../kernel/pii.ts'
import type { SpreadsheetLimits } from '../../kernel/spreadsheet.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
import { sql } from 'drizzle-orm'
import { idNumberFacts, MOBILE_PATTERN, normaliseIdNumber } from './residents.idnumber.ts'
import {
  genderLabels, relationLabels, residentTags, tagLabels, type ResidentTag,
  type ExportInput, type Gender, type ResidentCreate, type ResidentSelfUpdate, type ResidentUpdate, type ResidentsQuery, type RevealInput,
} from './residents.schemas.ts'
import * as repo from './residents.repository.ts'
import { COLUMNS, readSheet, SheetError, writeSheet } from './residents.sheets.ts'
import { parseRows } from './residents.import.ts'
import './residents.policy.ts'
import './residents.access.ts'
import type { ResidentAccessSubject } from './residents.access.ts'
import type { OrgAccessSubject } from '../orgs/orgs.access.ts'
import type { OrgService } from '../orgs/orgs.service.ts'
import type { PeopleService } from '../people/people.service.ts'
import { accountRows } from '../auth/auth.read.ts'

export const MAX_EXPORT_ROWS = 20_000

const escapeLike = (q: string) => `%${q.replace(/[\\%_]/g, (c) => '\\' + c)}%`
const ID_PATTERN = /^[0-9]{17}[0-9Xx]$/

export function createResidentService(deps: {
  db: Executor
  pii: Pick<PiiKeyring, 'seal' | 'decrypt' | 'hash'>
  importLimits: SpreadsheetLimits
  people: Pick<PeopleService, 'create' | 'createMany' | 'setNameAndPhone' | 'phoneTaken' | 'takenPhoneHashes' | 'lock'>
  orgs: Pick<OrgService, 'resolveFilter' | 'liveOfKindUnder'>
}) {
  const { db, pii, people, orgs } = deps

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
    if (org.kind !== 'building') throw unprocessable('RESIDENT_ORG_KIND', {}, [{ path: 'orgId', message: 'residents.buildingRequired' }])
    return org
  }

  /** Gender and birth year follow the ID number; given ones must agree with it. */
  function checkAgainstId(idNumber: string | null, gender: Gender | null, birthYear: number | null) {
    if (!idNumber) return { gender, birthYear }
    const facts = idNumberFacts(idNumber)
    if (gender && gender !== facts.gender) throw unprocessable('ID_NUMBER_MISMATCH', { field: '性别' }, [{ path: 'gender', message: 'residents.genderMismatch' }])
    if (birthYear && birthYear !== facts.birthYear) throw unprocessable('ID_NUMBER_MISMATCH', { field: '出生年份' }, [{ path: 'birthYear', message: 'residents.birthYearMismatch' }])
    return { gender: facts.gender, birthYear: facts.birthYear }
  }

  /** One neutral answer whoever holds the phone: it names nobody and says nothing of an account (people.service.ts). */
  async function assertPhoneFree(ex: Executor, phone: string, personId: string | null) {
    if (await people.phoneTaken(ex, phone, personId)) throw conflict('PHONE_UNAVAILABLE', {}, [{ path: 'phone', message: 'residents.phoneUnavailable' }])
  }

  async function assertIdFree(ex: Executor, idNumber: string, residentId: string | null) {
    if (await repo.idNumberTaken(ex, pii.hash('id_number', idNumber), residentId)) throw conflict('ID_NUMBER_TAKEN', {}, [{ path: 'idNumber', message: 'residents.idNumberTaken' }])
  }

  /**
   * Applies a change to a record (staff or self): one person, one phone, checked and sealed.
   * `subject` is the record's access subject; null when the resident corrects their own record.
   */
  async function applyChange(ctx: RequestContext, tx: Executor, before: repo.ResidentRow, input: ResidentUpdate, subject: ResidentAccessSubject | null) {
    const touchesPerson = input.name !== undefined || input.phone !== undefined
    // The phone is a login name: someone with an account keeps their name and phone in their own
    // hands (or the people module's, which checks rank), not the registry's.
    if (ctx.actor.personId !== before.personId && touchesPerson && (await firstRow(tx, sql`SELECT 1 FROM ${accountRows} a WHERE a.person_id = ${before.personId}`))) {
      throw forbidden('RESIDENT_HAS_ACCOUNT', [{ path: input.phone !== undefined ? 'phone' : 'name', message: 'residents.selfManagedAccount' }])
    }
    // One's own number changes only with a code sent to the new one (POST /me/phone/code, /me/phone).
    if (ctx.actor.personId === before.personId && input.phone !== undefined
      && input.phone !== (before.phoneEnc ? pii.decrypt('phone', before.phoneEnc) : null)) {
      throw unprocessable('PHONE_CHANGE_NEEDS_CODE', {}, [{ path: 'phone', message: 'residents.phoneCodeRequired' }])
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
    if (touchesPerson) await people.setNameAndPhone(tx, before.personId, { name: input.name, phone: input.phone })
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

  return {
    async list(ctx: RequestContext, q: ResidentsQuery) {
      requireSignedIn(ctx.actor)
      const after = decodeCursor(q.cursor, idCursor)
      const scopes = scopesOf(ctx.actor, LEVEL.gridStaff)
      if (scopes.length === 0) return { items: [], nextCursor: null }
      const underPath = (await orgs.resolveFilter(db, ctx, q.orgId))?.path
      const found = await repo.searchResidents(db, { scopes: scopeParam(scopes), underPath, ...keywordFilter(q.q), tag: q.tag, afterId: after?.id, limit: q.limit, count: true })
      return toCountedPage(found, q.limit, (r) => present(ctx, r, false), (r) => ({ id: r.id }), after === undefined)
    },

    /** How many residents and households the caller's list holds (under a node), and per tag: the home page's figures. */
    async stats(ctx: RequestContext, q: { orgId?: string }) {
      requireSignedIn(ctx.actor)
      const scopes = scopesOf(ctx.actor, LEVEL.gridStaff)
      if (scopes.length === 0) throw forbidden()
      const underPath = (await orgs.resolveFilter(db, ctx, q.orgId))?.path
      const figures = await repo.residentFigures(db, { scopes: scopeParam(scopes), underPath })
      return { ...figures, byTag: figures.byTag.filter((t): t is { tag: ResidentTag; residents: number } => (residentTags as readonly string[]).includes(t.tag)) }
    },

    async get(ctx: RequestContext, id: string) {
      const { r } = await load(ctx, db, id, 'resident.read', { sealed: true })
      return present(ctx, r)
    },

    async create(ctx: RequestContext, input: ResidentCreate) {
      requireSignedIn(ctx.actor)
      return inTransaction(db, async (tx) => {
        const org = await buildingFor(ctx, tx, input.orgId)
        let personId = input.personId
        if (personId) {
          // A record for someone already known is managing them (people.policy.ts): their rank is
          // checked, and a person the caller may not see answers as one who does not exist.
          await requireAccessOne(tx, ctx.actor, { permission: 'person.manage', entity: 'person', id: personId })
          await people.lock(tx, personId)
          if (await repo.findResidentOfPerson(tx, personId)) throw conflict('RESIDENT_EXISTS')
        }
        const derived = checkAgainstId(input.idNumber ?? null, input.gender ?? null, input.birthYear ?? null)
        if (input.idNumber) await assertIdFree(tx, input.idNumber, null)
        if (input.phone) await assertPhoneFree(tx, input.phone, null)
        if (!personId) personId = await people.create(tx, { name: input.name!, phone: input.phone ?? null })
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
      return inTransaction(db, async (tx) => {
        const { r: before, subject } = await load(ctx, tx, id, 'resident.manage', { sealed: true, lock: true })
        return present(ctx, await applyChange(ctx, tx, before, input, subject), false)
      })
    },

    /** Someone moved away: the record ends (kept for the audit trail), the person stays. */
    async remove(ctx: RequestContext, id: string) {
      return inTransaction(db, async (tx) => {
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
      return inTransaction(db, async (tx) => {
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
      return inTransaction(db, async (tx) => {
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
      if (sheet.errors.length === 0 && sheet.rows.length === 0) throw unprocessable('RESIDENT_IMPORT_FILE_INVALID', { reason: '没有数据行' }, [{ path: 'file', message: 'residents.noRows' }])
      return inTransaction(db, async (tx) => {
        const buildings = await orgs.liveOfKindUnder(tx, org.path, 'building')
        const { parsed, errors } = parseRows(sheet.rows, buildings, org.kind === 'building' ? org.id : null)
        errors.unshift(...sheet.errors)
        const phoneHashes = parsed.filter((p) => p.phone).map((p) => pii.hash('phone', p.phone!))
        const idHashes = parsed.filter((p) => p.idNumber).map((p) => pii.hash('id_number', p.idNumber!))
        const takenPhones = await people.takenPhoneHashes(tx, phoneHashes)
        const takenIds = await repo.takenIdNumberHashes(tx, idHashes)
        for (const p of parsed) {
          if (p.phone && takenPhones.has(pii.hash('phone', p.phone))) errors.push({ row: p.row, column: '手机号', reason: '手机号已被使用' })
          if (p.idNumber && takenIds.has(pii.hash('id_number', p.idNumber))) errors.push({ row: p.row, column: '身份证号', reason: '该身份证号已登记' })
        }
        if (errors.length > 0) {
          errors.sort((a, b) => a.row - b.row || COLUMNS.findIndex((c) => c.title === a.column) - COLUMNS.findIndex((c) => c.title === b.column))
          throw unprocessable('RESIDENT_IMPORT_ROWS_INVALID', { count: errors.length }, errors.slice(0, 500))
        }
        const personIds = await people.createMany(tx, parsed.map((p) => ({ name: p.name, phone: p.phone })))
        const imported = await repo.insertImported(tx, parsed.map((p, i) => ({
          ...p.values, personId: personIds[i]!, idNumber: p.idNumber ? pii.seal('id_number', p.idNumber) : null,
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
      const org = (await orgs.resolveFilter(db, ctx, input.orgId))!
      if (input.full) authorize(ctx.actor, 'resident.export_full', { orgPath: org.path })
      return inTransaction(db, async (tx) => {
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

/** Bad request for an import that is not a spreadsheet at all (the route's content type). */
export const notASpreadsheet = () => badRequest('RESIDENT_IMPORT_FILE_INVALID', { reason: '请以 .xlsx 文件作为请求体上传' }, [{ path: 'file', message: 'residents.xlsxRequired' }])
