// Building → household → person (issue 13): on a building's page, its households (户号) and who
// lives in each, masked as everywhere (the resident list's rules: GET /residents?orgId=), with the
// people needing care marked.
import { useEffect } from 'react'
import { Card, Empty, Table, Tag, Typography } from 'antd'
import type { Resident } from '@server/modules/residents/residents.schemas.ts'
import { relationLabels, tagLabels } from '@server/modules/residents/residents.schemas.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { useCursorList } from '../../../shared/useCursorList.ts'
import { errorMessage } from '../../common.tsx'

const words = {
  zh: { title: '住户', households: '{h} 户 · {n} 人', household: '户号', none: '（未登记户号）', people: '居民', empty: '这栋楼还没有登记居民', relation: '与户主关系' },
  en: { title: 'Households', households: '{h} households · {n} people', household: 'Household', none: '(no household number)', people: 'Residents', empty: 'No residents on record in this building', relation: 'Relation' },
}

interface HouseholdRow { key: string; household: string | null; people: Resident[] }

export function BuildingHouseholds({ buildingId }: { buildingId: string }) {
  const { lang } = useI18n()
  const W = words[lang]
  const list = useCursorList<Resident>(['residents', 'building', buildingId], '/residents', (s) => s.set('orgId', buildingId), { pageSize: 200 })
  // The households and counts need every resident of the building, not only the first page.
  useEffect(() => {
    if (list.hasNextPage && !list.isFetchingNextPage) void list.fetchNextPage()
  }, [list])
  const byHousehold = new Map<string, HouseholdRow>()
  for (const r of list.items) {
    const key = r.household ?? `person:${r.id}`
    const row = byHousehold.get(key) ?? { key, household: r.household, people: [] }
    row.people.push(r)
    byHousehold.set(key, row)
  }
  const rows = [...byHousehold.values()].sort((a, b) => (a.household ?? '\uffff').localeCompare(b.household ?? '\uffff', 'zh-CN', { numeric: true }))
  return (
    <Card title={W.title} style={{ marginTop: 16 }}>
      {list.error ? <Typography.Text type="danger" role="alert">{errorMessage(list.error)}</Typography.Text> : (
        <>
          <Typography.Paragraph type="secondary">{W.households.replace('{h}', String(rows.length)).replace('{n}', String(list.items.length))}</Typography.Paragraph>
          <Table<HouseholdRow>
            rowKey="key"
            size="small"
            pagination={false}
            loading={list.isPending}
            dataSource={rows}
            locale={{ emptyText: list.isPending ? ' ' : <Empty description={W.empty} /> }}
            columns={[
              { title: W.household, key: 'household', width: 140, render: (_, h) => h.household ?? <Typography.Text type="secondary">{W.none}</Typography.Text> },
              {
                title: W.people,
                key: 'people',
                render: (_, h) => h.people.map((p) => (
                  <div key={p.id}>
                    <strong>{p.name}</strong>
                    {p.relation && <Typography.Text type="secondary"> · {relationLabels[p.relation][lang]}</Typography.Text>}
                    {p.phone && <Typography.Text type="secondary"> · {p.phone}</Typography.Text>}
                    {p.tags.map((t) => <Tag key={t} color="red" style={{ marginInlineStart: 6 }}>{tagLabels[t][lang]}</Tag>)}
                  </div>
                )),
              },
            ]}
          />
        </>
      )}
    </Card>
  )
}
