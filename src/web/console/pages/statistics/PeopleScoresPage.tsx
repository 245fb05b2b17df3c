// 人员考核 /statistics/people: the grid workers or the in-service members under a node, ranked on
// their scorecard for a month, quarter or year: rank, name, grid or community, score with the
// change against the period before, and a cell per line coloured by its band with the figure, the
// points and the cut-offs on hover; 50 a page (ranked on the server), exported whole to Excel.
import { useState } from 'react'
import { useSearchParams } from 'react-router'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { Alert, App, Button, Flex, Segmented, Select, Space, Table, Tooltip, Typography } from 'antd'
import { ArrowDownOutlined, ArrowUpOutlined, DownloadOutlined, MinusOutlined } from '@ant-design/icons'
import type { PeopleScores, PersonCard, ScorecardLine } from '@server/modules/statistics/statistics.people.schemas.ts'
import { api } from '../../../shared/api.ts'
import { download, errorMessage, OrgSelect, PageTheme, StatusTag } from '../../common.tsx'
import { useI18n } from '../../../shared/i18n.tsx'
import { kindOf, lastMonth, periodsOf, type Kind } from './periods.ts'
import { CELL_COLORS, scoreTone, usePeopleLabels, type PeopleLabels } from './peopleLabels.ts'
import { PeopleTargetsDrawer } from './PeopleTargetsDrawer.tsx'

const PAGE = 50

export function Trend({ value, L }: { value: number | null; L: PeopleLabels }) {
  if (value === null) return <Typography.Text type="secondary">—</Typography.Text>
  const [icon, color] = value > 0 ? [<ArrowUpOutlined key="u" />, '#135200'] : value < 0 ? [<ArrowDownOutlined key="d" />, '#a8071a'] : [<MinusOutlined key="m" />, '#595959']
  return <span style={{ color, whiteSpace: 'nowrap' }} aria-label={`${L.trend} ${value}`}>{icon} {value > 0 ? '+' : ''}{value}</span>
}

export function PersonCell({ line, card, L }: { line: ScorecardLine; card: PersonCard; L: PeopleLabels }) {
  const { lang } = useI18n()
  const c = card.cells[line.code]
  const color = c?.color ?? 'none'
  const unit = line.unit[lang] === '%' ? '%' : ` ${line.unit[lang]}`
  const value = c?.value === null || c?.value === undefined ? '—' : `${c.value}${unit}`
  const tip = L.cellTip(line.name[lang], L.figure(value, c?.numerator, c?.denominator), color === 'none' ? L.noData : L.points(c!.points, line.weight), L.cuts(line.green, line.yellow, unit))
  return (
    <Tooltip title={tip}>
      <div tabIndex={0} aria-label={`${L.color[color]}：${tip}`} data-color={color}
        style={{ background: CELL_COLORS[color]!.fill, color: CELL_COLORS[color]!.text, padding: '4px 8px', borderRadius: 4, textAlign: 'right', cursor: 'help', whiteSpace: 'nowrap' }}>
        {value}
      </div>
    </Tooltip>
  )
}

