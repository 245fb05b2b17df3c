// Loaded into every test file's process by test/run.mjs (--import). A file that runs longer than
// LINLI_TEST_FILE_TIMEOUT_MS (20 minutes unless set; the slowest file takes about 5 on a busy CI
// machine) is stopped with the reason printed, so one hung file (a stream never answered, a hook
// that never returns, a handle that keeps the process alive) fails its suite in minutes instead of
// stalling CI until its 90-minute limit. The runner's own process (no NODE_TEST_CONTEXT) has none.
if (process.env.NODE_TEST_CONTEXT) {
  const ms = Number(process.env.LINLI_TEST_FILE_TIMEOUT_MS ?? 20 * 60_000)
  const timer = setTimeout(() => {
    console.error(`\nstopped: this test file ran for more than ${Math.round(ms / 1000)} s (LINLI_TEST_FILE_TIMEOUT_MS): ${process.argv.slice(1).join(' ')}`)
    process.exit(1)
  }, ms)
  timer.unref()
}
