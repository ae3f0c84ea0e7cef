// Checks and measures the lesson packs authored as folders under lessons/ (manifest.json,
// lessons/<id>.json, media/…). One place for the rules, used by `npm run content:report`,
// scripts/add-pinyin.ts and tests/unit/content.test.ts.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseMarkup, plainText } from '../../src/shared/markup';
import { ACTIVITY_TYPES, Lesson, Manifest, type Step, type StepType } from '../../src/shared/pack';
import { curriculumProblems } from './curriculum';

export const LESSONS_ROOT = fileURLToPath(new URL('../../lessons', import.meta.url));
/** Every authored pack must carry both of these; grade 1–2 Chinese also carries pinyin. */
export const REQUIRED_LANGUAGES = ['zh-CN', 'en'] as const;
export const LIMITS = { minSteps: 6, maxSteps: 15, minMinutes: 15, maxMinutes: 30, minActivityTypes: 3 } as const;

const HAN = /\p{Script=Han}/u;
const HAN_GLOBAL = /\p{Script=Han}/gu;
/** A pinyin syllable with tone marks (or a neutral tone): letters only, no tone digits. */
const PINYIN_SYLLABLE = /^[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+$/i;

export interface MissingPinyin {
  /** Where the string sits in the lesson, e.g. `steps[q-safe].options[1].text`. */
  where: string;
  /** The unmarked Chinese run(s). */
  runs: string[];
}

export interface LessonReport {
  packFolder: string;
  id: string;
  file: string;
  title: { 'zh-CN': string; en: string };
  grades: { from: number; to: number };
  minutes: number;
  steps: number;
  stepTypes: StepType[];
  /** Distinct activity types (slides and demos are not activities). */
  activityTypes: StepType[];
  /** Chinese characters in the pupil-facing zh-CN text (teacher notes not counted). */
  zhChars: number;
  /** Words in the pupil-facing en text. */
  enWords: number;
  /** Grade 1–2 lessons only: Chinese outside {汉字|pīn yīn} markup. */
  missingPinyin: MissingPinyin[];
  /** Where the lesson sits in the curriculum standard, as the file gives it. */
  curriculum?: { gradeBand: string; strands: string[] };
  hasFamilyCard: boolean;
  problems: string[];
}

export interface PackReport {
  folder: string;
  id?: string;
  grades?: { from: number; to: number };
  problems: string[];
  lessons: LessonReport[];
}

/** The pack folders under a root: every directory holding a manifest.json (or that should). */
export function packFolders(root = LESSONS_ROOT): string[] {
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => path.join(root, e.name))
    .sort();
}

