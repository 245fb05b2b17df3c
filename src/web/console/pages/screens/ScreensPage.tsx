// 智慧屏链接: the cadre makes a link for a TV in a service centre (shown once, to copy or open),
// lists the node's links by the token's last four characters and revokes one; the screen then
// shows "已停用" at its next refresh.
import { useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Flex, Form, Input, Modal, Popconfirm, Space, Table, Typography } from 'antd'
import { DesktopOutlined, PlusOutlined } from '@ant-design/icons'
import { z } from 'zod'
import type { screenCreatedSchema, screenSchema } from '@server/modules/screens/screens.schemas.ts'
import { api } from '../../../shared/api.ts'
import { EmptyText, errorMessage, formatTime, OrgSelect, PageTheme, StatusTag, useLabels } from '../../common.tsx'
import { EditIndicators, IndicatorSelect, IndicatorSummary } from './ScreenIndicators.tsx'

type Screen = z.infer<typeof screenSchema>
type Created = z.infer<typeof screenCreatedSchema>

const labels = {
  zh: {
    title: '智慧屏', make: '生成屏幕链接', node: '所属节点', place: '屏幕位置', placeHint: '如：党群服务中心一楼大厅', hint: '尾号', createdBy: '生成人',
    createdAt: '生成时间', state: '状态', live: '使用中', revoked: '已停用', revoke: '停用', revokeConfirm: '停用后这块屏幕将显示“已停用”，确定吗？',
    none: '还没有智慧屏链接', once: '请复制链接并在电视浏览器中打开（全屏显示）。链接只显示这一次；遗失后请停用并重新生成。', copy: '复制链接', open: '打开预览',
    intro: '智慧屏链接只能查看该节点的汇总数据（本月诉求与按时办结率、服务订单与满意度、志愿服务时长、今日场地预约与活动，以及所选的统计一套表核心指标），不含个人信息，也不能登录或访问其他页面。',
    copied: '已复制', lastSeen: '最近在线', never: '尚未打开', stale: '超过一小时未在线', headline: '核心指标', edit: '设置',
  },
  en: {
    title: 'Wall screens', make: 'New screen link', node: 'Node', place: 'Where it hangs', placeHint: 'e.g. service centre lobby', hint: 'Ends with', createdBy: 'Made by',
    createdAt: 'Made at', state: 'State', live: 'In use', revoked: 'Revoked', revoke: 'Revoke', revokeConfirm: 'The screen will show "revoked". Continue?',
    none: 'No screen links yet', once: 'Copy the link and open it full-screen on the TV. It is shown only now; if lost, revoke it and make another.', copy: 'Copy link', open: 'Preview',
    intro: 'A screen link shows only the node’s totals (cases and on-time rate, orders and satisfaction, volunteer hours, today’s bookings and activities, and the chosen headline indicators): no personal data, no login, no other page.',
    copied: 'Copied', lastSeen: 'Last seen', never: 'Never opened', stale: 'Not seen for over an hour', headline: 'Headline', edit: 'Set',
  },
}

