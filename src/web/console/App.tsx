import { lazy, Suspense } from 'react'
import { Route, Routes } from 'react-router'
import { ConfigProvider, Spin, App as AntApp } from 'antd'
import zhCN from 'antd/locale/zh_CN'
import enUS from 'antd/locale/en_US'
import { useI18n } from '../shared/i18n.tsx'
import { consoleLevels } from '../shared/roles.ts'
import { consoleTheme } from './theme.ts'
import { RequireAuth, RequireLevel, SessionWatcher } from './auth.tsx'
import { ConsoleLayout } from './Layout.tsx'
import { LoginPage } from './pages/Login.tsx'
import { ChangePasswordPage } from './pages/ChangePassword.tsx'
import { NotFound } from './pages/Status.tsx'

const DashboardPage = lazy(() => import('./pages/Dashboard.tsx'))
const OrgsPage = lazy(() => import('./pages/orgs/OrgsPage.tsx'))
const PeopleListPage = lazy(() => import('./pages/people/PeopleList.tsx'))
const PersonDetailPage = lazy(() => import('./pages/people/PersonDetail.tsx'))
const AuditLogPage = lazy(() => import('./pages/audit/AuditLog.tsx'))
const VisitsPage = lazy(() => import('./pages/visits/VisitsPage.tsx'))
const EstateRatingsPage = lazy(() => import('./pages/estates/EstateRatingsPage.tsx'))
const CaseInboxPage = lazy(() => import('./pages/cases/CaseInbox.tsx'))
const CaseMapPage = lazy(() => import('./pages/cases/CaseMap.tsx'))
const CaseDetailPage = lazy(() => import('./pages/cases/CaseDetail.tsx'))
const ResidentsPage = lazy(() => import('./pages/residents/ResidentsPage.tsx'))
const PointsPage = lazy(() => import('./pages/points/PointsPage.tsx'))
const UnitsPage = lazy(() => import('./pages/units/UnitsPage.tsx'))
const MembersPage = lazy(() => import('./pages/members/MembersPage.tsx'))
const VolunteersPage = lazy(() => import('./pages/volunteers/VolunteersPage.tsx'))
const CaseSettingsPage = lazy(() => import('./pages/cases/CaseSettings.tsx'))
const VenuesPage = lazy(() => import('./pages/venues/VenuesPage.tsx'))
const MobilisationPage = lazy(() => import('./pages/mobilisation/MobilisationPage.tsx'))
const BuildingLeadersPage = lazy(() => import('./pages/building-leaders/BuildingLeadersPage.tsx'))
const LeaderCardPrintPage = lazy(() => import('./pages/building-leaders/LeaderCardPrint.tsx'))
const MeetingsPage = lazy(() => import('./pages/meetings/MeetingsPage.tsx'))
const MeetingPage = lazy(() => import('./pages/meetings/MeetingPage.tsx'))
const PartyLifePage = lazy(() => import('./pages/party-life/PartyLifePage.tsx'))
const BroadcastsPage = lazy(() => import('./pages/broadcasts/BroadcastsPage.tsx'))
const OrdersPage = lazy(() => import('./pages/orders/OrdersPage.tsx'))
const WishesPage = lazy(() => import('./pages/wishes/WishesPage.tsx'))
const FundsPage = lazy(() => import('./pages/funds/FundsPage.tsx'))
const StatisticsPage = lazy(() => import('./pages/statistics/StatisticsPage.tsx'))
const StatisticsReportsPage = lazy(() => import('./pages/statistics/ReportsPage.tsx'))
const PeopleScoresPage = lazy(() => import('./pages/statistics/PeopleScoresPage.tsx'))
const AssessmentsPage = lazy(() => import('./pages/statistics/AssessmentsPage.tsx'))
const HotspotsPage = lazy(() => import('./pages/hotspots/HotspotsPage.tsx'))
const SecretaryProjectsPage = lazy(() => import('./pages/secretary-projects/SecretaryProjectsPage.tsx'))
const LibraryPage = lazy(() => import('./pages/library/LibraryPage.tsx'))
const FamilyBankPage = lazy(() => import('./pages/family_bank/FamilyBankPage.tsx'))
const ScreensPage = lazy(() => import('./pages/screens/ScreensPage.tsx'))
const ScreenPage = lazy(() => import('./pages/screens/ScreenPage.tsx'))
const DeliberationPage = lazy(() => import('./pages/deliberation/DeliberationPage.tsx'))
const ErrandsPage = lazy(() => import('./pages/errands/ErrandsPage.tsx'))

