import { spawn } from "node:child_process";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";

/** What one child process cost: wall time and the most memory it (and its children) held at once. */
export interface RunMeasurement {
  wallMs: number;
  /** Peak resident memory in MB: the larger of the Node processes' own peaks and the sampled sum over the process tree. */
  peakRssMb: number;
  /** The largest peak of a single Node process in the tree (the build itself, without helpers such as Pagefind's indexer). */
  nodePeakRssMb: number;
  /** CPU time the Node processes used (user and system, all threads): steadier than wall time on a busy machine. */
  cpuMs: number;
}

// Every Node process in the measured tree writes its own peak RSS and CPU time on exit: exact, and it works on any OS.
const PEAK_RSS_HOOK = `import { writeFileSync } from "node:fs";
import { isMainThread } from "node:worker_threads";
if (isMainThread) process.on("exit", () => {
  const usage = process.resourceUsage();
  try { writeFileSync(\`\${process.env.BENCH_RSS_DIR}/\${process.pid}\`, JSON.stringify({ maxRssKb: usage.maxRSS, cpuUs: usage.userCPUTime + usage.systemCPUTime })); } catch {}
});
`;

/** Writes the exit hook the measured processes load with `--import`, and returns its path. */
export async function writePeakRssHook(dir: string): Promise<string> {
  const file = path.join(dir, "report-peak-rss.mjs");
  await writeFile(file, PEAK_RSS_HOOK);
  return file;
}

/** The process ids below `root`, from /proc (Linux only; elsewhere just the root), the root first. */
export async function processTree(root: number): Promise<number[]> {
  let entries: string[];
  try {
    entries = (await readdir("/proc")).filter((entry) => /^\d+$/.test(entry));
  } catch {
    return [root];
  }
  const parentOf = new Map<number, number>();
  await Promise.all(
    entries.map(async (entry) => {
      const stat = await readFile(`/proc/${entry}/stat`, "utf8").catch(() => "");
      // The command name may hold spaces and parentheses: the fields after its last ")" are fixed.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid) parentOf.set(Number(entry), ppid);
    }),
  );
  const tree = [root];
  for (let index = 0; index < tree.length; index++) {
    for (const [pid, ppid] of parentOf) if (ppid === tree[index]) tree.push(pid);
  }
  return tree;
}

async function residentKb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
  return Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
}

/**
 * Runs a command to completion, timing it and measuring its peak memory. Rejects, with its
 * output, when it exits non-zero: a failed build must never be reported as a fast one.
 */
export async function measureRun(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; hookFile: string; scratchDir: string },
): Promise<RunMeasurement> {
  const rssDir = path.join(options.scratchDir, `rss-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  await mkdir(rssDir, { recursive: true });
  const nodeOptions = [options.env.NODE_OPTIONS, `--import=${pathToFileURL(options.hookFile).href}`]
    .filter(Boolean)
    .join(" ");
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...options.env, NODE_OPTIONS: nodeOptions, BENCH_RSS_DIR: rssDir },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));

  let sampledPeakKb = 0;
  let sampling = true;
  const sample = async () => {
    while (sampling && child.pid) {
      const pids = await processTree(child.pid);
      const total = (await Promise.all(pids.map(residentKb))).reduce((sum, kb) => sum + kb, 0);
      sampledPeakKb = Math.max(sampledPeakKb, total);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  const sampler = sample();
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", resolve);
  });
  const wallMs = performance.now() - started;
  sampling = false;
  await sampler;

  const reports = await readdir(rssDir);
  const reported = await Promise.all(
    reports.map(
      async (file) =>
        JSON.parse(await readFile(path.join(rssDir, file), "utf8")) as { maxRssKb: number; cpuUs: number },
    ),
  );
  await rm(rssDir, { recursive: true, force: true });
  if (code !== 0) throw new Error(`${command} ${args.join(" ")} exited with ${code}:\n${output.slice(-4000)}`);
  return {
    wallMs,
    peakRssMb: Math.max(sampledPeakKb, ...reported.map((report) => report.maxRssKb)) / 1024,
    nodePeakRssMb: Math.max(0, ...reported.map((report) => report.maxRssKb)) / 1024,
    cpuMs: reported.reduce((sum, report) => sum + report.cpuUs, 0) / 1000,
  };
}
