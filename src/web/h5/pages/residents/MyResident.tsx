// 我的居民信息 /h5/my-resident: the resident's own record in full (ID number, phone, where they
// live, household, care tags, consents) and a form to correct it. The building, the tags and
// the staff's note are the grid worker's to change.
import { useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Button, Form, Input, Selector, Switch } from 'antd-mobile'
import { api, ApiError } from '../../../shared/api.ts'
import { relationLabels, residentRelations, tagLabels, type Resident } from '@server/modules/residents/residents.schemas.ts'
import { idNumberProblem, normaliseIdNumber } from '@server/modules/residents/residents.idnumber.ts'
import { useLocalText, useT, useWords } from '../../labels.ts'
import { Alert, errorText, LoadError, Loading, Page } from '../../ui.tsx'
import { scrollToFirstError } from '../../validation.ts'

const zh = {
  title: '我的居民信息',
  none: '社区还没有登记您的居民信息。请联系您的网格员登记，登记后可以在这里查看和更正。',
  home: '住址',
  tags: '关爱类别',
  tagsHint: '由网格员登记，如有不对请联系网格员',
  noTags: '无',
  correct: '更正我的信息',
  name: '姓名',
  phone: '手机号',
  phoneHint: '也是您登录用的手机号；更换号码请到“我的”页面，验证码发到新号码',
  idNumber: '身份证号',
  idHint: '18 位，出生年份和性别按身份证号登记',
  household: '户号（如 2单元301）',
  relation: '与户主关系',
  consentContact: '同意社区工作人员联系我',
  consentServices: '同意用我的信息为我匹配服务（如养老、助残）',
  save: '保存',
  saved: '已保存',
  birth: '{year} 年生',
  privacy: '您的身份证号和手机号加密保存，工作人员只能看到部分数字，查看完整号码须说明原因并留痕。',
}
const en: Record<keyof typeof zh, string> = {
  title: 'My resident record',
  none: 'The community has not registered you yet. Ask your grid worker; afterwards you can see and correct it here.',
  home: 'Home',
  tags: 'Care categories',
  tagsHint: 'Recorded by your grid worker; ask them if it is wrong',
  noTags: 'None',
  correct: 'Correct my details',
  name: 'Name',
  phone: 'Phone',
  phoneHint: 'Also the number you log in with; change it on the “Me” page with a code sent to the new number',
  idNumber: 'ID number',
  idHint: '18 characters; birth year and gender follow it',
  household: 'Household (e.g. 2单元301)',
  relation: 'Relation to the head of household',
  consentContact: 'The community may contact me',
  consentServices: 'My details may be used to match services for me',
  save: 'Save',
  saved: 'Saved',
  birth: 'Born {year}',
  privacy: 'Your ID number and phone are stored encrypted; staff see only part of them, and every full view is recorded with a reason.',
}
const words = { zh, en }

interface FormValues {
  name: string
  phone: string
  idNumber: string
  household: string
  relation: string[]
  consentContact: boolean
  consentServices: boolean
}

