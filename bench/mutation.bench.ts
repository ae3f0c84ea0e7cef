import fs from 'node:fs';
import path from 'node:path';
import type { Bench, BenchResult } from './lib';

const REPORT = path.join(import.meta.dirname, '../bench-results/mutation.json');

interface MutationReport {
  date: string;
  goal: number;
  changedOnly: boolean;
  scores: Record<string, { score: number; detected: number; survived: number; noCoverage: number; total: number }>;
}

/**
 * The mutation scores of the last `npm run mutation` (it takes many minutes, so the bench does not run it):
 * one result per folder, the goal 80% of mutants caught. Nothing when it has not been run here.
 */
export const mutation: Bench = {
  name: 'mutation',
  async run() {
    if (!fs.existsSync(REPORT)) {
      process.stdout.write('  (no bench-results/mutation.json: run `npm run mutation` first to include the mutation scores)\n');
      return [];
    }
    const report = JSON.parse(fs.readFileSync(REPORT, 'utf8')) as MutationReport;
    return Object.entries(report.scores).map(
      ([folder, s]): BenchResult => ({
        name: `mutation-score-${folder}`,
        value: s.score,
        unit: '%',
        pass: s.score >= report.goal,
        budget: { max: report.goal, unit: '% (at least)', on: 'value' },
        notes: `${s.detected} of ${s.total} mutants caught, ${s.survived} survived, ${s.noCoverage} not covered; from npm run mutation at ${report.date}${report.changedOnly ? ' (changed files only)' : ''}`,
      }),
    );
  },
};
