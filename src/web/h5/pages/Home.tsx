// Home /h5/: a greeting, the services as large icon tiles (homeEntries.ts; six and 全部服务 in
// easy-reading mode), "my grid" with tap-to-call, the easy-reading switch, and the bottom tab bar;
// visitors get large 登录 / 注册 buttons instead of the grid card.
import { Link, Navigate, useNavigate } from 'react-router'
import { Button } from 'antd-mobile'
import { useSignedIn } from '../session.tsx'
import { isNoGrid, useMyGrid, WorkerList } from '../grid.tsx'
import { useHomeFacts, visibleEntries } from '../homeEntries.ts'
import { ElderModeRow, useElderMode } from '../elder.tsx'
import { tileIcons } from '../tileIcons.tsx'
import { BottomTabs } from '../tabs.tsx'
import { AppstoreOutline } from 'antd-mobile-icons'
import { useLocalText, useT } from '../labels.ts'
import { LangButton, LoadError, Loading, useDocumentTitle } from '../ui.tsx'
import SosHomeEntry from './orders/SosEntry.tsx'

function GridCard() {
  const t = useT()
  const grid = useMyGrid(true)
  return (
    <section className="h5-card" aria-labelledby="home-grid-title">
      <h2 className="h5-card-title" id="home-grid-title">{t('gridCardTitle')}</h2>
      {grid.isPending ? (
        <Loading />
      ) : grid.error ? (
        isNoGrid(grid.error) ? <p className="h5-muted">{t('noGrid')}</p> : <LoadError error={grid.error} onRetry={() => void grid.refetch()} />
      ) : (
        <>
          <p className="h5-grid-name">
            {grid.data.community ? t('gridAndCommunity', { grid: grid.data.grid.name, community: grid.data.community.name }) : grid.data.grid.name}
          </p>
          <WorkerList workers={grid.data.workers} />
          <Link className="h5-text-link" to="/grid">{t('seeAll')} ›</Link>
        </>
      )}
    </section>
  )
}

function VisitorButtons() {
  const t = useT()
  const navigate = useNavigate()
  return (
    <section className="h5-card h5-visitor">
      <Button block color="primary" size="large" onClick={() => navigate('/login')}>
        {t('login')}
      </Button>
      <Button block color="primary" fill="outline" size="large" onClick={() => navigate('/register')}>
        {t('register')}
      </Button>
    </section>
  )
}

export default function HomePage() {
  const t = useT()
  const text = useLocalText()
  const { me, pending, error } = useSignedIn()
  useDocumentTitle('')
  if (me?.account.mustChangePassword) return <Navigate to="/password?forced=1" replace />
  const facts = useHomeFacts(me)
  const entries = visibleEntries(me, facts)
  const elder = useElderMode()
  // Easy-reading mode: six large tiles and 全部服务; otherwise every service at a glance.
  const shown = elder && entries.length > 6 ? entries.slice(0, 5) : entries

  return (
    <div className="h5-page h5-home">
      <header className="h5-hero">
        <div className="h5-hero-top">
          <span className="h5-brand">{t('appName')}</span>
          {/* Signed in, easy-reading mode keeps the language switch in 我的; a visitor has no 我的. */}
          {!(elder && me) && <LangButton className="h5-lang-light" />}
        </div>
        <h1 className="h5-hero-title">{me ? t('greeting', { name: me.person.name }) : t('greetingAnon')}</h1>
        <p className="h5-hero-intro">{t('intro')}</p>
      </header>
      <main className="h5-main">
        {pending ? <Loading /> : error ? <LoadError error={error} /> : me ? null : <VisitorButtons />}
        {me && <SosHomeEntry />}

        {entries.length > 0 && (
          <nav className="h5-card" aria-labelledby="home-entries-title">
            <h2 className="h5-card-title" id="home-entries-title">{t('entriesTitle')}</h2>
            <ul className="h5-tiles-grid">
              {shown.map((e) => (
                <li key={e.key}>
                  <Link className="h5-icon-tile" to={e.to}>
                    <span className="h5-icon-tile-icon" aria-hidden="true">{tileIcons[e.key]}</span>
                    <span className="h5-icon-tile-title">{text(e.title)}</span>
                  </Link>
                </li>
              ))}
              {shown.length < entries.length && (
                <li>
                  <Link className="h5-icon-tile" to="/services">
                    <span className="h5-icon-tile-icon" aria-hidden="true"><AppstoreOutline /></span>
                    <span className="h5-icon-tile-title">{t('allServices')}</span>
                  </Link>
                </li>
              )}
            </ul>
          </nav>
        )}

        {me && <GridCard />}

        <section className="h5-card" aria-labelledby="home-settings-title">
          <h2 className="h5-card-title" id="home-settings-title">{t('settingsTitle')}</h2>
          <ElderModeRow />
        </section>
      </main>
      <BottomTabs />
    </div>
  )
}
