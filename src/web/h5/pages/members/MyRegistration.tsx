// 我的报到 /h5/my-registration: a Party member's registration at their residence community
// (submit or resubmit with a photo of the employer's letter or a letter the unit issued), the
// year's target progress, the community's posts and projects to claim, and my feedback cards.
import { useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Button, TextArea } from 'antd-mobile'
import { ApiError, api, type Page as ListPage } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { uploadPhoto } from '../../../shared/cases.ts'
import type { CommunityPost, FeedbackCard, Letter, Member, Registration } from '@server/modules/members/members.schemas.ts'
import { Alert, errorText, LoadError, Loading, Page } from '../../ui.tsx'
import { useT, useWords } from '../../labels.ts'

const zh = {
  title: '我的报到',
  notMember: '您还不是登记在册的党员。如是党员，请联系居住地社区登记。',
  intro: '在职党员持单位介绍信到居住地社区报到，认领服务岗位和项目，每年至少参与 1 个项目、服务 24 小时。',
  status: '报到状态',
  none: '尚未报到',
  submitted: '已提交，等待 {c} 审核',
  returned: '{c} 退回了报到：{r}',
  accepted: '{c} 已接收您的报到',
  letterPhoto: '拍摄或选择单位介绍信照片',
  orLetter: '或选用单位开具的介绍信',
  noLetter: '不使用',
  uploaded: '照片已上传',
  note: '备注（选填）',
  submit: '提交报到',
  resubmit: '重新提交',
  letterRequired: '请先上传介绍信照片或选择介绍信',
  done: '已提交，请等待社区审核',
  progress: '{y} 年目标进度',
  hours: '服务时长 {h} / {m} 小时',
  projects: '参与项目 {p} / {m} 个',
  met: '已达标，谢谢您！',
  behind: '尚未达标',
  posts: '社区岗位和项目',
  postsLocked: '社区接收报到后即可认领',
  kind: '岗位',
  kindProject: '项目',
  seats: '已认领 {t} / {c}',
  claim: '认领',
  release: '取消认领',
  full: '已满',
  cards: '我的反馈卡',
  noCards: '还没有审核过的反馈卡',
  pdf: '下载 PDF',
  rating: '社区评价：{r}',
  rating_excellent: '优秀',
  rating_good: '良好',
  rating_fair: '一般',
  rating_poor: '较差',
}
const en: Record<keyof typeof zh, string> = {
  title: 'My registration',
  notMember: 'You are not on record as a Party member. If you are one, ask your community to record you.',
  intro: 'In-service members register at their residence community with a letter from their employer, claim posts and projects, and each year join at least 1 project and serve 24 hours.',
  status: 'Registration',
  none: 'Not registered yet',
  submitted: 'Submitted; waiting for {c} to review',
  returned: '{c} returned it: {r}',
  accepted: '{c} accepted your registration',
  letterPhoto: 'Take or choose a photo of the employer’s letter',
  orLetter: 'Or use a letter your employer issued',
  noLetter: 'None',
  uploaded: 'Photo uploaded',
  note: 'Note (optional)',
  submit: 'Register',
  resubmit: 'Submit again',
  letterRequired: 'Upload a photo of the letter or choose a letter first',
  done: 'Submitted; the community will review it',
  progress: 'Target progress {y}',
  hours: '{h} of {m} hours',
  projects: '{p} of {m} projects',
  met: 'Target met. Thank you!',
  behind: 'Not met yet',
  posts: 'Community posts and projects',
  postsLocked: 'You can claim once the community accepts your registration',
  kind: 'Post',
  kindProject: 'Project',
  seats: '{t} of {c} taken',
  claim: 'Claim',
  release: 'Give up',
  full: 'Full',
  cards: 'My feedback cards',
  noCards: 'No reviewed feedback cards yet',
  pdf: 'Download PDF',
  rating: 'Rating: {r}',
  rating_excellent: 'Excellent',
  rating_good: 'Good',
  rating_fair: 'Fair',
  rating_poor: 'Poor',
}
const words = { zh, en }


