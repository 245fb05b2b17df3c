// The phone pages (H5) for residents: routes, each page loaded on demand so the first download
// stays small; the session watcher; antd-mobile's locale and the <html lang> follow the language.
import { Component, lazy, Suspense, useEffect, type ReactNode } from 'react'
import { Route, Routes, useLocation } from 'react-router'
import { ConfigProvider } from 'antd-mobile'
import enUS from 'antd-mobile/es/locales/en-US'
import zhCN from 'antd-mobile/es/locales/zh-CN'
import { useI18n } from '../shared/i18n.tsx'
import { RequireAuth, SessionWatcher } from './session.tsx'
import { Loading, PageCrashed } from './ui.tsx'
import { PendingReports } from './pages/cases/PendingReports.tsx'

const HomePage = lazy(() => import('./pages/Home.tsx'))
const LoginPage = lazy(() => import('./pages/Login.tsx'))
const RegisterPage = lazy(() => import('./pages/Register.tsx'))
const ProfilePage = lazy(() => import('./pages/Profile.tsx'))
const GridPage = lazy(() => import('./pages/Grid.tsx'))
const PasswordPage = lazy(() => import('./pages/Password.tsx'))
const ReportPage = lazy(() => import('./pages/cases/Report.tsx'))
const MyDutiesPage = lazy(() => import('./pages/mobilisation/MyDuties.tsx'))
const MyLeaderPage = lazy(() => import('./pages/building-leaders/LeaderCard.tsx'))
const LeaderCardPage = lazy(() => import('./pages/building-leaders/LeaderCard.tsx').then((m) => ({ default: m.LeaderCardPage })))
const MyReportsPage = lazy(() => import('./pages/cases/MyReports.tsx'))
const TasksPage = lazy(() => import('./pages/cases/Tasks.tsx'))
const CaseViewPage = lazy(() => import('./pages/cases/CaseView.tsx'))
const EstateRatingsPage = lazy(() => import('./pages/EstateRatings.tsx'))
const MyResidentPage = lazy(() => import('./pages/residents/MyResident.tsx'))
const MyPointsPage = lazy(() => import('./pages/points/MyPoints.tsx'))
const MyUnitPage = lazy(() => import('./pages/units/MyUnit.tsx'))
const MyRegistrationPage = lazy(() => import('./pages/members/MyRegistration.tsx'))
const UnitMembersPage = lazy(() => import('./pages/members/UnitMembers.tsx'))
const ActivitiesPage = lazy(() => import('./pages/volunteers/Activities.tsx'))
const ActivityViewPage = lazy(() => import('./pages/volunteers/ActivityView.tsx'))
const CheckInPage = lazy(() => import('./pages/volunteers/CheckIn.tsx'))
const MyHoursPage = lazy(() => import('./pages/volunteers/MyHours.tsx'))
const MyScoresPage = lazy(() => import('./pages/statistics/MyScores.tsx'))
const MyProjectsPage = lazy(() => import('./pages/secretary-projects/MyProjects.tsx'))
const ProjectViewPage = lazy(() => import('./pages/secretary-projects/ProjectView.tsx'))
const ServicesPage = lazy(() => import('./pages/Services.tsx'))
const RedMapPage = lazy(() => import('./pages/venues/RedMap.tsx'))
const VenueViewPage = lazy(() => import('./pages/venues/VenueView.tsx'))
const MyBookingsPage = lazy(() => import('./pages/venues/MyBookings.tsx'))
const MyMeetingsPage = lazy(() => import('./pages/meetings/MyMeetings.tsx'))
const MeetingViewPage = lazy(() => import('./pages/meetings/MeetingView.tsx'))
const MeetingCheckInPage = lazy(() => import('./pages/meetings/CheckIn.tsx'))
const MyPartyLifePage = lazy(() => import('./pages/party-life/MyPartyLife.tsx'))
const WishWallPage = lazy(() => import('./pages/wishes/WishWall.tsx'))
const PostWishPage = lazy(() => import('./pages/wishes/PostWish.tsx'))
const MyWishesPage = lazy(() => import('./pages/wishes/MyWishes.tsx'))
const MyClaimsPage = lazy(() => import('./pages/wishes/MyClaims.tsx'))
const ProjectsPage = lazy(() => import('./pages/funds/ProjectsPage.tsx'))
const LibraryPage = lazy(() => import('./pages/library/Library.tsx'))
const PracticeViewPage = lazy(() => import('./pages/library/PracticeView.tsx'))
const FamilyBankPage = lazy(() => import('./pages/family_bank/FamilyBank.tsx'))
const DepositPage = lazy(() => import('./pages/family_bank/Deposit.tsx'))
const MyDepositsPage = lazy(() => import('./pages/family_bank/MyDeposits.tsx'))
const TopicsPage = lazy(() => import('./pages/deliberation/Topics.tsx'))
const ProposeTopicPage = lazy(() => import('./pages/deliberation/ProposeTopic.tsx'))
const TopicViewPage = lazy(() => import('./pages/deliberation/TopicView.tsx'))
const MyNoticesPage = lazy(() => import('./pages/broadcasts/MyNotices.tsx'))
const MyErrandsPage = lazy(() => import('./pages/errands/MyErrands.tsx'))
const ErrandViewPage = lazy(() => import('./pages/errands/ErrandView.tsx'))
const ApplyErrandPage = lazy(() => import('./pages/errands/ApplyErrand.tsx'))
const OrderCataloguePage = lazy(() => import('./pages/orders/OrderCatalogue.tsx'))
const OrderFormPage = lazy(() => import('./pages/orders/OrderForm.tsx'))
const MyOrdersPage = lazy(() => import('./pages/orders/MyOrders.tsx'))
const OrderViewPage = lazy(() => import('./pages/orders/OrderView.tsx'))
const SosPage = lazy(() => import('./pages/orders/Sos.tsx'))
const GrabHallPage = lazy(() => import('./pages/orders/GrabHall.tsx'))
const MyServicesPage = lazy(() => import('./pages/orders/MyServices.tsx'))
const MessagesPage = lazy(() => import('./pages/messages/Messages.tsx'))
const NotFoundPage = lazy(() => import('./ui.tsx').then((m) => ({ default: m.NotFoundPage })))

