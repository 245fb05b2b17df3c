// A person's login account (reset the password, shown once; disable / enable; second factor)
// and their sessions, on the person page.
import { useState } from 'react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Card, Descriptions, Modal, Space, Table, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { api } from '../../../shared/api.ts'
import { useMe } from '../../auth.tsx'
import { AccountBadges, EmptyText, errorMessage, formatTime, isLocked, StatusTag, TemporaryPasswordModal, type Person, type Session } from '../../common.tsx'
import { device, fill, type Labels } from './personDetail.labels.ts'

export function AccountCard({ p, L, manage }: { p: Person; L: Labels; manage: boolean }) {
  const me = useMe().data!
  const { message } = App.useApp()
  // Dialogs rendered inside the page, so they take the page's accessible colours.
  const [modal, modalHolder] = Modal.useModal()
  const setPerson = useSetPerson(p.id)
  const queryClient = useQueryClient()
  const [temporary, setTemporary] = useState<{ name: string; username?: string; password: string } | null>(null)
  const a = p.account

  const confirm = (title: string, content: string, okText: string, danger: boolean, run: () => Promise<void>) =>
    modal.confirm({
      title,
      content,
      okText,
      cancelText: L.cancel,
      okButtonProps: { danger },
      onOk: async () => {
        try {
          await run()
        } catch (err) {
          message.error(errorMessage(err))
        }
      },
    })

  if (!a) return <Card title={L.account}><Typography.Paragraph style={{ margin: 0 }}>{L.noAccount}</Typography.Paragraph>{modalHolder}</Card>

  const reset = () =>
    confirm(fill(L.resetConfirm, { name: p.name }), L.resetText, L.reset, false, async () => {
      const r = await api<{ temporaryPassword?: string }>(`/people/${p.id}/password-reset`, { method: 'POST', body: {} })
      setPerson({ ...p, account: { ...a, mustChangePassword: true } })
      void queryClient.invalidateQueries({ queryKey: ['people', 'person', p.id] })
      void queryClient.invalidateQueries({ queryKey: ['people', 'sessions', p.id] })
      if (r.temporaryPassword) setTemporary({ name: p.name, username: a.username, password: r.temporaryPassword })
    })
  const toggle = () =>
    a.disabled
      ? confirm(fill(L.enableConfirm, { name: p.name }), '', L.enable, false, async () => {
          setPerson(await api<Person>(`/people/${p.id}/enable`, { method: 'POST' }))
          message.success(L.enabledMsg)
        })
      : confirm(fill(L.disableConfirm, { name: p.name }), L.disableText, L.disable, true, async () => {
          setPerson(await api<Person>(`/people/${p.id}/disable`, { method: 'POST' }))
          void queryClient.invalidateQueries({ queryKey: ['people', 'sessions', p.id] })
          message.success(L.disabledMsg)
        })

  const status = a.disabled || isLocked(a) || a.mustChangePassword ? <AccountBadges account={a} /> : <StatusTag tone="success">{L.normal}</StatusTag>
  return (
    <Card
      title={L.account}
      extra={
        manage && (
          <Space wrap>
            <Button onClick={reset}>{L.reset}</Button>
            <Button danger={!a.disabled} onClick={toggle}>{a.disabled ? L.enable : L.disable}</Button>
          </Space>
        )
      }
    >
      {!manage && <Alert type="info" showIcon title={p.id === me.person.id ? L.yourself : L.cannotManage} style={{ marginBottom: 16 }} />}
      <Descriptions
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'username', label: L.username, children: <code>{a.username}</code> },
          { key: 'status', label: L.accountStatus, children: status },
          { key: 'lastLogin', label: L.lastLogin, children: a.lastLoginAt ? formatTime(a.lastLoginAt) : L.never },
          { key: 'totp', label: L.totp, children: a.totpEnabled ? L.on : L.off },
        ]}
      />
      <TemporaryPasswordModal value={temporary} onClose={() => setTemporary(null)} />
      {modalHolder}
    </Card>
  )
}

export function SessionsCard({ p, L }: { p: Person; L: Labels }) {
  const { message } = App.useApp()
  // Dialogs rendered inside the page, so they take the page's accessible colours.
  const [modal, modalHolder] = Modal.useModal()
  const queryClient = useQueryClient()
  const sessions = useQuery({
    queryKey: ['people', 'sessions', p.id],
    queryFn: () => api<{ items: Session[] }>(`/people/${p.id}/sessions`),
    retry: false,
  })
  const endAll = useMutation({
    mutationFn: () => api(`/people/${p.id}/sessions`, { method: 'DELETE' }),
    onSuccess: () => {
      message.success(L.sessionsEnded)
      void queryClient.invalidateQueries({ queryKey: ['people', 'sessions', p.id] })
    },
    onError: (err) => message.error(errorMessage(err)),
  })
  const items = sessions.data?.items ?? []
  const columns: ColumnsType<Session> = [
    { title: L.created, dataIndex: 'createdAt', render: formatTime },
    { title: L.lastSeen, dataIndex: 'lastSeenAt', render: formatTime },
    { title: L.expires, dataIndex: 'expiresAt', render: formatTime },
    { title: L.ip, dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
    { title: L.device, dataIndex: 'userAgent', render: (v: string | null) => <span title={v ?? undefined}>{device(v)}</span> },
  ]
  return (
    <Card
      title={L.sessions}
      extra={
        <Button
          danger
          disabled={items.length === 0}
          loading={endAll.isPending}
          onClick={() =>
            modal.confirm({
              title: fill(L.endSessionsConfirm, { name: p.name }),
              content: L.endSessionsText,
              okText: L.endSessions,
              okButtonProps: { danger: true },
              cancelText: L.cancel,
              onOk: () => endAll.mutateAsync().catch(() => undefined),
            })
          }
        >
          {L.endSessions}
        </Button>
      }
    >
      {sessions.error && <Alert type="error" showIcon title={errorMessage(sessions.error)} role="alert" style={{ marginBottom: 16 }} />}
      <Table<Session> rowKey="id" columns={columns} dataSource={items} loading={sessions.isPending} pagination={false} size="small" locale={{ emptyText: <EmptyText>{L.noSessions}</EmptyText> }} scroll={{ x: 600 }} />
      {modalHolder}
    </Card>
  )
}

/** Puts a changed person into the cache of their page and refreshes the people list. */
export function useSetPerson(id: string) {
  const queryClient = useQueryClient()
  return (next: Person) => {
    queryClient.setQueryData(['people', 'person', id], next)
    void queryClient.invalidateQueries({ queryKey: ['people', 'list'] })
  }
}
