import type Database from 'better-sqlite3';
import { createRoster } from './roster';
import { createProgressStore } from './store';
import { createReports, type LessonCatalog, type LessonTitles, type StepPrompts } from './reports';
import { createTransfer } from './transfer';
import { commitImport, previewImport } from './csv-import';
import { createAssignments } from './assignments';
import { createShelf, type StepOrder } from './shelf';

/** Classes, pupils, their progress events and the teacher's reports, over one database. `rosterFromHub`: see createRoster. */
export function createProgress(
  db: Database.Database,
  now: () => number = Date.now,
  titles?: LessonTitles,
  prompts?: StepPrompts,
  catalog?: LessonCatalog,
  steps?: StepOrder,
  rosterFromHub?: () => boolean,
) {
  const roster = createRoster(db, now, rosterFromHub);
  const store = createProgressStore(db, now);
  const assignments = createAssignments(db, roster, now);
  return {
    roster,
    store,
    assignments,
    shelf: createShelf(db, roster, assignments, steps),
    reports: createReports(db, roster, titles, prompts, catalog),
    transfer: createTransfer(db, roster, store, titles),
    previewImport: (bytes: Uint8Array, classId?: string) => {
      const { rows: _rows, ...preview } = previewImport(roster, bytes, classId);
      return preview;
    },
    commitImport: (bytes: Uint8Array, classId?: string) => commitImport(db, roster, bytes, classId),
  };
}
export type Progress = ReturnType<typeof createProgress>;
