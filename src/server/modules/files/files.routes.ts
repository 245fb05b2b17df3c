// /api/v1/attachments (upload a photo as the raw request body), /api/v1/documents (a PDF, Word
// or Excel document, its file name in the query) and /api/v1/files/:sha256.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { RouteOptions } from '../../kernel/module.ts'
import type { FileService } from './files.service.ts'
import type { Config } from '../../kernel/config.ts'
import { errorResponses } from '../../kernel/openapi.ts'
import { DOCUMENT_MAX_BYTES, DOCUMENT_TYPES, contentDisposition } from './documents.ts'

const tags = ['files']
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp']

export const attachmentSchema = z.object({
  id: z.string(),
  url: z.string(),
  /** The thumbnail (long edge 320 px) for lists and phones. */
  thumbUrl: z.string(),
  mime: z.string(),
  size: z.number().int(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  /** A document's file name (served in Content-Disposition); null for photos. */
  name: z.string().nullable(),
})

export const fileRoutes: FastifyPluginAsyncZod<RouteOptions<FileService, Record<never, never>>> = async (app, { service, kernel }) => {
  const config = kernel.config
  app.addContentTypeParser(IMAGE_TYPES, { parseAs: 'buffer', bodyLimit: config.FILE_MAX_BYTES }, (_req, body, done) => done(null, body))
  app.addContentTypeParser(Object.keys(DOCUMENT_TYPES), { parseAs: 'buffer', bodyLimit: DOCUMENT_MAX_BYTES }, (_req, body, done) => done(null, body))
  const typeOf = (header: string | undefined) => (header ?? '').split(';')[0]!.trim().toLowerCase()

  app.post('/attachments', {
    config: { public: true, rateLimit: { max: 60, timeWindow: '1 minute' } },
    schema: {
      tags,
      summary: '上传照片（请求体为图片本身：image/jpeg、image/png 或 image/webp）',
      description: '重新编码后按内容哈希保存（不保留任何元数据，方向已校正，长边最多 4096 像素），并生成缩略图；相同内容返回同一 id。匿名反映问题时也可上传，每次上传都记入审计日志。',
      response: { 201: attachmentSchema, ...errorResponses },
    },
  }, async (req, reply) => {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0)
    return reply.code(201).send(await service.upload(req.ctx, typeOf(req.headers['content-type']), body))
  })

  app.post('/documents', {
    config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: {
      tags,
      summary: '上传文件（请求体为文件本身：PDF、Word .docx 或 Excel .xlsx，最大 20 MB；name 为原文件名）',
      description: '按文件内容识别类型（PDF 以 %PDF- 开头；docx/xlsx 为含 word/ 或 xl/ 目录的 ZIP），与声明的类型不符或不是这三种文件时拒绝；原样按内容哈希保存并记入审计日志。目前只有经验库附件使用文件；照片位置（头像、证据照片等）不接受文件。',
      querystring: z.object({ name: z.string().trim().min(1, '请提供文件名').max(200, '文件名最多 200 个字') }),
      response: { 201: attachmentSchema, ...errorResponses },
    },
  }, async (req, reply) => {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0)
    return reply.code(201).send(await service.uploadDocument(req.ctx, typeOf(req.headers['content-type']), req.query.name, body))
  })

  app.get('/files/:sha256', {
    schema: {
      tags,
      summary: '读取照片或文件（按内容地址；size=thumb 为照片缩略图；文件以原文件名下载）',
      params: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/, '文件地址格式不正确') }),
      querystring: z.object({ size: z.enum(['full', 'thumb']).default('full') }),
    },
  }, async (req, reply) => {
    const file = await service.read(req.params.sha256, req.query.size)
    if (file.name !== null) reply.header('content-disposition', contentDisposition(file.name))
    return reply
      .header('content-type', file.mime)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .send(file.bytes)
  })
}
