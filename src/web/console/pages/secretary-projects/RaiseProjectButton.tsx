// "转为书记项目" on the hotspots page: raises a cluster as a secretary's project of the node
// (POST /hotspots/projects, 每月一题) and opens it on the projects page.
import { useState } from 'react'
import { useNavigate } from 'react-router'
import { useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Form, Input, Modal, Typography } from 'antd'
import type { HotspotCluster } from '@server/modules/hotspots/hotspots.schemas.ts'
import type { SecretaryProjectDetail } from '@server/modules/secretary_projects/secretary_projects.schemas.ts'
import { api } from '../../../shared/api.ts'
import { errorMessage } from '../../common.tsx'
import { useProjectLabels } from './labels.ts'

export function RaiseProjectButton({ cluster, orgId }: { cluster: HotspotCluster; orgId: string }) {
  const L = useProjectLabels()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const navigate = useNavigate()
  const [open, setOpen] = useState(false)
  const [title, setTitle] = useState(L.raiseDefault(cluster.categoryName))
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const submit = async () => {
    setBusy(true)
    setError(null)
    try {
      const p = await api<SecretaryProjectDetail>('/hotspots/projects', {
        method: 'POST',
        body: { orgId, category: cluster.category, caseIds: cluster.records.filter((r) => r.kind === 'case').map((r) => r.id), orderIds: cluster.records.filter((r) => r.kind === 'order').map((r) => r.id), title: title.trim() },
      })
      message.success(L.raised)
      await qc.invalidateQueries({ queryKey: ['secretary-projects'] })
      setOpen(false)
      void navigate(`/secretary-projects?id=${p.id}`)
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <>
      <Button size="small" onClick={(e) => { e.stopPropagation(); setOpen(true) }}>{L.raiseProject}</Button>
      {open && (
        <Modal open title={L.raiseTitle} okText={L.save} cancelText={L.cancel} onOk={() => void submit()} onCancel={() => setOpen(false)} confirmLoading={busy} okButtonProps={{ disabled: title.trim().length < 2 }}>
          <Typography.Paragraph>{L.raiseHint(cluster.count, cluster.categoryName)}</Typography.Paragraph>
          <Form layout="vertical">
            <Form.Item label={L.titleLabel} htmlFor="hotspot-project-title" required><Input id="hotspot-project-title" value={title} maxLength={100} onChange={(e) => setTitle(e.target.value)} /></Form.Item>
          </Form>
          {error && <Alert type="error" showIcon title={error} role="alert" />}
        </Modal>
      )}
    </>
  )
}
