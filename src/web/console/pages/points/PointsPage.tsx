// 积分管理: accounts with balances and postings (manual award, reversal), the review of manual
// awards (cadres), the rewards catalogue, redemptions to hand over, and the earning rules; one tab
// each (the tab in the address bar).
import { useState } from 'react'
import { useSearchParams } from 'react-router'
import { Alert, Button, Flex, Tabs, Typography } from 'antd'
import { api } from '../../../shared/api.ts'
import { roleLevels } from '../../../shared/roles.ts'
import { errorMessage, PageTheme } from '../../common.tsx'
import { useLevel } from '../../auth.tsx'
import { fill, usePointsLabels } from './labels.ts'
import { Accounts } from './Accounts.tsx'
import { Redemptions, Rewards, Rules } from './Catalogue.tsx'
import { ManualReview } from './Review.tsx'

const tabs = ['accounts', 'review', 'rewards', 'redemptions', 'rules'] as const
type Tab = (typeof tabs)[number]

interface Reconciliation { accounts: number; postings: number; total: number; mismatches: unknown[]; unbalancedTransactions: unknown[] }

export default function PointsPage() {
  const L = usePointsLabels()
  const level = useLevel()
  const [params, setParams] = useSearchParams()
  const [check, setCheck] = useState<{ ok: boolean; text: string } | null>(null)
  const tab: Tab = (tabs as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'accounts'
  const canWrite = level >= roleLevels.community_cadre!
  const isDistrict = level >= roleLevels.district_admin!
  async function reconcile() {
    try {
      const r = await api<Reconciliation>('/points/reconciliation')
      const bad = r.mismatches.length + r.unbalancedTransactions.length + (r.total === 0 ? 0 : 1)
      setCheck(bad === 0 ? { ok: true, text: fill(L.reconcileOk, { accounts: r.accounts, postings: r.postings, total: r.total }) } : { ok: false, text: fill(L.reconcileBad, { n: bad }) })
    } catch (err) {
      setCheck({ ok: false, text: errorMessage(err) })
    }
  }
  return (
    <PageTheme>
      <Flex justify="space-between" align="center">
        <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }}>{L.title}</Typography.Title>
        {isDistrict && <Button onClick={() => void reconcile()}>{L.reconcile}</Button>}
      </Flex>
      {check && <Alert type={check.ok ? 'success' : 'error'} showIcon title={check.text} style={{ marginBottom: 16 }} role="status" closable onClose={() => setCheck(null)} />}
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'accounts' ? {} : { tab: k }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'accounts', label: L.tabAccounts, children: <Accounts canWrite={canWrite} /> },
          ...(canWrite ? [{ key: 'review', label: L.tabReview, children: <ManualReview /> }] : []),
          { key: 'rewards', label: L.tabRewards, children: <Rewards canWrite={canWrite} /> },
          { key: 'redemptions', label: L.tabRedemptions, children: <Redemptions canWrite={canWrite} /> },
          { key: 'rules', label: L.tabRules, children: <Rules canEdit={isDistrict} /> },
        ]}
      />
    </PageTheme>
  )
}
