// s3rver (a local S3-compatible server for tests) ships no types; the part the tests use.
declare module 's3rver' {
  import type { AddressInfo } from 'node:net'
  export default class S3rver {
    constructor(options: { port?: number; address?: string; silent?: boolean; directory: string; configureBuckets?: { name: string }[]; allowMismatchedSignatures?: boolean })
    run(): Promise<AddressInfo>
    close(): Promise<void>
  }
}