export default function PeopleScoresPage() {
  const L = usePeopleLabels()
  const { lang } = useI18n()
  const { message } = App.useApp()
  const [params, setParams] = useSearchParams()
  const period = params.get('period') ?? lastMonth()
  const role = params.get('role') === 'member' ? 'member' : 'grid_worker'
  const orgId = params.get('orgId') ?? undefined
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined])
  const [page, setPage] = useState(1)
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params)
    for (const [k, v] of Object.entries(patch)) if (v === undefined) next.delete(k); else next.set(k, v)
    setParams(next, { replace: true })
    setCursors([undefined])
    setPage(1)
  }
  const base = { period, role, ...(orgId ? { orgId } : {}) }
  const cursor = cursors[page - 1]
  const scores = useQuery({
    queryKey: ['people-scores', orgId, period, role, cursor],
    queryFn: () => api<PeopleScores>(`/assessments/people?${new URLSearchParams({ ...base, limit: String(PAGE), ...(cursor ? { cursor } : {}) })}`),
    placeholderData: keepPreviousData,
  })
  // The first page carries the counts; later pages keep them.
  const first = useQuery({ queryKey: ['people-scores', orgId, period, role, undefined], queryFn: () => api<PeopleScores>(`/assessments/people?${new URLSearchParams({ ...base, limit: String(PAGE) })}`), enabled: page > 1 })
  const data = scores.data
  const counts = page === 1 ? data : first.data
  const lines = data?.scorecard ?? []
  const save = () => download(`/assessments/people/export.xlsx?${new URLSearchParams(base)}`, `${L.title}-${L[role]}-${data?.org.name ?? ''}-${period}.xlsx`).catch((err) => message.error(errorMessage(err)))

  const columns = [
    { key: 'rank', title: L.rank, width: 64, fixed: 'left' as const, align: 'center' as const, render: (_: unknown, r: PersonCard) => r.rank ?? '—' },
    { key: 'name', title: L.name, width: 110, fixed: 'left' as const, render: (_: unknown, r: PersonCard) => <Typography.Text strong>{r.name}</Typography.Text> },
    { key: 'org', title: L.org[role], width: 150, render: (_: unknown, r: PersonCard) => r.orgName },
    { key: 'score', title: L.score, width: 88, align: 'center' as const,
      render: (_: unknown, r: PersonCard) => <Tooltip title={L.previousOf(data?.previous ?? '', r.previousScore)}><span><StatusTag tone={scoreTone(r.score)}>{r.score === null ? L.noScore : r.score}</StatusTag></span></Tooltip> },
    { key: 'trend', title: L.trend, width: 84, render: (_: unknown, r: PersonCard) => <Trend value={r.trend} L={L} /> },
    ...lines.map((l) => ({
      key: l.code,
      width: 128,
      title: (
        <Tooltip title={`${l.definition[lang]}（${L.weight} ${l.weight}；${L.cuts(l.green, l.yellow, l.unit[lang] === '%' ? '%' : ` ${l.unit[lang]}`)}）`}>
          <span>{l.name[lang]}<div style={{ color: '#595959', fontWeight: 400 }}>{L.weight} {l.weight}</div></span>
        </Tooltip>
      ),
      render: (_: unknown, r: PersonCard) => <PersonCell line={l} card={r} L={L} />,
    })),
  ]

  const kind = kindOf(period)
  return (
    <PageTheme>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }}>{L.title}{data ? ` · ${data.org.name}` : ''}</Typography.Title>
        {counts?.total !== undefined && <Typography.Text type="secondary">{L.summary(counts.total, counts.scored ?? 0, counts.average ?? null)}</Typography.Text>}
      </Flex>
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented aria-label={L.role} value={role} onChange={(v) => set({ role: v === 'member' ? 'member' : undefined })}
          options={[{ value: 'grid_worker', label: L.grid_worker }, { value: 'member', label: L.member }]} />
        <Segmented aria-label={L.periodKind} value={kind} onChange={(v) => set({ period: periodsOf(v as Kind)[v === 'month' ? 1 : 0] })}
          options={[{ value: 'month', label: L.month }, { value: 'quarter', label: L.quarter }, { value: 'year', label: L.year }]} />
        <Select aria-label={L.period} style={{ width: 140 }} value={period} onChange={(v) => set({ period: v })} options={periodsOf(kind).map((p) => ({ value: p, label: p }))} />
        <OrgSelect aria-label={L.scope} placeholder={data?.org.name ?? L.scope} style={{ width: 240 }} value={orgId} onChange={(v) => set({ orgId: v ?? undefined })} allowClear />
        <Button icon={<DownloadOutlined />} onClick={() => void save()}>{L.export}</Button>
        {data && <PeopleTargetsDrawer orgId={data.org.id} orgName={data.org.name} role={role} who={L[role]} />}
      </Space>
      {scores.error && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={errorMessage(scores.error)} />}
      <Table<PersonCard>
        rowKey="personId"
        size="small"
        bordered
        loading={scores.isFetching}
        dataSource={data?.items ?? []}
        columns={columns}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: L.empty }}
        pagination={false}
      />
      {(page > 1 || data?.nextCursor) && (
        <Flex justify="flex-end" align="center" gap={8} style={{ marginTop: 12 }}>
          <Typography.Text type="secondary">{L.pageOf(page, counts?.total ? Math.ceil(counts.total / PAGE) : null)}</Typography.Text>
          <Button disabled={page === 1} onClick={() => setPage(page - 1)}>{L.prev}</Button>
          <Button disabled={!data?.nextCursor} onClick={() => { const next = data!.nextCursor!; setCursors((c) => { const n = [...c]; n[page] = next; return n }); setPage(page + 1) }}>{L.next}</Button>
        </Flex>
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>{L.rule}</Typography.Paragraph>
    </PageTheme>
  )
}
