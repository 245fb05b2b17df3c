// The API's per-field messages put on a form whose fields include lists (Form.List): a path like
// "stages.2.name" becomes the name path ['stages', 2, 'name']; what matches no field is returned
// to show above the form.
import type { FormInstance } from 'antd'
import { ApiError } from '../../../shared/api.ts'
import { errorMessage } from '../../common.tsx'

export function putFieldErrors(form: FormInstance, err: unknown, isField: (path: string) => boolean): string | null {
  if (!(err instanceof ApiError)) return errorMessage(err)
  const fields = err.fieldErrors()
  const rest: string[] = []
  const known: { name: (string | number)[]; errors: string[] }[] = []
  for (const [path, message] of Object.entries(fields)) {
    if (isField(path)) known.push({ name: path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), errors: [message] })
    else rest.push(message)
  }
  if (known.length) form.setFields(known)
  if (!known.length && !rest.length) return err.message
  return rest.length ? `${err.message}：${rest.join('；')}` : null
}
