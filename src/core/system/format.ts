import os from 'node:os';
import type { CheckStatus, DoctorCheck } from '../../shared/contract/system';
import type { Language } from '../../shared/languages';
import { describeFinding, message, type Params } from '../../shared/messages';
import { localTime } from '../progress/csv-export';

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${Math.round(bytes / 1024)} KB`;
}

/** The plain-text report for IT staff, in their language; in Chinese each technical fact stays in English on a details line. */
export function formatReport(language: Language, createdAt: string, root: string, checks: DoctorCheck[], broken: boolean): string {
  const say = (key: string, params?: Params) => message(language, key, params);
  const count = (status: CheckStatus) => checks.filter((c) => c.status === status).length;
  const lines = [
    say('doctor.heading'),
    // This PC's local time with its offset, as the teacher's clock shows it (createdAt stays UTC in the JSON).
    say('doctor.created', { createdAt: shownTime(createdAt), host: os.hostname(), dir: root }),
    say('doctor.result', { verdict: say(broken ? 'doctor.broken' : 'doctor.ok'), fails: count('fail'), warns: count('warn') }),
  ];
  let section = '';
  for (const c of checks) {
    if (c.section !== section) {
      section = c.section;
      lines.push('', `[${say(`doctor.section.${section}`)}]`);
    }
    const { title, detail, details } = describeFinding(say, language, c);
    lines.push(`  ${say(`doctor.label.${c.status}`)}  ${title}`);
    if (detail) lines.push(`        ${detail}`);
    if (details) lines.push(`        ${say('details', { details })}`);
  }
  return lines.join('\n') + '\n';
}

function shownTime(iso: string): string {
  const { local, offset } = localTime(iso);
  return `${local} (${offset})`;
}
