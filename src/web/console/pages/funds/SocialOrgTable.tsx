// Social organisations under the node (GET /social-orgs): services, incubation stage, their
// projects and the money they received; cadres edit a profile.
import { useQuery } from '@tanstack/react-query'
import { Alert, Table, Tag } from 'antd'
import { api } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { EmptyText, errorMessage } from '../../common.tsx'
import { money, stageWords, useFundLabels } from './labels.ts'
import { SocialOrgModal, type SocialOrg } from './SocialOrgModal.tsx'

export function SocialOrgTable({ orgId, canManage }: { orgId: string; canManage: boolean }) {
  const L = useFundLabels()
  const { lang } = useI18n()
  const list = useQuery({ queryKey: ['funds', 'social', orgId], queryFn: () => api<{ items: SocialOrg[] }>(`/social-orgs?orgId=${orgId}`) })
  return (
    <div>
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} role="alert" />}
      <Table<SocialOrg> rowKey={(s) => s.unit.id} size="middle" dataSource={list.data?.items ?? []} loading={list.isFetching} pagination={false}
        locale={{ emptyText: <EmptyText>{L.none}</EmptyText> }}
        columns={[
          { title: L.name, key: 'name', render: (_, s) => s.unit.name },
          { title: L.community, key: 'org', render: (_, s) => s.org.name },
          { title: L.services, key: 'services', render: (_, s) => s.services.map((x) => <Tag key={x}>{x}</Tag>) },
          { title: L.stage, key: 'stage', render: (_, s) => (s.stage ? <Tag color={s.stage === 'incubating' ? 'gold' : 'green'}>{stageWords[s.stage][lang]}</Tag> : '—') },
          { title: L.incubatedOn, key: 'in', render: (_, s) => s.incubatedOn ?? '—' },
          { title: L.hatchedOn, key: 'out', render: (_, s) => s.hatchedOn ?? '—' },
          { title: L.tabProjects, key: 'projects', render: (_, s) => s.projects.map((p) => p.title).join('；') || '—' },
          { title: L.receivedMoney, key: 'money', align: 'right', render: (_, s) => money(s.receivedYuan) },
          ...(canManage ? [{ title: L.actions, key: 'edit', render: (_: unknown, s: SocialOrg) => <SocialOrgModal org={s} /> }] : []),
        ]} />
    </div>
  )
}
