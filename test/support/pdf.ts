// Reading back a PDF that pdfkit wrote, the way a reader does: the pages in order, and on each the
// text drawn, each glyph id looked up in its font's ToUnicode map (pdfkit deflates every stream).
// Text-showing operators are joined with '|', so "|4321|" is one cell's figure.
import { inflateSync } from 'node:zlib'

/** Every object's dictionary and, for a stream, its inflated content, by object number. */
function objectsOf(pdf: Buffer): Map<string, { dict: string; data?: string }> {
  const raw = pdf.toString('latin1')
  const out = new Map<string, { dict: string; data?: string }>()
  for (const m of raw.matchAll(/(\d+) 0 obj\s*([\s\S]*?)(?:\bendobj\b)/g)) {
    const body = m[2]!
    const at = body.search(/stream\r?\n/)
    if (at < 0) {
      out.set(m[1]!, { dict: body })
      continue
    }
    const start = m.index! + m[0].indexOf(body) + at + body.slice(at).indexOf('\n') + 1
    const end = raw.indexOf('endstream', start)
    let data: string | undefined
    try {
      data = inflateSync(pdf.subarray(start, end)).toString('latin1')
    } catch {
      // not deflated (a font program)
    }
    out.set(m[1]!, { dict: body.slice(0, at), data })
  }
  return out
}

const decode = (hex: string) => String.fromCodePoint(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)))

function cmapOf(data: string): Map<string, string> {
  const map = new Map<string, string>()
  for (const [, from, to] of data.matchAll(/<([0-9a-f]{4})>\s*<([0-9a-f]{4,})>/gi)) map.set(from!.toLowerCase(), decode(to!))
  for (const [, lo, hi, list] of data.matchAll(/<([0-9a-f]{4})>\s*<([0-9a-f]{4})>\s*\[([^\]]*)\]/gi)) {
    const targets = [...list!.matchAll(/<([0-9a-f]+)>/gi)].map((x) => decode(x[1]!))
    for (let g = parseInt(lo!, 16), i = 0; g <= parseInt(hi!, 16); g++, i++) map.set(g.toString(16).padStart(4, '0'), targets[i] ?? '')
  }
  return map
}

/** The pages' object numbers in reading order (the page tree's Kids). */
function pageIds(objects: Map<string, { dict: string }>): string[] {
  const root = [...objects.values()].find((o) => /\/Type\s*\/Pages\b/.test(o.dict) && !/\/Parent\b/.test(o.dict))
  const walk = (dict: string): string[] => [...(/\/Kids\s*\[([^\]]*)\]/.exec(dict)?.[1] ?? '').matchAll(/(\d+) 0 R/g)].flatMap(([, id]) => {
    const kid = objects.get(id!)!.dict
    return /\/Type\s*\/Pages\b/.test(kid) ? walk(kid) : [id!]
  })
  return root ? walk(root.dict) : []
}

/** The text of each page, in page order, each font's glyphs read through its own ToUnicode map. */
export function pdfPages(pdf: Buffer): string[] {
  const objects = objectsOf(pdf)
  const ref = (dict: string, key: string) => new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict)?.[1]
  const cmaps = new Map<string, Map<string, string>>()
  const fontMap = (fontId: string) => {
    if (!cmaps.has(fontId)) cmaps.set(fontId, cmapOf(objects.get(ref(objects.get(fontId)!.dict, 'ToUnicode') ?? '')?.data ?? ''))
    return cmaps.get(fontId)!
  }
  return pageIds(objects).map((id) => {
    const page = objects.get(id)!.dict
    const resources = objects.get(ref(page, 'Resources') ?? '')?.dict ?? page
    const fonts = new Map([...(/\/Font\s*<<([^>]*)>>/.exec(resources)?.[1] ?? '').matchAll(/\/(\w+)\s+(\d+) 0 R/g)].map(([, name, fid]) => [name!, fid!]))
    const content = objects.get(ref(page, 'Contents') ?? '')?.data ?? ''
    let map = new Map<string, string>()
    const glyphs = (hex: string) => (hex.match(/.{4}/g) ?? []).map((g) => map.get(g.toLowerCase()) ?? '').join('')
    const parts: string[] = []
    for (const op of content.matchAll(/\/(\w+)\s+[\d.]+\s+Tf|\[([^\]]*)\]\s*TJ|<([0-9a-f]+)>\s*Tj/gi)) {
      if (op[1]) map = fonts.has(op[1]) ? fontMap(fonts.get(op[1])!) : new Map()
      else parts.push(op[2] !== undefined ? [...op[2].matchAll(/<([0-9a-f]+)>/gi)].map((x) => glyphs(x[1]!)).join('') : glyphs(op[3]!))
    }
    return parts.join('|')
  })
}

/** The number of pages the document's page tree holds. */
export function pdfPageCount(pdf: Buffer): number {
  return pageIds(objectsOf(pdf)).length
}
