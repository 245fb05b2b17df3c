// The org tree: every place from the city down to grids and buildings, plus departments and
// estates. `path` is an ltree of ids (root.child.grandchild), kept by a trigger on insert.
import { bigint, char, check, index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { geometry, ltree, timestamps } from '../../kernel/db/types.ts'

export const orgKinds = ['city', 'district', 'street', 'community', 'village', 'grid', 'building', 'estate', 'department'] as const
export const partyOrgKinds = ['committee', 'general_branch', 'branch', 'group'] as const

export const orgs = pgTable(
  'orgs',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    parentId: bigint('parent_id', { mode: 'number' }).references((): never => orgs.id as never),
    path: ltree('path').notNull(),
    kind: text('kind', { enum: orgKinds }).notNull(),
    name: text('name').notNull(),
    divisionCode: char('division_code', { length: 12 }),
    partyOrgKind: text('party_org_kind', { enum: partyOrgKinds }),
    partyOrgName: text('party_org_name'),
    partyOrgSecretary: text('party_org_secretary'),
    propertyFirm: text('property_firm'),
    geometry: geometry('geometry', { type: 'Geometry' }),
    deletedAt: timestamp('deleted_at', { withTimezone: true, mode: 'string' }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('orgs_path_key').on(t.path),
    index('orgs_path_gist').using('gist', t.path),
    index('orgs_geometry_gist').using('gist', t.geometry),
    index('orgs_parent_idx').on(t.parentId, t.id),
    uniqueIndex('orgs_division_code_key').on(t.divisionCode).where(sql`deleted_at IS NULL`),
    check('orgs_kind_check', sql`${t.kind} IN ('city','district','street','community','village','grid','building','estate','department')`),
    check('orgs_division_code_check', sql`${t.divisionCode} ~ '^[0-9]{12}$'`),
    check('orgs_name_check', sql`length(btrim(${t.name})) BETWEEN 1 AND 100`),
    check(
      'orgs_party_org_kind_check',
      sql`${t.partyOrgKind} IN ('committee','general_branch','branch','group')`,
    ),
  ],
)
