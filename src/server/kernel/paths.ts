// Where the project's files are, found from this module's place, so it holds both when the server
// runs from its sources (src/server/kernel) and from the bundle `npm start` builds (dist/server).
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'migrations'))) return dir
    if (path.dirname(dir) === dir) throw new Error(`找不到邻里的项目目录（从 ${from} 向上查找 package.json 与 migrations/）`)
  }
}

/** The directory holding package.json, migrations/, src/ and dist/. */
export const projectRoot = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)))