/** A page that fails to load or render (e.g. its file is gone after an update) says so and offers a reload. */
class PageBoundary extends Component<{ children: ReactNode; resetKey: string }, { failed: boolean; key: string }> {
  override state = { failed: false, key: this.props.resetKey }
  static getDerivedStateFromError() {
    return { failed: true }
  }
  static getDerivedStateFromProps(props: { resetKey: string }, state: { failed: boolean; key: string }) {
    return props.resetKey !== state.key ? { failed: false, key: props.resetKey } : null
  }
  override render() {
    return this.state.failed ? <PageCrashed /> : this.props.children
  }
}

/** A new page starts at its top. */
function ScrollToTop({ pathname }: { pathname: string }) {
  useEffect(() => {
    window.scrollTo(0, 0)
  }, [pathname])
  return null
}

export function H5App() {
  const location = useLocation()
  const { lang } = useI18n()
  useEffect(() => {
    document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN'
  }, [lang])
  return (
    <ConfigProvider locale={lang === 'en' ? enUS : zhCN}>
      <SessionWatcher />
      <ScrollToTop pathname={location.pathname} />
      <PageBoundary resetKey={location.pathname}>
        <Suspense fallback={<Loading />}>
          <Routes>
            <Route index element={<HomePage />} />
            <Route path="login" element={<LoginPage />} />
            <Route path="register" element={<RegisterPage />} />
            <Route path="me" element={<RequireAuth><ProfilePage /></RequireAuth>} />
            <Route path="services" element={<ServicesPage />} />
            <Route path="messages" element={<RequireAuth><MessagesPage /></RequireAuth>} />
            <Route path="grid" element={<RequireAuth><GridPage /></RequireAuth>} />
            <Route path="password" element={<RequireAuth><PasswordPage /></RequireAuth>} />
            <Route path="report" element={<ReportPage />} />
            <Route path="estates" element={<EstateRatingsPage />} />
            <Route path="venues" element={<RedMapPage />} />
            <Route path="venues/:id" element={<VenueViewPage />} />
            <Route path="my-bookings" element={<RequireAuth><MyBookingsPage /></RequireAuth>} />
            <Route path="mobilisation" element={<RequireAuth><MyDutiesPage /></RequireAuth>} />
            <Route path="mobilisation/checkin" element={<RequireAuth><MyDutiesPage /></RequireAuth>} />
            <Route path="building-leaders" element={<RequireAuth><MyLeaderPage /></RequireAuth>} />
            <Route path="building-leaders/:id" element={<LeaderCardPage />} />
            <Route path="meetings" element={<RequireAuth><MyMeetingsPage /></RequireAuth>} />
            <Route path="meetings/checkin" element={<RequireAuth><MeetingCheckInPage /></RequireAuth>} />
            <Route path="meetings/:id" element={<RequireAuth><MeetingViewPage /></RequireAuth>} />
            <Route path="party-life" element={<RequireAuth><MyPartyLifePage /></RequireAuth>} />
            <Route path="wishes" element={<WishWallPage />} />
            <Route path="wishes/new" element={<RequireAuth><PostWishPage /></RequireAuth>} />
            <Route path="my-wishes" element={<RequireAuth><MyWishesPage /></RequireAuth>} />
            <Route path="my-claimed-wishes" element={<RequireAuth><MyClaimsPage /></RequireAuth>} />
            <Route path="projects" element={<ProjectsPage />} />
            <Route path="library" element={<RequireAuth><LibraryPage /></RequireAuth>} />
            <Route path="library/:id" element={<RequireAuth><PracticeViewPage /></RequireAuth>} />
            <Route path="family-bank" element={<FamilyBankPage />} />
            <Route path="family-bank/new" element={<RequireAuth><DepositPage /></RequireAuth>} />
            <Route path="my-family-deposits" element={<RequireAuth><MyDepositsPage /></RequireAuth>} />
            <Route path="deliberation" element={<RequireAuth><TopicsPage /></RequireAuth>} />
            <Route path="deliberation/new" element={<RequireAuth><ProposeTopicPage /></RequireAuth>} />
            <Route path="deliberation/topics/:id" element={<RequireAuth><TopicViewPage /></RequireAuth>} />
            <Route path="notices" element={<RequireAuth><MyNoticesPage /></RequireAuth>} />
            <Route path="my-errands" element={<RequireAuth><MyErrandsPage /></RequireAuth>} />
            <Route path="errands/new" element={<RequireAuth><ApplyErrandPage /></RequireAuth>} />
            <Route path="errands/:id" element={<RequireAuth><ErrandViewPage /></RequireAuth>} />
            <Route path="order" element={<RequireAuth><OrderCataloguePage /></RequireAuth>} />
            <Route path="order/:itemId" element={<RequireAuth><OrderFormPage /></RequireAuth>} />
            <Route path="my-orders" element={<RequireAuth><MyOrdersPage /></RequireAuth>} />
            <Route path="my-orders/:id" element={<RequireAuth><OrderViewPage /></RequireAuth>} />
            <Route path="sos" element={<RequireAuth><SosPage /></RequireAuth>} />
            <Route path="grab" element={<RequireAuth><GrabHallPage /></RequireAuth>} />
            <Route path="my-services" element={<RequireAuth><MyServicesPage /></RequireAuth>} />
            <Route path="my-reports" element={<RequireAuth><MyReportsPage /></RequireAuth>} />
            <Route path="tasks" element={<RequireAuth><TasksPage /></RequireAuth>} />
            <Route path="cases/:id" element={<RequireAuth><CaseViewPage /></RequireAuth>} />
            <Route path="my-resident" element={<RequireAuth><MyResidentPage /></RequireAuth>} />
            <Route path="points" element={<RequireAuth><MyPointsPage /></RequireAuth>} />
            <Route path="unit" element={<RequireAuth><MyUnitPage /></RequireAuth>} />
            <Route path="my-registration" element={<RequireAuth><MyRegistrationPage /></RequireAuth>} />
            <Route path="unit-members" element={<RequireAuth><UnitMembersPage /></RequireAuth>} />
            <Route path="activities" element={<RequireAuth><ActivitiesPage /></RequireAuth>} />
            <Route path="activities/:id" element={<RequireAuth><ActivityViewPage /></RequireAuth>} />
            <Route path="checkin" element={<RequireAuth><CheckInPage /></RequireAuth>} />
            <Route path="volunteer-hours" element={<RequireAuth><MyHoursPage /></RequireAuth>} />
            <Route path="my-scores" element={<RequireAuth><MyScoresPage /></RequireAuth>} />
            <Route path="my-projects" element={<RequireAuth><MyProjectsPage /></RequireAuth>} />
            <Route path="my-projects/:id" element={<RequireAuth><ProjectViewPage /></RequireAuth>} />
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        </Suspense>
      </PageBoundary>
      <PendingReports />
    </ConfigProvider>
  )
}
