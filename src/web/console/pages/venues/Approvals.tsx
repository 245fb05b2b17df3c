// Bookings waiting for approval at the venues the reader manages, oldest slot first: approve, or
// reject with a reason the booker is told.
import { useState } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Input, Modal, Space, Table } from 'antd'
import dayjs from 'dayjs'
import type { Booking } from '@server/modules/venues/venues.schemas.ts'
import { api } from '../../../shared/api.ts'
import { useCursorPages } from '../../../shared/useCursorPages.ts'
import { EmptyText, errorMessage } from '../../common.tsx'
import { useVenueLabels } from './labels.ts'

export function Approvals() {
  const L = useVenueLabels()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [rejecting, setRejecting] = useState<Booking | null>(null)
  const [note, setNote] = useState('')
  const list = useCursorPages<Booking>(['bookings', 'manage', 'pending'], '/bookings', (s) => {
    s.set('view', 'manage')
    s.set('state', 'pending')
    s.set('from', dayjs().format('YYYY-MM-DD'))
  })
  const decide = async (b: Booking, action: 'approve' | 'reject', text?: string) => {
    try {
      await api(`/bookings/${b.id}/${action}`, { method: 'POST', body: text ? { note: text } : {} })
      await queryClient.invalidateQueries({ queryKey: ['bookings'] })
      await queryClient.invalidateQueries({ queryKey: ['venues'] })
      setRejecting(null)
      setNote('')
    } catch (err) {
      void message.error(errorMessage(err))
    }
  }
  return (
    <div>
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} role="alert" />}
      <Table<Booking> rowKey="id" size="middle" dataSource={list.items} pagination={list.pagination} loading={list.isFetching}
        locale={{ emptyText: list.isPending ? ' ' : <EmptyText>{L.noPending}</EmptyText> }}
        columns={[
          { title: L.venue, key: 'venue', render: (_, b) => `${b.venue.name}·${b.room.name}` },
          { title: L.time, key: 'time', width: 200, render: (_, b) => `${dayjs(b.start).format('M月D日 HH:mm')}–${dayjs(b.end).format('HH:mm')}` },
          { title: L.purpose, dataIndex: 'purpose' },
          { title: L.booker, key: 'booker', width: 200, render: (_, b) => `${b.booker.name}${b.bookerUnit ? `（${b.bookerUnit.name}）` : ''}` },
          { title: '', key: 'actions', width: 160, render: (_, b) => (
            <Space>
              <Button type="primary" size="small" onClick={() => void decide(b, 'approve')}>{L.approve}</Button>
              <Button size="small" danger onClick={() => setRejecting(b)}>{L.reject}</Button>
            </Space>
          ) },
        ]} />
      <Modal open={!!rejecting} title={L.reject} onCancel={() => setRejecting(null)} okButtonProps={{ danger: true, disabled: note.trim().length < 2 }} okText={L.reject}
        onOk={() => rejecting && void decide(rejecting, 'reject', note.trim())}>
        <Input.TextArea aria-label={L.rejectNote} placeholder={L.rejectNote} rows={3} maxLength={200} value={note} onChange={(e) => setNote(e.target.value)} />
      </Modal>
    </div>
  )
}
