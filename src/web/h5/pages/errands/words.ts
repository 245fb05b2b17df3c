// The words of the errand phone pages (我的帮办, 申请帮办), Chinese first, in plain language.
import { useCallback } from 'react'
import { useI18n } from '../../../shared/i18n.tsx'
import { format } from '../../labels.ts'

const zh = {
  mine: '我的帮办',
  intro: '办执照、办许可、申领补贴…帮办员帮您跑，进度随时看。',
  apply: '申请帮办',
  none: '还没有帮办事项',
  progress: '已完成 {done}/{total} 步',
  missing: '还缺 {n} 份材料',
  waiting: '等待帮办点受理',
  matter: '办什么',
  title: '事项名称',
  titleHint: '如：办个体户营业执照',
  description: '情况说明（选填）',
  descriptionHint: '说说您的情况，帮办员好提前准备',
  documents: '手头已有的材料（选填）',
  documentsHint: '如：身份证、租赁合同（用顿号分隔）',
  submit: '提交申请',
  submitted: '已提交，帮办员会尽快联系您',
  desk: '帮办地点',
  owner: '帮办员',
  steps: '办理步骤',
  stepDone: '{time} 完成',
  stepDue: '{time} 前',
  checklist: '需要的材料',
  still: '还需提供',
  have: '已收到',
  timeline: '办理进度',
  cancel: '撤回申请',
  cancelAsk: '确定撤回这项申请吗？',
  cancelled: '已撤回',
  rate: '评价帮办服务',
  rateHint: '事项已办结，请您评价',
  comment: '意见和建议（选填）',
  rated: '感谢您的评价',
  yourRating: '您的评价',
  result: '办理结果',
  reason: '原因',
  back: '返回',
}
type Word = keyof typeof zh
const en: Record<Word, string> = {
  mine: 'My errands', intro: 'Licences, permits, subsidies… a helper runs them for you; follow the progress here.', apply: 'Ask for help', none: 'No errands yet',
  progress: '{done} of {total} steps done', missing: '{n} documents still needed', waiting: 'Waiting for the desk to accept', matter: 'What for', title: 'Title',
  titleHint: 'e.g. a business licence', description: 'Your situation (optional)', descriptionHint: 'So the helper can prepare', documents: 'Documents you have (optional)',
  documentsHint: 'e.g. ID card, lease', submit: 'Submit', submitted: 'Submitted; a helper will contact you soon', desk: 'Desk', owner: 'Helper', steps: 'Steps',
  stepDone: 'done {time}', stepDue: 'by {time}', checklist: 'Documents', still: 'Still needed', have: 'Received', timeline: 'Progress', cancel: 'Cancel',
  cancelAsk: 'Cancel this errand?', cancelled: 'Cancelled', rate: 'Rate the service', rateHint: 'The errand is done; please rate it', comment: 'Comments (optional)',
  rated: 'Thank you for your rating', yourRating: 'Your rating', result: 'Result', reason: 'Reason', back: 'Back',
}

export function useErrandWords() {
  const { lang } = useI18n()
  return useCallback((key: Word, params?: Record<string, string | number>) => format((lang === 'en' ? en : zh)[key], params), [lang])
}
