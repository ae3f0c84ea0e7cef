import type { z } from 'zod';
import { Lesson } from './lesson';
import { Manifest } from './manifest';
import type { Step } from './steps';

/**
 * Whole-pack checks beyond each file's schema: every id a step refers to exists, every text has
 * every language the manifest lists, every media path a lesson uses is a file of the pack.
 * Pure (no file system): the CLI, the builder and the importer all call it.
 */

export interface PackIssue {
  /** The pack file the problem is in: manifest.json or lessons/<id>.json. */
  file: string;
  /** JSON pointer inside that file ('' for the whole file). */
  pointer: string;
  message: string;
}

/** `lessons/a.json#/steps/2/answer: message` — how the CLI and the UI print an issue. */
export function formatIssue(issue: PackIssue): string {
  return `${issue.file}${issue.pointer ? `#${issue.pointer}` : ''}: ${issue.message}`;
}

export function zodIssues(file: string, error: z.ZodError): PackIssue[] {
  return error.issues.map((issue) => ({ file, pointer: pointerOf(issue.path), message: issue.message }));
}

function pointerOf(path: readonly PropertyKey[]): string {
  return path.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** Parse a manifest and its lessons (raw JSON values by pack path) and run every check. */
export function checkPack(rawManifest: unknown, rawLessons: ReadonlyMap<string, unknown>): { issues: PackIssue[]; manifest?: Manifest; lessons: Lesson[] } {
  const parsedManifest = Manifest.safeParse(rawManifest);
  if (!parsedManifest.success) return { issues: zodIssues('manifest.json', parsedManifest.error), lessons: [] };
  const manifest = parsedManifest.data;
  const issues: PackIssue[] = [];
  const files = new Set(manifest.files.map((f) => f.path));
  const languages = manifest.languages;

  checkTexts('manifest.json', manifest, languages, issues);
  const seenPaths = new Set<string>();
  manifest.files.forEach((f, i) => {
    const key = f.path.toLowerCase();
    if (seenPaths.has(key)) issues.push({ file: 'manifest.json', pointer: `/files/${i}/path`, message: `"${f.path}" is listed twice` });
    seenPaths.add(key);
  });

  const lessons: Lesson[] = [];
  const lessonIds = new Set<string>();
  manifest.lessons.forEach((entry, i) => {
    const at = `/lessons/${i}`;
    if (lessonIds.has(entry.id)) issues.push({ file: 'manifest.json', pointer: `${at}/id`, message: `lesson id "${entry.id}" is used twice` });
    lessonIds.add(entry.id);
    if (entry.file !== `lessons/${entry.id}.json`) issues.push({ file: 'manifest.json', pointer: `${at}/file`, message: `must be lessons/${entry.id}.json` });
    if (!files.has(entry.file)) issues.push({ file: 'manifest.json', pointer: `${at}/file`, message: `"${entry.file}" is not in the pack's files` });
    const raw = rawLessons.get(entry.file);
    if (raw === undefined) {
      issues.push({ file: entry.file, pointer: '', message: 'the lesson file is missing' });
      return;
    }
    const parsed = Lesson.safeParse(raw);
    if (!parsed.success) {
      issues.push(...zodIssues(entry.file, parsed.error));
      return;
    }
    const lesson = parsed.data;
    if (lesson.id !== entry.id) issues.push({ file: entry.file, pointer: '/id', message: `is "${lesson.id}" but the manifest lists this file as "${entry.id}"` });
    checkTexts(entry.file, lesson, languages, issues);
    checkAssets(entry.file, lesson, files, issues);
    checkSteps(entry.file, lesson.steps, (i) => `/steps/${i}`, languages, issues);
    lessons.push(lesson);
  });
  return { issues, manifest, lessons };
}

/** Property names whose value is a LocalizedText wherever they appear in a pack. */
const TEXT_KEYS = new Set(['title', 'description', 'summary', 'prompt', 'hint', 'explanation', 'text', 'alt', 'label', 'note', 'goal', 'keyMessage', 'discussion', 'activity', 'reflection', 'sentence', 'name', 'rule', 'atHome']);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isTextRecord = (v: unknown): v is Record<string, string> => isRecord(v) && Object.values(v).every((x) => typeof x === 'string');

function checkTexts(file: string, value: unknown, languages: string[], issues: PackIssue[], pointer = '', key = ''): void {
  const isText = isTextRecord(value) && (TEXT_KEYS.has(key) || key === 'options[]');
  if (isText) {
    for (const language of languages) {
      if (!value[language]) issues.push({ file, pointer, message: `has no ${language} text (the pack lists ${languages.join(', ')})` });
    }
    return;
  }
  if (Array.isArray(value)) {
    // Self-check questions' options are plain texts; choice options are objects with ids.
    value.forEach((item, i) => checkTexts(file, item, languages, issues, `${pointer}/${i}`, key === 'options' ? 'options[]' : ''));
  } else if (isRecord(value)) {
    for (const [k, v] of Object.entries(value)) checkTexts(file, v, languages, issues, `${pointer}/${k}`, k);
  }
}

/** Every string that is a media path must be a file the manifest lists. */
function checkAssets(file: string, value: unknown, files: Set<string>, issues: PackIssue[], pointer = ''): void {
  if (typeof value === 'string') {
    if (value.startsWith('media/') && !files.has(value)) issues.push({ file, pointer, message: `"${value}" is not a file of the pack` });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => checkAssets(file, item, files, issues, `${pointer}/${i}`));
  } else if (isRecord(value)) {
    for (const [k, v] of Object.entries(value)) checkAssets(file, v, files, issues, `${pointer}/${k}`);
  }
}

