// Demo resident records: about 2,000 people in households across the demo street's buildings,
// with valid GB 11643 ID numbers whose birth dates match their birth years, mainland mobiles
// for the adults, care tags and consents. People who already live there (the demo resident,
// the member, the residents who report cases) get a record too, as heads of their households.
import { sql } from 'drizzle-orm'
import { rows, type Executor } from '../kernel/db/client.ts'
import type { PiiKeyring } from '../kernel/pii.ts'
import { idCheckChar } from '../modules/residents/residents.idnumber.ts'
import type { Gender, ResidentRelation, ResidentTag } from '../modules/residents/residents.schemas.ts'
import { createRandom } from './geography/city.ts'

const TARGET = 2000
const THIS_YEAR = 2026
const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙胡朱高林何郭罗熊涂邹喻梁宋郑谢韩唐冯董程曹袁许傅沈曾彭吕苏卢蒋蔡丁魏薛叶余潘杜戴夏钟汪田任姜范方石姚谭廖金陆']
const GIVEN = {
  male: [...'建国华明军伟刚勇杰涛斌超磊辉强鹏海文志俊浩宇亮成振瑞凯峰宏鑫晨阳飞鸿翔波松诚卫德平林云永荣新清福贵'],
  female: [...'丽芳敏静秀英霞燕红婷雪慧琴梅兰玉桂凤晓佳欣思雨涵嘉玲娟萍洁琳莉亚颖倩琪娜楠蕾薇艳春淑珍'],
}
/** Birth places: mostly this district, some from elsewhere in the province and beyond. */
const OTHER_REGIONS = ['360102', '360103', '360111', '360121', '360124', '362101', '362201', '360402', '430102', '420106', '350102', '440106']
const PHONE_PREFIXES = ['150', '151', '152', '157', '158', '159', '182', '183', '187', '188', '199']

interface Member {
  personId?: string
  name: string
  gender: Gender
  birthYear: number
  relation: ResidentRelation
}

