// 经验库 /h5/library: the shared library of practices on the phone: search in Chinese (best match
// first), every community's practices with their tags and how many adopted them.
import { useState } from 'react'
import { Link } from 'react-router'
import { useQuery } from '@tanstack/react-query'
import type { PracticeCard } from '@server/modules/library/library.schemas.ts'
import { api, type Page as ApiPage } from '../../../shared/api.ts'
import { LoadError, Loading, Page } from '../../ui.tsx'
import { useWords } from '../../labels.ts'
import './library.css'

export const libraryWords = {
  zh: { title: '经验库', hint: '学习各社区的好做法，不出社区就能取经', search: '搜索，如：电动车棚', go: '搜索', empty: '没有找到相关经验', adopted: '{n} 个单位采纳', comments: '{n} 条评论', template: '附模板', back: '返回', comment: '写下您的看法', send: '发表评论', history: '第 {v} 版 · {at} 更新', commentsTitle: '评论', noComments: '还没有评论', sent: '评论已发表' },
  en: { title: 'Practice library', hint: 'Learn good practices from other communities', search: 'Search, e.g. bike shed', go: 'Search', empty: 'Nothing found', adopted: 'Adopted by {n}', comments: '{n} comments', template: 'Template', back: 'Back', comment: 'Your thoughts', send: 'Comment', history: 'Version {v} · updated {at}', commentsTitle: 'Comments', noComments: 'No comments yet', sent: 'Comment posted' },
}

export default function LibraryPage() {
  const w = useWords(libraryWords)
  const [text, setText] = useState('')
  const [q, setQ] = useState('')
  const list = useQuery({ queryKey: ['h5-library', q], queryFn: () => api<ApiPage<PracticeCard>>(`/library/practices?limit=50${q ? `&q=${encodeURIComponent(q)}` : ''}`) })
  return (
    <Page title={w('title')}>
      <p className="h5-muted">{w('hint')}</p>
      <form className="h5-lib-search" role="search" onSubmit={(e) => { e.preventDefault(); setQ(text.trim()) }}>
        <input aria-label={w('search')} placeholder={w('search')} value={text} onChange={(e) => setText(e.target.value)} />
        <button type="submit">{w('go')}</button>
      </form>
      {list.isPending ? <Loading /> : list.error ? <LoadError error={list.error} onRetry={() => void list.refetch()} /> : list.data.items.length === 0 ? (
        <p className="h5-muted">{w('empty')}</p>
      ) : (
        <ul className="h5-list" aria-label={w('title')}>
          {list.data.items.map((p) => (
            <li key={p.id}>
              <Link className="h5-card h5-lib-card" to={`/library/${p.id}`}>
                <p className="h5-lib-title">{p.title}</p>
                <p className="h5-muted h5-lib-summary">{p.summary.replace(/\s+/g, " ")}</p>
                <div className="h5-lib-tags">{p.tags.map((t) => <span key={t}>{t}</span>)}{p.templateKind && <span>{w('template')}</span>}</div>
                <p className="h5-lib-meta">{p.org.name} · {w('adopted', { n: p.adoptions })} · {w('comments', { n: p.comments })}</p>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Page>
  )
}
