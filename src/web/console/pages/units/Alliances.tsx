// 党建联盟 / 党建综合体: alliances of units on a street or community, their member units and
// shared activities; cadres form alliances on their community, street admins on their street.
import { useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Card, Col, DatePicker, Empty, Flex, Form, Input, List, Modal, Radio, Row, Select, Space, Tag, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { api, type Page } from '../../../shared/api.ts'
import type { Alliance, Unit } from '@server/modules/units/units.schemas.ts'
import { errorMessage } from '../../common.tsx'
import { FormDrawer, FormError, useFormSubmit } from '../visits/parts.tsx'
import { useMe } from '../../auth.tsx'
import { useUnitLabels } from './labels.ts'
import { CADRE, levelAt, useOrgsOfKind } from './parts.tsx'

export function Alliances() {
  const L = useUnitLabels()
  const me = useMe().data!
  const streets = useOrgsOfKind('street')
  const communities = useOrgsOfKind('community')
  const areas = [...streets, ...communities]
  const managed = areas.filter((o) => levelAt(me, o.path) >= CADRE)
  const [creating, setCreating] = useState(false)
  const [recording, setRecording] = useState<Alliance | null>(null)
  const alliances = useQuery({ queryKey: ['alliances'], queryFn: () => api<Page<Alliance>>('/alliances?limit=200') })
  const canManage = (a: Alliance) => managed.some((o) => o.id === a.org.id)
  return (
    <div>
      <Flex justify="flex-end" style={{ marginBottom: 16 }}>
        {managed.length > 0 && <Button type="primary" onClick={() => setCreating(true)}>{L.newAlliance}</Button>}
      </Flex>
      {alliances.error && <Alert type="error" showIcon title={errorMessage(alliances.error)} style={{ marginBottom: 16 }} role="alert" />}
      {alliances.data?.items.length === 0 && <Empty description={L.emptyAlliances} />}
      <Row gutter={[16, 16]}>
        {(alliances.data?.items ?? []).map((a) => (
          <Col key={a.id} xs={24} lg={12}>
            <Card title={<Space><span>{a.name}</span><Tag color="red">{L.allianceKind[a.kind]}</Tag></Space>} extra={<span style={{ color: '#595959' }}>{a.org.name}</span>}
              actions={canManage(a) ? [<Button key="act" type="link" style={{ color: '#0958d9' }} onClick={() => setRecording(a)}>{L.addActivity}</Button>] : undefined}>
              {a.description && <Typography.Paragraph>{a.description}</Typography.Paragraph>}
              <Typography.Text strong>{L.members}（{a.units.length}）</Typography.Text>
              <div style={{ margin: '6px 0 12px' }}>{a.units.map((u) => <Tag key={u.id} style={{ marginBlock: 2 }}>{u.name}</Tag>)}</div>
              <Typography.Text strong>{L.activities}</Typography.Text>
              <List size="small" dataSource={a.activities} locale={{ emptyText: L.noActivities }} renderItem={(act) => (
                <List.Item>
                  <div>
                    <div><strong>{act.heldOn}</strong> {act.title}{act.place ? ` · ${act.place}` : ''}</div>
                    {act.description && <div style={{ color: '#595959' }}>{act.description}</div>}
                  </div>
                </List.Item>
              )} />
            </Card>
          </Col>
        ))}
      </Row>
      {creating && <NewAllianceDrawer areas={managed.map((o) => ({ value: o.id, label: o.name }))} onClose={() => setCreating(false)} />}
      {recording && <ActivityModal alliance={recording} onClose={() => setRecording(null)} />}
    </div>
  )
}

interface AllianceForm { name: string; kind: string; orgId: string; description?: string; unitIds: string[] }

function NewAllianceDrawer({ areas, onClose }: { areas: { value: string; label: string }[]; onClose: () => void }) {
  const L = useUnitLabels()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<AllianceForm>()
  const units = useQuery({ queryKey: ['units', 'all'], queryFn: () => api<Page<Unit>>('/units?limit=200') })
  const { submit, error, busy } = useFormSubmit(form, () => ['name', 'kind', 'orgId', 'description', 'unitIds'], async (v) => {
    await api('/alliances', { method: 'POST', body: { name: v.name, kind: v.kind, orgId: v.orgId, unitIds: v.unitIds, ...(v.description?.trim() ? { description: v.description.trim() } : {}) } })
    message.success(L.allianceCreated)
    await queryClient.invalidateQueries({ queryKey: ['alliances'] })
    onClose()
  })
  return (
    <FormDrawer title={L.newAlliance} open onClose={onClose} busy={busy} error={error} onSave={() => form.submit()}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'alliance', orgId: areas[0]?.value }}>
        <Form.Item name="name" label={L.allianceName} rules={[{ required: true, message: L.required.replace('{field}', L.allianceName) }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="kind" label={L.allianceKindLabel}><Radio.Group options={Object.entries(L.allianceKind).map(([value, label]) => ({ value, label }))} /></Form.Item>
        <Form.Item name="orgId" label={L.allianceOrg} rules={[{ required: true, message: L.required.replace('{field}', L.allianceOrg) }]}><Select options={areas} /></Form.Item>
        <Form.Item name="unitIds" label={L.members} rules={[{ required: true, message: L.required.replace('{field}', L.members) }]}>
          <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))} />
        </Form.Item>
        <Form.Item name="description" label={L.description}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
      </Form>
    </FormDrawer>
  )
}

function ActivityModal({ alliance, onClose }: { alliance: Alliance; onClose: () => void }) {
  const L = useUnitLabels()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<{ title: string; heldOn: Dayjs; place?: string; description?: string }>()
  const { submit, error, busy } = useFormSubmit(form, () => ['title', 'heldOn', 'place', 'description'], async (v) => {
    await api(`/alliances/${alliance.id}/activities`, {
      method: 'POST',
      body: { title: v.title, heldOn: v.heldOn.format('YYYY-MM-DD'), ...(v.place?.trim() ? { place: v.place.trim() } : {}), ...(v.description?.trim() ? { description: v.description.trim() } : {}) },
    })
    message.success(L.activityAdded)
    await queryClient.invalidateQueries({ queryKey: ['alliances'] })
    onClose()
  })
  return (
    <Modal title={`${L.addActivity}：${alliance.name}`} open onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={L.save} cancelText={L.cancel}>
      <FormError error={error} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ heldOn: dayjs() }}>
        <Form.Item name="title" label={L.activityTitle} rules={[{ required: true, message: L.required.replace('{field}', L.activityTitle) }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="heldOn" label={L.heldOn} rules={[{ required: true, message: L.required.replace('{field}', L.heldOn) }]}><DatePicker /></Form.Item>
        <Form.Item name="place" label={L.place}><Input maxLength={200} /></Form.Item>
        <Form.Item name="description" label={L.description}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
      </Form>
    </Modal>
  )
}
