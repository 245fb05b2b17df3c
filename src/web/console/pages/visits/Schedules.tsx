// Visit schedules: "the 1st of every month, each department to its communities", with their
// targets and how many of their tasks are done, pending and late; street admins create and end them.
import { useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, DatePicker, Flex, Form, Input, InputNumber, Popconfirm, Radio, Space, Table } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import type { Dayjs } from 'dayjs'
import { api, type Page } from '../../../shared/api.ts'
import { roleLevels } from '../../../shared/roles.ts'
import type { Schedule } from '@server/modules/visits/visits.schemas.ts'
import { EmptyText, errorMessage, OrgSelect, StatusTag } from '../../common.tsx'
import { FormDrawer, useFormSubmit } from './parts.tsx'
import { useLevel, useMe } from '../../auth.tsx'
import { useVisitLabels } from './labels.ts'

export function Schedules() {
  const L = useVisitLabels()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const canManage = useLevel() >= roleLevels.street_admin!
  const [open, setOpen] = useState(false)
  const list = useQuery({ queryKey: ['visits', 'schedules'], queryFn: () => api<Page<Schedule>>('/visit-schedules?limit=200') })

  async function end(s: Schedule) {
    try {
      await api(`/visit-schedules/${s.id}`, { method: 'DELETE' })
      message.success(L.ended)
      await queryClient.invalidateQueries({ queryKey: ['visits'] })
    } catch (err) {
      message.error(errorMessage(err))
    }
  }

  const columns: ColumnsType<Schedule> = [
    { title: L.scheduleName, dataIndex: 'name', width: 220 },
    { title: L.owner, key: 'owner', width: 140, render: (_, s) => s.org.name },
    { title: L.kindLabel, key: 'kind', width: 100, render: (_, s) => L.kind[s.kind] },
    { title: L.dayOfMonth, key: 'day', width: 160, render: (_, s) => `${L.everyMonth.replace('{day}', String(s.dayOfMonth))}（+${s.graceDays}）` },
    { title: `${L.startsOn} – ${L.endsOn}`, key: 'span', width: 200, render: (_, s) => `${s.startsOn} – ${s.endsOn ?? L.endsOpen}` },
    {
      title: L.targets,
      key: 'targets',
      render: (_, s) => s.targets.map((x) => <div key={x.id}>{x.visitorOrg.name} → {x.community.name}</div>),
    },
    {
      title: L.tasks,
      key: 'tasks',
      width: 240,
      render: (_, s) => (
        <>
          <StatusTag tone="success">{L.done} {s.tasks.done}</StatusTag>
          <StatusTag tone="info">{L.pending} {s.tasks.pending}</StatusTag>
          <StatusTag tone={s.tasks.late ? 'danger' : 'muted'}>{L.late} {s.tasks.late}</StatusTag>
        </>
      ),
    },
    ...(canManage
      ? [{
          title: L.actions,
          key: 'actions',
          width: 110,
          render: (_: unknown, s: Schedule) => (
            <Popconfirm title={L.endConfirm.replace('{name}', s.name)} onConfirm={() => end(s)} okText={L.endSchedule} cancelText={L.cancel}>
              <Button size="small" danger>{L.endSchedule}</Button>
            </Popconfirm>
          ),
        }]
      : []),
  ]
  return (
    <div>
      {canManage && (
        <Flex justify="flex-end" style={{ marginBottom: 16 }}>
          <Button type="primary" onClick={() => setOpen(true)}>{L.newSchedule}</Button>
        </Flex>
      )}
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} role="alert" />}
      <Table<Schedule> rowKey="id" columns={columns} dataSource={list.data?.items ?? []} pagination={false} size="middle" scroll={{ x: 1100 }}
        loading={list.isFetching} locale={{ emptyText: list.isPending ? ' ' : <EmptyText>{L.emptySchedules}</EmptyText> }} />
      <NewScheduleDrawer open={open} onClose={() => setOpen(false)} />
    </div>
  )
}

