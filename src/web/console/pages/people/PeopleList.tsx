// 人员与账号: the people holding roles in the caller's scope, searchable by name or username and
// filtered by role and org, loaded page by page (keyset cursor), with a drawer to add someone.
import { useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { Alert, App, Button, Flex, Input, Select, Table, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useI18n } from '../../../shared/i18n.tsx'
import { roleLabels } from '../../../shared/roles.ts'
import { ALL_ORGS, useHomeScope, useMe } from '../../auth.tsx'
import { AccountBadges, EmptyText, errorMessage, formatTime, linkStyle, OrgSelect, PageTheme, RoleTag, TemporaryPasswordModal, useLabels, type Person } from '../../common.tsx'
import { CreatePersonDrawer } from './CreatePersonDrawer.tsx'
import { useCursorPages } from '../../../shared/useCursorPages.ts'


const labels = {
  zh: {
    title: '人员与账号',
    search: '按姓名或用户名搜索',
    role: '按角色筛选',
    anyRole: '全部角色',
    org: '按组织筛选',
    anyOrg: '全部组织',
    create: '新建人员',
    name: '姓名',
    phone: '手机号',
    roles: '角色',
    account: '账号',
    noAccount: '未开通账号',
    lastLogin: '最近登录',
    never: '从未登录',
    more: '加载更多',
    shown: '已显示 {n} 人',
    all: '共 {n} 人',
    empty: '没有符合条件的人员',
    created: '已创建 {name}',
    clear: '清除筛选',
  },
  en: {
    title: 'People & accounts',
    search: 'Search by name or username',
    role: 'Filter by role',
    anyRole: 'All roles',
    org: 'Filter by organisation',
    anyOrg: 'All organisations',
    create: 'New person',
    name: 'Name',
    phone: 'Mobile',
    roles: 'Roles',
    account: 'Account',
    noAccount: 'No account',
    lastLogin: 'Last login',
    never: 'Never logged in',
    more: 'Load more',
    shown: '{n} shown',
    all: '{n} in all',
    empty: 'Nobody matches',
    created: '{name} created',
    clear: 'Clear filters',
  },
}

export default function PeopleListPage() {
  return (
    <PageTheme>
      <PeopleList />
    </PageTheme>
  )
}

function PeopleList() {
  const L = useLabels(labels)
  const { lang, t } = useI18n()
  const { message } = App.useApp()
  const me = useMe().data!
  const [params, setParams] = useSearchParams()
  const q = params.get('q') ?? ''
  const role = params.get('role') ?? undefined
  // Someone who works in several places starts on their own (issue 13); clearing shows them all (orgId=all).
  const home = useHomeScope()
  const orgId = params.get('orgId') === ALL_ORGS ? undefined : (params.get('orgId') ?? home?.id)
  const [text, setText] = useState(q)
  const [creating, setCreating] = useState(false)
  const [temporary, setTemporary] = useState<{ name: string; username?: string; password: string } | null>(null)

  function setFilter(key: string, value: string | undefined) {
    const next = new URLSearchParams(params)
    if (value) next.set(key, value)
    else next.delete(key)
    setParams(next, { replace: true })
  }

  const list = useCursorPages<Person>(['people', 'list', { q, role, orgId }], '/people', (s) => {
    if (q.trim()) s.set('q', q.trim())
    if (role) s.set('role', role)
    if (orgId) s.set('orgId', orgId)
  })
  const rows = list.items

  const columns: ColumnsType<Person> = [
    {
      title: L.name,
      dataIndex: 'name',
      width: 140,
      render: (name: string, p) => <Link to={`/people/${p.id}`} style={linkStyle}>{name}</Link>,
    },
    { title: L.phone, dataIndex: 'phone', width: 130, render: (v: string | null) => v ?? '—' },
    {
      title: L.roles,
      key: 'roles',
      render: (_, p) => p.roles.map((r) => <RoleTag key={r.id} r={r} />),
    },
    {
      title: L.account,
      key: 'account',
      width: 300,
      render: (_, p) =>
        p.account ? (
          <div>
            <div>
              <code style={{ marginInlineEnd: 8 }}>{p.account.username}</code>
              <AccountBadges account={p.account} />
            </div>
            <div style={{ color: '#595959', fontSize: 12 }}>
              {p.account.lastLoginAt ? `${L.lastLogin} ${formatTime(p.account.lastLoginAt)}` : L.never}
            </div>
          </div>
        ) : (
          <span style={{ color: '#595959' }}>{L.noAccount}</span>
        ),
    },
  ]

  const filtered = !!(q || role || params.get('orgId'))

  return (
    <div>
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>{L.title}</Typography.Title>
        <Button type="primary" onClick={() => setCreating(true)}>{L.create}</Button>
      </Flex>
      <Flex wrap gap={12} style={{ marginBottom: 16 }} role="search">
        <Input.Search
          aria-label={L.search}
          placeholder={L.search}
          allowClear
          value={text}
          onChange={(e) => {
            setText(e.target.value)
            if (!e.target.value) setFilter('q', undefined)
          }}
          onSearch={(v) => setFilter('q', v.trim() || undefined)}
          style={{ width: 320 }}
          enterButton={t('common.search')}
        />
        <Select
          aria-label={L.role}
          placeholder={L.anyRole}
          allowClear
          value={role}
          onChange={(v?: string) => setFilter('role', v)}
          options={Object.keys(roleLabels).map((r) => ({ value: r, label: roleLabels[r]![lang] }))}
          style={{ width: 160 }}
        />
        <OrgSelect aria-label={L.org} placeholder={L.anyOrg} allowClear value={orgId} onChange={(v) => setFilter('orgId', v ?? (home ? ALL_ORGS : undefined))} style={{ width: 220 }} known={me.roles.map((r) => ({ value: r.orgId, label: r.orgName ?? r.orgId }))} />
        {filtered && (
          <Button
            onClick={() => {
              setText('')
              setParams(new URLSearchParams(), { replace: true })
            }}
          >
            {L.clear}
          </Button>
        )}
      </Flex>
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} role="alert" />}
      <Table<Person>
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={list.isFetching}
        pagination={list.pagination}
        size="middle"
        locale={{ emptyText: list.isPending ? ' ' : <EmptyText>{L.empty}</EmptyText> }}
        scroll={{ x: 800 }}
      />
      <CreatePersonDrawer
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(p) => {
          setCreating(false)
          if (p.temporaryPassword) setTemporary({ name: p.name, username: p.account?.username, password: p.temporaryPassword })
          else message.success(L.created.replace('{name}', p.name))
        }}
      />
      <TemporaryPasswordModal value={temporary} onClose={() => setTemporary(null)} />
    </div>
  )
}