export default function ScreensPage() {
  const L = useLabels(labels)
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [orgId, setOrgId] = useState<string | undefined>()
  const [making, setMaking] = useState(false)
  const [created, setCreated] = useState<Created | null>(null)
  const [form] = Form.useForm<{ orgId: string; name: string; indicatorCodes?: string[] }>()
  const [editing, setEditing] = useState<Screen | null>(null)
  const list = useQuery({ queryKey: ['screens', orgId], queryFn: () => api<{ items: Screen[] }>(`/screens${orgId ? `?orgId=${orgId}` : ''}`) })
  const url = (c: Created) => `${window.location.origin}${c.path}`
  const make = async () => {
    const v = await form.validateFields()
    try {
      const c = await api<Created>('/screens', { method: 'POST', body: { ...v, indicatorCodes: v.indicatorCodes?.length ? v.indicatorCodes : undefined } })
      setMaking(false)
      form.resetFields()
      setCreated(c)
      await queryClient.invalidateQueries({ queryKey: ['screens'] })
    } catch (err) {
      void message.error(errorMessage(err))
    }
  }
  const revoke = async (s: Screen) => {
    try {
      await api(`/screens/${s.id}/revoke`, { method: 'POST' })
      await queryClient.invalidateQueries({ queryKey: ['screens'] })
      void message.success(`${L.revoked}：${s.name}`)
    } catch (err) {
      void message.error(errorMessage(err))
    }
  }
  return (
    <PageTheme>
      <Flex justify="space-between" align="center">
        <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }}>{L.title}</Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setMaking(true)}>{L.make}</Button>
      </Flex>
      <Alert type="info" showIcon icon={<DesktopOutlined />} title={L.intro} style={{ marginBottom: 16 }} />
      <Space style={{ marginBottom: 16 }}>
        <OrgSelect allowClear aria-label={L.node} placeholder={L.node} style={{ width: 260 }} value={orgId} onChange={setOrgId} />
      </Space>
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} role="alert" />}
      <Table<Screen> rowKey="id" size="middle" dataSource={list.data?.items ?? []} loading={list.isFetching} pagination={false}
        locale={{ emptyText: list.isPending ? ' ' : <EmptyText>{L.none}</EmptyText> }}
        columns={[
          { title: L.place, dataIndex: 'name', width: 200 },
          { title: L.node, key: 'org', width: 200, render: (_, s) => s.org.name },
          { title: L.headline, key: 'headline', ellipsis: true, render: (_, s) => <IndicatorSummary screen={s} /> },
          { title: L.hint, key: 'hint', width: 90, render: (_, s) => <Typography.Text code>…{s.tokenHint}</Typography.Text> },
          { title: L.createdBy, key: 'by', width: 120, render: (_, s) => s.createdBy?.name ?? '—' },
          { title: L.createdAt, key: 'at', width: 160, render: (_, s) => formatTime(s.createdAt) },
          { title: L.lastSeen, key: 'seen', width: 170, render: (_, s) => (s.revokedAt ? '—' : !s.lastSeenAt ? <Typography.Text type="secondary">{L.never}</Typography.Text>
            : Date.now() - new Date(s.lastSeenAt).getTime() > 3_600_000 ? <StatusTag tone="warning">{formatTime(s.lastSeenAt)} · {L.stale}</StatusTag> : formatTime(s.lastSeenAt)) },
          { title: L.state, key: 'state', width: 100, render: (_, s) => (s.revokedAt ? <StatusTag tone="muted">{L.revoked}</StatusTag> : <StatusTag tone="success">{L.live}</StatusTag>) },
          { title: '', key: 'actions', width: 140, render: (_, s) => !s.revokedAt && (
            <Space size={4}>
              <Button size="small" onClick={() => setEditing(s)} aria-label={`${L.headline}${L.edit}：${s.name}`}>{L.edit}</Button>
              <Popconfirm title={L.revokeConfirm} onConfirm={() => void revoke(s)}><Button size="small" danger>{L.revoke}</Button></Popconfirm>
            </Space>
          ) },
        ]} />
      <Modal open={making} title={L.make} onCancel={() => setMaking(false)} onOk={() => void make()} okText={L.make}>
        <Form form={form} layout="vertical">
          <Form.Item name="orgId" label={L.node} rules={[{ required: true }]}><OrgSelect placeholder={L.node} /></Form.Item>
          <Form.Item name="name" label={L.place} rules={[{ required: true, min: 2 }]}><Input placeholder={L.placeHint} maxLength={40} /></Form.Item>
          <Form.Item name="indicatorCodes" label={L.headline}><IndicatorSelect /></Form.Item>
        </Form>
      </Modal>
      <EditIndicators screen={editing} onClose={() => setEditing(null)} />
      <Modal open={created !== null} title={created?.name} onCancel={() => setCreated(null)} footer={null}>
        {created && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Alert type="warning" showIcon title={L.once} />
            <Typography.Paragraph copyable={{ text: url(created) }} code style={{ wordBreak: 'break-all' }}>{url(created)}</Typography.Paragraph>
            <Button href={created.path} target="_blank" rel="noreferrer" icon={<DesktopOutlined />}>{L.open}</Button>
          </Space>
        )}
      </Modal>
    </PageTheme>
  )
}
