// The only name 家风银行 shows in public: the family's surname label ("王家", "欧阳家").
const COMPOUND = ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '令狐', '夏侯', '司徒', '宇文', '澹台', '轩辕', '端木', '独孤', '南宫', '呼延']

/** "王小明" → "王家"; a compound surname keeps both characters; a name without Chinese → "一户人家". */
export function familyLabelOf(name: string): string {
  const n = name.trim()
  const two = COMPOUND.find((c) => n.startsWith(c))
  if (two) return `${two}家`
  const first = [...n][0]
  return first && /\p{Script=Han}/u.test(first) ? `${first}家` : '一户人家'
}
