// The parties invited (with their representatives), the people invited or self-registered, and
// their attendance: QR check-in, marked present by hand, or absent with a reason. Cadres invite
// parties and people, and mark attendance; the list refreshes while the meeting is on.
import { useState } from 'react'
import { useQuery } from '@tanstack/react-query'
import { Button, Card, Flex, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd'
import type { Meeting } from '@server/modules/meetings/meetings.schemas.ts'
import { api, type Page } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { EmptyText, formatTime, PersonSelect, StatusTag } from '../../common.tsx'
import { partyWords, roleWords, useMeetingLabels } from './labels.ts'
import { useMeetingAction } from './actions.ts'

type Invitee = Meeting['invitees'][number]

function PartyForm({ m, onDone }: { m: Meeting; onDone: () => void }) {
  const L = useMeetingLabels()
  const { lang } = useI18n()
  const act = useMeetingAction(m.id)
  const units = useQuery({ queryKey: ['units', 'all'], queryFn: () => api<Page<{ id: string; name: string }>>('/units?limit=200') })
  return (
    <Form layout="inline" onFinish={async (v: { kind: string; name?: string; unitId?: string; representativeId?: string }) => {
      const ok = await act('/parties', { kind: v.kind, name: v.name?.trim() || undefined, unitId: v.unitId, representativeIds: v.representativeId ? [v.representativeId] : undefined })
      if (ok) onDone()
    }} initialValues={{ kind: 'police' }} style={{ rowGap: 8, marginBottom: 12 }}>
      <Form.Item name="kind" label={L.partyKind}><Select style={{ width: 130 }} options={Object.entries(partyWords).map(([k, v]) => ({ value: k, label: v[lang] }))} /></Form.Item>
      <Form.Item name="name"><Input placeholder={L.partyName} aria-label={L.partyName} style={{ width: 200 }} /></Form.Item>
      <Form.Item name="unitId"><Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={L.unit} aria-label={L.unit} style={{ width: 200 }} options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))} /></Form.Item>
      <Form.Item name="representativeId"><PersonSelect allowClear placeholder={L.representatives} aria-label={L.representatives} style={{ width: 220 }} /></Form.Item>
      <Button type="primary" htmlType="submit">{L.addParty}</Button>
    </Form>
  )
}

function InviteForm({ m }: { m: Meeting }) {
  const L = useMeetingLabels()
  const { lang } = useI18n()
  const act = useMeetingAction(m.id)
  const [form] = Form.useForm<{ personId: string; role: string; partyId?: string }>()
  return (
    <Form form={form} layout="inline" initialValues={{ role: 'attendee' }} style={{ rowGap: 8, marginBottom: 12 }} onFinish={async (v) => {
      if (await act('/invitees', { personIds: [v.personId], role: v.role, partyId: v.partyId })) form.resetFields(['personId'])
    }}>
      <Form.Item name="personId" rules={[{ required: true, message: L.pickPeople }]}><PersonSelect placeholder={L.pickPeople} aria-label={L.pickPeople} style={{ width: 260 }} /></Form.Item>
      <Form.Item name="role" label={L.inviteRole}><Select style={{ width: 110 }} options={Object.entries(roleWords).map(([k, v]) => ({ value: k, label: v[lang] }))} /></Form.Item>
      <Form.Item name="partyId"><Select allowClear placeholder={L.party} aria-label={L.party} style={{ width: 160 }} options={m.parties.map((p) => ({ value: p.id, label: p.name }))} /></Form.Item>
      <Button type="primary" htmlType="submit">{L.invite}</Button>
    </Form>
  )
}

function AttendanceCell({ i }: { i: Invitee }) {
  const L = useMeetingLabels()
  const a = i.attendance
  if (!a) return <Typography.Text type="secondary">{L.notYet}</Typography.Text>
  if (!a.present) return <StatusTag tone="warning">{L.absent}：{a.absenceReason}</StatusTag>
  return <StatusTag tone="success">{a.how === 'qr' ? L.checkedQr : L.checkedHand} {formatTime(a.checkedInAt).slice(11)}</StatusTag>
}

