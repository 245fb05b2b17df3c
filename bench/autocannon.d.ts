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
