// Two (SOAK_INSTANCES) Linli processes behind one port, as a deployment with a load balancer in
// front would run them: node:cluster workers, each the real server (src/server/main.ts) with its
// own pool, scheduler and live hub, sharing the listening socket (the primary hands connections
// round-robin). Started by bench/soak.ts with the server's configuration in the environment.
// Prints `soak-worker <pid> listening <port>` per worker; ends the workers on SIGTERM.
import cluster from 'node:cluster'

if (cluster.isPrimary) {
  const count = Number(process.env.SOAK_INSTANCES ?? 2)
  let stopping = false
  for (let i = 0; i < count; i++) cluster.fork()
  cluster.on('listening', (worker, address) => console.log(`soak-worker ${worker.process.pid} listening ${address.port}`))
  cluster.on('exit', (worker, code, signal) => {
    console.log(`soak-worker ${worker.process.pid} exited ${code ?? signal}`)
    // A worker that dies during the soak is a finding, not something to hide by restarting it.
    if (!stopping) process.exitCode = 1
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit()
  })
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      stopping = true
      for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM')
    })
  }
} else {
  await import('../src/server/main.ts')
}