export function MeetingPeople({ m }: { m: Meeting }) {
  const L = useMeetingLabels()
  const { lang } = useI18n()
  const act = useMeetingAction(m.id)
  const [addingParty, setAddingParty] = useState(false)
  const [absent, setAbsent] = useState<Invitee | null>(null)
  const [reason, setReason] = useState('')
  const live = m.state === 'planned' || m.state === 'open'
  const marks = m.can.manage && m.state !== 'cancelled' && m.state !== 'minutes_approved'
  const partyName = (id: string | null) => m.parties.find((p) => p.id === id)?.name ?? '—'
  return (
    <>
      <Card title={`${L.parties}（${m.parties.length}）`} size="small" extra={m.can.manage && live && <Button size="small" onClick={() => setAddingParty((x) => !x)}>{L.addParty}</Button>}>
        {addingParty && <PartyForm m={m} onDone={() => setAddingParty(false)} />}
        {m.parties.length === 0 ? <Typography.Text type="secondary">—</Typography.Text> : (
          <Flex wrap gap={8}>
            {m.parties.map((p) => (
              <Tag key={p.id} closable={m.can.manage && live} onClose={(e) => { e.preventDefault(); void act(`/parties/${p.id}`, undefined, 'DELETE') }} style={{ padding: '4px 8px', fontSize: 14 }}>
                {partyWords[p.kind][lang]} · {p.name}{p.unit && p.unit.name !== p.name ? `（${p.unit.name}）` : ''} · {L.representatives} {p.representatives}
              </Tag>
            ))}
          </Flex>
        )}
      </Card>
      <Card title={`${L.people}（${L.present} ${m.present} / ${L.invited} ${m.invited}）`} size="small">
        {m.can.manage && live && <InviteForm m={m} />}
        <Table<Invitee> rowKey={(i) => i.person.id} size="small" dataSource={m.invitees} pagination={m.invitees.length > 50 ? { pageSize: 50 } : false}
          locale={{ emptyText: <EmptyText>—</EmptyText> }}
          columns={[
            { title: L.person, key: 'name', width: 120, render: (_, i) => i.person.name },
            { title: L.inviteRole, key: 'role', width: 90, render: (_, i) => roleWords[i.role][lang] },
            { title: L.party, key: 'party', width: 140, render: (_, i) => partyName(i.partyId) },
            { title: L.registration, key: 'reg', width: 110, render: (_, i) => (i.selfRegistered ? L.selfRegistered : i.registeredAt ? L.registered : i.declinedAt ? L.declined : L.notReplied) },
            { title: L.attendance, key: 'att', render: (_, i) => <AttendanceCell i={i} /> },
            ...(marks ? [{ title: '', key: 'actions', width: 250, render: (_: unknown, i: Invitee) => (
              <Space size={4}>
                {!i.attendance?.present && <Button size="small" onClick={() => void act('/attendance', { entries: [{ personId: i.person.id, present: true }] })}>{L.markPresent}</Button>}
                {i.attendance?.present !== false && <Button size="small" onClick={() => { setReason(''); setAbsent(i) }}>{L.markAbsent}</Button>}
                {live && !i.attendance?.present && <Button size="small" danger onClick={() => void act(`/invitees/${i.person.id}`, undefined, 'DELETE')}>{L.remove}</Button>}
              </Space>
            ) }] : []),
          ]} />
      </Card>
      <Modal open={!!absent} title={`${L.markAbsent}：${absent?.person.name ?? ''}`} okText={L.ok} okButtonProps={{ disabled: reason.trim().length < 2 }} onCancel={() => setAbsent(null)}
        onOk={async () => { if (absent && await act('/attendance', { entries: [{ personId: absent.person.id, present: false, absenceReason: reason.trim() }] })) setAbsent(null) }}>
        <Input aria-label={L.absenceReason} placeholder={L.absenceReason} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} />
      </Modal>
    </>
  )
}