export default function MyRegistrationPage() {
  const w = useWords(words)
  const me = useQuery({ queryKey: ['h5-member-me'], queryFn: () => api<Member>('/members/me'), retry: false })
  return (
    <Page title={w('title')}>
      {me.isPending ? (
        <Loading />
      ) : me.error instanceof ApiError && me.error.status === 404 ? (
        <section className="h5-card"><p>{w('notMember')}</p></section>
      ) : me.error || !me.data ? (
        <LoadError error={me.error} onRetry={() => void me.refetch()} />
      ) : (
        <Member me={me.data} />
      )}
    </Page>
  )
}

function Member({ me }: { me: Member }) {
  const w = useWords(words)
  const p = me.progress
  const regs = useQuery({ queryKey: ['h5-member-registration', me.id], queryFn: () => api<ListPage<Registration>>('/registrations?kind=member&limit=5') })
  const registration = regs.data?.items.find((r) => r.member?.id === me.id) ?? null
  return (
    <>
      <p className="h5-muted">{w('intro')}</p>
      <section className="h5-card" aria-labelledby="reg-title">
        <h2 className="h5-card-title" id="reg-title">{w('status')}</h2>
        {regs.isPending ? <Loading /> : <RegistrationPart me={me} registration={registration} />}
      </section>
      <section className="h5-card" aria-labelledby="progress-title">
        <h2 className="h5-card-title" id="progress-title">{w('progress', { y: p.year })}</h2>
        <p style={{ fontSize: 22, fontWeight: 700, margin: '4px 0', color: p.met ? '#237804' : '#c8102e' }}>{p.met ? w('met') : w('behind')}</p>
        <p>{w('hours', { h: p.hours, m: p.minHours })}</p>
        <p>{w('projects', { p: p.projects, m: p.minProjects })}</p>
      </section>
      <Posts me={me} open={registration?.status === 'accepted'} />
      <Cards me={me} />
    </>
  )
}

function RegistrationPart({ me, registration }: { me: Member; registration: Registration | null }) {
  const w = useWords(words)
  const t = useT()
  const { lang } = useI18n()
  const qc = useQueryClient()
  const [photoId, setPhotoId] = useState<string | null>(null)
  const [letterId, setLetterId] = useState<string>('')
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null)
  const letters = useQuery({ queryKey: ['h5-member-letters', me.id], queryFn: () => api<{ items: Letter[] }>(`/introduction-letters?memberId=${me.id}`) })
  if (registration?.status === 'accepted') return <Alert kind="success">{w('accepted', { c: registration.community.name })}</Alert>
  if (registration?.status === 'submitted') return <Alert kind="info">{w('submitted', { c: registration.community.name })}</Alert>

  async function pick(file: File | undefined) {
    if (!file) return
    setBusy(true)
    setMessage(null)
    try {
      setPhotoId((await uploadPhoto(file, lang === 'en' ? 'en' : 'zh-CN')).id)
    } catch (err) {
      setMessage({ kind: 'error', text: errorText(err, t) })
    } finally {
      setBusy(false)
    }
  }
  async function send() {
    if (!photoId && !letterId) return setMessage({ kind: 'error', text: w('letterRequired') })
    setBusy(true)
    setMessage(null)
    const letter = { ...(photoId ? { letterAttachmentId: photoId } : {}), ...(letterId ? { letterId } : {}), ...(note.trim() ? { note: note.trim() } : {}) }
    try {
      if (registration) await api(`/registrations/${registration.id}/resubmit`, { method: 'POST', body: letter })
      else await api('/registrations', { method: 'POST', body: { kind: 'member', ...letter } })
      setMessage({ kind: 'success', text: w('done') })
      await qc.invalidateQueries({ queryKey: ['h5-member-registration'] })
      await qc.invalidateQueries({ queryKey: ['h5-member-me'] })
    } catch (err) {
      setMessage({ kind: 'error', text: errorText(err, t) })
    } finally {
      setBusy(false)
    }
  }
  const issued = letters.data?.items ?? []
  return (
    <>
      {registration?.status === 'returned' ? <Alert kind="error">{w('returned', { c: registration.community.name, r: registration.returnReason ?? '' })}</Alert> : <p>{w('none')}</p>}
      <label htmlFor="reg-letter-photo" style={{ display: 'block', marginTop: 12 }}>{w('letterPhoto')}</label>
      <input id="reg-letter-photo" type="file" accept="image/jpeg,image/png,image/webp" capture="environment" onChange={(e) => void pick(e.target.files?.[0])} />
      {photoId && <p className="h5-muted">{w('uploaded')}</p>}
      {issued.length > 0 && (
        <>
          <label htmlFor="reg-letter" style={{ display: 'block', marginTop: 12 }}>{w('orLetter')}</label>
          <select id="reg-letter" value={letterId} onChange={(e) => setLetterId(e.target.value)} style={{ width: '100%', fontSize: 16, padding: 8 }}>
            <option value="">{w('noLetter')}</option>
            {issued.map((l) => <option key={l.id} value={l.id}>{l.number}（{l.unit.name}）</option>)}
          </select>
        </>
      )}
      <label htmlFor="reg-note" style={{ display: 'block', marginTop: 12 }}>{w('note')}</label>
      <TextArea id="reg-note" value={note} onChange={setNote} maxLength={500} rows={2} />
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
      <Button block color="primary" size="large" loading={busy} onClick={() => void send()} style={{ marginTop: 12 }}>{registration ? w('resubmit') : w('submit')}</Button>
    </>
  )
}

