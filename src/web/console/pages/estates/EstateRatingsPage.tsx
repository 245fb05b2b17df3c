// 五色小区: the estates in the caller's scope with their current colour, a dialog to rate one
// (a score per criterion, the total and colour shown live by the server's own rule), and each
// estate's history.
import { useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Drawer, Flex, Form, Input, InputNumber, Modal, Select, Space, Table, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import dayjs from 'dayjs'
import { api } from '../../../shared/api.ts'
import { roleLevels } from '../../../shared/roles.ts'
import { colorOf, colorStyles, colorThresholds, estateColors, totalOf, type EstateColor } from '@server/modules/estates/estates.rating.ts'
import type { EstateRatingItem, Rating } from '@server/modules/estates/estates.schemas.ts'
import { EmptyText, errorMessage, formatTime, PageTheme, useLabels } from '../../common.tsx'
import { FormError, useFormSubmit } from '../visits/parts.tsx'
import { useLevel } from '../../auth.tsx'
import { useI18n } from '../../../shared/i18n.tsx'
import { useCursorPages } from '../../../shared/useCursorPages.ts'

const labels = {
  zh: {
    title: '五色小区',
    intro: '总分 ≥90 绿、≥80 蓝、≥70 黄、≥60 橙、<60 红；评为红色自动生成物业整改事件。',
    color: { green: '绿', blue: '蓝', yellow: '黄', orange: '橙', red: '红' } as Record<EstateColor, string>,
    estate: '小区',
    community: '社区',
    firm: '物业公司',
    current: '当前评定',
    none: '尚未评定',
    period: '期间',
    periodExtra: '月度如 2026-11，季度如 2026-Q4',
    periodBad: '格式应为 2026-11 或 2026-Q4',
    total: '总分',
    note: '说明',
    rate: '评定',
    history: '历史',
    rateTitle: '评定：{name}',
    historyTitle: '评定历史：{name}',
    filterColor: '按颜色筛选',
    allColors: '全部颜色',
    submit: '提交评定',
    cancel: '取消',
    rated: '{name} 评定为{color}（{total} 分）',
    caseOpened: '，已生成整改事件 #{id}',
    empty: '没有符合条件的小区',
    ratedBy: '评定人',
    ratedAt: '评定时间',
    caseLink: '整改事件',
    required: '请为“{name}”评分',
    more: '加载更多',
    actions: '操作',
  },
  en: {
    title: 'Estate ratings',
    intro: 'Total ≥ 90 green, ≥ 80 blue, ≥ 70 yellow, ≥ 60 orange, below 60 red; a red rating opens a rectification case for the property firm.',
    color: { green: 'Green', blue: 'Blue', yellow: 'Yellow', orange: 'Orange', red: 'Red' } as Record<EstateColor, string>,
    estate: 'Estate',
    community: 'Community',
    firm: 'Property firm',
    current: 'Current rating',
    none: 'Not rated yet',
    period: 'Period',
    periodExtra: 'A month like 2026-11 or a quarter like 2026-Q4',
    periodBad: 'Use 2026-11 or 2026-Q4',
    total: 'Total',
    note: 'Note',
    rate: 'Rate',
    history: 'History',
    rateTitle: 'Rate {name}',
    historyTitle: 'Ratings of {name}',
    filterColor: 'Filter by colour',
    allColors: 'All colours',
    submit: 'Submit',
    cancel: 'Cancel',
    rated: '{name} rated {color} ({total})',
    caseOpened: '; rectification case #{id} opened',
    empty: 'No estates match',
    ratedBy: 'Rated by',
    ratedAt: 'Rated at',
    caseLink: 'Rectification case',
    required: 'Score "{name}"',
    more: 'Load more',
    actions: 'Actions',
  },
}

// Chip colours with at least 4.5:1 contrast for their text.
const chipStyle = Object.fromEntries(Object.entries(colorStyles).map(([c, v]) => [c, { background: v.fill, color: v.onFill }])) as Record<EstateColor, { background: string; color: string }>

export function ColorChip({ color, total }: { color: EstateColor; total?: number }) {
  const L = useLabels(labels)
  return (
    <span data-color={color} style={{ ...chipStyle[color], display: 'inline-block', minWidth: 28, padding: '1px 8px', borderRadius: 10, fontWeight: 600, textAlign: 'center' }}>
      {L.color[color]}{total !== undefined ? ` ${total}` : ''}
    </span>
  )
}

interface Criterion { code: string; name: string; nameEn: string; maxScore: number }

export default function EstateRatingsPage() {
  return (
    <PageTheme>
      <EstateRatings />
    </PageTheme>
  )
}

function EstateRatings() {
  const L = useLabels(labels)
  const canRate = useLevel() >= roleLevels.community_cadre!
  const [color, setColor] = useState<EstateColor | undefined>()
  const [rating, setRating] = useState<EstateRatingItem | null>(null)
  const [history, setHistory] = useState<EstateRatingItem | null>(null)
  const list = useCursorPages<EstateRatingItem>(['estates', 'ratings', color], '/estate-ratings', (s) => {
    if (color) s.set('color', color)
  }, { pageSize: 100 })
  const rows = list.items
  const columns: ColumnsType<EstateRatingItem> = [
    { title: L.estate, key: 'estate', width: 180, render: (_, r) => r.estate.name },
    { title: L.community, key: 'community', width: 140, render: (_, r) => r.community?.name ?? '—' },
    { title: L.firm, dataIndex: 'propertyFirm', render: (f: string | null) => f ?? '—' },
    {
      title: L.current,
      key: 'current',
      width: 200,
      render: (_, r) => (r.current ? <Space><ColorChip color={r.current.color} total={r.current.total} /><span>{r.current.period}</span></Space> : <EmptyText>{L.none}</EmptyText>),
    },
    {
      title: L.actions,
      key: 'actions',
      width: 160,
      render: (_, r) => (
        <Space>
          {canRate && <Button size="small" type="primary" autoInsertSpace={false} onClick={() => setRating(r)} aria-label={`${L.rate} ${r.estate.name}`}>{L.rate}</Button>}
          <Button size="small" autoInsertSpace={false} onClick={() => setHistory(r)} aria-label={`${L.history} ${r.estate.name}`}>{L.history}</Button>
        </Space>
      ),
    },
  ]
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }}>{L.title}</Typography.Title>
      <Typography.Paragraph>{L.intro}</Typography.Paragraph>
      <Flex wrap gap={12} style={{ marginBottom: 16 }}>
        <Select aria-label={L.filterColor} placeholder={L.allColors} allowClear value={color} onChange={setColor} style={{ width: 160 }}
          options={estateColors.map((c) => ({ value: c, label: L.color[c] }))} />
      </Flex>
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} role="alert" />}
      <Table<EstateRatingItem> rowKey={(r) => r.estate.id} columns={columns} dataSource={rows} pagination={list.pagination} size="middle" scroll={{ x: 900 }}
        loading={list.isFetching} locale={{ emptyText: list.isPending ? ' ' : <EmptyText>{L.empty}</EmptyText> }} />
      <RateDialog item={rating} onClose={() => setRating(null)} />
      <HistoryDrawer item={history} onClose={() => setHistory(null)} />
    </div>
  )
}

