import '../shared/zod-jitless.ts'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { BrowserRouter } from 'react-router'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { I18nProvider } from '../shared/i18n.tsx'
import { H5App } from './App.tsx'
import { applyStoredElderMode } from './elder.tsx'
import './h5.css'

// Before the first paint: the remembered easy-reading mode and the remembered language.
applyStoredElderMode()
try {
  if (localStorage.getItem('linli.lang') === 'en') document.documentElement.lang = 'en'
} catch {
  // private mode: Chinese
}

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } })

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter basename="/h5">
          <H5App />
        </BrowserRouter>
      </QueryClientProvider>
    </I18nProvider>
  </StrictMode>,
)
