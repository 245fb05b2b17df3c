// 组织架构: the caller's subtrees on the left, the selected node (URL /orgs/:id) on the right.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useNavigate, useParams } from 'react-router'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Card, Col, Empty, Row, Skeleton, Space, Typography } from 'antd'
import { useMe } from '../../auth.tsx'
import { fetchOrg, orgKeys, rootsOf } from './model.ts'
import { OrgSearch, OrgTree } from './OrgTree.tsx'
import { OrgDetail, OrgMissing } from './OrgDetail.tsx'
import { useOrgLabels } from './labels.ts'
import { useMapTiles } from '../../../shared/baseMap.ts'

export default function OrgsPage() {
  const { L } = useOrgLabels()
  const me = useMe().data!
  const { id } = useParams()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const roots = useMemo(() => rootsOf(me).map((r) => r.orgId), [me])
  // The tree opens as it was left (issue 13: it collapsed on every visit); the caller's own nodes open the first time.
  const storageKey = `linli.orgs.expanded.${me.person.id}`
  const [expanded, setExpanded] = useState<string[]>(() => {
    try {
      const saved = JSON.parse(sessionStorage.getItem(storageKey) ?? 'null') as unknown
      if (Array.isArray(saved) && saved.every((k) => typeof k === 'string')) return saved
    } catch {
      // unreadable: start afresh
    }
    return roots
  })
  useEffect(() => {
    try {
      sessionStorage.setItem(storageKey, JSON.stringify(expanded))
    } catch {
      // private mode: the tree is remembered for this page only
    }
  }, [storageKey, expanded])
  // Ask for the base map now, alongside the node, so the map need not wait for it later.
  useMapTiles()

  const open = useCallback((orgId: string) => navigate(`/orgs/${orgId}`), [navigate])

  // /orgs alone shows the first of the caller's nodes.
  useEffect(() => {
    if (!id && roots[0]) navigate(`/orgs/${roots[0]}`, { replace: true })
  }, [id, roots, navigate])

  const selected = useQuery({ queryKey: orgKeys.detail(id ?? ''), queryFn: () => fetchOrg(id!), enabled: !!id })

  // Open the tree down to the selected node (deep links, search hits, map clicks), once per node.
  const expandedFor = useRef<string | null>(null)
  useEffect(() => {
    const org = selected.data
    if (!org || expandedFor.current === org.id) return
    expandedFor.current = org.id
    const chain = [...org.ancestors.map((a) => a.id), org.id]
    const from = chain.findIndex((c) => roots.includes(c))
    if (from < 0) return
    const toOpen = chain.slice(from, -1)
    setExpanded((prev) => (toOpen.every((k) => prev.includes(k)) ? prev : [...new Set([...prev, ...toOpen])]))
  }, [selected.data, roots])

  const onChanged = useCallback(
    (change: { select?: string; expand?: string[]; removed?: string; reexpand?: boolean }) => {
      if (change.reexpand) expandedFor.current = null
      if (change.expand || change.removed) {
        setExpanded((prev) => [...new Set([...prev.filter((k) => k !== change.removed), ...(change.expand ?? [])])])
      }
      if (change.select && change.select !== id) navigate(`/orgs/${change.select}`)
      if (change.removed) {
        const gone = change.removed
        // Forget the deleted node before anything refetches it (a 404), then refresh the rest.
        setTimeout(() => {
          queryClient.removeQueries({ predicate: (q) => q.queryKey[0] === 'orgs' && q.queryKey[2] === gone })
          void queryClient.invalidateQueries({ queryKey: orgKeys.all })
        }, 0)
      }
    },
    [id, navigate, queryClient],
  )

  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 22 }}>{L.title}</Typography.Title>
      <Row gutter={[16, 16]} align="top">
        <Col xs={24} lg={8} xl={7} xxl={6}>
          <Card
            title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{L.tree}</Typography.Title>}
            styles={{ body: { padding: 12 } }}
          >
            <Space orientation="vertical" style={{ width: '100%' }} size={12}>
              <OrgSearch onSelect={open} />
              <OrgTree roots={roots} selectedId={id} expanded={expanded} onExpand={setExpanded} onSelect={open} />
            </Space>
          </Card>
        </Col>
        <Col xs={24} lg={16} xl={17} xxl={18}>
          {!id ? (
            <Card><Empty description={L.pickHint} /></Card>
          ) : selected.error ? (
            <OrgMissing error={selected.error} />
          ) : !selected.data ? (
            <Card><Skeleton active /></Card>
          ) : (
            <OrgDetail key={selected.data.id} org={selected.data} me={me} onOpen={open} onChanged={onChanged} />
          )}
        </Col>
      </Row>
    </div>
  )
}
