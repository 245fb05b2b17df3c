// 统计一套表: a node's figures for a month, quarter or year, one ledger at a time (民生 or 党建):
// one row per child with the total row fixed at the bottom, each indicator's definition and how
// it adds up on hover, a ratio's numerator and denominator on hover, a child opened by its name.
// A breakdown (按性别 / 按年龄段 / 按党员类型 / 按类别) splits the indicators that have it into
// sub-columns under a two-level header, as a street office's sheets are laid out: the figure, then
// each part, the part's definition on hover; the indicators without it are set aside.
import { useMemo } from 'react'
import { Link, useSearchParams } from 'react-router'
import { useQuery } from '@tanstack/react-query'
import { Alert, Button, Flex, Segmented, Select, Space, Table, Tag, Tooltip, Typography } from 'antd'
import { ArrowUpOutlined, LockOutlined, QuestionCircleOutlined } from '@ant-design/icons'
import type { Indicator, StatisticsTable } from '@server/modules/statistics/statistics.schemas.ts'
import { api } from '../../../shared/api.ts'
import { errorMessage, formatTime, OrgSelect, PageTheme, StatusTag } from '../../common.tsx'
import { useI18n } from '../../../shared/i18n.tsx'
import { lockText, useStatisticsLabels } from './labels.ts'
import { kindOf, lastMonth, periodsOf, type Kind } from './periods.ts'
import { ExportButtons } from './ExportButtons.tsx'

type Row = StatisticsTable['rows'][number]
const BREAKDOWN_KEYS = ['gender', 'ageBand', 'memberKind', 'category'] as const

