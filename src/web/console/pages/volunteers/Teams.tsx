// Volunteer teams by function with their skills and members; a manager creates a team, adds and
// removes members (naming a leader needs the area's staff).
import { useState } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Flex, Form, Input, Popconfirm, Radio, Select, Space, Table } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { api } from '../../../shared/api.ts'
import type { Team } from '@server/modules/volunteers/volunteers.schemas.ts'
import { EmptyText, errorMessage, formatTime, OrgSelect, PersonSelect, StatusTag } from '../../common.tsx'
import { FormDrawer, LoadMore, useFormSubmit } from '../visits/parts.tsx'
import { useMe } from '../../auth.tsx'
import { useVolunteerLabels } from './labels.ts'
import { useCursorList } from '../../../shared/useCursorList.ts'

export function Teams() {
  const L = useVolunteerLabels()
  const [creating, setCreating] = useState(false)
  const [adding, setAdding] = useState<Team | null>(null)
  const list = useCursorList<Team>(['volunteers', 'teams', 'list'], '/volunteer-teams')
  const rows = list.items
  const columns: ColumnsType<Team> = [
    { title: L.teamName, dataIndex: 'name', width: 160 },
    { title: L.teamFunction, key: 'fn', width: 110, render: (_, t) => L.fn[t.function] },
    { title: L.org, key: 'org', width: 160, render: (_, t) => t.org.name },
    { title: L.teamSkills, key: 'skills', render: (_, t) => t.skills.map((s) => <StatusTag key={s} tone="info">{s}</StatusTag>) },
    { title: L.leaders, key: 'leaders', width: 140, render: (_, t) => t.leaders.map((l) => l.name).join('、') || '—' },
    { title: L.members, dataIndex: 'memberCount', width: 70 },
    { title: L.actions, key: 'actions', width: 120, render: (_, t) => t.canManage && <Button size="small" onClick={() => setAdding(t)}>{L.addMember}</Button> },
  ]
  return (
    <div>
      <Flex justify="flex-end" style={{ marginBottom: 16 }}>
        <Button type="primary" onClick={() => setCreating(true)}>{L.newTeam}</Button>
      </Flex>
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} role="alert" />}
      <Table<Team> rowKey="id" columns={columns} dataSource={rows} pagination={false} size="middle" scroll={{ x: 900 }}
        expandable={{ expandedRowRender: (t) => <Members team={t} />, rowExpandable: (t) => t.canManage }}
        loading={list.isFetching && !list.isFetchingNextPage} locale={{ emptyText: list.isPending ? ' ' : <EmptyText>{L.emptyTeams}</EmptyText> }} />
      <LoadMore list={list} label={L.more} />
      {creating && <TeamForm onClose={() => setCreating(false)} />}
      {adding && <AddMemberForm team={adding} onClose={() => setAdding(null)} />}
    </div>
  )
}

function Members({ team }: { team: Team }) {
  const L = useVolunteerLabels()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  async function remove(personId: string) {
    try {
      await api(`/volunteer-teams/${team.id}/members/${personId}`, { method: 'DELETE' })
      await queryClient.invalidateQueries({ queryKey: ['volunteers'] })
    } catch (err) {
      message.error(errorMessage(err))
    }
  }
  if (team.members.length === 0) return <EmptyText>{L.noMembers}</EmptyText>
  return (
    <Table rowKey={(m) => m.person.id} size="small" pagination={false} dataSource={team.members} columns={[
      { title: L.person, key: 'p', render: (_, m) => m.person.name },
      { title: L.role, key: 'r', width: 80, render: (_, m) => L.roles[m.role] },
      { title: L.skills, key: 's', render: (_, m) => m.skills.join('、') || '—' },
      { title: L.joinedAt, key: 'j', width: 150, render: (_, m) => formatTime(m.joinedAt) },
      {
        title: L.actions, key: 'a', width: 90, render: (_, m) => (
          <Popconfirm title={L.removeConfirm.replace('{name}', m.person.name)} onConfirm={() => remove(m.person.id)} okText={L.remove} cancelText={L.cancel}>
            <Button size="small" danger>{L.remove}</Button>
          </Popconfirm>
        ),
      },
    ]} />
  )
}

interface TeamValues { orgId: string; name: string; function: string; skills?: string[]; description?: string }

function TeamForm({ onClose }: { onClose: () => void }) {
  const L = useVolunteerLabels()
  const { message } = App.useApp()
  const me = useMe().data!
  const queryClient = useQueryClient()
  const [form] = Form.useForm<TeamValues>()
  const req = (field: string) => ({ required: true, message: L.required.replace('{field}', field) })
  const known = me.roles.map((r) => ({ value: r.orgId, label: r.orgName ?? r.orgId }))
  const { submit, error, busy } = useFormSubmit(form, () => ['orgId', 'name', 'function', 'skills', 'description'], async (v) => {
    await api('/volunteer-teams', { method: 'POST', body: { orgId: v.orgId, name: v.name, function: v.function, skills: v.skills ?? [], ...(v.description ? { description: v.description } : {}) } })
    message.success(L.saved)
    await queryClient.invalidateQueries({ queryKey: ['volunteers'] })
    onClose()
  })
  return (
    <FormDrawer title={L.newTeam} open onClose={onClose} busy={busy} error={error} onSave={() => form.submit()}>
      <Form<TeamValues> form={form} layout="vertical" onFinish={submit} requiredMark="optional" initialValues={{ orgId: known[0]?.value, function: 'repairs' }}>
        <Form.Item name="orgId" label={L.org} extra={L.orgExtra} rules={[req(L.org)]}><OrgSelect known={known} /></Form.Item>
        <Form.Item name="name" label={L.teamName} rules={[req(L.teamName), { min: 2, message: L.required.replace('{field}', L.teamName) }]}><Input maxLength={50} /></Form.Item>
        <Form.Item name="function" label={L.teamFunction} rules={[req(L.teamFunction)]}>
          <Select options={Object.entries(L.fn).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="skills" label={L.teamSkills} extra={L.teamSkillsExtra}><Select mode="tags" open={false} tokenSeparators={[',', '，', '、']} /></Form.Item>
        <Form.Item name="description" label={L.description}><Input.TextArea rows={3} maxLength={1000} /></Form.Item>
      </Form>
    </FormDrawer>
  )
}

function AddMemberForm({ team, onClose }: { team: Team; onClose: () => void }) {
  const L = useVolunteerLabels()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<{ personId: string; role: 'leader' | 'member' }>()
  const { submit, error, busy } = useFormSubmit(form, () => ['personId', 'role'], async (v) => {
    await api(`/volunteer-teams/${team.id}/members`, { method: 'POST', body: v })
    message.success(L.saved)
    await queryClient.invalidateQueries({ queryKey: ['volunteers'] })
    onClose()
  })
  return (
    <FormDrawer title={`${L.addMember}：${team.name}`} open onClose={onClose} busy={busy} error={error} onSave={() => form.submit()}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ role: 'member' }}>
        <Form.Item name="personId" label={L.person} rules={[{ required: true, message: L.required.replace('{field}', L.person) }]}><PersonSelect /></Form.Item>
        <Form.Item name="role" label={L.role}>
          <Radio.Group optionType="button" options={[{ value: 'member', label: L.roles.member }, { value: 'leader', label: L.roles.leader }]} />
        </Form.Item>
        <Space />
      </Form>
    </FormDrawer>
  )
}
