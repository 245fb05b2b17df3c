// 我的值守 /h5/mobilisation: my shifts in emergencies with check-in (the post's QR code opens this
// page with ?post=&code=, or check in by position), and the open shifts of the emergencies of my
// area to sign up for.
import { useEffect, useState } from 'react'
import { useSearchParams } from 'react-router'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Button, Card, List, Tag } from 'antd-mobile'
import dayjs from 'dayjs'
import type { Emergency, Post } from '@server/modules/mobilisation/mobilisation.schemas.ts'
import { api } from '../../../shared/api.ts'
import { Alert, LoadError, Loading, Page } from '../../ui.tsx'

interface Duty { signupId: string; emergency: { id: string; name: string }; post: { id: string; name: string }; startsAt: string; endsAt: string; checkedInAt: string | null; ended: boolean }
const time = (iso: string) => dayjs(iso).format('MM-DD HH:mm')

export default function MyDutiesPage() {
  const [params] = useSearchParams()
  const queryClient = useQueryClient()
  const duties = useQuery({ queryKey: ['me', 'duties'], queryFn: () => api<{ items: Duty[] }>('/me/duties') })
  const active = useQuery({ queryKey: ['emergencies', 'active'], queryFn: () => api<{ items: Emergency[] }>('/emergencies?status=active&limit=5') })
  const first = active.data?.items[0]
  const posts = useQuery({ queryKey: ['emergency-posts', first?.id], enabled: !!first, queryFn: () => api<{ items: Post[] }>(`/emergencies/${first!.id}/posts`) })
  const [note, setNote] = useState<{ kind: 'success' | 'error' | 'info'; text: string } | null>(null)

  async function run(fn: () => Promise<unknown>, ok: string) {
    try {
      await fn()
      setNote({ kind: 'success', text: ok })
      await queryClient.invalidateQueries({ queryKey: ['me', 'duties'] })
      await queryClient.invalidateQueries({ queryKey: ['emergency-posts'] })
    } catch (err) {
      setNote({ kind: 'error', text: (err as Error).message })
    }
  }
  const checkIn = (d: Duty, body: unknown) => run(() => api(`/shift-signups/${d.signupId}/checkin`, { method: 'POST', body }), `已在「${d.post.name}」签到`)
  const byPosition = (d: Duty) => navigator.geolocation.getCurrentPosition(
    (p) => void checkIn(d, { position: { lng: p.coords.longitude, lat: p.coords.latitude } }),
    () => setNote({ kind: 'error', text: '无法获取位置，请扫点位二维码签到' }))

  // Opened from a post's QR code: check in the duty at that post that is due now.
  const post = params.get('post')
  const code = params.get('code')
  useEffect(() => {
    if (!post || !code || !duties.data) return
    const due = duties.data.items.find((d) => d.post.id === post && !d.checkedInAt && !d.ended)
    if (due) void checkIn(due, { code })
    else setNote({ kind: 'info', text: '此点位当前没有您的班次' })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [post, code, duties.data])

  return (
    <Page title="我的值守">
      {note && <Alert kind={note.kind}>{note.text}</Alert>}
      {duties.isPending ? <Loading /> : duties.error ? <LoadError error={duties.error} /> : (
        <List header="我的班次">
          {duties.data.items.length === 0 && <List.Item>暂无班次</List.Item>}
          {duties.data.items.map((d) => (
            <List.Item key={d.signupId} description={`${d.emergency.name} · ${time(d.startsAt)}–${time(d.endsAt)}`}
              extra={d.checkedInAt ? <Tag color="success">已签到</Tag> : d.ended ? <Tag>已结束</Tag> : <Button size="small" color="primary" onClick={() => byPosition(d)}>按位置签到</Button>}>
              {d.post.name}
            </List.Item>
          ))}
        </List>
      )}
      {first && (
        <Card title={`${first.name}：可报名的班次`}>
          {posts.isPending ? <Loading /> : (posts.data?.items ?? []).map((p) => (
            <List key={p.id} header={<>{p.name} {p.vanguard && <Tag color="danger">先锋岗</Tag>}</>}>
              {p.shifts.filter((s) => Date.parse(s.endsAt) > Date.now()).slice(0, 6).map((s) => (
                <List.Item key={s.id} description={`${s.held}/${s.needed} 人`}
                  extra={s.mine ? <Tag color="success">已报名</Tag> : s.held >= s.needed ? <Tag>已满</Tag>
                    : <Button size="small" color="primary" onClick={() => run(() => api(`/shifts/${s.id}/signups`, { method: 'POST', body: {} }), '报名成功')}>报名</Button>}>
                  {time(s.startsAt)}–{time(s.endsAt)}
                </List.Item>
              ))}
            </List>
          ))}
        </Card>
      )}
    </Page>
  )
}
