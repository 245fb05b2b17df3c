// A community's month: every manual figure (units and definitions from the dictionary, prefilled
// with what was typed and by whom), then a look at the computed figures being frozen, then submit.
// The server's refusals land on the fields (422 `manual.<code>`) or above the form (409 locked).
import { useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Card, Form, InputNumber, Modal, Table, Tooltip, Typography } from 'antd'
import { QuestionCircleOutlined } from '@ant-design/icons'
import type { Indicator, ReportOverview, StatisticsTable } from '@server/modules/statistics/statistics.schemas.ts'
import { api, ApiError } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { errorMessage, formatTime } from '../../common.tsx'
import { useReportLabels } from './reportLabels.ts'
import { manualErrors } from './reportParts.tsx'

type Values = { manual: Record<string, number | null> }
type Line = { code: string; ledger: string; name: string; unit: string; value: string }

export function SubmitForm({ overview }: { overview: ReportOverview }) {
  const L = useReportLabels()
  const { lang } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<Values>()
  const [confirm, setConfirm] = useState<Values | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const dictionary = useQuery({ queryKey: ['indicators'], queryFn: () => api<{ items: Indicator[] }>('/indicators'), staleTime: 300_000 })
  const manualDefs = (dictionary.data?.items ?? []).filter((i) => i.source === 'manual')
  const { org, period, lock } = overview
  // Open for a report: the month is over and not locked, or the lock has a live exception.
  const open = overview.ended && (!lock || (!!lock.unlockedUntil && (lock.by?.orgId === org.id || lock.reason === 'period_closed')))
  const typed = new Map(overview.manual.map((m) => [m.code, m]))
  const initial: Values = { manual: Object.fromEntries(overview.manual.map((m) => [m.code, m.value])) }

  // The computed figures as they stand now (both ledgers), shown before they are frozen.
  const tables = useQuery({
    queryKey: ['statistics', org.id, period, 'both'],
    enabled: confirm !== null,
    queryFn: () => Promise.all((['livelihood', 'party'] as const).map((ledger) => api<StatisticsTable>(`/statistics?${new URLSearchParams({ orgId: org.id, period, ledger })}`))),
  })
  const fmt = (n: number | null | undefined, i: Indicator) => (n === null || n === undefined ? '—' : `${n.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US')}${i.kind === 'ratio' && i.scale === 100 ? '%' : ''}`)
  const computed: Line[] = (tables.data ?? []).flatMap((t) => t.indicators.filter((i) => i.source === 'computed').map((i) => ({
    code: i.code, ledger: L.ledger[i.ledger]!, name: i.name[lang], unit: i.unit[lang], value: fmt(t.total.values[i.code]?.value, i),
  })))

  async function submit() {
    if (!confirm) return
    setBusy(true)
    setError(null)
    try {
      const manual = Object.fromEntries(Object.entries(confirm.manual).map(([k, v]) => [k, Number(v)]))
      await api('/statistics/submissions', { method: 'POST', body: { orgId: org.id, period, manual } })
      setConfirm(null)
      void message.success(`${org.name} ${period} ${L.submitted}`)
      await queryClient.invalidateQueries({ queryKey: ['statistics'] })
    } catch (err) {
      setConfirm(null)
      const onFields = err instanceof ApiError ? manualErrors(err.fieldErrors()) : {}
      const named = Object.entries(onFields).filter(([code]) => manualDefs.some((d) => d.code === code))
      form.setFields(named.map(([code, msg]) => ({ name: ['manual', code], errors: [msg] })))
      setError(named.length && named.length === Object.keys(onFields).length && err instanceof ApiError && err.status === 422 ? null : errorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Card size="small" title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{L.formTitle}</Typography.Title>}>
      <Typography.Paragraph type="secondary">{L.formIntro}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
      {dictionary.error && <Alert type="error" showIcon title={errorMessage(dictionary.error)} role="alert" style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" initialValues={initial} disabled={!open} onFinish={(v) => { setError(null); setConfirm(v) }}
        style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))', columnGap: 24 }} key={`${org.id}-${period}-${overview.manual.length}`}>
        {manualDefs.map((d) => {
          const t = typed.get(d.code)
          return (
            <Form.Item key={d.code} name={['manual', d.code]} rules={[{ required: true, message: L.required }]}
              label={<span>{d.name[lang]}（{d.unit[lang]}） <Tooltip title={d.definition[lang]}><QuestionCircleOutlined style={{ color: '#595959' }} aria-label={d.definition[lang]} /></Tooltip></span>}
              extra={t ? L.typedBy(t.enteredBy.name, formatTime(t.enteredAt)) : d.definition[lang]}>
              <InputNumber min={0} max={1e9} style={{ width: '100%' }} />
            </Form.Item>
          )
        })}
        <div style={{ gridColumn: '1 / -1' }}>
          <Button type="primary" htmlType="submit" disabled={!open || manualDefs.length === 0}>{overview.state === 'open' ? L.submit : L.resubmit}</Button>
        </div>
      </Form>
      <Modal open={confirm !== null} title={L.confirmTitle(period)} okText={L.confirmOk} cancelText={L.cancel} width={720}
        onOk={() => void submit()} onCancel={() => setConfirm(null)} confirmLoading={busy} okButtonProps={{ disabled: tables.isPending }}>
        <Typography.Paragraph>{L.confirmIntro}</Typography.Paragraph>
        <Typography.Title level={3} style={{ fontSize: 14 }}>{L.manualHeading}</Typography.Title>
        <Typography.Paragraph>
          {manualDefs.map((d) => `${d.name[lang]} ${confirm?.manual[d.code] ?? '—'} ${d.unit[lang]}`).join('；')}
        </Typography.Paragraph>
        <Typography.Title level={3} style={{ fontSize: 14 }}>{L.computedHeading}</Typography.Title>
        {tables.error && <Alert type="error" showIcon title={errorMessage(tables.error)} />}
        <Table<Line> size="small" rowKey="code" pagination={false} loading={tables.isFetching} scroll={{ y: 320 }} dataSource={computed} columns={[
          { key: 'ledger', title: L.ledgerCol, dataIndex: 'ledger', width: 90 },
          { key: 'name', title: L.indicator, render: (_, r) => `${r.name}（${r.unit}）` },
          { key: 'value', title: L.value, dataIndex: 'value', align: 'right', width: 120 },
        ]} />
      </Modal>
    </Card>
  )
}