export async function seedResidentsDemo(tx: Executor, input: { pii: PiiKeyring; seed: number }): Promise<{ residents: number }> {
  const random = createRandom(input.seed ^ 0x2e51de)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
  const chance = (p: number) => random() < p
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1))

  const [street] = await rows<{ id: string; path: string; division_code: string | null }>(tx, sql`
    SELECT s.id::text, s.path::text, s.division_code FROM orgs s JOIN orgs d ON d.id = s.parent_id
    WHERE s.kind = 'street' AND d.kind = 'district' ORDER BY d.id, s.id LIMIT 1`)
  if (!street) return { residents: 0 }
  const home = street.division_code?.slice(0, 6) ?? '360105'
  const buildings = await rows<{ id: string; name: string; community: string }>(tx, sql`
    SELECT b.id::text, b.name, c.name AS community FROM orgs b JOIN orgs c ON c.kind = 'community' AND b.path <@ c.path
    WHERE b.kind = 'building' AND b.deleted_at IS NULL AND b.path <@ ${street.path}::ltree ORDER BY b.id`)
  const living = await rows<{ person_id: string; name: string; org_id: string }>(tx, sql`
    SELECT DISTINCT ON (r.person_id) r.person_id::text, p.name, r.org_id::text FROM role_assignments r
    JOIN people p ON p.id = r.person_id JOIN orgs o ON o.id = r.org_id
    WHERE r.role = 'resident' AND o.kind = 'building' AND o.path <@ ${street.path}::ltree ORDER BY r.person_id, r.id`)
  if (buildings.length === 0) return { residents: 0 }

  const names = new Set<string>()
  const nameFor = (gender: Gender, surname = pick(SURNAMES)) => {
    for (let i = 0; ; i++) {
      const given = pick(GIVEN[gender]) + (chance(0.75) || i > 20 ? pick(GIVEN[gender]) : '')
      if (!names.has(surname + given) || i > 40) return names.add(surname + given), surname + given
    }
  }
  const usedIds = new Set<string>()
  const idFor = (gender: Gender, birthYear: number) => {
    for (;;) {
      const region = chance(0.7) ? home : pick(OTHER_REGIONS)
      const month = between(1, 12)
      const day = between(1, new Date(Date.UTC(birthYear, month, 0)).getUTCDate())
      // Sequences 500–999 keep demo numbers apart from hand-made ones (tests use lower ones).
      const seq = between(250, 499) * 2 + (gender === 'male' ? 1 : 0)
      const first17 = `${region}${birthYear}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${String(seq).padStart(3, '0')}`
      const id = first17 + idCheckChar(first17)
      if (!usedIds.has(id)) return usedIds.add(id), id
    }
  }
  let phoneSerial = 0
  // serial × 7,919,117 mod 90,000,000 is a bijection (the factor shares no prime with the modulus): unique, scattered numbers.
  const phoneFor = () => `${PHONE_PREFIXES[phoneSerial % PHONE_PREFIXES.length]}${10_000_000 + (((phoneSerial++ + 1) * 7_919_117) % 90_000_000)}`

  /** A household: a head, maybe a spouse, children, a parent; ages consistent with each other. */
  const household = (head?: { personId: string; name: string }): Member[] => {
    const gender: Gender = chance(0.55) ? 'male' : 'female'
    const headYear = between(1938, 1996)
    const surname = head ? head.name[0]! : pick(SURNAMES)
    const members: Member[] = [{ personId: head?.personId, name: head?.name ?? nameFor(gender, surname), gender, birthYear: headYear, relation: 'head' }]
    const age = THIS_YEAR - headYear
    if (chance(age > 75 ? 0.45 : 0.75)) {
      const other: Gender = gender === 'male' ? 'female' : 'male'
      members.push({ name: nameFor(other), gender: other, birthYear: Math.min(2004, headYear + between(-4, 4)), relation: 'spouse' })
    }
    if (age >= 28 && age <= 60) {
      for (let i = 0, n = between(0, 2); i < n; i++) {
        const g: Gender = chance(0.5) ? 'male' : 'female'
        const y = Math.min(THIS_YEAR - 1, headYear + between(23, 34) + i * between(2, 5))
        members.push({ name: nameFor(g, surname), gender: g, birthYear: y, relation: 'child' })
      }
      if (chance(0.2)) {
        const g: Gender = chance(0.6) ? 'female' : 'male'
        members.push({ name: nameFor(g), gender: g, birthYear: Math.max(1930, headYear - between(24, 32)), relation: 'parent' })
      }
    } else if (age > 60 && chance(0.15)) {
      const g: Gender = chance(0.5) ? 'male' : 'female'
      members.push({ name: nameFor(g, surname), gender: g, birthYear: between(2012, 2020), relation: 'grandchild' })
    }
    return members
  }

  const households: { buildingId: string; label: string; members: Member[]; address: string }[] = []
  const livingAt = new Map<string, { personId: string; name: string }[]>()
  for (const l of living) livingAt.set(l.org_id, [...(livingAt.get(l.org_id) ?? []), { personId: l.person_id, name: l.name }])
  let total = 0
  for (let round = 0; total < TARGET && round < 10; round++) {
    for (const b of buildings) {
      if (total >= TARGET) break
      const heads = round === 0 ? livingAt.get(b.id) ?? [] : []
      const count = round === 0 ? Math.max(heads.length, 1) : chance(0.5) ? 1 : 0
      for (let i = 0; i < count && total < TARGET; i++) {
        const members = household(heads[i])
        const label = `${between(1, 3)}单元${between(1, 18)}0${between(1, 4)}`
        households.push({ buildingId: b.id, label, members, address: `${b.community}${b.name}${label}室` })
        total += members.length
      }
    }
  }

  const payload = households.flatMap((h) => {
    const alone = h.members.length === 1
    const lowIncome = chance(0.05)
    const tenant = chance(0.1)
    return h.members.map((m) => {
      const age = THIS_YEAR - m.birthYear
      const tags: ResidentTag[] = []
      if (age >= 70 && alone) tags.push('elderly_alone')
      if (age >= 65 && !alone && h.members.every((o) => THIS_YEAR - o.birthYear >= 60)) tags.push('empty_nest')
      if (chance(0.03)) tags.push('disabled')
      if (lowIncome) tags.push('low_income')
      if (m.gender === 'male' && age >= 25 && chance(0.06)) tags.push('veteran')
      if (m.relation === 'grandchild') tags.push('left_behind_child')
      if (chance(0.02)) tags.push('serious_illness')
      if (tenant) tags.push('tenant')
      const id = age >= 16 || chance(0.6) ? input.pii.seal('id_number', idFor(m.gender, m.birthYear)) : null
      const phone = !m.personId && age >= 16 && age <= 85 && chance(0.9) ? input.pii.seal('phone', phoneFor()) : null
      const contact = chance(0.8)
      return {
        person_id: m.personId ?? null, name: m.name, phone, org_id: h.buildingId, household: h.label, relation: m.relation, gender: m.gender,
        birth_year: m.birthYear, id, address: h.address, tags, consent_contact: contact, consent_services: contact && chance(0.7),
      }
    })
  })
  const fresh = payload.filter((p) => !p.person_id)
  const ids = await rows<{ id: string }>(tx, sql`SELECT nextval(pg_get_serial_sequence('people', 'id'))::text AS id FROM generate_series(1, ${fresh.length})`)
  fresh.forEach((p, i) => (p.person_id = ids[i]!.id))
  await tx.execute(sql`INSERT INTO people (id, name, phone_enc, phone_hash, phone_mask) OVERRIDING SYSTEM VALUE
    SELECT id, name, phone->>'enc', phone->>'hash', phone->>'mask' FROM json_to_recordset(${JSON.stringify(fresh.map((p) => ({ id: p.person_id, name: p.name, phone: p.phone })))}::json)
      AS x(id bigint, name text, phone json)`)
  await tx.execute(sql`INSERT INTO residents (person_id, org_id, household, relation, gender, birth_year, id_number_enc, id_number_hash, id_number_mask,
      address, tags, consent_contact, consent_services, consented_at, created_at, updated_at)
    SELECT person_id, org_id, household, relation, gender, birth_year, id->>'enc', id->>'hash', id->>'mask', address,
      ARRAY(SELECT json_array_elements_text(tags)), consent_contact, consent_services,
      CASE WHEN consent_contact OR consent_services THEN TIMESTAMPTZ '2026-03-01 10:00+08' END, TIMESTAMPTZ '2026-03-01 10:00+08', TIMESTAMPTZ '2026-03-01 10:00+08'
    FROM json_to_recordset(${JSON.stringify(payload)}::json) AS x(person_id bigint, org_id bigint, household text, relation text, gender text,
      birth_year int, id json, address text, tags json, consent_contact boolean, consent_services boolean)`)
  return { residents: payload.length }
}