export default function StatisticsPage() {
  const L = useStatisticsLabels()
  const { lang } = useI18n()
  const [params, setParams] = useSearchParams()
  // By default the last complete month: the one a community reports.
  const period = params.get('period') ?? lastMonth()
  const ledger = params.get('ledger') === 'party' ? 'party' : 'livelihood'
  const orgId = params.get('orgId') ?? undefined
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params)
    for (const [k, v] of Object.entries(patch)) if (v === undefined) next.delete(k); else next.set(k, v)
    setParams(next, { replace: true })
  }
  const breakdown = BREAKDOWN_KEYS.find((k) => k === params.get('breakdown'))
  const query = new URLSearchParams({ period, ledger, ...(orgId ? { orgId } : {}), ...(breakdown ? { breakdown } : {}) })
  const table = useQuery({ queryKey: ['statistics', orgId, period, ledger, breakdown], queryFn: () => api<StatisticsTable>(`/statistics?${query}`) })
  const data = table.data
  const fmt = (n: number | null, i: Indicator) => (n === null ? '—' : `${n.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US')}${i.kind === 'ratio' && i.scale === 100 ? '%' : ''}`)
  const split = data?.breakdown
  const shownIndicators = useMemo(() => (data?.indicators ?? []).filter((i) => !split || split.codes.includes(i.code)), [data, split])

  const columns = useMemo(() => shownIndicators.map((i) => ({
    key: i.code,
    align: 'right' as const,
    width: 132,
    title: (
      <Tooltip title={<div><div>{L.definition}：{i.definition[lang]}</div><div>{L.aggregation[i.tree]}；{L.time[i.time]}</div></div>}>
        <span>{i.name[lang]}<span style={{ color: '#595959', fontWeight: 400 }}>（{i.unit[lang]}）</span> <QuestionCircleOutlined style={{ color: '#595959' }} /></span>
      </Tooltip>
    ),
    render: (_: unknown, r: Row) => {
      const c = r.values[i.code]
      if (!c) return '—'
      const shown = fmt(c.value, i)
      const figure = i.kind !== 'ratio' ? shown : <Tooltip title={c.denominator ? L.ratioOf(c.numerator ?? 0, c.denominator) : L.noDenominator}><span>{shown}</span></Tooltip>
      if (!c.live) return figure
      // A frozen figure (a report's snapshot) whose records moved since: the live figure beside it.
      const live = fmt(c.live.value, i) + (i.kind === 'ratio' && c.live.denominator ? `（${L.ratioOf(c.live.numerator ?? 0, c.live.denominator)}）` : '')
      return (
        <Space size={4} wrap={false}>
          {figure}
          <Tooltip title={L.movedTip(live, shown)} trigger={['hover', 'focus']}>
            <Tag color="orange" style={{ marginInlineEnd: 0, color: '#7a4500', cursor: 'help' }} tabIndex={0}>{L.moved}</Tag>
          </Tooltip>
        </Space>
      )
    },
  })), [shownIndicators, L, lang])

  // With a breakdown: each split indicator's header spans its figure and its parts (those any row has, in the key's order).
  const leaves = useMemo(() => columns.flatMap((col, k) => {
    const i = shownIndicators[k]!
    if (!split || !data) return [{ col, indicator: i }]
    const seen = new Set([...data.rows, data.total].flatMap((r) => Object.keys(r.values[i.code]?.parts ?? {})))
    const order = Object.keys(split.labels)
    const parts = [...seen].sort((a, b) => (order.indexOf(a) + 1 || 999) - (order.indexOf(b) + 1 || 999) || a.localeCompare(b))
    const label = (p: string) => split.labels[p]?.[lang] ?? p.slice(p.indexOf(':') + 1)
    return [{ col: { ...col, key: `${i.code}|total`, title: L.partTotal }, indicator: i },
      ...parts.map((p) => ({ indicator: i, col: {
        key: `${i.code}|${p}`, align: 'right' as const, width: 96,
        title: <Tooltip title={<div><div>{L.partOf(label(p), i.name[lang])}</div><div>{split.definition[lang]}</div></div>}><span>{label(p)}</span></Tooltip>,
        render: (_: unknown, r: Row) => {
          const c = r.values[i.code]?.parts?.[p]
          const shown = fmt(c ? c.value : i.kind === 'count' ? 0 : null, i)
          return i.kind !== 'ratio' ? shown : <Tooltip title={c?.denominator ? L.ratioOf(c.numerator ?? 0, c.denominator) : L.noDenominator}><span>{shown}</span></Tooltip>
        },
      } }))]
  }), [columns, shownIndicators, split, data, L, lang])
  const headed = split
    ? shownIndicators.map((i) => ({ key: i.code, title: columns[shownIndicators.indexOf(i)]!.title, children: leaves.filter((l) => l.indicator === i).map((l) => l.col) }))
    : columns

  const kind = kindOf(period)
  return (
    <PageTheme>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }}>{L.title}{data ? ` · ${data.org.name}` : ''}</Typography.Title>
        {data && <StatusTag tone={data.state === 'open' ? 'muted' : 'success'}>{L.state[data.state]}</StatusTag>}
      </Flex>
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented aria-label={L.ledger} value={ledger} onChange={(v) => set({ ledger: v === 'party' ? 'party' : undefined })}
          options={[{ value: 'livelihood', label: L.livelihood }, { value: 'party', label: L.party }]} />
        <Segmented aria-label={L.periodKind} value={kind} onChange={(v) => set({ period: periodsOf(v as Kind)[v === 'month' ? 1 : 0] })}
          options={[{ value: 'month', label: L.month }, { value: 'quarter', label: L.quarter }, { value: 'year', label: L.year }]} />
        <Select aria-label={L.period} style={{ width: 140 }} value={period} onChange={(v) => set({ period: v })} options={periodsOf(kind).map((p) => ({ value: p, label: p }))} />
        <OrgSelect aria-label={L.scope} placeholder={data?.org.name ?? L.scope} style={{ width: 240 }} value={orgId} onChange={(v) => set({ orgId: v ?? undefined })} allowClear />
        {orgId && <Button icon={<ArrowUpOutlined />} onClick={() => set({ orgId: undefined })}>{L.up}</Button>}
        <ExportButtons orgId={orgId} orgName={data?.org.name} period={period} />
      </Space>
      <Flex align="center" gap={8} wrap style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{L.breakdownSwitch}</Typography.Text>
        <Segmented aria-label={L.breakdownSwitch} value={breakdown ?? 'none'} onChange={(v) => set({ breakdown: v === 'none' ? undefined : String(v) })}
          options={(['none', ...BREAKDOWN_KEYS] as const).map((k) => ({ value: k, label: L.breakdowns[k] }))} />
      </Flex>
      {split && data && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }}
          title={split.codes.length === 0 ? L.noneSplit(0) : L.hiddenBySplit(data.indicators.length - split.codes.length)} />
      )}
      {table.error && <Alert type="error" showIcon title={errorMessage(table.error)} role="alert" style={{ marginBottom: 16 }} />}
      {data?.lock && (
        <Alert type={data.lock.unlockedUntil ? 'warning' : 'info'} showIcon icon={<LockOutlined />} style={{ marginBottom: 12 }}
          title={<span>{L.locked}{lockText(data.lock, lang)}</span>}
          description={[
            data.frozen.length > 0 ? L.frozenNote : null,
            data.lock.unlockedUntil ? L.unlockedUntil(formatTime(data.lock.unlockedUntil)) : null,
          ].filter(Boolean).join(' ') || undefined}
          action={<Link to={`/statistics/reports?${new URLSearchParams({ period, ...(orgId ? { orgId } : {}) })}`}>{L.toReports}</Link>} />
      )}
      {data && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {L.computedAt}：{data.computedAt ? new Date(data.computedAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { hour12: false }) : L.never}
          {' · '}{data.waiting > 0 ? L.waiting(data.waiting) : L.fresh}
        </Typography.Paragraph>
      )}
      <Table<Row>
        rowKey="orgId"
        size="middle"
        bordered
        loading={table.isFetching}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: L.empty }}
        dataSource={data?.rows ?? []}
        columns={[
          { key: 'name', title: L.unit, fixed: 'left', width: 160, render: (_, r) => <Button type="link" style={{ padding: 0 }} onClick={() => set({ orgId: r.orgId })} title={L.drill}>{r.name}</Button> },
          ...headed,
        ]}
        summary={() => data ? (
          <Table.Summary fixed="bottom">
            <Table.Summary.Row style={{ fontWeight: 600, background: '#fafafa' }}>
              <Table.Summary.Cell index={0}>{L.total}</Table.Summary.Cell>
              {leaves.map((l, k) => (
                <Table.Summary.Cell key={l.col.key} index={k + 1} align="right">{l.col.render(null, data.total)}</Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          </Table.Summary>
        ) : null}
      />
    </PageTheme>
  )
}
