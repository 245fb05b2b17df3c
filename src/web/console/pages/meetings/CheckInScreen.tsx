// The check-in screen for the meeting room's projector or a tablet at the door: the QR code of the
// phone page, replaced as soon as its 30-second window ends, with the code in digits for typing.
import { Alert, Flex, Modal, Typography } from 'antd'
import type { z } from 'zod'
import type { checkInCodeSchema, Meeting } from '@server/modules/meetings/meetings.schemas.ts'
import { errorMessage, formatTime } from '../../common.tsx'
import { useRotatingCode } from '../volunteers/ActivityDrawer.tsx'
import { useMeetingLabels } from './labels.ts'

type CheckInCode = z.infer<typeof checkInCodeSchema>

export function CheckInScreen({ meeting, open, onClose }: { meeting: Meeting; open: boolean; onClose: () => void }) {
  const L = useMeetingLabels()
  const { code, now, svg } = useRotatingCode<CheckInCode>(['meetings', 'code', meeting.id], `/meetings/${meeting.id}/checkin-code`, open)
  const c = code.data
  return (
    <Modal open={open} onCancel={onClose} footer={null} width="min(96vw, 880px)" centered title={`${L.checkInScreen} · ${meeting.title}`} destroyOnHidden>
      <Flex vertical align="center" gap={12} style={{ padding: 16 }}>
        {code.error && <Alert type="error" showIcon title={errorMessage(code.error)} role="alert" />}
        {c && now < Date.parse(c.checkInOpensAt) && <Alert type="info" showIcon title={L.checkInNotYet.replace('{time}', formatTime(c.checkInOpensAt))} />}
        {c && now > Date.parse(c.checkInClosesAt) && <Alert type="warning" showIcon title={L.checkInEnded} />}
        {c && svg && now >= Date.parse(c.checkInOpensAt) && now <= Date.parse(c.checkInClosesAt) && (
          <>
            <img src={`data:image/svg+xml;utf8,${encodeURIComponent(svg)}`} alt={L.checkInScreen} data-code={c.code} style={{ width: 'min(60vh, 420px)', height: 'min(60vh, 420px)' }} />
            <Typography.Text style={{ fontSize: 18 }}>{L.checkInHint.replace('{n}', String(c.windowSec))}</Typography.Text>
            <Typography.Text type="secondary">{L.typedCode}：<Typography.Text code copyable>{c.code}</Typography.Text> · {L.codeExpires.replace('{n}', String(Math.max(0, Math.ceil((Date.parse(c.expiresAt) - now) / 1000))))}</Typography.Text>
          </>
        )}
        <Typography.Title level={2} style={{ margin: 0 }}>{L.present} {meeting.present} / {L.invited} {meeting.invited}</Typography.Title>
      </Flex>
    </Modal>
  )
}
