// One node: its administrative and Party sides, what lies below it, who holds roles there,
// the map of its children, and the actions the caller's roles allow.
import { useState } from 'react'
import { Link } from 'react-router'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App as AntApp, Button, Card, Col, Descriptions, Empty, Form, Input, Row, Space, Spin, Tag, Typography } from 'antd'
import { api, ApiError, type Me } from '../../../shared/api.ts'
import { kindLabels, partyOrgKindLabels, roleLabels } from '../../../shared/roles.ts'
import {
  fetchAllChildren,
  fetchGeoJson,
  fetchPeople,
  fetchStats,
  isAncestorOrSelf,
  orgKeys,
  orgKinds,
  permissionsFor,
  type Geometry,
  type Org,
  type OrgKind,
  type OverlapDetails,
  type PolygonGeometry,
} from './model.ts'
import { KindTag } from './KindTag.tsx'
import { OrgMap, type DrawMode } from './OrgMap.tsx'
import { CreateChildModal, EditOrgModal, MoveOrgModal, showServerErrors } from './OrgForms.tsx'
import { useOrgLabels } from './labels.ts'
import { BuildingHouseholds } from './BuildingHouseholds.tsx'
import { useLevel } from '../../auth.tsx'
import { consoleLevels } from '../../../shared/roles.ts'

interface OrgDetailProps {
  org: Org
  me: Me
  onOpen(id: string): void
  /** After a write: which node to show, and which nodes to open in the tree. */
  onChanged(change: { select?: string; expand?: string[]; removed?: string; reexpand?: boolean }): void
}

const GRID_PARENTS: OrgKind[] = ['community', 'village']
/** Secondary text dark enough for WCAG AA (antd's secondary grey is not). */
export const muted = { color: '#595959' }

function SectionTitle({ children }: { children: string }) {
  return (
    <Typography.Title level={3} style={{ fontSize: 15, margin: '16px 0 8px' }}>
      {children}
    </Typography.Title>
  )
}

