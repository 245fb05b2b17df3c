// The error shape, declared once for the OpenAPI document of every route.
import { z } from 'zod'

export const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown(), requestId: z.string().optional() }),
})

export const errorResponses = {
  400: errorSchema,
  401: errorSchema,
  403: errorSchema,
  404: errorSchema,
  409: errorSchema,
  422: errorSchema,
}
