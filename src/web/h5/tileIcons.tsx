// The icon of each home entry (homeEntries.ts keys), for the tile grid.
import type { ReactNode } from 'react'
import { BellOutline, BillOutline, ExclamationShieldOutline, SendOutline } from 'antd-mobile-icons'
import {
  CalendarOutline, CameraOutline, ClockCircleOutline, EnvironmentOutline, FileOutline, FlagOutline, GiftOutline, HeartOutline, HistogramOutline,
  LocationFill, ShopbagOutline, TeamOutline, TravelOutline, UserContactOutline, UserOutline, UnorderedListOutline,
} from 'antd-mobile-icons'

export const tileIcons: Record<string, ReactNode> = {
  report: <CameraOutline />,
  'my-reports': <FileOutline />,
  tasks: <UnorderedListOutline />,
  order: <BellOutline />,
  'my-orders': <BillOutline />,
  grab: <SendOutline />,
  'my-services': <TeamOutline />,
  estates: <HistogramOutline />,
  venues: <LocationFill />,
  wishes: <HeartOutline />,
  'projects-public': <BillOutline />,
  'my-bookings': <TravelOutline />,
  'my-errands': <FileOutline />,
  'my-resident': <UserContactOutline />,
  points: <GiftOutline />,
  unit: <ShopbagOutline />,
  'my-registration': <FlagOutline />,
  'unit-members': <TeamOutline />,
  activities: <CalendarOutline />,
  'volunteer-hours': <ClockCircleOutline />,
  grid: <EnvironmentOutline />,
  'my-duties': <ExclamationShieldOutline />,
  'my-building-leader': <UserContactOutline />,
  profile: <UserOutline />,
}