export function OrgDetail({ org, me, onOpen, onChanged }: OrgDetailProps) {
  const { L, f, lang } = useOrgLabels()
  const { modal, message } = AntApp.useApp()
  const queryClient = useQueryClient()
  const level = useLevel()
  const perms = permissionsFor(me, org)
  const [dialog, setDialog] = useState<'create' | 'edit' | 'move' | null>(null)
  const [actionError, setActionError] = useState<string | null>(null)

  const children = useQuery({ queryKey: orgKeys.children(org.id), queryFn: () => fetchAllChildren(org.id) })
  const stats = useQuery({ queryKey: orgKeys.stats(org.id), queryFn: () => fetchStats(org.id) })
  const geojson = useQuery({ queryKey: orgKeys.geojson(org.id), queryFn: () => fetchGeoJson(org.id) })
  // Neighbouring grids or estates, for context on the map.
  const siblingsOf = org.kind === 'grid' || org.kind === 'estate' ? org.parentId : null
  const siblings = useQuery({ queryKey: orgKeys.geojson(siblingsOf ?? ''), queryFn: () => fetchGeoJson(siblingsOf!), enabled: !!siblingsOf })
  const people = useQuery({ queryKey: orgKeys.people(org.id), queryFn: () => fetchPeople(org.id), retry: false })

  // Drawing a new grid (on a community) or a grid's boundary.
  const [drawMode, setDrawMode] = useState<DrawMode>('none')
  const [drawSession, setDrawSession] = useState(0)
  const [drawn, setDrawn] = useState<PolygonGeometry | null>(null)
  const [overlaps, setOverlaps] = useState<Geometry[]>([])
  const [drawError, setDrawError] = useState<string | null>(null)
  const [drawBusy, setDrawBusy] = useState(false)
  const [drawForm] = Form.useForm<{ name?: string }>()

  const refresh = () => queryClient.invalidateQueries({ queryKey: orgKeys.all })

  function startDrawing(mode: DrawMode) {
    setDrawMode(mode)
    setDrawSession((n) => n + 1)
    setDrawn(null)
    setOverlaps([])
    setDrawError(null)
  }
  function stopDrawing() {
    setDrawMode('none')
    setDrawn(null)
    setOverlaps([])
    setDrawError(null)
  }

  async function saveDrawing(values: { name?: string }) {
    if (!drawn) {
      setDrawError(L.drawFirst)
      return
    }
    setDrawBusy(true)
    setDrawError(null)
    setOverlaps([])
    try {
      if (drawMode === 'create') {
        const created = await api<Org>('/orgs', { method: 'POST', body: { parentId: org.id, kind: 'grid', name: values.name ?? '', geometry: drawn } })
        message.success(f(L.created, { name: created.name }))
        stopDrawing()
        onChanged({ expand: [org.id] })
      } else {
        await api<Org>(`/orgs/${org.id}`, { method: 'PATCH', body: { geometry: drawn } })
        message.success(L.saved)
        stopDrawing()
      }
      await refresh()
    } catch (err) {
      if (err instanceof ApiError && err.code === 'GRID_OVERLAPS_SIBLING') {
        setOverlaps(((err.details as OverlapDetails | null)?.siblings ?? []).map((s) => s.overlap))
      }
      setDrawError(showServerErrors(drawForm, err, ['name']))
    } finally {
      setDrawBusy(false)
    }
  }

  function confirmDelete() {
    setActionError(null)
    modal.confirm({
      title: L.confirmDeleteTitle,
      content: f(L.confirmDelete, { name: org.name }),
      okText: L.remove,
      okButtonProps: { danger: true },
      cancelText: L.cancel,
      onOk: async () => {
        try {
          await api(`/orgs/${org.id}`, { method: 'DELETE' })
          message.success(f(L.deleted, { name: org.name }))
          onChanged({ select: org.parentId ?? undefined, removed: org.id })
        } catch (err) {
          setActionError(err instanceof Error ? err.message : String(err))
        }
      },
    })
  }

  const childCounts = orgKinds
    .map((k) => [k, (children.data ?? []).filter((c) => c.kind === k).length] as const)
    .filter(([, n]) => n > 0)
  const s = stats.data
  const totals: [string, number][] = s
    ? ([
        ['street', s.streets],
        ['community', s.communities],
        ['grid', s.grids],
        ['estate', s.estates],
        ['building', s.buildings],
      ] as [OrgKind, number][])
        .filter(([, n]) => n > 0)
        .map(([k, n]) => [kindLabels[k]?.[lang] ?? k, n])
    : []
  // People with roles at this node or below it (the first page), those at this node first.
  const holders = (people.data?.items ?? [])
    .map((p) => ({ person: p, roles: p.roles.filter((r) => r.active && isAncestorOrSelf(org.path, r.orgPath)) }))
    .filter((x) => x.roles.length > 0)
    .map((x) => ({ ...x, here: x.roles.some((r) => r.orgId === org.id) }))
    .sort((a, b) => Number(b.here) - Number(a.here))
  const [allPeople, setAllPeople] = useState(false)
  const shownPeople = allPeople ? holders : holders.slice(0, 12)

  const canNewGrid = GRID_PARENTS.includes(org.kind) && perms.createChild
  const canEditBoundary = org.kind === 'grid' && perms.redraw && org.geometry?.type !== 'MultiPolygon' && org.geometry?.type !== 'Point'
  const drawing = drawMode !== 'none'

  const actions = (
    <Space wrap>
      {perms.createChild && <Button onClick={() => setDialog('create')} disabled={drawing}>{L.createChild}</Button>}
      {perms.edit && <Button onClick={() => setDialog('edit')} disabled={drawing}>{L.edit}</Button>}
      {perms.move && <Button onClick={() => setDialog('move')} disabled={drawing}>{L.move}</Button>}
      {perms.remove && (
        // antd's red (#ff4d4f) is too light on white for WCAG AA; the brand red is dark enough.
        <Button danger onClick={confirmDelete} disabled={drawing} style={drawing ? undefined : { color: '#b0001e', borderColor: '#b0001e' }}>
          {L.remove}
        </Button>
      )}
    </Space>
  )

  return (
    <Card
      title={
        <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
          <KindTag kind={org.kind} />
          {org.name}
        </Typography.Title>
      }
      extra={actions}
    >
      {actionError && <Alert type="error" showIcon title={actionError} role="alert" closable={{ onClose: () => setActionError(null), 'aria-label': L.close }} style={{ marginBottom: 12 }} />}
      <Row gutter={[24, 8]}>
        <Col xs={24} xl={10}>
          <SectionTitle>{L.admin}</SectionTitle>
          <Descriptions
            size="small"
            column={1}
            bordered
            styles={{ label: { width: 120 } }}
            items={[
              { key: 'kind', label: L.kind, children: kindLabels[org.kind]?.[lang] ?? org.kind },
              { key: 'name', label: L.name, children: <span data-testid="org-name">{org.name}</span> },
              { key: 'code', label: L.divisionCode, children: org.divisionCode ?? L.none },
              ...(org.kind === 'estate' ? [{ key: 'firm', label: L.propertyFirm, children: org.propertyFirm ?? L.none }] : []),
              ...(org.ancestors.length
                ? [{
                    key: 'up',
                    label: L.ancestors,
                    children: (
                      <Space size={2} wrap separator="/">
                        {org.ancestors.map((a) => (
                          <Link key={a.id} to={`/orgs/${a.id}`} style={{ color: '#0b57b5' }}>{a.name}</Link>
                        ))}
                      </Space>
                    ),
                  }]
                : []),
            ]}
          />
          <SectionTitle>{L.party}</SectionTitle>
          {org.partyOrg ? (
            <Descriptions
              size="small"
              column={1}
              bordered
              styles={{ label: { width: 120 } }}
              items={[
                { key: 'pk', label: L.partyKind, children: partyOrgKindLabels[org.partyOrg.kind]?.[lang] ?? org.partyOrg.kind },
                { key: 'pn', label: L.partyName, children: org.partyOrg.name },
                { key: 'ps', label: L.secretary, children: org.partyOrg.secretary ?? L.none },
              ]}
            />
          ) : (
            <Typography.Text style={muted}>{L.noParty}</Typography.Text>
          )}
          <SectionTitle>{L.children}</SectionTitle>
          {children.isPending ? (
            <Spin size="small" />
          ) : childCounts.length === 0 ? (
            <Typography.Text style={muted}>{L.childrenNone}</Typography.Text>
          ) : (
            <Space wrap size={[6, 6]}>
              {childCounts.map(([k, n]) => (
                <Tag key={k} style={{ fontSize: 13, padding: '2px 8px' }}>
                  {kindLabels[k]?.[lang] ?? k} <strong>{n}</strong>
                </Tag>
              ))}
            </Space>
          )}
          {totals.length > 0 && (
            <div style={{ marginTop: 8 }}>
              <Typography.Text style={muted}>{L.totals}：</Typography.Text>
              {totals.map(([label, n]) => (
                <Typography.Text key={label} style={{ marginInlineEnd: 12 }}>
                  {label} {n}
                </Typography.Text>
              ))}
            </div>
          )}
          {people.data && (
            <>
              <SectionTitle>{L.people}</SectionTitle>
              {holders.length === 0 ? (
                <Typography.Text style={muted}>{L.peopleNone}</Typography.Text>
              ) : (
                <ul style={{ listStyle: 'none', padding: 0, margin: 0, display: 'flex', flexWrap: 'wrap', gap: '6px 16px' }} aria-label={L.people}>
                  {shownPeople.map(({ person, roles }) => (
                    <li key={person.id}>
                      <span style={{ marginInlineEnd: 6 }}>{person.name}</span>
                      {roles.map((r) => (
                        <Tag key={r.id} style={{ marginInlineEnd: 4 }}>
                          {roleLabels[r.role]?.[lang] ?? r.role}
                          {r.orgId !== org.id ? ` · ${r.orgName}` : ''}
                        </Tag>
                      ))}
                    </li>
                  ))}
                </ul>
              )}
              {holders.length > shownPeople.length && (
                <Button type="link" size="small" style={{ paddingInline: 0, color: '#0b57b5' }} onClick={() => setAllPeople(true)}>
                  {f(L.peopleAll, { n: holders.length })}
                </Button>
              )}
              {people.data.nextCursor && (allPeople || holders.length <= shownPeople.length) && (
                <div><Typography.Text style={{ ...muted, fontSize: 12 }}>{L.peopleMore}</Typography.Text></div>
              )}
            </>
          )}
        </Col>
        <Col xs={24} xl={14}>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
            <SectionTitle>{L.map}</SectionTitle>
            {!drawing && (
              <Space>
                {canNewGrid && <Button onClick={() => startDrawing('create')}>{L.newGrid}</Button>}
                {canEditBoundary && <Button onClick={() => startDrawing('edit')}>{org.geometry ? L.editBoundary : L.drawBoundary}</Button>}
              </Space>
            )}
          </div>
          {drawing && (
            <div style={{ marginBottom: 8 }}>
              <Typography.Paragraph style={{ ...muted, marginBottom: 8 }} role="status">{drawn ? L.editHint : L.drawHint}</Typography.Paragraph>
              {drawError && <Alert type="error" showIcon title={drawError} role="alert" style={{ marginBottom: 8 }} />}
              <Form form={drawForm} layout="inline" onFinish={saveDrawing} requiredMark={false} preserve={false}>
                {drawMode === 'create' && (
                  <Form.Item label={L.gridName} name="name" rules={[{ required: true, whitespace: true }]}>
                    <Input maxLength={100} style={{ width: 180 }} />
                  </Form.Item>
                )}
                <Form.Item>
                  <Space>
                    <Button type="primary" htmlType="submit" loading={drawBusy}>{L.save}</Button>
                    <Button onClick={stopDrawing}>{L.cancel}</Button>
                  </Space>
                </Form.Item>
              </Form>
            </div>
          )}
          <OrgMap
            key={lang}
            org={org}
            features={geojson.data}
            siblings={siblingsOf ? siblings.data : undefined}
            drawMode={canEditBoundary && drawMode === 'edit' && !org.geometry ? 'create' : drawMode}
            drawSession={drawSession}
            overlaps={overlaps}
            onOpen={onOpen}
            onDrawn={setDrawn}
          />
        </Col>
      </Row>
      {org.kind === 'building' && level >= consoleLevels.residents && <BuildingHouseholds buildingId={org.id} />}
      {dialog === 'create' && (
        <CreateChildModal
          parent={org}
          onClose={() => setDialog(null)}
          onCreated={(created) => {
            setDialog(null)
            message.success(f(L.created, { name: created.name }))
            void refresh()
            onChanged({ select: created.id, expand: [org.id] })
          }}
        />
      )}
      {dialog === 'edit' && (
        <EditOrgModal
          org={org}
          onClose={() => setDialog(null)}
          onSaved={(saved) => {
            setDialog(null)
            queryClient.setQueryData(orgKeys.detail(org.id), saved)
            message.success(L.saved)
            void refresh()
          }}
        />
      )}
      {dialog === 'move' && (
        <MoveOrgModal
          org={org}
          me={me}
          onClose={() => setDialog(null)}
          onMoved={(moved) => {
            setDialog(null)
            queryClient.setQueryData(orgKeys.detail(org.id), moved)
            message.success(L.moved)
            void refresh()
            onChanged({ select: moved.id, reexpand: true })
          }}
        />
      )}
    </Card>
  )
}

export function OrgMissing({ error }: { error: unknown }) {
  const { L } = useOrgLabels()
  return (
    <Card>
      <Empty description={error instanceof ApiError && error.status === 404 ? L.notFound : error instanceof Error ? error.message : L.notFound} />
    </Card>
  )
}
