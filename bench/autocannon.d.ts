// autocannon ships no typings and @types/autocannon is not a dependency; this declares the
// part of its programmatic API the bench uses.
declare module 'autocannon' {
  export interface Histogram {
    average: number
    mean: number
    stddev: number
    min: number
    max: number
    total: number
    p50: number
    p90: number
    p99: number
  }

  export interface Request {
    method?: string
    path?: string
    headers?: Record<string, string>
    body?: string
    /** Called before each send; returns the request to send. */
    setupRequest?: (req: Request, context: Record<string, unknown>) => Request
    onResponse?: (status: number, body: string, context: Record<string, unknown>, headers: Record<string, string>) => void
  }

  export interface Options {
    url: string
    connections?: number
    duration?: number
    pipelining?: number
    workers?: number
    method?: string
    headers?: Record<string, string>
    timeout?: number
    body?: string
    /** Sent in turn by every connection, over and over. */
    requests?: Request[]
    /** Requests per second over all connections (latencies then corrected for coordinated omission). */
    overallRate?: number
  }

  export interface Result {
    requests: Histogram
    latency: Histogram
    throughput: Histogram
    duration: number
    errors: number
    timeouts: number
    non2xx: number
    statusCodeStats?: Record<string, { count: number }>
  }

  function autocannon(opts: Options): Promise<Result>
  export default autocannon
}
