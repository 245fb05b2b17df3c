// Chinese first, English beside it. The choice persists per device (localStorage).
//
// How UI text is written: one object per language, `{ zh: {...}, en: {...} }`, Chinese the
// reference and English typed against it (`Record<keyof typeof zh, string>`), so a missing word
// fails the build; `{name}` parameters filled by `fill` / `format`.
// - console pages: the page folder's labels.ts, read with `useLabels(labels)` (console/common.tsx);
// - phone: h5/labels.ts (shared words, `useT(key)`), pages/cases/labels.ts (`useCT(key)`),
//   pages/volunteers/words.ts (`useVT(key)`), and a page's own `words` read with
//   `useWords(words)`: the same layout; plain words for elderly residents; words keyed by a code
//   are keys with the code as suffix (`state_open`), so a new code without words fails the build;
// - words both faces show (app name, roles, errors the web makes itself): messages.ts, `t(key)`;
// - words keyed by a server code (case states and actions, roles) come from one table: the
//   server's cases.labels.ts, shared/roles.ts.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react'
import { setApiLanguage } from './api.ts'
import { dictionary, type MessageKey } from './messages.ts'

export type Lang = 'zh' | 'en'
const STORAGE_KEY = 'linli.lang'

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh'
  } catch {
    return 'zh'
  }
}

interface I18n {
  lang: Lang
  setLang(lang: Lang): void
  t(key: MessageKey, params?: Record<string, string | number>): string
}

const I18nContext = createContext<I18n | null>(null)

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const l = initialLang()
    setApiLanguage(l === 'en' ? 'en' : 'zh-CN')
    return l
  })
  const setLang = useCallback((l: Lang) => {
    try {
      localStorage.setItem(STORAGE_KEY, l)
    } catch {
      // private mode: the choice lasts for this page only
    }
    setApiLanguage(l === 'en' ? 'en' : 'zh-CN')
    document.documentElement.lang = l === 'en' ? 'en' : 'zh-CN'
    setLangState(l)
  }, [])
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, params) => {
        const text: string = dictionary[lang][key] ?? dictionary.zh[key] ?? key
        return params ? text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? '')) : text
      },
    }),
    [lang, setLang],
  )
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext)
  if (!ctx) throw new Error('useI18n outside I18nProvider')
  return ctx
}