function readJson(file: string): { value?: unknown; error?: string } {
  try {
    return { value: JSON.parse(fs.readFileSync(file, 'utf8')) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

const zodProblems = (where: string, issues: { path: PropertyKey[]; message: string }[]) =>
  issues.map((issue) => `${where}: ${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);

/** Visits every string in a JSON value, with its path and the key of the object holding it. */
function walkStrings(value: unknown, visit: (text: string, where: string[], key: string | undefined) => void, where: string[] = [], key?: string): void {
  if (typeof value === 'string') visit(value, where, key);
  else if (Array.isArray(value)) value.forEach((item, i) => walkStrings(item, visit, [...where, `[${i}]`], key));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) walkStrings(v, visit, [...where, k], k);
  }
}

/** Visits every object in a JSON value, with its path. */
function walkObjects(value: unknown, visit: (obj: Record<string, unknown>, where: string[]) => void, where: string[] = []): void {
  if (Array.isArray(value)) value.forEach((item, i) => walkObjects(item, visit, [...where, `[${i}]`]));
  else if (value && typeof value === 'object') {
    visit(value as Record<string, unknown>, where);
    for (const [k, v] of Object.entries(value)) walkObjects(v, visit, [...where, k]);
  }
}

/** `steps.[3].options.[1].text.zh-CN` → `steps[q-safe].options[1].text` (step ids read better than indexes). */
function describePath(where: string[], lesson: { steps?: { id?: string }[] }): string {
  const parts = where.filter((p) => !(REQUIRED_LANGUAGES as readonly string[]).includes(p));
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    const index = /^\[(\d+)\]$/.exec(part);
    if (index && parts[i - 1] === 'steps' && i === 1) out += `[${lesson.steps?.[Number(index[1])]?.id ?? index[1]}]`;
    else out += index ? part : out ? `.${part}` : part;
  }
  return out || '(root)';
}

/** The Chinese runs of a marked-up string that are not inside {汉字|pīn yīn}. */
export function unmarkedChinese(source: string): string[] {
  const runs: string[] = [];
  for (const token of parseMarkup(source)) {
    if (token.kind !== 'text') continue;
    for (const match of token.text.matchAll(/\p{Script=Han}+/gu)) runs.push(match[0]);
  }
  return runs;
}

/** Ruby markup that is malformed: a syllable count that does not match the characters, tone digits, Latin base text. */
export function badRuby(source: string): string[] {
  const problems: string[] = [];
  for (const token of parseMarkup(source)) {
    if (token.kind !== 'ruby') continue;
    const chars = token.base.match(HAN_GLOBAL)?.length ?? 0;
    const syllables = token.ruby.split(/\s+/).filter(Boolean);
    if (chars === 0) problems.push(`{${token.base}|${token.ruby}} has no Chinese base text`);
    else if (chars !== token.base.length) problems.push(`{${token.base}|${token.ruby}} mixes Chinese with other characters in the base`);
    else if (syllables.length !== chars) problems.push(`{${token.base}|${token.ruby}} has ${syllables.length} syllables for ${chars} characters`);
    const bad = syllables.filter((s) => !PINYIN_SYLLABLE.test(s));
    if (bad.length) problems.push(`{${token.base}|${token.ruby}} has a syllable that is not pinyin with tone marks: ${bad.join(', ')}`);
  }
  return problems;
}

const countHan = (text: string) => plainText(text).match(HAN_GLOBAL)?.length ?? 0;
const countWords = (text: string) => plainText(text).split(/\s+/).filter((w) => /[A-Za-z0-9]/.test(w)).length;

/** The referenced pack files of a lesson: every string that is a media/ path. */
function mediaRefs(lesson: unknown): { ref: string; where: string[] }[] {
  const refs: { ref: string; where: string[] }[] = [];
  walkStrings(lesson, (text, where) => {
    if (/^media\//.test(text)) refs.push({ ref: text, where });
  });
  return refs;
}

/** Id references inside a step: answers, bins, blanks, chat nodes. Returns what does not resolve. */
function idProblems(step: Step): string[] {
  const problems: string[] = [];
  const unique = (what: string, ids: string[]) => {
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) problems.push(`duplicate ${what} id "${id}"`);
      seen.add(id);
    }
    return seen;
  };
  switch (step.type) {
    case 'single-choice': {
      const ids = unique('option', step.options.map((o) => o.id));
      if (!ids.has(step.answer)) problems.push(`answer "${step.answer}" is not an option`);
      break;
    }
    case 'multiple-choice': {
      const ids = unique('option', step.options.map((o) => o.id));
      for (const a of step.answers) if (!ids.has(a)) problems.push(`answer "${a}" is not an option`);
      break;
    }
    case 'sort-bins': {
      const bins = unique('bin', step.bins.map((b) => b.id));
      unique('item', step.items.map((i) => i.id));
      for (const item of step.items) if (!bins.has(item.bin)) problems.push(`item "${item.id}" goes to unknown bin "${item.bin}"`);
      for (const bin of bins) if (!step.items.some((i) => i.bin === bin)) problems.push(`bin "${bin}" gets no item`);
      break;
    }
    case 'sequence':
      unique('item', step.items.map((i) => i.id));
      break;
    case 'match-pairs':
      unique('pair', step.pairs.map((p) => p.id));
      break;
    case 'find-hotspots':
    case 'explore-image':
      unique('hotspot', step.hotspots.map((h) => h.id));
      break;
    case 'fill-blanks': {
      const bank = unique('bank word', step.bank.map((b) => b.id));
      unique('blank', step.blanks.map((b) => b.id));
      for (const blank of step.blanks) {
        if (!bank.has(blank.answer)) problems.push(`blank "${blank.id}" answer "${blank.answer}" is not in the bank`);
        for (const [language, sentence] of Object.entries(step.sentence)) {
          if (!sentence.includes(`[[${blank.id}]]`)) problems.push(`blank "${blank.id}" is missing from the ${language} sentence`);
        }
      }
      break;
    }
    case 'flashcards':
      unique('card', step.cards.map((c) => c.id));
      break;
    case 'self-check':
      unique('question', step.questions.map((q) => q.id));
      break;
    case 'chat-scenario': {
      const nodes = step.nodes;
      if (!nodes[step.start]) problems.push(`start node "${step.start}" does not exist`);
      for (const [id, node] of Object.entries(nodes)) {
        for (const choice of node.choices ?? []) if (!nodes[choice.next]) problems.push(`node "${id}" leads to unknown node "${choice.next}"`);
      }
      // Every node reachable from the start, and at least one safe ending to reach.
      const reached = new Set<string>();
      const queue = [step.start];
      while (queue.length) {
        const id = queue.shift() as string;
        if (reached.has(id) || !nodes[id]) continue;
        reached.add(id);
        queue.push(...(nodes[id].choices ?? []).map((c) => c.next));
      }
      for (const id of Object.keys(nodes)) if (!reached.has(id)) problems.push(`node "${id}" cannot be reached from the start`);
      if (![...reached].some((id) => nodes[id]?.ending?.safe)) problems.push('no safe ending can be reached');
      break;
    }
    case 'interactive-video':
      for (const cue of step.cues) problems.push(...idProblems(cue.activity as Step).map((p) => `cue at ${cue.at}s: ${p}`));
      break;
    default:
      break;
  }
  return problems;
}

/** An SVG must be self-contained data: no scripts, no event handlers, nothing fetched from elsewhere. */
export function svgProblems(svg: string): string[] {
  const problems: string[] = [];
  if (!/<svg[\s>]/.test(svg)) problems.push('is not an SVG');
  if (/<script/i.test(svg)) problems.push('contains a <script>');
  if (/\son[a-z]+\s*=/i.test(svg)) problems.push('contains an event handler attribute');
  if (/<foreignObject/i.test(svg)) problems.push('contains a <foreignObject>');
  const external = [...svg.matchAll(/(?:href|src)\s*=\s*["']([^"'#][^"']*)["']/gi)].map((m) => m[1]);
  if (external.length) problems.push(`refers to outside files: ${external.join(', ')}`);
  if (/url\(\s*['"]?(?!#)/i.test(svg)) problems.push('uses url() to something other than an internal #id');
  if (!/viewBox\s*=/.test(svg)) problems.push('has no viewBox (it would not scale)');
  return problems;
}

function checkLesson(packFolder: string, file: string, expectedId: string, languages: string[], media: Set<string>): LessonReport {
  const rel = path.relative(packFolder, file);
  const report: LessonReport = {
    packFolder: path.basename(packFolder),
    id: expectedId,
    file: rel,
    title: { 'zh-CN': '', en: '' },
    grades: { from: 0, to: 0 },
    minutes: 0,
    steps: 0,
    stepTypes: [],
    activityTypes: [],
    zhChars: 0,
    enWords: 0,
    missingPinyin: [],
    hasFamilyCard: false,
    problems: [],
  };
  const problem = (text: string) => report.problems.push(`${rel}: ${text}`);
  if (!fs.existsSync(file)) {
    problem('the manifest lists this lesson but the file does not exist');
    return report;
  }
  const json = readJson(file);
  if (json.error) {
    problem(`is not valid JSON: ${json.error}`);
    return report;
  }
  const raw = json.value as Record<string, unknown> & { steps?: { id?: string; type?: string }[] };
  const parsed = Lesson.safeParse(raw);
  if (!parsed.success) report.problems.push(...zodProblems(rel, parsed.error.issues));

  // Measure from the raw JSON so a schema slip still gives a useful report.
  report.grades = (raw.grades as LessonReport['grades']) ?? report.grades;
  report.minutes = typeof raw.minutes === 'number' ? raw.minutes : 0;
  const title = (raw.title ?? {}) as Record<string, string>;
  report.title = { 'zh-CN': plainText(title['zh-CN'] ?? ''), en: plainText(title.en ?? '') };
  const steps = Array.isArray(raw.steps) ? raw.steps : [];
  report.steps = steps.length;
  report.stepTypes = steps.map((s) => s.type as StepType);
  report.activityTypes = [...new Set(report.stepTypes.filter((t) => (ACTIVITY_TYPES as string[]).includes(t)))];

  if (raw.id !== expectedId) problem(`id "${String(raw.id)}" does not match the manifest's "${expectedId}"`);
  if (path.basename(file) !== `${expectedId}.json`) problem(`file name should be ${expectedId}.json`);
  if (steps.length < LIMITS.minSteps || steps.length > LIMITS.maxSteps) problem(`has ${steps.length} steps (${LIMITS.minSteps}–${LIMITS.maxSteps} wanted)`);
  if (report.minutes < LIMITS.minMinutes || report.minutes > LIMITS.maxMinutes) problem(`takes ${report.minutes} minutes (${LIMITS.minMinutes}–${LIMITS.maxMinutes} wanted)`);
  if (report.activityTypes.length < LIMITS.minActivityTypes) problem(`uses ${report.activityTypes.length} activity types (at least ${LIMITS.minActivityTypes} wanted)`);
  if (!raw.teacher) problem('has no teacher notes');
  const curriculum = raw.curriculum as { gradeBand?: unknown; strands?: unknown } | undefined;
  if (curriculum) report.curriculum = { gradeBand: String(curriculum.gradeBand), strands: Array.isArray(curriculum.strands) ? curriculum.strands.map(String) : [] };
  report.hasFamilyCard = Boolean(raw.familyCard);
  for (const p of curriculumProblems(raw, report.grades)) problem(p);

  const stepIds = new Set<string>();
  for (const step of steps) {
    if (step.id && stepIds.has(step.id)) problem(`duplicate step id "${step.id}"`);
    if (step.id) stepIds.add(step.id);
  }
  if (parsed.success) {
    for (const step of parsed.data.steps) for (const p of idProblems(step)) problem(`step ${step.id}: ${p}`);
  }

  for (const { ref, where } of mediaRefs(raw)) {
    if (!media.has(ref)) problem(`${describePath(where, raw)} refers to ${ref}, which is not in the pack`);
  }

  // Languages: every localized text (any object keyed by a language) carries exactly the pack's languages.
  walkObjects(raw, (obj, where) => {
    const keys = Object.keys(obj);
    if (!keys.some((k) => languages.includes(k))) return;
    const missing = languages.filter((language) => !(language in obj));
    if (missing.length) problem(`${describePath(where, raw)} lacks ${missing.join(', ')}`);
  });

  const needsPinyin = report.grades.from <= 2;
  walkStrings(raw, (text, where, key) => {
    if (/^media\//.test(text)) return;
    const inTeacherNotes = where[0] === 'teacher';
    const zh = key === 'zh-CN' || where.includes('zh-CN');
    const en = key === 'en' || where.includes('en');
    if (zh && !inTeacherNotes) {
      report.zhChars += countHan(text);
      if (needsPinyin) {
        const runs = unmarkedChinese(text);
        if (runs.length) report.missingPinyin.push({ where: describePath(where, raw), runs });
      }
    }
    if (zh) for (const p of badRuby(text)) problem(`${describePath(where, raw)}: ${p}`);
    if (en && !inTeacherNotes) report.enWords += countWords(text);
    if (en && (HAN.test(text) || /\{[^}]*\|[^}]*\}/.test(text))) problem(`${describePath(where, raw)}: English text contains Chinese or ruby markup`);
  });
  return report;
}

function listFiles(dir: string, prefix: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

/** Checks one pack folder: manifest, every lesson, media files. */
export function checkPackFolder(folder: string): PackReport {
  const report: PackReport = { folder: path.basename(folder), problems: [], lessons: [] };
  const manifestFile = path.join(folder, 'manifest.json');
  if (!fs.existsSync(manifestFile)) {
    report.problems.push('manifest.json: missing');
    return report;
  }
  const json = readJson(manifestFile);
  if (json.error) {
    report.problems.push(`manifest.json: is not valid JSON: ${json.error}`);
    return report;
  }
  const parsed = Manifest.safeParse(json.value);
  if (!parsed.success) {
    report.problems.push(...zodProblems('manifest.json', parsed.error.issues));
    return report;
  }
  const manifest = parsed.data;
  report.id = manifest.id;
  report.grades = manifest.grades;
  for (const language of REQUIRED_LANGUAGES) {
    if (!manifest.languages.includes(language)) report.problems.push(`manifest.json: languages must include ${language}`);
  }
  for (const [name, text] of [['title', manifest.title], ['description', manifest.description]] as const) {
    const missing = manifest.languages.filter((language) => !text[language]);
    if (missing.length) report.problems.push(`manifest.json: ${name} lacks ${missing.join(', ')}`);
    if (manifest.grades.from <= 2 && unmarkedChinese(text['zh-CN'] ?? '').length) report.problems.push(`manifest.json: ${name} needs pinyin (grade 1–2 pack)`);
  }

  const media = new Set(listFiles(path.join(folder, 'media'), 'media/'));
  for (const file of media) {
    if (file.endsWith('.svg')) for (const p of svgProblems(fs.readFileSync(path.join(folder, file), 'utf8'))) report.problems.push(`${file}: ${p}`);
  }

  const listed = new Set<string>();
  const lessonIds = new Set<string>();
  for (const entry of manifest.lessons) {
    if (lessonIds.has(entry.id)) report.problems.push(`manifest.json: lesson "${entry.id}" is listed twice`);
    lessonIds.add(entry.id);
    listed.add(entry.file);
    report.lessons.push(checkLesson(folder, path.join(folder, entry.file), entry.id, manifest.languages, media));
  }
  for (const file of listFiles(path.join(folder, 'lessons'), 'lessons/')) {
    if (!listed.has(file)) report.problems.push(`${file}: not listed in manifest.json`);
  }
  const referenced = new Set(report.lessons.flatMap((l) => mediaRefs(readJson(path.join(folder, l.file)).value).map((r) => r.ref)));
  for (const file of media) {
    if (!referenced.has(file)) report.problems.push(`${file}: not used by any lesson (remove it or use it)`);
  }
  return report;
}

/** Every problem of a pack, lesson problems and missing pinyin included, as one list. */
export function allProblems(pack: PackReport): string[] {
  return [
    ...pack.problems,
    ...pack.lessons.flatMap((l) => [
      ...l.problems,
      ...l.missingPinyin.map((m) => `${l.file}: ${m.where}: Chinese without pinyin: ${m.runs.join(' / ')}`),
    ]),
  ];
}