interface ScheduleForm {
  orgId: string
  name: string
  kind: 'night' | 'home'
  dayOfMonth: number
  graceDays: number
  startsOn: Dayjs
  endsOn?: Dayjs | null
  targets: { visitorOrgId: string; communityId: string }[]
}

function NewScheduleDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const L = useVisitLabels()
  const { message } = App.useApp()
  const me = useMe().data!
  const queryClient = useQueryClient()
  const [form] = Form.useForm<ScheduleForm>()
  const known = me.roles.map((r) => ({ value: r.orgId, label: r.orgName ?? r.orgId }))
  const req = (field: string) => ({ required: true, message: L.required.replace('{field}', field) })

  const fieldPaths = () => ['orgId', 'name', 'kind', 'dayOfMonth', 'graceDays', 'startsOn', 'endsOn',
    ...((form.getFieldValue('targets') as unknown[] | undefined) ?? []).flatMap((_, i) => [`targets.${i}.visitorOrgId`, `targets.${i}.communityId`])]
  const { submit, error, busy } = useFormSubmit(form, fieldPaths, async (v) => {
    await api<Schedule>('/visit-schedules', {
      method: 'POST',
      body: { ...v, startsOn: v.startsOn.format('YYYY-MM-DD'), endsOn: v.endsOn ? v.endsOn.format('YYYY-MM-DD') : null },
    })
    message.success(L.created)
    form.resetFields()
    await queryClient.invalidateQueries({ queryKey: ['visits'] })
    onClose()
  })

  return (
    <FormDrawer title={L.newSchedule} open={open} onClose={onClose} busy={busy} error={error} onSave={() => form.submit()}>
      <Form<ScheduleForm> form={form} layout="vertical" onFinish={submit} requiredMark="optional"
        initialValues={{ kind: 'night', dayOfMonth: 1, graceDays: 7, targets: [{}] }}>
        <Form.Item name="name" label={L.scheduleName} rules={[req(L.scheduleName)]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="orgId" label={L.owner} rules={[req(L.owner)]}>
          <OrgSelect known={known} />
        </Form.Item>
        <Form.Item name="kind" label={L.kindLabel}>
          <Radio.Group optionType="button" options={Object.entries(L.kind).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Space size={24} wrap>
          <Form.Item name="dayOfMonth" label={L.dayOfMonth} rules={[req(L.dayOfMonth)]}>
            <InputNumber min={1} max={28} precision={0} />
          </Form.Item>
          <Form.Item name="graceDays" label={L.graceDays} extra={L.graceExtra}>
            <InputNumber min={0} max={27} precision={0} />
          </Form.Item>
          <Form.Item name="startsOn" label={L.startsOn} rules={[req(L.startsOn)]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="endsOn" label={L.endsOn}>
            <DatePicker placeholder={L.endsOpen} />
          </Form.Item>
        </Space>
        <Form.List name="targets">
          {(fields, { add, remove }) => (
            <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
              <legend style={{ fontSize: 14, marginBottom: 8 }}>{L.targets}</legend>
              {fields.map((field, i) => (
                <Flex key={field.key} gap={8} align="start">
                  <Form.Item name={[field.name, 'visitorOrgId']} label={`${L.visitorOrg} ${i + 1}`} rules={[req(L.visitorOrg)]} style={{ flex: 1 }}>
                    <OrgSelect known={known} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'communityId']} label={`${L.community} ${i + 1}`} rules={[req(L.community)]} style={{ flex: 1 }}>
                    <OrgSelect known={known} />
                  </Form.Item>
                  {fields.length > 1 && <Button style={{ marginTop: 30 }} onClick={() => remove(field.name)}>{L.remove}</Button>}
                </Flex>
              ))}
              <Button onClick={() => add({})}>{L.addTarget}</Button>
            </fieldset>
          )}
        </Form.List>
      </Form>
    </FormDrawer>
  )
}
