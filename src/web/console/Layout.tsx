// The console frame: navigation limited to what the caller's roles allow, the user menu,
// and the language switch.
import type { ReactNode } from 'react'
import { Badge, Breadcrumb, Layout, Menu, Dropdown, Button, Space, Typography } from 'antd'
import {
  AlertOutlined, ApartmentOutlined, CustomerServiceOutlined, BankOutlined, BuildOutlined, CarryOutOutlined, EnvironmentOutlined, FileSearchOutlined, FlagOutlined, GiftOutlined, HeartOutlined,
  HomeOutlined, IdcardOutlined, ScheduleOutlined, SettingOutlined, SolutionOutlined, SoundOutlined, StarOutlined, TeamOutlined, CommentOutlined, ReadOutlined, HomeFilled, DesktopOutlined, TableOutlined,
} from '@ant-design/icons'
import { AuditOutlined, FireOutlined } from '@ant-design/icons'
import { ProjectOutlined } from '@ant-design/icons'
import { TrophyOutlined } from '@ant-design/icons'
import { Link, Outlet, useLocation, useNavigate } from 'react-router'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import type { TodoCounts } from '@server/modules/cases/cases.schemas.ts'
import { api } from '../shared/api.ts'
import { useI18n } from '../shared/i18n.tsx'
import { consoleLevels, roleLabels, roleLevels } from '../shared/roles.ts'
import type { MessageKey } from '../shared/messages.ts'
import { useLevel, useMe } from './auth.tsx'
import { ResidentOnly } from './pages/Status.tsx'
import { NotificationBell } from './pages/cases/NotificationBell.tsx'

/** Console sections; later capabilities add theirs here. */
export const sections: { path: string; label: MessageKey; minLevel: number; icon: ReactNode }[] = [
  { path: '/', label: 'nav.dashboard', minLevel: consoleLevels.dashboard, icon: <HomeOutlined /> },
  { path: '/cases', label: 'nav.cases', minLevel: consoleLevels.cases, icon: <AlertOutlined /> },
  { path: '/cases/settings', label: 'nav.caseSettings', minLevel: consoleLevels.caseSettings, icon: <SettingOutlined /> },
  { path: '/visits', label: 'nav.visits', minLevel: consoleLevels.visits, icon: <CarryOutOutlined /> },
  { path: '/estates', label: 'nav.estates', minLevel: consoleLevels.estates, icon: <BuildOutlined /> },
  { path: '/residents', label: 'nav.residents', minLevel: consoleLevels.residents, icon: <IdcardOutlined /> },
  { path: '/points', label: 'nav.points', minLevel: consoleLevels.points, icon: <GiftOutlined /> },
  { path: '/units', label: 'nav.units', minLevel: consoleLevels.units, icon: <BankOutlined /> },
  { path: '/members', label: 'nav.members', minLevel: consoleLevels.members, icon: <FlagOutlined /> },
  { path: '/volunteers', label: 'nav.volunteers', minLevel: consoleLevels.volunteers, icon: <HeartOutlined /> },
  { path: '/venues', label: 'nav.venues', minLevel: consoleLevels.venues, icon: <EnvironmentOutlined /> },
  { path: '/mobilisation', label: 'nav.mobilisation', minLevel: consoleLevels.dashboard, icon: <AlertOutlined /> },
  { path: '/building-leaders', label: 'nav.buildingLeaders', minLevel: consoleLevels.dashboard, icon: <IdcardOutlined /> },
  { path: '/meetings', label: 'nav.meetings', minLevel: consoleLevels.meetings, icon: <ScheduleOutlined /> },
  { path: '/party-life', label: 'nav.partyLife', minLevel: consoleLevels.meetings, icon: <FlagOutlined /> },
  { path: '/broadcasts', label: 'nav.broadcasts', minLevel: consoleLevels.broadcasts, icon: <SoundOutlined /> },
  { path: '/orders', label: 'nav.orders', minLevel: consoleLevels.orders, icon: <CustomerServiceOutlined /> },
  { path: '/wishes', label: 'nav.wishes', minLevel: consoleLevels.wishes, icon: <StarOutlined /> },
  { path: '/funds', label: 'nav.funds', minLevel: consoleLevels.funds, icon: <BankOutlined /> },
  { path: '/statistics', label: 'nav.statistics', minLevel: consoleLevels.statistics, icon: <TableOutlined /> },
  { path: '/statistics/people', label: 'nav.statisticsPeople', minLevel: consoleLevels.statistics, icon: <SolutionOutlined /> },
  { path: '/statistics/reports', label: 'nav.statisticsReports', minLevel: consoleLevels.statistics, icon: <AuditOutlined /> },
  { path: '/statistics/assessments', label: 'nav.statisticsAssessments', minLevel: consoleLevels.statistics, icon: <TrophyOutlined /> },
  { path: '/hotspots', label: 'nav.hotspots', minLevel: consoleLevels.statistics, icon: <FireOutlined /> },
  { path: '/secretary-projects', label: 'nav.secretaryProjects', minLevel: consoleLevels.statistics, icon: <ProjectOutlined /> },
  { path: '/library', label: 'nav.library', minLevel: consoleLevels.library, icon: <ReadOutlined /> },
  { path: '/family-bank', label: 'nav.familyBank', minLevel: consoleLevels.familyBank, icon: <HomeFilled /> },
  { path: '/screens', label: 'nav.screens', minLevel: consoleLevels.screens, icon: <DesktopOutlined /> },
  { path: '/deliberation', label: 'nav.deliberation', minLevel: consoleLevels.deliberation, icon: <CommentOutlined /> },
  { path: '/errands', label: 'nav.errands', minLevel: consoleLevels.errands, icon: <SolutionOutlined /> },
  { path: '/orgs', label: 'nav.orgs', minLevel: consoleLevels.orgs, icon: <ApartmentOutlined /> },
  { path: '/people', label: 'nav.people', minLevel: consoleLevels.people, icon: <TeamOutlined /> },
  { path: '/audit', label: 'nav.audit', minLevel: consoleLevels.audit, icon: <FileSearchOutlined /> },
]

