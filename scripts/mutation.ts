// `npm run mutation`: how strong the unit tests are, by mutation testing (StrykerJS, stryker.config.mjs).
//   npm run mutation                  the folders issue 13 names, a score for each (goal: 80% or more)
//   npm run mutation -- core/fs    only those folders
//   npm run mutation -- --changed     only the changed source files in those folders (against main)
//   npm run mutation -- core/fs --incremental --concurrency=1
//                                     re-test only the mutants whose code or tests changed since the last
//                                     incremental run of the same folders (bench-results/stryker-incremental-*.json)
//   MUTATION=1 npm test               the same as --changed at the end of npm test; without MUTATION=1
//                                     that last step does nothing (mutation testing takes many minutes)
// Scores go to bench-results/mutation.json (a run replaces the scores of the folders it measured and keeps the
// others'), which `npm run bench` copies into its results; Stryker's own report to bench-results/mutation-report-<folders>.json.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Stryker } from '@stryker-mutator/core';

const ROOT = path.join(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'bench-results/mutation.json');
const GOAL = 80;

/**
 * The folders whose tests must catch a broken line: the files in each that are mutated, and the unit
 * tests that drive them directly (vitest.mutation.config.ts runs only these, then Stryker's related
 * mode only those that import the mutated file). Tests that only pass through these files on the way
 * to something else (hub, county, the media import with ffmpeg, the servers) are left out: on 2 shared
 * cores they would make a run take hours, and fewer tests can only catch fewer mutants, so the score
 * is a lower bound of what all unit tests catch. No list: every unit test.
 * progress-crash.test.ts is left out: its writes happen in child processes, which never run a mutant.
 */
const TARGETS: Record<string, { mutate: string[]; tests?: string[] }> = {
  'core/progress': {
    mutate: ['src/core/progress/**/*.ts'],
    tests: ['progress.test.ts', 'progress-*.test.ts', '!progress-crash.test.ts', 'pupil-path.test.ts'],
  },
  'core/telemetry': {
    mutate: ['src/core/telemetry/**/*.ts'],
    tests: ['gallery-telemetry.test.ts', 'telemetry-fast-path.test.ts', 'telemetry-blocks.test.ts', 'telemetry-edges.test.ts'],
  },
  'core/packs': {
    mutate: ['src/core/packs/verify.ts', 'src/core/packs/unzip.ts', 'src/core/packs/signing.ts'],
    tests: ['packs-unzip.test.ts', 'packs-unzip-edges.test.ts', 'packs-unzip-disk.test.ts', 'packs-verify.test.ts', 'packs-signing.test.ts', 'packs-format.test.ts', 'packs-hostile.test.ts'],
  },
  'core/fs': {
    mutate: ['src/core/fs/safe-path.ts'],
    tests: ['safe-path.test.ts', 'safe-path-edges.test.ts', 'server.test.ts', 'server-hostile.test.ts', 'gallery-routes.test.ts'],
  },
  dispatcher: { mutate: ['src/handlers/dispatch.ts'] },
};

/**
 * Stryker runs vitest in worker threads, where a test that sets process.env.TZ does not move the clock's
 * zone (doctor.test.ts dates a report in Asia/Shanghai): start the runners in that zone, a school PC's.
 */
process.env.TZ = 'Asia/Shanghai';

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

interface Score {
  score: number;
  detected: number;
  survived: number;
  noCoverage: number;
  total: number;
  /** When this folder was last measured, and whether only its changed files were. */
  date?: string;
  changedOnly?: boolean;
}
interface Survivor {
  file: string;
  line: number;
  mutator: string;
  replacement?: string;
  status: string;
}
interface Report {
  date: string;
  goal: number;
  changedOnly: boolean;
  mutate: string[];
  scores: Record<string, Score>;
  survivors: Survivor[];
}

/** Folders are measured one at a time: this run's scores and survivors replace theirs, the other folders' stay. */
function writeReport(run: Omit<Report, 'goal'>): void {
  let previous: Report | undefined;
  try {
    previous = JSON.parse(fs.readFileSync(OUT, 'utf8')) as Report;
  } catch {
    previous = undefined;
  }
  const measured = new Set(Object.keys(run.scores));
  const kept = (previous?.survivors ?? []).filter((s) => !measured.has(folderOf(s.file) ?? 'other'));
  const report: Report = {
    ...run,
    goal: GOAL,
    mutate: [...new Set([...(previous?.mutate ?? []).filter((f) => !measured.has(folderOf(f) ?? 'other')), ...run.mutate])],
    scores: { ...previous?.scores, ...run.scores },
    survivors: [...kept, ...run.survivors],
  };
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, JSON.stringify(report, null, 2) + '\n');
}

