// 居民议事 /h5/deliberation: my community's topics (support one with a tap, see its stage) and its
// resolutions with their progress; propose a topic. Open votes I have not cast come first.
import { useState } from 'react'
import { Link } from 'react-router'
import { useQuery } from '@tanstack/react-query'
import type { TopicSummary } from '@server/modules/deliberation/deliberation.schemas.ts'
import { api, type Page as ApiPage } from '../../../shared/api.ts'
import { LoadError, Loading, Page } from '../../ui.tsx'
import { useDelibWords } from './words.ts'
import './deliberation.css'

interface Home { community: { id: string; name: string } | null; supportNeeded: number; expireDays: number }
interface ResolutionRow { id: string; title: string; progress: number; state: string; topic: { id: string } }
interface VoteRow { id: string; title: string; topic: { id: string }; closesAt: string }

export default function TopicsPage() {
  const w = useDelibWords()
  const [tab, setTab] = useState<'topics' | 'resolutions'>('topics')
  const home = useQuery({ queryKey: ['h5-topics', 'home'], queryFn: () => api<Home>('/topics/home') })
  const orgId = home.data?.community?.id
  const topics = useQuery({ queryKey: ['h5-topics', 'list', orgId], enabled: !!orgId, queryFn: () => api<ApiPage<TopicSummary>>(`/topics?orgId=${orgId}&limit=100`) })
  const resolutions = useQuery({ queryKey: ['h5-topics', 'resolutions', orgId], enabled: !!orgId && tab === 'resolutions', queryFn: () => api<ApiPage<ResolutionRow>>(`/resolutions?orgId=${orgId}&limit=100`) })
  const votes = useQuery({ queryKey: ['h5-topics', 'votes'], queryFn: () => api<ApiPage<VoteRow>>('/votes?mine=true&limit=20') })
  const live = (topics.data?.items ?? []).filter((t) => t.state === 'proposed' || t.state === 'deliberating' || t.state === 'settled')
  return (
    <Page title={home.data?.community ? `${w('hall')} · ${home.data.community.name}` : w('hall')}>
      <p className="h5-muted">{w('hallHint')}</p>
      {(votes.data?.items ?? []).map((v) => (
        <Link key={v.id} to={`/deliberation/topics/${v.topic.id}`} className="h5-card" style={{ display: 'block', background: '#fff1f0' }}>
          <strong>{w('vote')}：</strong>{v.title}
        </Link>
      ))}
      <Link to="/deliberation/new" className="h5-card" style={{ display: 'block', textAlign: 'center', background: '#c8102e', color: '#fff', fontWeight: 600 }}>{w('propose')}</Link>
      <div className="h5-topic-tabs" role="group">
        <button type="button" aria-pressed={tab === 'topics'} onClick={() => setTab('topics')}>{w('topics')}</button>
        <button type="button" aria-pressed={tab === 'resolutions'} onClick={() => setTab('resolutions')}>{w('resolutions')}</button>
      </div>
      {home.isPending ? <Loading /> : home.error ? <LoadError error={home.error} /> : !orgId ? <p className="h5-muted">{w('noCommunity')}</p> : tab === 'topics' ? (
        topics.isPending ? <Loading /> : live.length === 0 ? <p className="h5-muted">{w('empty')}</p> : (
          <ul className="h5-list" aria-label={w('topics')}>
            {live.map((t) => (
              <li key={t.id} className={`h5-card h5-topic-card ${t.state}`}>
                <Link to={`/deliberation/topics/${t.id}`}>
                  <h3>{t.title}</h3>
                  <p className="h5-topic-meta">{t.state === 'settled' ? w('settled') : w('stage', { stage: t.stageName })}</p>
                  {t.state === 'proposed' && (
                    <>
                      <div className="h5-topic-bar" aria-hidden><span style={{ width: `${Math.min(100, (100 * t.supportCount) / t.supportNeeded)}%` }} /></div>
                      <p className="h5-topic-meta">{w('supportN', { n: t.supportCount, need: t.supportNeeded })}</p>
                    </>
                  )}
                </Link>
              </li>
            ))}
          </ul>
        )
      ) : resolutions.isPending ? <Loading /> : (resolutions.data?.items.length ?? 0) === 0 ? <p className="h5-muted">{w('noResolutions')}</p> : (
        <ul className="h5-list" aria-label={w('resolutions')}>
          {resolutions.data!.items.map((r) => (
            <li key={r.id} className={`h5-card h5-topic-card ${r.state === 'done' ? 'settled' : ''}`}>
              <Link to={`/deliberation/topics/${r.topic.id}`}>
                <h3>{r.title}</h3>
                <div className="h5-topic-bar" aria-hidden><span style={{ width: `${r.progress}%` }} /></div>
                <p className="h5-topic-meta">{w('progress', { p: r.progress })}</p>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Page>
  )
}