export function ConsoleLayout() {
  const { t, lang, setLang } = useI18n()
  const me = useMe().data!
  const level = useLevel()
  const navigate = useNavigate()
  const location = useLocation()
  const queryClient = useQueryClient()
  // The to-do count on the menu, as a work-order system shows it (the inbox tabs read the same query).
  const todo = useQuery({ queryKey: ['cases', 'todo-counts'], queryFn: () => api<TodoCounts>('/cases/todo-counts'), enabled: level >= consoleLevels.cases, refetchInterval: 60_000 })
  if (level < consoleLevels.dashboard) return <ResidentOnly />

  const visible = sections.filter((s) => level >= s.minLevel)
  // The longest section path the page lies under (/cases/settings is not also /cases).
  const matching = visible.filter((s) => (s.path === '/' ? location.pathname === '/' : location.pathname === s.path || location.pathname.startsWith(s.path + '/')))
  const selected = matching.sort((a, b) => b.path.length - a.path.length).slice(0, 1).map((s) => s.path)
  // Where am I, as Ant Design Pro consoles show it: 首页 / the section / the record (#id).
  const section = location.pathname === '/' ? undefined : visible.find((s) => s.path === selected[0])
  const record = section ? location.pathname.slice(section.path.length).split('/').filter(Boolean)[0] : undefined
  const crumbs = !section ? [] : record && /^\d+$/.test(record)
    ? [{ title: <Link to={section.path}>{t(section.label)}</Link> }, { title: `#${record}` }]
    : [{ title: record ? <Link to={section.path}>{t(section.label)}</Link> : t(section.label) }]
  const topRole = [...me.roles].sort((a, b) => (roleLevels[b.role] ?? 0) - (roleLevels[a.role] ?? 0))[0]?.role

  async function logout() {
    await api('/auth/logout', { method: 'POST' }).catch(() => undefined)
    queryClient.clear()
    navigate('/login', { replace: true })
  }

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider breakpoint="lg" collapsedWidth={0} theme="light" width={208}>
        <div style={{ padding: '18px 20px', fontSize: 20, fontWeight: 600, color: '#c8102e' }}>{t('app.name')}</div>
        <nav aria-label={t('app.console')}>
          <Menu mode="inline" selectedKeys={selected} items={visible.map((s) => ({
            key: s.path,
            icon: s.icon,
            label: s.path === '/cases' && todo.data?.total ? (
              <span>{t(s.label)} <Badge count={todo.data.total} size="small" overflowCount={99} title={`${t('nav.todo')} ${todo.data.total}`} style={{ marginInlineStart: 4 }} /></span>
            ) : t(s.label),
          }))} onClick={({ key }) => navigate(key)} />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', display: 'flex', justifyContent: 'space-between', alignItems: 'center', paddingInline: 24 }}>
          <Typography.Text strong>{t('app.console')}</Typography.Text>
          <Space>
            <NotificationBell />
            <Button type="text" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} aria-label={`${t('nav.language')} (language)`} lang={lang === 'zh' ? 'en' : 'zh-CN'}>{t('nav.language')}</Button>
            <Dropdown
              menu={{
                items: [
                  { key: 'password', label: t('nav.changePassword'), onClick: () => navigate('/change-password') },
                  { key: 'logout', label: t('nav.logout'), onClick: () => void logout() },
                ],
              }}
            >
              <Button type="text">
                {me.person.name}
                {topRole ? ` · ${roleLabels[topRole]?.[lang] ?? topRole}` : ''}
              </Button>
            </Dropdown>
          </Space>
        </Layout.Header>
        {/* antd renders Content as the page's one <main> landmark (issue 13: there were two, nested). */}
        <Layout.Content style={{ padding: 24 }}>
          {crumbs.length > 0 && <Breadcrumb style={{ marginBottom: 12 }} items={[{ title: <Link to="/">{t('nav.dashboard')}</Link> }, ...crumbs]} />}
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  )
}
