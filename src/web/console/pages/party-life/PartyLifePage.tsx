// 组织生活: the Party organisations of the caller's area. 汇总 is the rollup of every organisation
// under a node; choosing one opens its dashboard (required vs held per kind and period, late and
// missing, members absent three in a row), its calendar of meetings, members, yearly plan and
// study. Cadres hold a meeting here (it opens the one meeting page).
import { useState } from 'react'
import { useSearchParams } from 'react-router'
import { useQuery } from '@tanstack/react-query'
import { Button, Empty, Flex, InputNumber, Select, Space, Spin, Tabs, Typography } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import type { z } from 'zod'
import type { partyOrgSchema, recordSchema } from '@server/modules/party_life/party_life.schemas.ts'
import { api } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { OrgSelect, PageTheme } from '../../common.tsx'
import { useLevel } from '../../auth.tsx'
import { roleLevels } from '../../../shared/roles.ts'
import { partyOrgKindWords, usePartyLifeLabels } from './labels.ts'
import { OverviewTab } from './Overview.tsx'
import { DashboardTab } from './Dashboard.tsx'
import { CalendarTab } from './CalendarTab.tsx'
import { MembersTab } from './MembersTab.tsx'
import { PlanTab } from './PlanTab.tsx'
import { StudyTab } from './StudyTab.tsx'
import { CreatePartyMeetingModal } from './CreatePartyMeetingModal.tsx'

type PartyOrg = z.infer<typeof partyOrgSchema>
const size = (o: PartyOrg) => o.members.direct + o.members.participating + o.members.assisting

/**
 * The organisation the page opens on: the caller's own (the largest of those they belong to), else
 * the one with most members under their node; none when every organisation there is empty.
 */
export function defaultPartyOrg(listed: PartyOrg[], mine: string[]): PartyOrg | undefined {
  const bySize = [...listed].sort((a, b) => size(b) - size(a))
  return bySize.find((o) => mine.includes(o.id)) ?? bySize.find((o) => size(o) > 0)
}
const tabs = ['overview', 'dashboard', 'calendar', 'members', 'plan', 'study'] as const
type Tab = (typeof tabs)[number]

export default function PartyLifePage() {
  const L = usePartyLifeLabels()
  const { lang } = useI18n()
  const level = useLevel()
  const [params, setParams] = useSearchParams()
  const [scope, setScope] = useState<string | undefined>()
  const [year, setYear] = useState(new Date().getFullYear())
  const [creating, setCreating] = useState(false)
  const orgs = useQuery({ queryKey: ['party-life', 'orgs', scope], queryFn: () => api<PartyOrg[]>(`/party-orgs${scope ? `?orgId=${scope}` : ''}`) })
  const me = useQuery({ queryKey: ['party-life', 'me', year], queryFn: () => api<z.infer<typeof recordSchema>>(`/party-life/me?year=${year}`) })
  // Without an organisation in the address the page opens on the caller's most relevant one
  // (only on the first view: once they choose 汇总 or clear the choice, `tab` is in the address).
  const fallback = params.get('tab') ? undefined : defaultPartyOrg(orgs.data ?? [], (me.data?.orgs ?? []).map((o) => o.id))?.id
  const partyOrgId = params.get('org') ?? fallback
  const deciding = !params.get('org') && !params.get('tab') && (orgs.isPending || me.isPending)
  const tab: Tab = (tabs as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : partyOrgId ? 'dashboard' : 'overview'
  const go = (next: { org?: string; tab?: Tab }) => {
    const p: Record<string, string> = {}
    const org = 'org' in next ? next.org : partyOrgId
    if (org) p.org = org
    p.tab = next.tab ?? tab
    setParams(p, { replace: true })
  }
  const canManage = level >= roleLevels.community_cadre!
  const needOrg = <Empty description={L.emptyPick} />
  return (
    <PageTheme>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }}>{L.title}</Typography.Title>
        <Space wrap>
          <OrgSelect allowClear aria-label={L.scope} placeholder={L.scope} style={{ width: 220 }} value={scope} onChange={setScope} />
          <Select showSearch allowClear aria-label={L.partyOrg} placeholder={L.pickOrg} style={{ width: 280 }} value={partyOrgId} optionFilterProp="label"
            onChange={(v?: string) => go({ org: v, tab: v ? (tab === 'overview' ? 'dashboard' : tab) : 'overview' })}
            options={(orgs.data ?? []).map((o) => ({ value: o.id, label: `${o.name}（${partyOrgKindWords[o.partyKind as keyof typeof partyOrgKindWords]?.[lang] ?? ''}）` }))} />
          <InputNumber aria-label={L.year} min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} addonAfter={L.year} style={{ width: 130 }} />
          {canManage && partyOrgId && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{L.createMeeting}</Button>}
        </Space>
      </Flex>
      {deciding ? <Spin style={{ display: 'block', margin: 48 }} /> : <Tabs activeKey={tab} onChange={(k) => go({ tab: k as Tab })} destroyOnHidden
        items={[
          { key: 'overview', label: L.tabOverview, children: <OverviewTab orgId={scope} year={year} onPick={(id) => go({ org: id, tab: 'dashboard' })} /> },
          { key: 'dashboard', label: L.tabDashboard, children: partyOrgId ? <DashboardTab partyOrgId={partyOrgId} year={year} /> : needOrg },
          { key: 'calendar', label: L.tabCalendar, children: partyOrgId ? <CalendarTab partyOrgId={partyOrgId} /> : needOrg },
          { key: 'members', label: L.tabMembers, children: partyOrgId ? <MembersTab partyOrgId={partyOrgId} year={year} canManage={canManage} /> : needOrg },
          { key: 'plan', label: L.tabPlan, children: partyOrgId ? <PlanTab partyOrgId={partyOrgId} year={year} canManage={canManage} /> : needOrg },
          { key: 'study', label: L.tabStudy, children: partyOrgId ? <StudyTab partyOrgId={partyOrgId} year={year} canManage={canManage} /> : needOrg },
        ]} />}
      {partyOrgId && <CreatePartyMeetingModal partyOrgId={partyOrgId} open={creating} onClose={() => setCreating(false)} />}
    </PageTheme>
  )
}
