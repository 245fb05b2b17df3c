// Pieces the visit and estate pages share: a form's submit with busy state and the server's
// per-field errors, the drawer that holds a form, and the "load more" button of a paged list.
import { useState, type ReactNode } from 'react'
import { Alert, Button, Drawer, Flex, Space, type FormInstance } from 'antd'
import { applyFieldErrors } from '../../common.tsx'
import { useVisitLabels } from './labels.ts'

/** Runs `send`; a refusal puts the server's messages on the fields named by `fieldPaths`, the rest above the form. */
export function useFormSubmit<T>(form: FormInstance<T>, fieldPaths: () => string[], send: (values: T) => Promise<void>) {
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  async function submit(values: T) {
    setBusy(true)
    setError(null)
    try {
      await send(values)
    } catch (err) {
      setError(applyFieldErrors(form, err, fieldPaths()))
    } finally {
      setBusy(false)
    }
  }
  return { submit, error, busy }
}

export function FormError({ error }: { error: string | null }) {
  return error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" /> : null
}

export function FormDrawer({ title, open, onClose, busy, error, onSave, children }: {
  title: string; open: boolean; onClose: () => void; busy: boolean; error: string | null; onSave: () => void; children: ReactNode
}) {
  const L = useVisitLabels()
  return (
    <Drawer title={title} open={open} onClose={onClose} size="large" destroyOnHidden
      extra={<Space><Button onClick={onClose}>{L.cancel}</Button><Button type="primary" loading={busy} onClick={onSave}>{L.save}</Button></Space>}>
      <FormError error={error} />
      {children}
    </Drawer>
  )
}

export function LoadMore({ list, label }: { list: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => Promise<unknown> }; label: string }) {
  if (!list.hasNextPage) return null
  return (
    <Flex justify="center" style={{ marginTop: 16 }}>
      <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>{label}</Button>
    </Flex>
  )
}
