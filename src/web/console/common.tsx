// Pieces shared by the people and audit pages: the API's shapes, accessible status tags,
// the org and person search selects, the one-time temporary password dialog, and error helpers.
import { useEffect, useMemo, useState, type CSSProperties, type ReactNode } from 'react'
import { useQuery } from '@tanstack/react-query'
import { Alert, ConfigProvider, Modal, Select, Tag, Typography } from 'antd'
import { accessibleTokens } from './theme.ts'
import type { FormInstance } from 'antd'
import dayjs from 'dayjs'
import { api, ApiError, type Me, type Page } from '../shared/api.ts'
import { useI18n, type Lang } from '../shared/i18n.tsx'
import { kindLabels, maxLevel, roleLabels, roleLevels } from '../shared/roles.ts'
import { useDebounced } from '../shared/useDebounced.ts'

export interface RoleAssignment {
  id: string
  role: string
  orgId: string
  orgPath: string
  orgName: string
  validFrom: string
  validTo: string | null
  active: boolean
}

export interface Account {
  username: string
  disabled: boolean
  mustChangePassword: boolean
  totpEnabled: boolean
  lockedUntil: string | null
  lastLoginAt: string | null
}

export interface Person {
  id: string
  name: string
  phone: string | null
  roles: RoleAssignment[]
  account: Account | null
}

export interface Session {
  id: string
  createdAt: string
  lastSeenAt: string
  expiresAt: string
  ip: string | null
  userAgent: string | null
  current: boolean
}

export interface OrgSummary {
  id: string
  kind: string
  name: string
  path: string
  parentId: string | null
}

/** The console theme's accessible colours, for pages rendered outside the app's provider too. */
const accessibleTheme = { token: accessibleTokens }

export const linkStyle: CSSProperties = { color: '#0958d9' }

/** A table's "nothing here" text, in a colour that can be read (antd's is #bfbfbf). */
export function EmptyText({ children }: { children: ReactNode }) {
  return <span style={{ color: '#595959' }}>{children}</span>
}

export function PageTheme({ children }: { children: ReactNode }) {
  return <ConfigProvider theme={accessibleTheme}>{children}</ConfigProvider>
}

/** The labels of one page in both languages; the Chinese text is the reference. */
export function useLabels<T>(labels: { zh: T; en: T }): T {
  const { lang } = useI18n()
  return labels[lang]
}

export function roleName(role: string, lang: Lang): string {
  return roleLabels[role]?.[lang] ?? role
}

export function formatTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—'
}

export function isLocked(account: Account | null): boolean {
  return !!account?.lockedUntil && new Date(account.lockedUntil).getTime() > Date.now()
}