function CorrectForm({ r }: { r: Resident }) {
  const t = useT()
  const text = useLocalText()
  const w = useWords(words)
  const queryClient = useQueryClient()
  const [form] = Form.useForm<FormValues>()
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ kind: 'success' | 'info' | 'error'; text: string } | null>(null)

  async function save(v: FormValues) {
    const body: Record<string, unknown> = {}
    if (v.name.trim() !== r.name) body.name = v.name.trim()
    const id = v.idNumber ? normaliseIdNumber(v.idNumber) : null
    if (id !== r.idNumber) body.idNumber = id
    if ((v.household.trim() || null) !== r.household) body.household = v.household.trim() || null
    if ((v.relation[0] ?? null) !== r.relation) body.relation = v.relation[0] ?? null
    if (v.consentContact !== r.consentContact) body.consentContact = v.consentContact
    if (v.consentServices !== r.consentServices) body.consentServices = v.consentServices
    if (Object.keys(body).length === 0) return setMessage({ kind: 'info', text: t('nothingChanged') })
    setBusy(true)
    setMessage(null)
    try {
      const updated = await api<Resident>('/residents/me', { method: 'PATCH', body })
      queryClient.setQueryData(['residents', 'me'], updated)
      await queryClient.invalidateQueries({ queryKey: ['me'] })
      setMessage({ kind: 'success', text: w('saved') })
    } catch (err) {
      const fields = err instanceof ApiError ? err.fieldErrors() : {}
      if (err instanceof ApiError && err.code === 'ID_NUMBER_TAKEN') fields.idNumber = err.message
      const onForm = (['name', 'idNumber', 'household'] as const).filter((f) => fields[f])
      form.setFields(onForm.map((f) => ({ name: f, errors: [fields[f]!] })))
      if (onForm.length === 0) setMessage({ kind: 'error', text: errorText(err, t) })
      scrollToFirstError()
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="h5-card" aria-labelledby="resident-correct-title">
      <h2 className="h5-card-title" id="resident-correct-title">{w('correct')}</h2>
      <Form
        form={form}
        name="my-resident"
        layout="vertical"
        requiredMarkStyle="none"
        initialValues={{
          name: r.name, phone: r.phone ?? '', idNumber: r.idNumber ?? '', household: r.household ?? '', relation: r.relation ? [r.relation] : [],
          consentContact: r.consentContact, consentServices: r.consentServices,
        }}
        onFinish={save}
        onValuesChange={() => setMessage(null)}
        footer={
          <>
            {message && <Alert kind={message.kind}>{message.text}</Alert>}
            <Button block type="submit" color="primary" size="large" loading={busy}>{w('save')}</Button>
          </>
        }
      >
        <Form.Item name="name" label={w('name')} rules={[{ required: true, whitespace: true, max: 50, message: t('nameRequired') }]}>
          <Input autoComplete="name" clearable />
        </Form.Item>
        <Form.Item name="phone" label={w('phone')} description={w('phoneHint')}>
          <Input type="tel" readOnly />
        </Form.Item>
        <Form.Item name="idNumber" label={w('idNumber')} description={w('idHint')} normalize={(v: string) => v.replace(/\s/g, '')}
          rules={[{ validator: async (_: unknown, v: string | undefined) => { const p = v ? idNumberProblem(normaliseIdNumber(v)) : null; if (p) throw new Error(p) } }]}>
          <Input maxLength={18} clearable />
        </Form.Item>
        <Form.Item name="household" label={w('household')} rules={[{ max: 30 }]}>
          <Input maxLength={30} clearable />
        </Form.Item>
        <Form.Item name="relation" label={w('relation')}>
          <Selector columns={3} options={residentRelations.map((k) => ({ value: k, label: text(relationLabels[k]) }))} />
        </Form.Item>
        <Form.Item name="consentContact" label={w('consentContact')} childElementPosition="right" valuePropName="checked">
          <Switch aria-label={w('consentContact')} />
        </Form.Item>
        <Form.Item name="consentServices" label={w('consentServices')} childElementPosition="right" valuePropName="checked">
          <Switch aria-label={w('consentServices')} />
        </Form.Item>
      </Form>
    </section>
  )
}

export default function MyResidentPage() {
  const text = useLocalText()
  const w = useWords(words)
  const record = useQuery({
    queryKey: ['residents', 'me'],
    queryFn: async () => {
      try {
        return await api<Resident>('/residents/me')
      } catch (err) {
        if (err instanceof ApiError && err.code === 'RESIDENT_NOT_FOUND') return null
        throw err
      }
    },
  })
  const r = record.data
  return (
    <Page title={w('title')}>
      {record.isPending ? (
        <Loading />
      ) : record.error ? (
        <LoadError error={record.error} onRetry={() => void record.refetch()} />
      ) : !r ? (
        <Alert kind="info">{w('none')}</Alert>
      ) : (
        <>
          <section className="h5-card" aria-labelledby="resident-home-title">
            <h2 className="h5-card-title" id="resident-home-title">{w('home')}</h2>
            <p>{[r.community?.name, r.grid?.name, r.org.name, r.household].filter(Boolean).join(' ')}</p>
            {r.birthYear && <p>{w('birth').replace('{year}', String(r.birthYear))}</p>}
            <h2 className="h5-card-title">{w('tags')}</h2>
            <p>{r.tags.length ? r.tags.map((k) => text(tagLabels[k])).join('、') : w('noTags')}</p>
            <p className="h5-muted">{w('tagsHint')}</p>
          </section>
          <CorrectForm key={r.id} r={r} />
          <p className="h5-muted">{w('privacy')}</p>
        </>
      )}
    </Page>
  )
}
