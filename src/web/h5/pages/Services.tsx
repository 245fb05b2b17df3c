// 办事 /h5/services: every service the person may use, with a line in plain words under each,
// as a list (the home page shows them as tiles, six in easy-reading mode).
import { Link } from 'react-router'
import { useSignedIn } from '../session.tsx'
import { useHomeFacts, visibleEntries } from '../homeEntries.ts'
import { tileIcons } from '../tileIcons.tsx'
import { useLocalText, useT } from '../labels.ts'
import { LoadError, Loading, Page } from '../ui.tsx'
import { BottomTabs } from '../tabs.tsx'

export default function ServicesPage() {
  const t = useT()
  const text = useLocalText()
  const { me, pending, error } = useSignedIn()
  const facts = useHomeFacts(me)
  return (
    <>
      <Page title={t('tabServices')} back={false}>
        {pending ? <Loading /> : error ? <LoadError error={error} /> : (
          <nav className="h5-card" aria-label={t('tabServices')}>
            <ul className="h5-entries">
              {visibleEntries(me, facts).map((e) => (
                <li key={e.key}>
                  <Link className="h5-entry" to={e.to}>
                    <span className="h5-entry-icon" aria-hidden="true">{tileIcons[e.key]}</span>
                    <span className="h5-row-text">
                      <span className="h5-row-title">{text(e.title)}</span>
                      <span className="h5-row-desc">{text(e.hint)}</span>
                    </span>
                    <span className="h5-chevron" aria-hidden="true">›</span>
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </Page>
      <BottomTabs />
    </>
  )
}