function changedFiles(): string[] {
  const base = execFileSync('git', ['merge-base', 'HEAD', 'main'], { cwd: ROOT, encoding: 'utf8' }).trim();
  const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  // On main itself, "changed" means the last commit.
  const since = base === head ? 'HEAD~1' : base;
  const tracked = execFileSync('git', ['diff', '--name-only', since], { cwd: ROOT, encoding: 'utf8' });
  return tracked.split('\n').filter((f) => f.startsWith('src/') && f.endsWith('.ts') && fs.existsSync(path.join(ROOT, f)));
}

/** The folder a source file (or one of TARGETS' own globs, as a report's `mutate` lists them) belongs to. */
function folderOf(file: string): string | undefined {
  return Object.keys(TARGETS).find((folder) => TARGETS[folder]!.mutate.some((glob) => glob === file || path.matchesGlob(file, glob)));
}

async function main(argv: string[]) {
  if (argv.includes('--if-asked') && process.env.MUTATION !== '1') return 0;
  const changedOnly = argv.includes('--changed') || argv.includes('--if-asked');
  const folders = argv.filter((a) => !a.startsWith('--'));
  for (const f of folders) if (!TARGETS[f]) throw new Error(`unknown folder "${f}": pick from ${Object.keys(TARGETS).join(', ')}`);
  const chosen = folders.length > 0 ? folders : Object.keys(TARGETS);
  const mutate = changedOnly ? changedFiles().filter((f) => chosen.includes(folderOf(f) ?? '')) : chosen.flatMap((f) => TARGETS[f]!.mutate);
  if (mutate.length === 0) {
    process.stdout.write('mutation: no changed source files in the mutation-tested folders; nothing to do.\n');
    return 0;
  }
  const lists = chosen.map((f) => TARGETS[f]!.tests);
  // Read by vitest.mutation.config.ts in Stryker's runners (they inherit this environment).
  if (lists.every((l) => l !== undefined)) process.env.KITE_MUTATION_TESTS = [...new Set(lists.flat())].join(',');
  process.stdout.write(`mutation: mutating ${mutate.join(', ')}\n`);
  if (process.env.KITE_MUTATION_TESTS) process.stdout.write(`mutation: with the tests ${process.env.KITE_MUTATION_TESTS}\n`);
  // One report and one incremental file per set of folders, so runs of different folders keep theirs.
  const tag = chosen.join('+').replaceAll('/', '-');
  const incremental = argv.includes('--incremental') ? { incremental: true, incrementalFile: path.join(ROOT, `bench-results/stryker-incremental-${tag}.json`) } : {};
  // --concurrency=1 when the machine is busy (default 2, stryker.config.mjs).
  const concurrency = Number(argv.find((a) => a.startsWith('--concurrency='))?.split('=')[1]) || undefined;
  const results = await new Stryker({ mutate, ...(concurrency ? { concurrency } : {}), jsonReporter: { fileName: `bench-results/mutation-report-${tag}.json` }, ...incremental }).runMutationTest();

  const scores: Record<string, Score> = {};
  for (const result of results) {
    const folder = folderOf(path.relative(ROOT, result.fileName)) ?? 'other';
    const s = (scores[folder] ??= { score: 0, detected: 0, survived: 0, noCoverage: 0, total: 0 });
    if (DETECTED.has(result.status)) s.detected++;
    else if (result.status === 'Survived') s.survived++;
    else if (result.status === 'NoCoverage') s.noCoverage++;
    if (DETECTED.has(result.status) || UNDETECTED.has(result.status)) s.total++;
  }
  const date = new Date().toISOString();
  for (const s of Object.values(scores)) {
    s.score = s.total === 0 ? 100 : +((100 * s.detected) / s.total).toFixed(1);
    s.date = date;
    s.changedOnly = changedOnly;
  }
  const survivors = results
    .filter((r) => UNDETECTED.has(r.status))
    .map((r) => ({ file: path.relative(ROOT, r.fileName), line: r.location.start.line, mutator: r.mutatorName, replacement: r.replacement, status: r.status }));
  writeReport({ date, changedOnly, mutate, scores, survivors });

  let low = 0;
  for (const [folder, s] of Object.entries(scores)) {
    const ok = s.score >= GOAL;
    if (!ok) low++;
    process.stdout.write(`  ${folder}: ${s.score}% (${s.detected} of ${s.total} mutants caught; ${s.survived} survived, ${s.noCoverage} not covered)${ok ? '' : `  UNDER ${GOAL}%`}\n`);
  }
  process.stdout.write(`wrote ${OUT}\n`);
  return low > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`mutation failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