function checkSteps(file: string, steps: readonly Step[], at: (index: number) => string, languages: string[], issues: PackIssue[]): void {
  const stepIds = new Set<string>();
  steps.forEach((step, i) => {
    const p = at(i);
    const problem = (pointer: string, message: string) => issues.push({ file, pointer: `${p}${pointer}`, message });
    if (stepIds.has(step.id)) problem('/id', `step id "${step.id}" is used twice in this lesson`);
    stepIds.add(step.id);
    const unique = (list: { id: string }[], where: string) => {
      const seen = new Set<string>();
      list.forEach((x, j) => {
        if (seen.has(x.id)) problem(`/${where}/${j}/id`, `id "${x.id}" is used twice`);
        seen.add(x.id);
      });
      return seen;
    };

    switch (step.type) {
      case 'single-choice': {
        const ids = unique(step.options, 'options');
        if (!ids.has(step.answer)) problem('/answer', `"${step.answer}" is not one of the options`);
        break;
      }
      case 'multiple-choice': {
        const ids = unique(step.options, 'options');
        step.answers.forEach((a, j) => !ids.has(a) && problem(`/answers/${j}`, `"${a}" is not one of the options`));
        break;
      }
      case 'sort-bins': {
        const bins = unique(step.bins, 'bins');
        unique(step.items, 'items');
        step.items.forEach((item, j) => !bins.has(item.bin) && problem(`/items/${j}/bin`, `"${item.bin}" is not one of the bins`));
        break;
      }
      case 'sequence':
        unique(step.items, 'items');
        break;
      case 'match-pairs':
        unique(step.pairs, 'pairs');
        break;
      case 'find-hotspots':
      case 'explore-image':
        unique(step.hotspots, 'hotspots');
        break;
      case 'flashcards':
        unique(step.cards, 'cards');
        break;
      case 'self-check':
        unique(step.questions, 'questions');
        break;
      case 'mark-words':
        for (const language of languages) {
          const words = step.words[language];
          if (!words) problem('/words', `has no ${language} words`);
          else if (!words.some((w) => w.target)) problem(`/words/${language}`, 'no word is marked as a target');
        }
        break;
      case 'fill-blanks': {
        const bank = unique(step.bank, 'bank');
        unique(step.blanks, 'blanks');
        step.blanks.forEach((blank, j) => {
          if (!bank.has(blank.answer)) problem(`/blanks/${j}/answer`, `"${blank.answer}" is not a word of the bank`);
          for (const language of languages) {
            const sentence = step.sentence[language];
            if (sentence !== undefined && !sentence.includes(`[[${blank.id}]]`)) problem(`/sentence/${language}`, `does not contain the placeholder [[${blank.id}]]`);
          }
        });
        break;
      }
      case 'chat-scenario': {
        const nodes = new Set(Object.keys(step.nodes));
        if (!nodes.has(step.start)) problem('/start', `"${step.start}" is not one of the nodes`);
        for (const [nodeId, node] of Object.entries(step.nodes)) {
          node.choices?.forEach((c, j) => !nodes.has(c.next) && problem(`/nodes/${nodeId}/choices/${j}/next`, `"${c.next}" is not one of the nodes`));
        }
        break;
      }
      case 'interactive-video':
        checkSteps(file, step.cues.map((c) => c.activity as Step), (j) => `${p}/cues/${j}/activity`, languages, issues);
        break;
      default:
        break;
    }
  });
}
