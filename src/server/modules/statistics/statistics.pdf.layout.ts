// A wide table set on landscape pages with pdfkit, for the statistics exports (statistics.pdf.ts):
// a title on every page, a two-level header (the work above, merged over its indicators, the
// indicator and its unit below) repeated on every page, fixed columns (the unit's name) repeated
// in every band of columns, pages broken between rows, "第 i 页，共 n 页" at the foot. A table
// that fits A4 landscape is set on A4; a wider one on A3 landscape; one wider still is cut into
// bands of columns, each band a run of pages. Chinese is set in Noto Sans SC (Simplified Chinese,
// OFL) from the npm package `@embedpdf/fonts-sc`, the font the feedback cards use: no system
// font, and pdfkit (fontkit) embeds only the glyphs used, so a table is tens of kB, not 8 MB.
import { createRequire } from 'node:module'
import path from 'node:path'

const require = createRequire(import.meta.url)
const fontDir = path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts')
const REGULAR = path.join(fontDir, 'NotoSansHans-Regular.otf')
const BOLD = path.join(fontDir, 'NotoSansHans-Bold.otf')

export interface Column {
  /** The work the column belongs to (merged over neighbours with the same group); null: the column's label spans both header rows. */
  group: string | null
  label: string
  /** Points; fixed columns have one, the others share the band's width. */
  width?: number
  align?: 'left' | 'center' | 'right'
}
export interface Cell { text: string; fill?: string }
export interface Row { fixed: Cell[]; cells: Cell[]; bold?: boolean }
export interface Sheet {
  title: string
  subtitle: string
  fixed: Column[]
  columns: Column[]
  rows: Row[]
  note: string
}

/** Page geometry in points (1/72 inch), landscape. */
export const PAGE = { A4: [841.89, 595.28], A3: [1190.55, 841.89] } as const
export const MARGIN = 28
export const TITLE_HEIGHT = 40
export const GROUP_HEIGHT = 16
export const LABEL_HEIGHT = 44
export const ROW_HEIGHT = 16
export const FOOT_HEIGHT = 18
/** Narrowest column of figures: a figure of 8 digits and two lines of a label. */
export const MIN_COLUMN = 54

const HEAD_FILL = '#f3d6d6'
const LINE = '#999999'

/** Where a sheet goes: its page size, its bands of columns and the rows a page holds. */
export function layoutOf(sheet: Pick<Sheet, 'fixed' | 'columns'>) {
  const fixedWidth = sheet.fixed.reduce((s, c) => s + (c.width ?? 0), 0)
  const fits = (size: keyof typeof PAGE) => Math.max(1, Math.floor((PAGE[size][0] - 2 * MARGIN - fixedWidth) / MIN_COLUMN))
  const size: keyof typeof PAGE = sheet.columns.length <= fits('A4') ? 'A4' : 'A3'
  const bands = Math.max(1, Math.ceil(sheet.columns.length / fits(size)))
  const perBand = Math.max(1, Math.ceil(sheet.columns.length / bands))
  const [width, height] = PAGE[size]
  const rowsPerPage = Math.floor((height - 2 * MARGIN - TITLE_HEIGHT - GROUP_HEIGHT - LABEL_HEIGHT - FOOT_HEIGHT) / ROW_HEIGHT)
  return { size, width, height, bands, perBand, rowsPerPage, fixedWidth }
}

type Doc = PDFKit.PDFDocument

function box(doc: Doc, x: number, y: number, w: number, h: number, fill?: string) {
  if (fill) doc.rect(x, y, w, h).fillColor(fill).fill()
  doc.rect(x, y, w, h).lineWidth(0.4).strokeColor(LINE).stroke()
}

function write(doc: Doc, text: string, x: number, y: number, w: number, h: number, o: { size: number; bold?: boolean; align?: Column['align']; lines?: number }) {
  doc.font(o.bold ? 'sc-bold' : 'sc').fontSize(o.size).fillColor('#000000')
  const lines = o.lines ?? 1
  const textHeight = lines > 1 ? Math.min(lines * doc.currentLineHeight(), doc.heightOfString(text, { width: w - 4 })) : doc.currentLineHeight()
  const top = y + Math.max(1, (h - textHeight) / 2)
  doc.text(text, x + 2, top, { width: w - 4, height: lines > 1 ? y + h - top : doc.currentLineHeight() + 1, align: o.align ?? 'center', ellipsis: lines > 1 || undefined, lineBreak: lines > 1 })
}

