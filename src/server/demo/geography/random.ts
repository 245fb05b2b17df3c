// Deterministic randomness and fictional names for the demo city (split from city.ts): pure,
// no I/O, no Math.random, so the same seed always yields the same demo data.

// ---------------------------------------------------------------------------
// Randomness

/** mulberry32: tiny, fast and good enough for demo data. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export type Random = () => number

export function between(random: Random, min: number, max: number): number {
  return min + (max - min) * random()
}

export function at<T>(items: readonly T[], index: number): T {
  const item = items[index]
  if (item === undefined) throw new RangeError(`index ${index} out of range (length ${items.length})`)
  return item
}

export function pick<T>(random: Random, items: readonly T[]): T {
  return at(items, Math.floor(random() * items.length))
}

export function shuffled<T>(random: Random, items: readonly T[]): T[] {
  const result = [...items]
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    const a = at(result, i)
    result[i] = at(result, j)
    result[j] = a
  }
  return result
}

// ---------------------------------------------------------------------------
// Fictional people

// Ordered roughly by frequency; the skewed pick below favours the common ones.
const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙胡朱高林何郭罗万熊涂邹喻梁宋郑谢韩唐冯于董程曹袁许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶余潘杜戴夏钟汪田任姜范方石姚谭廖金陆孔白崔康邱秦史顾侯邵孟段雷钱汤尹易常武乔贺赖龚饶聂甘']
// Given names draw from one gender's pool so two-character names read naturally.
// Characters that could spell well-known leaders (泽, 近, 锦, 克, 恩, 小 …) are deliberately absent.
const GIVEN_CHARS = {
  male: [...'建国华明军伟刚勇杰涛斌超磊辉强鹏海文志俊浩宇亮成振瑞凯峰宏鑫晨阳飞鸿翔波松诚礼卫民德平林云永荣新利清'],
  female: [...'丽芳敏静秀英霞燕红婷雪慧琴梅兰玉桂凤晓佳欣思雨涵嘉玲娟萍洁琳莉亚颖倩琪娜楠蕾薇艳霖春'],
}
// Combinations the character pools can still produce that belong to public figures.
const FAMOUS_NAMES = new Set([
  '朱德', '刘德华', '黎明', '姚明', '李宁', '李娜', '刘翔', '王菲', '张杰', '刘涛', '周涛', '王刚', '李静',
  '陈红', '黄磊', '韩红', '李宇春', '杨丽萍', '杨洋', '林俊杰', '周华健', '刘亦菲', '赵丽颖', '杨幂', '王宏伟',
])

/** Fictional Chinese full names (surname + 1–2 given characters), unique per generator while the pools allow. */
export function createNameGenerator(random: Random): () => string {
  const used = new Set<string>()
  const candidate = (): string => {
    const surname = at(SURNAMES, Math.floor(random() ** 1.7 * SURNAMES.length))
    const chars = random() < 0.5 ? GIVEN_CHARS.male : GIVEN_CHARS.female
    const givenLength = random() < 0.35 ? 1 : 2
    let given = ''
    for (let i = 0; i < givenLength; i++) given += pick(random, chars)
    return surname + given
  }
  return () => {
    let name = candidate()
    for (let attempt = 0; attempt < 100 && (used.has(name) || FAMOUS_NAMES.has(name)); attempt++) name = candidate()
    used.add(name)
    return name
  }
}
