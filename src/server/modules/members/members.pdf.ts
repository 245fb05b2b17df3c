// The printable feedback card (反馈卡) as a PDF, set in Noto Sans SC (Simplified Chinese, from
// the `@embedpdf/fonts-sc` package); pdfkit embeds only the glyphs used, so a card is ~50 kB.
import { createRequire } from 'node:module'
import path from 'node:path'
import type { FeedbackCard } from './members.schemas.ts'

const require = createRequire(import.meta.url)
const fontDir = path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts')
const REGULAR = path.join(fontDir, 'NotoSansHans-Regular.otf')
const BOLD = path.join(fontDir, 'NotoSansHans-Bold.otf')

const RATING_ZH = { excellent: '优秀', good: '良好', fair: '一般', poor: '较差' } as const
const periodZh = (p: string) => (p.endsWith('-H1') ? `${p.slice(0, 4)} 年上半年` : p.endsWith('-H2') ? `${p.slice(0, 4)} 年下半年` : `${p} 年度`)

export async function renderCardPdf(card: FeedbackCard): Promise<Buffer> {
  // pdfkit loads when the first card is printed, not at every start.
  const PDFDocument = (await import('pdfkit')).default
  const c = card.content
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: `在职党员到社区报到反馈卡 ${c.memberName} ${card.period}`, Author: c.communityName, Creator: 'Linli 邻里' },
  })
  doc.registerFont('sc', REGULAR)
  doc.registerFont('sc-bold', BOLD)
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })

  doc.font('sc-bold').fontSize(20).text('在职党员到社区报到反馈卡', { align: 'center' })
  doc.moveDown(0.3).font('sc').fontSize(11).fillColor('#555').text(`${periodZh(card.period)}（${c.from} 至 ${c.to}）`, { align: 'center' })
  doc.moveDown(1).fillColor('#000').fontSize(12)
  const line = (label: string, value: string) => doc.font('sc-bold').text(`${label}：`, { continued: true }).font('sc').text(value)
  line('党员姓名', c.memberName)
  line('所在党组织', c.partyOrgName)
  line('工作单位', c.unitName ?? '—')
  line('报到社区', c.communityName)
  doc.moveDown(0.6)
  line('服务时长', `${c.hours} 小时（年度目标 ${c.minHours} 小时）`)
  line('认领岗位', c.posts.filter((p) => p.kind === 'post').map((p) => p.title).join('、') || '无')
  line('参与项目', `${c.posts.filter((p) => p.kind === 'project').map((p) => p.title).join('、') || '无'}（年度目标 ${c.minProjects} 个）`)
  doc.moveDown(0.6).font('sc-bold').text('参加志愿服务活动：')
  doc.font('sc').fontSize(10.5)
  if (c.activities.length === 0) doc.text('无')
  for (const a of c.activities.slice(0, 40)) doc.text(`· ${a.startsAt.slice(0, 10)}  ${a.title}（${a.orgName}）  ${a.hours} 小时`)
  if (c.activities.length > 40) doc.text(`…… 共 ${c.activities.length} 次`)
  const orders = c.orders ?? []
  const wishes = c.wishes ?? []
  doc.moveDown(0.6).font('sc-bold').fontSize(12).text('完成服务订单：')
  doc.font('sc').fontSize(10.5)
  if (orders.length === 0) doc.text('无')
  for (const o of orders.slice(0, 30)) doc.text(`· ${o.servedOn}  ${o.title}  ${o.hours} 小时`)
  if (orders.length > 30) doc.text(`…… 共 ${orders.length} 单`)
  doc.moveDown(0.6).font('sc-bold').fontSize(12).text('认领并实现的微心愿：')
  doc.font('sc').fontSize(10.5)
  doc.text(wishes.length === 0 ? '无' : wishes.slice(0, 30).map((w) => `${w.fulfilledOn} ${w.title}`).join('；'))
  doc.moveDown(0.8).fontSize(12)
  line('社区评价', card.rating ? RATING_ZH[card.rating] : '待审核')
  line('社区意见', card.comment ?? '—')
  doc.moveDown(2)
  doc.text(`${c.communityName}党组织（盖章）`, { align: 'right' })
  doc.text(card.reviewedAt ? `${card.reviewedAt.slice(0, 10)}` : '', { align: 'right' })
  doc.end()
  return done
}
