// Chinese full-text search without a PostgreSQL extension: jieba (`@node-rs/jieba`) segments the
// text in Node, the words joined by spaces go into to_tsvector('simple', …) and a query's words
// into a tsquery of the same configuration, so PGlite and PostgreSQL match and rank alike.
// Besides jieba's words the vector holds the character bigrams of every run of Chinese text, so a
// word jieba cut differently in the text ("车棚" inside "电动车棚", cut 电动车 + 棚) still matches
// as a phrase of bigrams.
import { Jieba } from '@node-rs/jieba'
import { dict } from '@node-rs/jieba/dict.js'
import { sql, type SQL } from 'drizzle-orm'

let jieba: Jieba | undefined
const segmenter = () => (jieba ??= Jieba.withDict(dict))

const clean = (w: string) => w.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '')
const HAN = /^\p{Script=Han}+$/u

/** The search words of a text: jieba's search-engine mode (long words and their parts). */
export function wordsOf(text: string): string[] {
  return segmenter().cutForSearch(text, true).map(clean).filter((w) => w.length > 0)
}

/** The character bigrams of every run of Chinese characters, in order. */
export function bigramsOf(text: string): string[] {
  const out: string[] = []
  for (const run of text.match(/\p{Script=Han}+/gu) ?? []) {
    const chars = [...run]
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!)
  }
  return out
}

const vector = (words: string[], weight: 'A' | 'B' | 'C' | 'D') => sql`setweight(to_tsvector('simple', ${words.join(' ')}), ${weight}::"char")`

/** The tsvector of a practice: title and tags weigh more than the text; jieba's words more than bigrams. */
export function searchVector(input: { title: string; tags: string[]; body: string }): SQL {
  const head = [input.title, ...input.tags].join('，')
  return sql`${vector(wordsOf(head), 'A')} || ${vector(wordsOf(input.body), 'B')} || ${vector(bigramsOf(head), 'C')} || ${vector(bigramsOf(input.body), 'D')}`
}

/**
 * The tsquery of what a reader typed: every word (jieba's precise mode) must match, as itself or
 * as the phrase of its bigrams; a single character matches as a prefix. Null when the text has
 * no word at all.
 */
export function searchQuery(text: string): SQL | null {
  const words = [...new Set(segmenter().cut(text, true).map(clean).filter((w) => w.length > 0))].slice(0, 20)
  if (!words.length) return null
  const terms = words.map((w) => {
    const chars = [...w]
    if (chars.length === 1) return `${w}:*`
    if (!HAN.test(w) || chars.length === 2) return w
    return `(${w} | ${bigramsOf(w).join(' <-> ')})`
  })
  return sql`to_tsquery('simple', ${terms.join(' & ')})`
}
