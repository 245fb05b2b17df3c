import { lazy, Suspense } from 'react'
import { Route, Routes } from 'react-router'
import { ConfigProvider, Spin, App as AntApp } from 'antd'
import zhCN from 'antd/locale/zh_CN'
import enUS from 'antd/locale/en_US'
import { useI18n } from '../shared/i18n.tsx'
import { consoleLevels } from '../shared/roles.ts'
import { RequireAuth, RequireLevel, SessionWatcher } from './auth.tsx'
import { ConsoleLayout } from './Layout.tsx'
import { LoginPage } from './pages/Login.tsx'
import { ChangePasswordPage } from './pages/ChangePassword.tsx'
import { NotFound } from './pages/Status.tsx'

const DashboardPage = lazy(() => import('./pages/Dashboard.tsx'))

export function App() {
  const { lang } = useI18n()
  return (
    <ConfigProvider locale={lang === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#c8102e', borderRadius: 6 } }}>
      <AntApp>
        <SessionWatcher />
        <Suspense fallback={<Spin fullscreen />}>
          <Routes>
            <Route path="/login" element={<LoginPage />} />
            <Route path="/change-password" element={<RequireAuth><ChangePasswordPage /></RequireAuth>} />
            <Route element={<RequireAuth><ConsoleLayout /></RequireAuth>}>
              <Route index element={<RequireLevel min={consoleLevels.dashboard}><DashboardPage /></RequireLevel>} />
              <Route path="*" element={<NotFound />} />
            </Route>
          </Routes>
        </Suspense>
      </AntApp>
    </ConfigProvider>
  )
}
