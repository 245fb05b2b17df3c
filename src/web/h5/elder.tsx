// 适老模式 (easy reading): larger text, higher contrast, bigger touch targets. One switch, remembered
// per device; applied as the class `elder` on <html>, which h5.css turns into CSS variables.
import { useId, useSyncExternalStore } from 'react'
import { useT } from './labels.ts'

const STORAGE_KEY = 'linli.h5.elder'
const listeners = new Set<() => void>()

function read(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) === '1'
  } catch {
    return false
  }
}

/** Puts the remembered choice on <html>; called once before the first render. */
export function applyStoredElderMode() {
  document.documentElement.classList.toggle('elder', read())
}

export function setElderMode(on: boolean) {
  try {
    localStorage.setItem(STORAGE_KEY, on ? '1' : '0')
  } catch {
    // private mode: the choice lasts for this page only
  }
  document.documentElement.classList.toggle('elder', on)
  for (const l of listeners) l()
}

function subscribe(listener: () => void) {
  listeners.add(listener)
  const onStorage = (e: StorageEvent) => {
    if (e.key === STORAGE_KEY) {
      applyStoredElderMode()
      listener()
    }
  }
  window.addEventListener('storage', onStorage)
  return () => {
    listeners.delete(listener)
    window.removeEventListener('storage', onStorage)
  }
}

export function useElderMode(): boolean {
  return useSyncExternalStore(subscribe, read, () => false)
}

/**
 * A switch as a row: title, a plain-words hint, and a real button with role="switch" (focusable,
 * toggled by tap, Enter or Space, named by the visible title), showing 开 / 关 in words as well.
 */
export function SwitchRow({ title, hint, on, onChange }: { title: string; hint: string; on: boolean; onChange: (on: boolean) => void }) {
  const t = useT()
  const id = useId()
  return (
    <div className="h5-row">
      <div className="h5-row-text">
        <span className="h5-row-title" id={`${id}-title`}>{title}</span>
        <span className="h5-row-desc" id={`${id}-desc`}>{hint}</span>
      </div>
      <button
        type="button"
        role="switch"
        aria-checked={on}
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc`}
        className="h5-switch"
        onClick={() => onChange(!on)}
      >
        <span className="h5-switch-text" aria-hidden="true">{on ? t('on') : t('off')}</span>
        <span className="h5-switch-handle" aria-hidden="true" />
      </button>
    </div>
  )
}

export function ElderModeRow() {
  const t = useT()
  const on = useElderMode()
  return <SwitchRow title={t('elderMode')} hint={t('elderModeHint')} on={on} onChange={setElderMode} />
}