// Tag colours chosen for a contrast ratio of at least 4.5:1 (antd's light presets fall short).
const tones = {
  danger: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' },
  warning: { color: '#7a4500', background: '#fffbe6', borderColor: '#ffd666' },
  success: { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' },
  info: { color: '#003eb3', background: '#e6f4ff', borderColor: '#91caff' },
  muted: { color: '#595959', background: '#f5f5f5', borderColor: '#d9d9d9' },
} satisfies Record<string, CSSProperties>
export type Tone = keyof typeof tones

export function StatusTag({ tone, children, title }: { tone: Tone; children: ReactNode; title?: string }) {
  return (
    <Tag style={{ ...tones[tone], marginInlineEnd: 4, marginBlock: 2 }} title={title}>
      {children}
    </Tag>
  )
}

/** "社区干部 · 翠岩社区"; an ended role is greyed and struck through. */
export function RoleTag({ r }: { r: RoleAssignment }) {
  const { lang } = useI18n()
  const period = `${r.validFrom} – ${r.validTo ?? (lang === 'en' ? 'open' : '长期')}`
  const text = `${roleName(r.role, lang)} · ${r.orgName}`
  if (r.active) return <StatusTag tone="info" title={period}>{text}</StatusTag>
  return (
    <StatusTag tone="muted" title={`${lang === 'en' ? 'Ended' : '已结束'} ${period}`}>
      <s>{text}</s>
      <span style={{ marginInlineStart: 4 }}>{lang === 'en' ? '(ended)' : '（已结束）'}</span>
    </StatusTag>
  )
}

export function AccountBadges({ account }: { account: Account }) {
  const { lang } = useI18n()
  const en = lang === 'en'
  return (
    <>
      {account.disabled && <StatusTag tone="danger">{en ? 'Disabled' : '已停用'}</StatusTag>}
      {isLocked(account) && <StatusTag tone="warning">{en ? `Locked until ${formatTime(account.lockedUntil)}` : `锁定至 ${formatTime(account.lockedUntil)}`}</StatusTag>}
      {account.mustChangePassword && <StatusTag tone="warning">{en ? 'Must change password' : '须修改密码'}</StatusTag>}
    </>
  )
}

/** The roles the caller may give: those below their highest level (an admin may make admins). */
export function assignableRoles(me: Me): string[] {
  const level = maxLevel(me.roles)
  return Object.keys(roleLevels).filter((r) => (roleLevels[r] ?? 0) < level || (level >= roleLevels.admin! && r === 'admin'))
}

function isAncestorOrSelf(a: string, b: string): boolean {
  return a === b || b.startsWith(a + '.')
}

function levelAt(me: Me, path: string): number {
  return me.roles.reduce((best, r) => (isAncestorOrSelf(r.orgPath, path) ? Math.max(best, roleLevels[r.role] ?? 0) : best), 0)
}

/**
 * Mirrors the server's person.manage rule, so the page offers only what would be allowed:
 * a cadre-level role over one of the person's current roles, outranking all of them.
 */
export function canManage(me: Me, person: Person): boolean {
  const current = person.roles.filter((r) => r.active)
  if (current.length === 0 || person.id === me.person.id) return false
  const outranks = (r: RoleAssignment) => {
    const level = levelAt(me, r.orgPath)
    return level > (roleLevels[r.role] ?? 0) || (level === roleLevels.admin && r.role === 'admin')
  }
  return current.some((r) => levelAt(me, r.orgPath) >= roleLevels.community_cadre!) && current.every(outranks)
}

/** Mirrors role.assign: ending or giving this role needs cadre level there and outranking it. */
export function canAssign(me: Me, role: string, orgPath: string): boolean {
  const level = levelAt(me, orgPath)
  return level >= roleLevels.community_cadre! && (level > (roleLevels[role] ?? 0) || (level === roleLevels.admin && role === 'admin'))
}

export function errorMessage(err: unknown): string {
  return err instanceof ApiError || err instanceof Error ? err.message : String(err)
}

/**
 * Puts the server's per-field messages on the form's fields (paths like 'role.orgId'); returns
 * the message to show above the form when some error has no field of its own.
 */
export function applyFieldErrors(form: FormInstance, err: unknown, fieldPaths: string[]): string | null {
  if (!(err instanceof ApiError)) return errorMessage(err)
  const fields = err.fieldErrors()
  const known = Object.entries(fields).filter(([path]) => fieldPaths.includes(path))
  if (known.length) form.setFields(known.map(([path, msg]) => ({ name: path.split('.'), errors: [msg] })))
  return known.length === Object.keys(fields).length && known.length > 0 ? null : err.message
}


interface SearchSelectProps {
  id?: string
  value?: string | null
  onChange?: (value: string | undefined) => void
  placeholder?: string
  'aria-label'?: string
  allowClear?: boolean
  style?: CSSProperties
  /** Labels already known for some ids (e.g. the caller's own orgs), shown before any search. */
  known?: { value: string; label: string }[]
}

function orgLabel(o: { name: string; kind: string }, lang: Lang): string {
  const kind = kindLabels[o.kind]?.[lang]
  return kind ? `${o.name}（${kind}）` : o.name
}

/** A select whose options come from a server search: the typed text goes to `onSearch`, not a local filter. */
function SearchSelect({ id, value, onChange, placeholder, allowClear, style, options, onSearch, searching, nothing, ...rest }: Omit<SearchSelectProps, 'known'> & {
  options: { value: string; label: string }[]
  onSearch(q: string): void
  searching: boolean
  nothing: string
}) {
  const { lang } = useI18n()
  return (
    <Select
      id={id}
      aria-label={rest['aria-label']}
      value={value ?? undefined}
      onChange={(v) => {
        onChange?.(v ?? undefined)
        onSearch('')
      }}
      options={options}
      showSearch={{ filterOption: false, onSearch }}
      loading={searching}
      allowClear={allowClear}
      placeholder={placeholder}
      style={style}
      notFoundContent={searching ? (lang === 'en' ? 'Searching…' : '搜索中…') : nothing}
    />
  )
}

/** Search the orgs the caller can see (GET /orgs?q=). */
export function OrgSelect({ id, value, onChange, placeholder, allowClear, style, known = [], ...rest }: SearchSelectProps) {
  const { lang } = useI18n()
  const [q, setQ] = useState('')
  const term = useDebounced(q.trim())
  const found = useQuery({
    queryKey: ['people.orgSearch', term],
    queryFn: () => api<Page<OrgSummary>>(`/orgs?limit=30${term ? `&q=${encodeURIComponent(term)}` : ''}`),
    staleTime: 60_000,
  })
  const options = useMemo(() => {
    const list = (found.data?.items ?? []).map((o) => ({ value: o.id, label: orgLabel(o, lang) }))
    const extra = known.filter((k) => !list.some((o) => o.value === k.value) && (!term || k.label.includes(term)))
    return [...extra, ...list]
  }, [found.data, known, lang, term])
  // A value from elsewhere (the address bar) that no search has shown yet: look up its name.
  const missing = !!value && !options.some((o) => o.value === value)
  const one = useQuery({
    queryKey: ['people.orgRef', value],
    queryFn: () => api<OrgSummary>(`/orgs/${value}`),
    enabled: missing,
    staleTime: 300_000,
  })
  const all = missing && one.data ? [{ value: one.data.id, label: orgLabel(one.data, lang) }, ...options] : options
  return <SearchSelect {...{ id, value, onChange, placeholder, allowClear, style, ...rest }} options={all} onSearch={setQ} searching={found.isFetching} nothing={lang === 'en' ? 'No matching org' : '没有匹配的组织'} />
}

/** Search the people the caller can see (GET /people?q=). */
export function PersonSelect({ id, value, onChange, placeholder, allowClear, style, known = [], ...rest }: SearchSelectProps) {
  const { lang } = useI18n()
  const [q, setQ] = useState('')
  const term = useDebounced(q.trim())
  const found = useQuery({
    queryKey: ['people.personSearch', term],
    queryFn: () => api<Page<Person>>(`/people?limit=20${term ? `&q=${encodeURIComponent(term)}` : ''}`),
    staleTime: 30_000,
  })
  const options = useMemo(() => {
    const list = (found.data?.items ?? []).map((p) => {
      const top = p.roles.find((r) => r.active)
      return { value: p.id, label: top ? `${p.name}（${roleName(top.role, lang)} · ${top.orgName}）` : p.name }
    })
    return [...known.filter((k) => !list.some((o) => o.value === k.value)), ...list]
  }, [found.data, known, lang])
  return <SearchSelect {...{ id, value, onChange, placeholder, allowClear, style, ...rest }} options={options} onSearch={setQ} searching={found.isFetching} nothing={lang === 'en' ? 'Nobody matches' : '没有匹配的人员'} />
}

/** A new temporary password, shown once, with a copy button. */
export function TemporaryPasswordModal({ value, onClose }: { value: { name: string; username?: string; password: string } | null; onClose: () => void }) {
  const { lang } = useI18n()
  const en = lang === 'en'
  return (
    <Modal
      open={!!value}
      title={en ? 'Temporary password' : '临时密码'}
      onOk={onClose}
      onCancel={onClose}
      okText={en ? 'I have noted it' : '我已记下'}
      cancelButtonProps={{ style: { display: 'none' } }}
      mask={{ closable: false }}
      destroyOnHidden
    >
      {value && (
        <>
          <Alert type="warning" showIcon title={en ? 'This password is shown only once.' : '此密码只显示这一次，关闭后无法再查看。'} style={{ marginBottom: 16 }} />
          <Typography.Paragraph>
            {en ? 'Account of ' : '账号：'}
            <strong>{value.name}</strong>
            {value.username ? `（${value.username}）` : ''}
          </Typography.Paragraph>
          <Typography.Paragraph
            copyable={{ text: value.password, tooltips: en ? ['Copy', 'Copied'] : ['复制', '已复制'] }}
            style={{ fontSize: 22, fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', letterSpacing: 1 }}
          >
            <span data-testid="temporary-password">{value.password}</span>
          </Typography.Paragraph>
          <Typography.Paragraph>
            {en
              ? 'Give it to the person in private. They must change it at their first login.'
              : '请当面或私下告知本人。首次登录时必须修改此密码。'}
          </Typography.Paragraph>
        </>
      )}
    </Modal>
  )
}

/** Fetches a file the API makes (GET, or POST with a JSON body) and saves it under `name`; API errors throw as ApiError. */
export async function download(path: string, name: string, body?: unknown) {
  const res = await fetch(`/api/v1${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json', 'x-linli-csrf': '1' },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  })
  if (!res.ok) {
    const err = (await res.json().catch(() => null))?.error ?? { code: `HTTP_${res.status}`, message: res.statusText }
    throw new ApiError(res.status, err.code, err.message, err.details)
  }
  const url = URL.createObjectURL(await res.blob())
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.click()
  URL.revokeObjectURL(url)
}
