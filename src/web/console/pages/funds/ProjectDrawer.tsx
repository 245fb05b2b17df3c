// One project (GET /projects/:id): its money, expenses with payees and receipts, pledges (confirm
// a receipt), timeline, evidence; cadres decide or reject, budget against a fund, record an expense
// and complete it with evidence photos from here.
import { useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, DatePicker, Descriptions, Drawer, Form, Image, Input, InputNumber, Select, Space, Table, Tag, Timeline, Typography } from 'antd'
import type { Fund, Project } from '@server/modules/funds/funds.schemas.ts'
import { api } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { applyFieldErrors, errorMessage, formatTime } from '../../common.tsx'
import { actionWords, kindWords, money, proposerWords, stateWords, useFundLabels } from './labels.ts'
import { ProjectComplete, ProjectReject } from './ProjectComplete.tsx'

export function ProjectDrawer({ id, onClose, canManage }: { id: string | null; onClose: () => void; canManage: boolean }) {
  const L = useFundLabels()
  const { lang } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm()
  const [fundId, setFundId] = useState<string | undefined>()
  const [budget, setBudget] = useState<number | null>(null)
  const project = useQuery({ queryKey: ['funds', 'project', id], queryFn: () => api<Project>(`/projects/${id}`), enabled: !!id })
  const p = project.data
  const funds = useQuery({ queryKey: ['funds', 'list', p?.org.id, p?.year], queryFn: () => api<{ items: Fund[] }>(`/funds?orgId=${p!.org.id}&year=${p!.year}`), enabled: p?.state === 'decided' })
  const act = async (path: string, body: unknown) => {
    try {
      await api(`/projects/${id}/${path}`, { method: 'POST', body })
      await queryClient.invalidateQueries({ queryKey: ['funds'] })
      void message.success(L.saved)
      return true
    } catch (err) {
      void message.error(errorMessage(err))
      return false
    }
  }
  const addExpense = async () => {
    const v = await form.validateFields()
    try {
      await api(`/projects/${id}/expenses`, { method: 'POST', body: { amountYuan: v.amountYuan, spentOn: v.spentOn.format('YYYY-MM-DD'), item: v.item, payee: v.payee || undefined } })
      await queryClient.invalidateQueries({ queryKey: ['funds'] })
      form.resetFields()
      void message.success(L.saved)
    } catch (err) {
      const rest = applyFieldErrors(form, err, ['amountYuan', 'spentOn', 'item', 'payee'])
      if (rest) void message.error(rest)
    }
  }
  return (
    <Drawer open={!!id} onClose={onClose} size="large" title={p?.title ?? ''} destroyOnHidden>
      {project.error && <Alert type="error" showIcon title={errorMessage(project.error)} role="alert" />}
      {p && (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <Descriptions size="small" column={2} bordered items={[
            { key: 'kind', label: L.kind, children: kindWords[p.kind][lang] },
            { key: 'state', label: L.state, children: <Tag>{stateWords[p.state][lang]}</Tag> },
            { key: 'by', label: L.proposedBy, children: proposerWords[p.proposedBy][lang] + (p.unit ? `（${p.unit.name}）` : '') },
            { key: 'res', label: L.resolution, children: p.resolution?.name ?? '—' },
            { key: 'fund', label: L.fund, children: p.fund?.name ?? '—' },
            { key: 'budget', label: L.budget, children: money(p.budgetYuan) },
            { key: 'spent', label: L.spent, children: money(p.spentYuan) },
            { key: 'progress', label: L.progress, children: `${p.progress}%` },
            ...(p.kind === 'crowdfunding' ? [{ key: 'target', label: L.target, children: `${money(p.receivedYuan)} ${L.received} / ${money(p.pledgedYuan)} ${L.pledged} / ${money(p.targetYuan ?? 0)}` }] : []),
          ]} />
          {canManage && p.state === 'proposed' && <Space><Button type="primary" onClick={() => act('decide', {})}>{L.decide}</Button><ProjectReject id={p.id} /></Space>}
          {canManage && p.state === 'decided' && (
            <Space wrap>
              <Select aria-label={L.fund} placeholder={L.fund} style={{ width: 260 }} value={fundId} onChange={setFundId} allowClear
                options={(funds.data?.items ?? []).map((f) => ({ value: f.id, label: `${f.name}（${L.left} ${money(f.leftYuan)}）` }))} />
              <InputNumber aria-label={L.budget} placeholder={L.budget} min={0} precision={2} value={budget} onChange={setBudget} style={{ width: 160 }} />
              <Button type="primary" onClick={() => act('budget', { fundId, budgetYuan: budget ?? 0 })}>{L.budgetIt}</Button>
            </Space>
          )}
          <div>
            <Typography.Title level={3} style={{ fontSize: 15 }}>{L.expenses}</Typography.Title>
            <Table rowKey="id" size="small" pagination={false} dataSource={p.expenses ?? []} columns={[
              { title: L.spentOn, dataIndex: 'spentOn' },
              { title: L.item, dataIndex: 'item' },
              { title: L.payee, dataIndex: 'payee', render: (v: string | null) => v ?? '—' },
              { title: L.amount, dataIndex: 'amountYuan', align: 'right', render: (v: number) => money(v) },
              { title: L.receipts, key: 'r', render: (_, e) => e.receipts.map((r) => <Image key={r.id} src={r.thumbUrl} preview={{ src: r.url }} width={40} alt={L.receipts} />) },
            ]} />
            {p.state === 'budgeted' && (
              <Form form={form} layout="inline" style={{ marginTop: 12, rowGap: 8 }}>
                <Form.Item name="spentOn" rules={[{ required: true }]}><DatePicker aria-label={L.spentOn} placeholder={L.spentOn} /></Form.Item>
                <Form.Item name="item" rules={[{ required: true, min: 2 }]}><Input aria-label={L.item} placeholder={L.item} /></Form.Item>
                <Form.Item name="payee"><Input aria-label={L.payee} placeholder={L.payee} /></Form.Item>
                <Form.Item name="amountYuan" rules={[{ required: true }]}><InputNumber aria-label={L.amount} placeholder={L.amount} min={0.01} precision={2} /></Form.Item>
                <Button type="primary" onClick={addExpense}>{L.addExpense}</Button>
              </Form>
            )}
          </div>
          {p.kind === 'crowdfunding' && (
            <div>
              <Typography.Title level={3} style={{ fontSize: 15 }}>{L.pledges}</Typography.Title>
              <Table rowKey="id" size="small" pagination={false} dataSource={p.pledges ?? []} columns={[
                { title: L.pledger, key: 'who', render: (_, g) => (g.unit ? `${g.unit.name}（${g.person.name}）` : g.person.name) },
                { title: L.amount, dataIndex: 'amountYuan', align: 'right', render: (v: number) => money(v) },
                { title: L.state, key: 'state', render: (_, g) => (g.state === 'pledged'
                  ? <Button size="small" onClick={async () => { await api(`/pledges/${g.id}/confirm`, { method: 'POST' }).catch((e) => message.error(errorMessage(e))); await queryClient.invalidateQueries({ queryKey: ['funds'] }) }}>{L.confirm}</Button>
                  : <Tag color={g.state === 'received' ? 'green' : 'default'}>{g.state === 'received' ? L.received : '—'}</Tag>) },
              ]} />
            </div>
          )}
          {canManage && p.state === 'budgeted' && <ProjectComplete id={p.id} />}
          {p.evidence.length > 0 && (
            <div>
              <Typography.Title level={3} style={{ fontSize: 15 }}>{L.evidenceShown}</Typography.Title>
              <Image.PreviewGroup>
                <Space wrap>{p.evidence.map((ph) => <Image key={ph.id} src={ph.thumbUrl} preview={{ src: ph.url }} width={96} alt={L.evidenceShown} />)}</Space>
              </Image.PreviewGroup>
              {p.doneNote && <Typography.Paragraph style={{ marginTop: 8 }}>{p.doneNote}</Typography.Paragraph>}
            </div>
          )}
          <div>
            <Typography.Title level={3} style={{ fontSize: 15 }}>{L.timeline}</Typography.Title>
            <Timeline items={(p.timeline ?? []).map((e) => ({ key: e.id, children: `${formatTime(e.at)} ${actionWords[e.action]?.[lang] ?? e.action}${e.actor ? ` · ${e.actor.name}` : ''}${e.note ? ` · ${e.note}` : ''}` }))} />
          </div>
        </Space>
      )}
    </Drawer>
  )
}
