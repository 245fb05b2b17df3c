// 接单设置, a sheet of 我的服务: 错时服务 windows (weekday + from/to), the range and a pause
// (GET/PUT /order-providers/me); field complaints next to their fields.
import { useEffect, useId, useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Button, Popup } from 'antd-mobile'
import { api, ApiError } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { SwitchRow } from '../../elder.tsx'
import { Alert, errorText, LoadError, Loading } from '../../ui.tsx'
import { useT } from '../../labels.ts'
import { useOrderWords, weekdays } from './words.ts'

interface Profile { windows: { day: number; from: string; to: string }[]; radiusM: number | null; paused: boolean; liveAt: string | null }

export function ProviderSettings({ open, onClose }: { open: boolean; onClose: () => void }) {
  const w = useOrderWords()
  const t = useT()
  const { lang } = useI18n()
  const queryClient = useQueryClient()
  const profile = useQuery({ queryKey: ['h5-orders', 'profile'], queryFn: () => api<Profile>('/order-providers/me'), enabled: open })
  const [windows, setWindows] = useState<Profile['windows']>([])
  const [radius, setRadius] = useState('')
  const [paused, setPaused] = useState(false)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [note, setNote] = useState<{ kind: 'success' | 'error'; text: string } | null>(null)
  const [busy, setBusy] = useState(false)
  const radiusId = useId()

  useEffect(() => {
    if (!profile.data) return
    setWindows(profile.data.windows)
    setRadius(profile.data.radiusM === null ? '' : String(profile.data.radiusM))
    setPaused(profile.data.paused)
  }, [profile.data])

  async function save() {
    setErrors({})
    setNote(null)
    setBusy(true)
    try {
      const saved = await api<Profile>('/order-providers/me', { method: 'PUT', body: { windows, radiusM: radius.trim() ? Number(radius) : null, paused } })
      queryClient.setQueryData(['h5-orders', 'profile'], saved)
      setNote({ kind: 'success', text: w('saved') })
    } catch (err) {
      if (err instanceof ApiError) setErrors(err.fieldErrors())
      setNote({ kind: 'error', text: errorText(err, t) })
    } finally {
      setBusy(false)
    }
  }
  const set = (i: number, patch: Partial<Profile['windows'][number]>) => setWindows((ws) => ws.map((x, j) => (j === i ? { ...x, ...patch } : x)))

  return (
    <Popup visible={open} onMaskClick={onClose} onClose={onClose} bodyClassName="h5-order-sheet" position="bottom" destroyOnClose>
      <div role="dialog" aria-modal="true" aria-labelledby="order-settings-title">
        <h2 className="h5-card-title" id="order-settings-title">{w('settings')}</h2>
        <p className="h5-muted">{w('settingsHint')}</p>
        {profile.isPending ? <Loading /> : profile.error ? <LoadError error={profile.error} onRetry={() => void profile.refetch()} /> : (
          <>
            <fieldset className="h5-order-windows">
              <legend>{w('windows')}</legend>
              {windows.map((x, i) => (
                <div key={i} className="h5-order-window">
                  <select aria-label={`${w('weekday')} ${i + 1}`} value={x.day} onChange={(e) => set(i, { day: Number(e.target.value) })}>
                    {weekdays.map((d, k) => <option key={k} value={k + 1}>{d[lang]}</option>)}
                  </select>
                  <input type="time" aria-label={`${w('from')} ${i + 1}`} value={x.from} onChange={(e) => set(i, { from: e.target.value })} />
                  <input type="time" aria-label={`${w('to')} ${i + 1}`} value={x.to} onChange={(e) => set(i, { to: e.target.value })} />
                  <Button fill="none" className="h5-text-button" onClick={() => setWindows((ws) => ws.filter((_, j) => j !== i))}>{w('removeWindow')}</Button>
                  {(errors[`windows.${i}.to`] ?? errors[`windows.${i}.from`]) && <p className="h5-field-error" role="alert">{errors[`windows.${i}.to`] ?? errors[`windows.${i}.from`]}</p>}
                </div>
              ))}
              {windows.length < 21 && <Button fill="outline" onClick={() => setWindows((ws) => [...ws, { day: 6, from: '09:00', to: '11:00' }])}>＋ {w('addWindow')}</Button>}
            </fieldset>
            <label className="h5-label h5-label-small" htmlFor={radiusId}>{w('radius')}</label>
            <input id={radiusId} className="h5-order-input" type="number" inputMode="numeric" min={100} max={50000} step={100} value={radius} onChange={(e) => setRadius(e.target.value)} />
            {errors.radiusM && <p className="h5-field-error" role="alert">{errors.radiusM}</p>}
            <SwitchRow title={w('paused')} hint={w('pausedHint')} on={paused} onChange={setPaused} />
            {note && <Alert kind={note.kind}>{note.text}</Alert>}
            <div className="h5-two-buttons">
              <Button size="large" onClick={onClose}>{w('close')}</Button>
              <Button size="large" color="primary" loading={busy} onClick={() => void save()}>{w('save')}</Button>
            </div>
          </>
        )}
      </div>
    </Popup>
  )
}
