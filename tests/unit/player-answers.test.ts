import { describe, expect, it } from 'vitest';
import {
  chatNodeAfter, checkFillBlanks, checkMarkWords, checkMultipleChoice, checkSequence, checkSingleChoice, checkSortBins, checkTrueFalse,
  hotspotAt, markWordTargets, shuffled, shuffledAway, splitSentence, STEP_SCHEMAS, type StepOf,
} from '../../src/shared/pack';

const t = (zh: string, en = zh) => ({ 'zh-CN': zh, en });
const parse = <T extends keyof typeof STEP_SCHEMAS>(type: T, step: object) => STEP_SCHEMAS[type].parse({ type, prompt: t('题'), ...step }) as StepOf<T>;

describe('answer checking (shared by the player and the tests)', () => {
  it('single choice, multiple choice and true/false', () => {
    const single = parse('single-choice', { id: 's', options: [{ id: 'a', text: t('甲') }, { id: 'b', text: t('乙') }], answer: 'b' });
    expect(checkSingleChoice(single, 'b')).toBe(true);
    expect(checkSingleChoice(single, 'a')).toBe(false);
    const multiple = parse('multiple-choice', { id: 'm', options: ['a', 'b', 'c'].map((id) => ({ id, text: t(id) })), answers: ['a', 'c'] });
    expect(checkMultipleChoice(multiple, ['c', 'a'])).toBe(true);
    expect(checkMultipleChoice(multiple, ['a'])).toBe(false);
    expect(checkMultipleChoice(multiple, ['a', 'b', 'c'])).toBe(false);
    expect(checkMultipleChoice(multiple, ['a', 'a'])).toBe(false);
    const tf = parse('true-false', { id: 't', answer: false });
    expect(checkTrueFalse(tf, false)).toBe(true);
    expect(checkTrueFalse(tf, true)).toBe(false);
  });

  it('sort into bins names the misplaced items', () => {
    const step = parse('sort-bins', {
      id: 'b',
      bins: [{ id: 'safe', label: t('安全') }, { id: 'unsafe', label: t('不安全') }],
      items: [{ id: 'x', text: t('x'), bin: 'safe' }, { id: 'y', text: t('y'), bin: 'unsafe' }, { id: 'z', text: t('z'), bin: 'unsafe' }],
    });
    expect(checkSortBins(step, { x: 'safe', y: 'unsafe', z: 'unsafe' })).toEqual({ correct: true, wrong: [] });
    expect(checkSortBins(step, { x: 'unsafe', y: 'unsafe' })).toEqual({ correct: false, wrong: ['x', 'z'] });
  });

  it('sequence is right only in the authored order', () => {
    const step = parse('sequence', { id: 'q', items: ['one', 'two', 'three'].map((id) => ({ id, text: t(id) })) });
    expect(checkSequence(step, ['one', 'two', 'three'])).toBe(true);
    expect(checkSequence(step, ['two', 'one', 'three'])).toBe(false);
    expect(checkSequence(step, ['one', 'two'])).toBe(false);
  });

  it('mark words per language, by word index', () => {
    const step = parse('mark-words', {
      id: 'w',
      words: {
        'zh-CN': [{ text: '不要' }, { text: '{密码|mì mǎ}', target: true }, { text: '告诉' }, { text: '陌生人', target: true }],
        en: [{ text: 'Keep' }, { text: 'passwords', target: true }, { text: 'secret', target: true }],
      },
    });
    expect(markWordTargets(step, 'zh-CN')).toEqual([1, 3]);
    expect(checkMarkWords(step, 'zh-CN', [3, 1])).toBe(true);
    expect(checkMarkWords(step, 'zh-CN', [1])).toBe(false);
    expect(checkMarkWords(step, 'en', [1, 2])).toBe(true);
    expect(checkMarkWords(step, 'en', [0, 1, 2])).toBe(false);
  });

  it('fill the blanks accepts the answer or a bank word with the same text', () => {
    const step = parse('fill-blanks', {
      id: 'f',
      sentence: t('密码要[[a]]，不要告诉[[b]]。'),
      blanks: [{ id: 'a', answer: 'long' }, { id: 'b', answer: 'others' }],
      bank: [{ id: 'long', text: t('长') }, { id: 'others', text: t('别人') }, { id: 'short', text: t('短') }, { id: 'long2', text: t('长') }],
    });
    expect(checkFillBlanks(step, { a: 'long', b: 'others' })).toEqual({ correct: true, wrong: [] });
    expect(checkFillBlanks(step, { a: 'long2', b: 'others' }).correct).toBe(true);
    expect(checkFillBlanks(step, { a: 'short' })).toEqual({ correct: false, wrong: ['a', 'b'] });
    expect(splitSentence('密码要[[a]]，不要告诉[[b]]。')).toEqual(['密码要', { blank: 'a' }, '，不要告诉', { blank: 'b' }, '。']);
    expect(splitSentence('[[a]] end')).toEqual([{ blank: 'a' }, ' end']);
  });

  it('finds the hotspot under a point in percent', () => {
    const spots = [{ id: 'link', region: { x: 10, y: 10, w: 20, h: 10 } }, { id: 'sender', region: { x: 60, y: 70, w: 30, h: 20 } }];
    expect(hotspotAt(spots, 15, 15)?.id).toBe('link');
    expect(hotspotAt(spots, 90, 90)?.id).toBe('sender');
    expect(hotspotAt(spots, 50, 50)).toBeUndefined();
  });

  it('walks a chat scenario to its ending', () => {
    const step = parse('chat-scenario', {
      id: 'c',
      contact: { name: t('陌生人') },
      start: 'hi',
      nodes: {
        hi: { messages: [{ from: 'them', text: t('你在哪个学校？') }], choices: [{ text: t('告诉他'), next: 'bad' }, { text: t('不告诉'), next: 'good' }] },
        bad: { messages: [], ending: { safe: false, explanation: t('不安全') } },
        good: { messages: [], ending: { safe: true, explanation: t('安全') } },
      },
    });
    expect(chatNodeAfter(step, [])?.id).toBe('hi');
    expect(chatNodeAfter(step, [1])?.node.ending?.safe).toBe(true);
    expect(chatNodeAfter(step, [0])?.node.ending?.safe).toBe(false);
    expect(chatNodeAfter(step, [0, 0])).toBeUndefined();
    expect(chatNodeAfter(step, [5])).toBeUndefined();
  });

  it('shuffles without losing items, and away from the right order', () => {
    const items = ['a', 'b', 'c', 'd'];
    expect(shuffled(items).sort()).toEqual(items);
    for (let i = 0; i < 50; i++) expect(shuffledAway(items)).not.toEqual(items);
    // Even a random source that never moves anything gives a different order.
    expect(shuffledAway(items, () => 0.999)).not.toEqual(items);
    expect(shuffledAway(['x'])).toEqual(['x']);
  });
});

describe('a lesson run score (for guests, whose runs the store does not keep)', () => {
  it('counts only the first answer of each graded step, like the progress store', async () => {
    const { scoreAttempts } = await import('../../src/shared/pack');
    expect(scoreAttempts([])).toEqual({ score: 100, stars: 3 });
    expect(scoreAttempts([{ stepId: 'a', correct: null }])).toEqual({ score: 100, stars: 3 });
    expect(scoreAttempts([{ stepId: 'a', correct: false }, { stepId: 'a', correct: true }, { stepId: 'b', correct: true }])).toEqual({ score: 50, stars: 1 });
    expect(scoreAttempts([{ stepId: 'a', correct: true }, { stepId: 'b', correct: true }, { stepId: 'c', correct: false }])).toEqual({ score: 67, stars: 2 });
  });
});
