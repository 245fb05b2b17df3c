// The figures of notices per community over a period (GET /broadcasts/figures): notices, people
// reached, opened and acknowledged, the median minutes until 80 % acknowledged, and the calls
// saved: the share of recipients nobody had to phone or visit (西湖 "红喇叭": calls −90 %).
import { useState } from 'react'
import { useQuery } from '@tanstack/react-query'
import { Alert, DatePicker, Space, Table } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import type { CommunityFigures as Figures } from '@server/modules/broadcasts/broadcasts.schemas.ts'
import { api, type Me } from '../../../shared/api.ts'
import { EmptyText, errorMessage, OrgSelect } from '../../common.tsx'
import { useMe } from '../../auth.tsx'
import { duration, useBroadcastLabels } from './labels.ts'
import { useI18n } from '../../../shared/i18n.tsx'

type Row = Figures['items'][number]

export function CommunityFigures() {
  const L = useBroadcastLabels()
  const { lang } = useI18n()
  const me = useMe().data as Me | undefined
  const [orgId, setOrgId] = useState<string | undefined>()
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(1, 'year'), dayjs()])
  const node = orgId ?? me?.roles?.[0]?.orgId
  const figures = useQuery({
    queryKey: ['broadcasts', 'community-figures', node, range[0].format('YYYY-MM-DD'), range[1].format('YYYY-MM-DD')],
    queryFn: () => api<Figures>(`/broadcasts/figures?orgId=${node}&from=${range[0].format('YYYY-MM-DD')}&to=${range[1].format('YYYY-MM-DD')}`),
    enabled: !!node,
  })
  const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`)
  return (
    <div>
      <Space wrap style={{ marginBottom: 16 }}>
        <OrgSelect aria-label={L.scope} placeholder={L.scope} style={{ width: 260 }} value={node} onChange={setOrgId} />
        <DatePicker.RangePicker aria-label={L.period} value={range} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} allowClear={false} />
      </Space>
      {figures.error && <Alert type="error" showIcon title={errorMessage(figures.error)} role="alert" style={{ marginBottom: 16 }} />}
      <Table<Row> rowKey={(r) => r.org.id} size="middle" dataSource={figures.data?.items ?? []} loading={figures.isFetching} pagination={false}
        locale={{ emptyText: <EmptyText>{L.none}</EmptyText> }}
        columns={[
          { title: L.scope, key: 'org', render: (_, r) => r.org.name },
          { title: L.notices, dataIndex: 'notices', align: 'right' },
          { title: L.recipients, dataIndex: 'recipients', align: 'right' },
          { title: L.opened, key: 'opened', align: 'right', render: (_, r) => `${r.opened}（${pct(r.recipients ? r.opened / r.recipients : null)}）` },
          { title: L.acknowledged, key: 'acked', align: 'right', render: (_, r) => `${r.acknowledged}（${pct(r.recipients ? r.acknowledged / r.recipients : null)}）` },
          { title: L.median80, key: 'median', align: 'right', render: (_, r) => duration(r.medianMinutesTo80, lang) },
          { title: L.callsNeeded, dataIndex: 'callsNeeded', align: 'right' },
          { title: L.callsSaved, key: 'saved', align: 'right', render: (_, r) => <strong style={{ color: '#135200' }}>{pct(r.callsSaved)}</strong>, sorter: (a, b) => (a.callsSaved ?? 0) - (b.callsSaved ?? 0) },
        ]} />
    </div>
  )
}