interface RateForm { period: string; scores: Record<string, number | null>; note?: string }

function RateDialog({ item, onClose }: { item: EstateRatingItem | null; onClose: () => void }) {
  const L = useLabels(labels)
  const { lang } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<RateForm>()
  const criteria = useQuery({ queryKey: ['estates', 'criteria'], queryFn: () => api<{ items: Criterion[] }>('/estate-rating-criteria'), staleTime: 300_000 })
  const items = criteria.data?.items ?? []
  const scores = (Form.useWatch('scores', form) ?? {}) as Record<string, number | null>
  const filled = Object.fromEntries(Object.entries(scores).filter(([, v]) => typeof v === 'number')) as Record<string, number>
  const total = totalOf(filled)
  const complete = items.length > 0 && items.every((c) => typeof scores[c.code] === 'number')

  const { submit, error, busy } = useFormSubmit(form, () => ['period', 'note', ...items.map((c) => `scores.${c.code}`)], async (v) => {
    if (!item) return
    const r = await api<Rating>(`/estates/${item.estate.id}/ratings`, { method: 'POST', body: { period: v.period, scores: v.scores, ...(v.note ? { note: v.note } : {}) } })
    message.success(L.rated.replace('{name}', item.estate.name).replace('{color}', L.color[r.color]).replace('{total}', String(r.total)) + (r.caseId ? L.caseOpened.replace('{id}', r.caseId) : ''))
    await queryClient.invalidateQueries({ queryKey: ['estates'] })
    onClose()
  })

  return (
    <Modal open={!!item} title={item ? L.rateTitle.replace('{name}', item.estate.name) : ''} onCancel={onClose} destroyOnHidden width={560}
      okText={L.submit} cancelText={L.cancel} onOk={() => form.submit()} okButtonProps={{ loading: busy }}>
      <FormError error={error} />
      <Form<RateForm> form={form} layout="horizontal" labelCol={{ span: 8 }} onFinish={submit} initialValues={{ period: dayjs().format('YYYY-MM'), scores: {} }} preserve={false}>
        <Form.Item name="period" label={L.period} extra={L.periodExtra} rules={[{ required: true, pattern: /^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/, message: L.periodBad }]}>
          <Input style={{ width: 140 }} />
        </Form.Item>
        {items.map((c) => (
          <Form.Item key={c.code} name={['scores', c.code]} label={`${lang === 'en' ? c.nameEn : c.name}（0–${c.maxScore}）`}
            rules={[{ required: true, message: L.required.replace('{name}', lang === 'en' ? c.nameEn : c.name) }]}>
            <InputNumber min={0} max={c.maxScore} step={0.5} precision={1} style={{ width: 120 }} />
          </Form.Item>
        ))}
        <Form.Item label={L.total}>
          <Space aria-live="polite" data-testid="live-total">
            <strong>{total}</strong>
            {complete && <ColorChip color={colorOf(total)} />}
            <span style={{ color: '#595959' }}>{colorThresholds.map((x) => `${L.color[x.color]}≥${x.min}`).slice(0, 4).join(' ')}</span>
          </Space>
        </Form.Item>
        <Form.Item name="note" label={L.note}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  )
}