/** The header of a band: fixed columns spanning both rows, then groups merged over their columns. */
function header(doc: Doc, fixed: Column[], band: Column[], widths: number[], top: number) {
  let x = MARGIN
  for (const c of fixed) {
    box(doc, x, top, c.width!, GROUP_HEIGHT + LABEL_HEIGHT, HEAD_FILL)
    write(doc, c.label, x, top, c.width!, GROUP_HEIGHT + LABEL_HEIGHT, { size: 8.5, bold: true })
    x += c.width!
  }
  for (let i = 0; i < band.length;) {
    let j = i
    let w = 0
    while (j < band.length && band[j]!.group === band[i]!.group) w += widths[j++]!
    box(doc, x, top, w, GROUP_HEIGHT, HEAD_FILL)
    write(doc, band[i]!.group ?? '', x, top, w, GROUP_HEIGHT, { size: 8, bold: true })
    for (let k = i; k < j; k++) {
      box(doc, x, top + GROUP_HEIGHT, widths[k]!, LABEL_HEIGHT, HEAD_FILL)
      write(doc, band[k]!.label, x, top + GROUP_HEIGHT, widths[k]!, LABEL_HEIGHT, { size: 7, lines: 4 })
      x += widths[k]!
    }
    i = j
  }
}

/** Sets the sheets into one PDF; each sheet starts on a new page. */
export async function renderSheets(sheets: Sheet[], info: { title: string; author: string }): Promise<Buffer> {
  // pdfkit loads on the first export, not at every start.
  const PDFDocument = (await import('pdfkit')).default
  const doc = new PDFDocument({ autoFirstPage: false, bufferPages: true, margin: MARGIN, info: { Title: info.title, Author: info.author, Creator: 'Linli 邻里' } })
  doc.registerFont('sc', REGULAR)
  doc.registerFont('sc-bold', BOLD)
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  const footers: string[] = []
  for (const sheet of sheets) {
    const l = layoutOf(sheet)
    const pages = Math.max(1, Math.ceil(sheet.rows.length / l.rowsPerPage))
    for (let b = 0; b < l.bands; b++) {
      const band = sheet.columns.slice(b * l.perBand, (b + 1) * l.perBand)
      const bandOf = l.bands > 1 ? `（第 ${b + 1} 部分，共 ${l.bands} 部分：${band[0]!.label.split('（')[0]} 至 ${band[band.length - 1]!.label.split('（')[0]}）` : ''
      const free = l.width - 2 * MARGIN - l.fixedWidth
      const widths = band.map(() => Math.min(free / band.length, MIN_COLUMN * 2))
      for (let p = 0; p < pages; p++) {
        doc.addPage({ size: l.size, layout: 'landscape', margin: MARGIN })
        doc.font('sc-bold').fontSize(13).fillColor('#000000').text(sheet.title + bandOf, MARGIN, MARGIN, { width: l.width - 2 * MARGIN, align: 'center', lineBreak: false })
        doc.font('sc').fontSize(8).fillColor('#555555').text(sheet.subtitle, MARGIN, MARGIN + 20, { width: l.width - 2 * MARGIN, align: 'center', lineBreak: false })
        const top = MARGIN + TITLE_HEIGHT
        header(doc, sheet.fixed, band, widths, top)
        let y = top + GROUP_HEIGHT + LABEL_HEIGHT
        for (const row of sheet.rows.slice(p * l.rowsPerPage, (p + 1) * l.rowsPerPage)) {
          let x = MARGIN
          const cells: [Cell, number, Column][] = [
            ...row.fixed.map((c, i): [Cell, number, Column] => [c, sheet.fixed[i]!.width!, sheet.fixed[i]!]),
            ...band.map((col, i): [Cell, number, Column] => [row.cells[b * l.perBand + i] ?? { text: '' }, widths[i]!, col]),
          ]
          for (const [cell, w, col] of cells) {
            box(doc, x, y, w, ROW_HEIGHT, cell.fill ?? (row.bold ? '#f5f5f5' : undefined))
            write(doc, cell.text, x, y, w, ROW_HEIGHT, { size: 8, bold: row.bold, align: col.align ?? 'right' })
            x += w
          }
          y += ROW_HEIGHT
        }
        if (p === pages - 1 && b === l.bands - 1 && sheet.note) {
          doc.font('sc').fontSize(7.5).fillColor('#555555').text(sheet.note, MARGIN, y + 6, { width: l.width - 2 * MARGIN, height: l.height - MARGIN - FOOT_HEIGHT - y - 6, ellipsis: true })
        }
        footers.push(sheet.title)
      }
    }
  }
  // Page numbers once the count is known; the bottom margin is lifted so the foot adds no page.
  const range = doc.bufferedPageRange()
  for (let i = 0; i < range.count; i++) {
    const page = doc.switchToPage(range.start + i)
    page.margins.bottom = 0
    doc.font('sc').fontSize(8).fillColor('#555555')
      .text(`${footers[i]}　第 ${i + 1} 页，共 ${range.count} 页`, MARGIN, page.height - MARGIN - 10, { width: page.width - 2 * MARGIN, align: 'center', lineBreak: false })
  }
  doc.end()
  return done
}