function Posts({ me, open }: { me: Member; open: boolean }) {
  const w = useWords(words)
  const t = useT()
  const qc = useQueryClient()
  const [error, setError] = useState<string | null>(null)
  const posts = useQuery({ queryKey: ['h5-member-posts', me.community.id], queryFn: () => api<ListPage<CommunityPost>>(`/community-posts?communityId=${me.community.id}&active=true&limit=100`) })
  async function act(p: CommunityPost) {
    setError(null)
    try {
      if (p.myClaimId) await api(`/post-claims/${p.myClaimId}`, { method: 'DELETE' })
      else await api('/post-claims', { method: 'POST', body: { postId: p.id } })
      await qc.invalidateQueries({ queryKey: ['h5-member-posts'] })
      await qc.invalidateQueries({ queryKey: ['h5-member-me'] })
    } catch (err) {
      setError(errorText(err, t))
      await qc.invalidateQueries({ queryKey: ['h5-member-posts'] })
    }
  }
  return (
    <section className="h5-card" aria-labelledby="posts-title">
      <h2 className="h5-card-title" id="posts-title">{w('posts')}</h2>
      {!open && <p className="h5-muted">{w('postsLocked')}</p>}
      {error && <Alert kind="error">{error}</Alert>}
      {posts.isPending ? <Loading /> : (
        <ul className="h5-plain-list">
          {(posts.data?.items ?? []).map((p) => (
            <li key={p.id} style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
              <span>
                <strong>{p.title}</strong> <span className="h5-muted">· {p.kind === 'project' ? w('kindProject') : w('kind')} · {w('seats', { t: p.taken, c: p.capacity })}</span>
              </span>
              {open && (p.myClaimId || p.taken < p.capacity
                ? <Button size="small" color={p.myClaimId ? 'default' : 'primary'} style={{ flexShrink: 0, whiteSpace: 'nowrap' }} onClick={() => void act(p)}>{p.myClaimId ? w('release') : w('claim')}</Button>
                : <span className="h5-muted" style={{ flexShrink: 0 }}>{w('full')}</span>)}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

function Cards({ me }: { me: Member }) {
  const w = useWords(words)
  const cards = useQuery({ queryKey: ['h5-member-cards', me.id], queryFn: () => api<ListPage<FeedbackCard>>(`/feedback-cards?memberId=${me.id}`) })
  const items = cards.data?.items ?? []
  return (
    <section className="h5-card" aria-labelledby="cards-title">
      <h2 className="h5-card-title" id="cards-title">{w('cards')}</h2>
      {cards.isPending ? <Loading /> : items.length === 0 ? <p className="h5-muted">{w('noCards')}</p> : (
        <ul className="h5-plain-list">
          {items.map((c) => (
            <li key={c.id}>
              <strong>{c.period}</strong> · {w('hours', { h: c.content.hours, m: c.content.minHours })}
              {c.rating && <> · {w('rating', { r: w(`rating_${c.rating}`) })}</>}
              {' · '}<a href={`/api/v1/feedback-cards/${c.id}/pdf`} target="_blank" rel="noreferrer">{w('pdf')}</a>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
