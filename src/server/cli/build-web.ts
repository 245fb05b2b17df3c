// `npm run build`: builds the web app when its sources changed since the last build.
import { ensureWebBuild } from '../kernel/web.ts'

console.log((await ensureWebBuild()) === 'fresh' ? '网页端已是最新 (web app is up to date)' : '网页端构建完成 (web app built)')