function HistoryDrawer({ item, onClose }: { item: EstateRatingItem | null; onClose: () => void }) {
  const L = useLabels(labels)
  const history = useQuery({
    queryKey: ['estates', 'history', item?.estate.id],
    queryFn: () => api<{ items: Rating[] }>(`/estates/${item!.estate.id}/ratings`),
    enabled: !!item,
  })
  const columns: ColumnsType<Rating> = [
    { title: L.period, dataIndex: 'period', width: 100 },
    { title: L.total, key: 'total', width: 110, render: (_, r) => <ColorChip color={r.color} total={r.total} /> },
    { title: L.ratedBy, key: 'by', width: 100, render: (_, r) => r.ratedBy.name },
    { title: L.ratedAt, dataIndex: 'createdAt', width: 150, render: (v: string) => formatTime(v) },
    { title: L.caseLink, dataIndex: 'caseId', width: 100, render: (id: string | null) => (id ? <a href={`/cases/${id}`} style={{ color: '#0958d9' }}>#{id}</a> : '—') },
  ]
  return (
    <Drawer title={item ? L.historyTitle.replace('{name}', item.estate.name) : ''} open={!!item} onClose={onClose} size="large" destroyOnHidden>
      {history.error && <Alert type="error" showIcon title={errorMessage(history.error)} role="alert" />}
      <Table<Rating> rowKey="id" columns={columns} dataSource={history.data?.items ?? []} pagination={false} size="small" loading={history.isFetching}
        locale={{ emptyText: history.isPending ? ' ' : <EmptyText>{L.none}</EmptyText> }} />
    </Drawer>
  )
}
