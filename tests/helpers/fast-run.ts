/**
 * Whether this is `npm run test:fast`, which leaves out a few long end-to-end suites that `npm test` runs
 * in full. Such a suite passes the result to each of its tests as `{ skip }`, so node:test lists each test
 * as skipped with the reason and counts it in its summary, and returns early from its hooks when it is set.
 */
export function leftOutOfFastRun(reason: string): string | false {
  return process.env.TEST_FAST === "1" ? `left out of test:fast, run by npm test: ${reason}` : false;
}

/**
 * How many random cases a property test checks: `full` in `npm test`, a fifth of them in `npm run test:fast`,
 * where the properties are still checked, over fewer cases, so the quick run stays quick.
 */
export function propertyRuns(full: number): number {
  return process.env.TEST_FAST === "1" ? Math.ceil(full / 5) : full;
}