export function App() {
  const { lang } = useI18n()
  return (
    <ConfigProvider locale={lang === 'en' ? enUS : zhCN} theme={consoleTheme}>
      <AntApp>
        <SessionWatcher />
        <Suspense fallback={<Spin fullscreen />}>
          <Routes>
            <Route path="/login" element={<LoginPage />} />
            <Route path="/screen/:token" element={<ScreenPage />} />
            <Route path="/change-password" element={<RequireAuth><ChangePasswordPage /></RequireAuth>} />
            <Route element={<RequireAuth><ConsoleLayout /></RequireAuth>}>
              <Route index element={<RequireLevel min={consoleLevels.dashboard}><DashboardPage /></RequireLevel>} />
              <Route path="people" element={<RequireLevel min={consoleLevels.people}><PeopleListPage /></RequireLevel>} />
              <Route path="people/:id" element={<RequireLevel min={consoleLevels.people}><PersonDetailPage /></RequireLevel>} />
              <Route path="audit" element={<RequireLevel min={consoleLevels.audit}><AuditLogPage /></RequireLevel>} />
              <Route path="orgs" element={<RequireLevel min={consoleLevels.orgs}><OrgsPage /></RequireLevel>} />
              <Route path="orgs/:id" element={<RequireLevel min={consoleLevels.orgs}><OrgsPage /></RequireLevel>} />
              <Route path="cases" element={<RequireLevel min={consoleLevels.cases}><CaseInboxPage /></RequireLevel>} />
              <Route path="cases/map" element={<RequireLevel min={consoleLevels.cases}><CaseMapPage /></RequireLevel>} />
              <Route path="cases/settings" element={<RequireLevel min={consoleLevels.caseSettings}><CaseSettingsPage /></RequireLevel>} />
              <Route path="cases/:id" element={<RequireLevel min={consoleLevels.cases}><CaseDetailPage /></RequireLevel>} />
              <Route path="visits" element={<RequireLevel min={consoleLevels.visits}><VisitsPage /></RequireLevel>} />
              <Route path="estates" element={<RequireLevel min={consoleLevels.estates}><EstateRatingsPage /></RequireLevel>} />
              <Route path="residents" element={<RequireLevel min={consoleLevels.residents}><ResidentsPage /></RequireLevel>} />
              <Route path="points" element={<RequireLevel min={consoleLevels.points}><PointsPage /></RequireLevel>} />
              <Route path="units" element={<RequireLevel min={consoleLevels.units}><UnitsPage /></RequireLevel>} />
              <Route path="members" element={<RequireLevel min={consoleLevels.members}><MembersPage /></RequireLevel>} />
              <Route path="volunteers" element={<RequireLevel min={consoleLevels.volunteers}><VolunteersPage /></RequireLevel>} />
              <Route path="venues" element={<RequireLevel min={consoleLevels.venues}><VenuesPage /></RequireLevel>} />
              <Route path="mobilisation" element={<RequireLevel min={consoleLevels.dashboard}><MobilisationPage /></RequireLevel>} />
              <Route path="building-leaders" element={<RequireLevel min={consoleLevels.dashboard}><BuildingLeadersPage /></RequireLevel>} />
              <Route path="building-leaders/:id/card" element={<RequireLevel min={consoleLevels.dashboard}><LeaderCardPrintPage /></RequireLevel>} />
              <Route path="meetings" element={<RequireLevel min={consoleLevels.meetings}><MeetingsPage /></RequireLevel>} />
              <Route path="meetings/:id" element={<RequireLevel min={consoleLevels.meetings}><MeetingPage /></RequireLevel>} />
              <Route path="party-life" element={<RequireLevel min={consoleLevels.meetings}><PartyLifePage /></RequireLevel>} />
              <Route path="broadcasts" element={<RequireLevel min={consoleLevels.broadcasts}><BroadcastsPage /></RequireLevel>} />
              <Route path="orders" element={<RequireLevel min={consoleLevels.orders}><OrdersPage /></RequireLevel>} />
              <Route path="wishes" element={<RequireLevel min={consoleLevels.wishes}><WishesPage /></RequireLevel>} />
              <Route path="funds" element={<RequireLevel min={consoleLevels.funds}><FundsPage /></RequireLevel>} />
              <Route path="statistics" element={<RequireLevel min={consoleLevels.statistics}><StatisticsPage /></RequireLevel>} />
              <Route path="statistics/reports" element={<RequireLevel min={consoleLevels.statistics}><StatisticsReportsPage /></RequireLevel>} />
              <Route path="statistics/people" element={<RequireLevel min={consoleLevels.statistics}><PeopleScoresPage /></RequireLevel>} />
              <Route path="statistics/assessments" element={<RequireLevel min={consoleLevels.statistics}><AssessmentsPage /></RequireLevel>} />
              <Route path="hotspots" element={<RequireLevel min={consoleLevels.statistics}><HotspotsPage /></RequireLevel>} />
              <Route path="secretary-projects" element={<RequireLevel min={consoleLevels.statistics}><SecretaryProjectsPage /></RequireLevel>} />
              <Route path="library" element={<RequireLevel min={consoleLevels.library}><LibraryPage /></RequireLevel>} />
              <Route path="family-bank" element={<RequireLevel min={consoleLevels.familyBank}><FamilyBankPage /></RequireLevel>} />
              <Route path="screens" element={<RequireLevel min={consoleLevels.screens}><ScreensPage /></RequireLevel>} />
              <Route path="deliberation" element={<RequireLevel min={consoleLevels.deliberation}><DeliberationPage /></RequireLevel>} />
              <Route path="errands" element={<RequireLevel min={consoleLevels.errands}><ErrandsPage /></RequireLevel>} />
              <Route path="*" element={<NotFound />} />
            </Route>
          </Routes>
        </Suspense>
      </AntApp>
    </ConfigProvider>
  )
}
