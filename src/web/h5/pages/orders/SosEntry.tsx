// The way to 一键呼叫 for someone who has a one-button device (GET /devices/mine, asked once in
// five minutes): a large red card on the home page, 我要点单 and 我的订单. Nobody else sees it.
import { Link } from 'react-router'
import { useQuery } from '@tanstack/react-query'
import { PhoneFill } from 'antd-mobile-icons'
import { api } from '../../../shared/api.ts'
import { useSignedIn } from '../../session.tsx'
import { useOrderWords } from './words.ts'
import './orders.css'

export interface MyDevice { id: string; serial: string; cancelWindowS: number; defaultItem: { id: string; name: string } }

export function useMyDevice(enabled = true) {
  return useQuery({ queryKey: ['h5-orders', 'my-device'], queryFn: () => api<{ items: MyDevice[] }>('/devices/mine', { quiet401: true }), enabled, staleTime: 300_000, retry: false })
}

export function SosBanner() {
  const w = useOrderWords()
  const { me } = useSignedIn()
  const device = useMyDevice(!!me)
  if (!device.data?.items.length) return null
  return (
    <Link className="h5-sos-banner" to="/sos">
      <span className="h5-sos-banner-icon" aria-hidden="true"><PhoneFill /></span>
      <span className="h5-row-text">
        <span className="h5-sos-banner-title">{w('sos')}</span>
        <span className="h5-sos-banner-hint">{w('sosHint')}</span>
      </span>
    </Link>
  )
}

/** The home page's card: only for a signed-in person with a device. */
export default function SosHomeEntry() {
  return <div className="h5-sos-home"><SosBanner /></div>
}
