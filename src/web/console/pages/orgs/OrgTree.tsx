// The caller's subtrees: one root per role node, children loaded on expand (all pages of
// /orgs/:id/children), and a name search whose hit is opened like a tree click.
import { useEffect, useRef, useState } from 'react'
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query'
import { AutoComplete, Input, Spin, Tree, Typography } from 'antd'
import type { TreeDataNode, TreeProps } from 'antd'
import { fetchAllChildren, fetchOrg, orgKeys, searchOrgs, type OrgSummary } from './model.ts'
import { KindTag } from './KindTag.tsx'
import { useOrgLabels } from './labels.ts'
import { useDebounced } from '../../../shared/useDebounced.ts'

interface OrgTreeProps {
  roots: string[]
  selectedId: string | undefined
  expanded: string[]
  onExpand(keys: string[]): void
  onSelect(id: string): void
}


function NodeTitle({ org }: { org: Pick<OrgSummary, 'kind' | 'name'> }) {
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <KindTag kind={org.kind} />
      <span>{org.name}</span>
    </span>
  )
}

export function OrgSearch({ onSelect }: { onSelect(id: string): void }) {
  const { L } = useOrgLabels()
  const [q, setQ] = useState('')
  const term = useDebounced(q.trim(), 250)
  const results = useQuery({ queryKey: orgKeys.search(term), queryFn: () => searchOrgs(term), enabled: term.length > 0 && term.length <= 50 })
  const options = term && results.data ? results.data.items.map((o) => ({ value: o.id, label: <NodeTitle org={o} /> })) : []
  return (
    <AutoComplete
      style={{ width: '100%' }}
      value={q}
      options={options}
      onSearch={setQ}
      onSelect={(id: string) => {
        setQ('')
        onSelect(id)
      }}
      notFoundContent={term && results.isFetched && !results.isFetching ? L.searchNone : null}
    >
      <Input.Search aria-label={L.search} placeholder={L.searchPlaceholder} allowClear loading={results.isFetching} />
    </AutoComplete>
  )
}

export function OrgTree({ roots, selectedId, expanded, onExpand, onSelect }: OrgTreeProps) {
  const { L } = useOrgLabels()
  const queryClient = useQueryClient()
  const rootQueries = useQueries({ queries: roots.map((id) => ({ queryKey: orgKeys.detail(id), queryFn: () => fetchOrg(id) })) })
  const childQueries = useQueries({ queries: expanded.map((id) => ({ queryKey: orgKeys.children(id), queryFn: () => fetchAllChildren(id) })) })
  const treeRef = useRef<{ scrollTo: (opts: { key: string; align?: 'top' | 'bottom' | 'auto' }) => void } | null>(null)

  const childData = childQueries.map((q) => q.data)
  const rootData = rootQueries.map((q) => q.data)
  const childrenOf = new Map<string, OrgSummary[] | undefined>(expanded.map((id, i) => [id, childData[i]]))
  const toNode = (o: OrgSummary, seen: Set<string>): TreeDataNode => {
    const kids = seen.has(o.id) ? undefined : childrenOf.get(o.id)
    const next = new Set(seen).add(o.id)
    return {
      key: o.id,
      title: <NodeTitle org={o} />,
      isLeaf: o.childCount === 0 && !kids?.length,
      children: kids?.map((k) => toNode(k, next)),
    }
  }
  const treeData: TreeDataNode[] = rootData.filter((r): r is NonNullable<typeof r> => !!r).map((r) => toNode(r, new Set()))

  // Bring the selected node into view once it is in the tree (deep links, search hits).
  const inTree = new Set<string>()
  const walk = (nodes: TreeDataNode[]) => nodes.forEach((n) => { inTree.add(String(n.key)); if (n.children) walk(n.children) })
  walk(treeData)
  const scrolledFor = useRef<string | null>(null)
  const selectedInTree = !!selectedId && inTree.has(selectedId)
  useEffect(() => {
    if (!selectedId || !selectedInTree || scrolledFor.current === selectedId) return
    scrolledFor.current = selectedId
    treeRef.current?.scrollTo({ key: selectedId, align: 'auto' })
  }, [selectedId, selectedInTree])

  const loadData: TreeProps['loadData'] = (node) =>
    queryClient.ensureQueryData({ queryKey: orgKeys.children(String(node.key)), queryFn: () => fetchAllChildren(String(node.key)) }).then(() => undefined)

  if (rootQueries.some((q) => q.isPending)) return <Spin />
  if (treeData.length === 0) return <Typography.Text style={{ color: '#595959' }}>{L.childrenNone}</Typography.Text>
  return (
    <Tree
      ref={treeRef as never}
      aria-label={L.treeLabel}
      treeData={treeData}
      loadData={loadData}
      expandedKeys={expanded}
      onExpand={(keys) => onExpand(keys.map(String))}
      selectedKeys={selectedId ? [selectedId] : []}
      onSelect={(keys) => {
        const key = keys[0]
        if (key !== undefined) onSelect(String(key))
      }}
      height={560}
      blockNode
      switcherIcon={({ expanded }) => (
        <svg aria-hidden="true" viewBox="0 0 16 16" width="10" height="10" style={{ transform: expanded ? 'rotate(90deg)' : undefined, transition: 'transform .2s', verticalAlign: '-1px' }}>
          <path d="M5 2l6 6-6 6z" fill="currentColor" />
        </svg>
      )}
    />
  )
}
