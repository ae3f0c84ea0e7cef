// The built-in lessons' curriculum mapping and family card: both must be there, the grade band
// must fit the lesson's grades, and the card stays short (a rule to remember, one thing to do).
import { plainText } from '../../src/shared/markup';
import { CURRICULUM_GRADE_BANDS, CURRICULUM_STRANDS } from '../../src/shared/pack';

export const CARD_LIMITS = { ruleHan: 40, ruleWords: 25, atHomeHan: 60, atHomeWords: 40 } as const;

const han = (text: string) => plainText(text).match(/\p{Script=Han}/gu)?.length ?? 0;
const words = (text: string) => plainText(text).split(/\s+/).filter((w) => /[A-Za-z0-9]/.test(w)).length;

/** What is missing or wrong in a lesson's `curriculum` and `familyCard` (raw JSON: the schema reports types). */
export function curriculumProblems(lesson: Record<string, unknown>, grades: { from: number; to: number }): string[] {
  const problems: string[] = [];
  const curriculum = lesson.curriculum as { gradeBand?: string } | undefined;
  if (!curriculum) problems.push('has no curriculum mapping ("curriculum": standard, gradeBand, strands)');
  else if (typeof curriculum.gradeBand === 'string' && (CURRICULUM_GRADE_BANDS as readonly string[]).includes(curriculum.gradeBand)) {
    const [from, to] = curriculum.gradeBand.split('-').map(Number) as [number, number];
    if (to < grades.from || from > grades.to) problems.push(`curriculum.gradeBand ${curriculum.gradeBand} does not overlap the lesson's grades ${grades.from}–${grades.to}`);
  }
  const card = lesson.familyCard as { rule?: Record<string, string>; atHome?: Record<string, string>; picture?: unknown } | undefined;
  if (!card) {
    problems.push('has no family card ("familyCard": rule, atHome, picture)');
    return problems;
  }
  if (!card.picture) problems.push('familyCard has no picture');
  const limits = { rule: [CARD_LIMITS.ruleHan, CARD_LIMITS.ruleWords], atHome: [CARD_LIMITS.atHomeHan, CARD_LIMITS.atHomeWords] } as const;
  for (const key of ['rule', 'atHome'] as const) {
    const [maxHan, maxWords] = limits[key];
    const zh = card[key]?.['zh-CN'] ?? '';
    const en = card[key]?.en ?? '';
    if (han(zh) > maxHan) problems.push(`familyCard.${key} zh-CN has ${han(zh)} characters (at most ${maxHan}: keep it short)`);
    if (words(en) > maxWords) problems.push(`familyCard.${key} en has ${words(en)} words (at most ${maxWords}: keep it short)`);
  }
  return problems;
}

/** The strands in report order, with short column names. */
export const STRAND_COLUMNS: { strand: (typeof CURRICULUM_STRANDS)[number]; short: string }[] = CURRICULUM_STRANDS.map((strand) => ({
  strand,
  short: { 'security.etiquette': 'etiq', 'security.conduct': 'cond', 'security.law': 'law', 'security.privacy': 'priv', 'security.outlook': 'outl', 'digital-identity': 'id', data: 'data', algorithms: 'algo', network: 'net', 'information-processing': 'info', ai: 'ai' }[strand],
}));
