/** What the county dashboard shows; made by dashboard.ts from the county database. */
export interface SchoolRow {
  keyId: string;
  name: string;
  /** When the county last ingested a bundle of this school (county clock, ISO); null: never. */
  lastSyncAt: string | null;
  /** Whole days since the last sync (null: never synced). */
  daysSince: number | null;
  stale: boolean;
  bundles: number;
  pupils: number;
  events: number;
}

export interface CompletionRow {
  grade: number | null;
  packId: string;
  lessonId: string;
  /** The lesson's title where the county knows it (built-in packs), else null (shown as its id). */
  title: string | null;
  started: number;
  finished: number;
  avgStars: number | null;
}

export interface HardQuestionRow {
  packId: string;
  lessonId: string;
  stepId: string;
  title: string | null;
  /** The question's own words where the county knows them. */
  prompt: string | null;
  pupils: number;
  firstTryRight: number;
}

export interface WeekRow {
  /** The Monday that starts the week, YYYY-MM-DD. */
  week: string;
  activePupils: number;
  lessonsFinished: number;
}

export interface Dashboard {
  at: string;
  staleDays: number;
  minPupils: number;
  totals: { schools: number; pupils: number; attempts: number; finished: number; stale: number };
  schools: SchoolRow[];
  completion: CompletionRow[];
  hardest: HardQuestionRow[];
  weeks: WeekRow[];
}
