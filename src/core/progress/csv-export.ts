import type { LessonStatus } from '../../shared/contract/progress';
import type { Language } from '../../shared/languages';

/**
 * The progress table for Excel, in the teacher's language: column names and status words follow
 * the app's language, times are the teacher's local time. (Progress files stay language-neutral.)
 */
export interface CsvOptions {
  lang?: Language;
  /** IANA zone for the times (the teacher's browser sends its own); default: this computer's. */
  timeZone?: string;
  /** When the export is made: fixes the offset named in the header (default: now). */
  now?: number;
}

const WORDS: Record<Language, { columns: string[]; finished: (zone: string) => string; status: Record<LessonStatus, string> }> = {
  'zh-CN': {
    columns: ['班级', '学生', '课程包', '课程编号', '课程', '状态', '星星', '最好成绩（%）', '学习时间（分钟）', '答题次数'],
    finished: (zone) => `第一次完成时间（${zone}）`,
    status: { done: '已完成', 'in-progress': '学习中', 'not-started': '没开始' },
  },
  en: {
    columns: ['Class', 'Pupil', 'Pack', 'Lesson id', 'Lesson', 'Status', 'Stars', 'Best score (%)', 'Minutes spent', 'Answers given'],
    finished: (zone) => `First finished (${zone})`,
    status: { done: 'Done', 'in-progress': 'In progress', 'not-started': 'Not started' },
  },
};

/** A zone the runtime knows, else this computer's. */
function zoneOf(timeZone: string | undefined): string | undefined {
  if (!timeZone) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return undefined;
  }
}

/** "2026-12-02T12:15:00Z" in Asia/Shanghai → { local: "2026-12-02 20:15", offset: "UTC+08:00" }. */
export function localTime(iso: string, timeZone?: string): { local: string; offset: string } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zoneOf(timeZone),
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'longOffset',
  }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const gmt = part('timeZoneName').replace(/^GMT/, '');
  return { local: `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`, offset: `UTC${gmt || '+00:00'}` };
}

export function csvLabels(options: CsvOptions = {}) {
  const words = WORDS[options.lang ?? 'zh-CN'];
  const zone = localTime(new Date(options.now ?? Date.now()).toISOString(), options.timeZone).offset;
  return {
    header: [...words.columns, words.finished(zone)],
    status: (status: string) => words.status[status as LessonStatus] ?? status,
    /**
     * Excel reads "2026-12-02 20:15" as a date and time; the zone is in the column name. A time
     * in another offset (summer time) carries its own, so no time is ever ambiguous.
     */
    time: (iso: string | null) => {
      if (!iso) return '';
      const { local, offset } = localTime(iso, options.timeZone);
      return offset === zone ? local : `${local} ${offset.replace('UTC', '')}`;
    },
  };
}
