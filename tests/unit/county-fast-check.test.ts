import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fastCheck } from '../../src/core/county/bundle/fast-check';
import { BundleEvent } from '../../src/shared/county/bundle';
import { hasLesson } from '../../src/shared/progress-event';

const event = {
  t: 'event',
  id: 'ev-1',
  device_id: 'pc-1',
  device_seq: 7,
  pupil_id: 'a'.repeat(64),
  kind: 'attempt',
  pack_id: 'org.kite.safe-online',
  pack_version: '1.0.0',
  lesson_id: 'lesson-1',
  step_id: 'q1',
  activity_type: 'single-choice',
  answer_json: '{"chosen":[0]}',
  correct: 1,
  hints_used: 0,
  time_ms: 12_000,
  score: null,
  stars: null,
  at: '2026-09-01T03:39:12.948Z',
};
const emoji = '👋'; // one code point, two UTF-16 units: lengths count code points, in zod and in JSON Schema

/** Events at and past every edge of the schema: each field's type, length, characters and range. */
const cases: [string, unknown][] = [
  ['a scored attempt', event],
  ['a reset without a lesson', { ...event, kind: 'reset', pack_id: null, pack_version: null, lesson_id: null, step_id: null, activity_type: null, answer_json: null, correct: null }],
  ['a finish with stars', { ...event, kind: 'finish', step_id: null, correct: null, score: 100, stars: 3 }],
  ['an attempt without its lesson (the refinement)', { ...event, lesson_id: null }],
  ['a position without its pack (the refinement)', { ...event, kind: 'position', pack_id: null }],
  ['an id of 64 characters', { ...event, id: 'x'.repeat(64) }],
  ['an id of 65 characters', { ...event, id: 'x'.repeat(65) }],
  ['an id of 64 emoji (128 UTF-16 units)', { ...event, id: emoji.repeat(64) }],
  ['an id of 65 emoji', { ...event, id: emoji.repeat(65) }],
  ['an empty id', { ...event, id: '' }],
  ['an id with a control character', { ...event, id: 'ev\u0007' }],
  ['a pupil id with a newline', { ...event, pupil_id: 'a\nb' }],
  ['a pack id of 128 characters', { ...event, pack_id: 'p'.repeat(128) }],
  ['a pack id of 129 characters', { ...event, pack_id: 'p'.repeat(129) }],
  ['an empty step id', { ...event, step_id: '' }],
  ['an answer of 4000 units', { ...event, answer_json: 'a'.repeat(4000) }],
  ['an answer of 4001 units', { ...event, answer_json: 'a'.repeat(4001) }],
  ['an answer of 2000 emoji (4000 units)', { ...event, answer_json: emoji.repeat(2000) }],
  ['an answer of 2001 emoji (2001 code points, 4002 units)', { ...event, answer_json: emoji.repeat(2001) }],
  ['an answer of 4001 emoji', { ...event, answer_json: emoji.repeat(4001) }],
  ['an answer with a tab and a newline', { ...event, answer_json: 'a\tb\nc' }],
  ['correct 0', { ...event, correct: 0 }],
  ['correct 2', { ...event, correct: 2 }],
  ['correct 0.5', { ...event, correct: 0.5 }],
  ['correct "1"', { ...event, correct: '1' }],
  ['hints -1', { ...event, hints_used: -1 }],
  ['hints 1.5', { ...event, hints_used: 1.5 }],
  ['time 2^53', { ...event, time_ms: 2 ** 53 }],
  ['score 101', { ...event, score: 101 }],
  ['stars 4', { ...event, stars: 4 }],
  ['device_seq 0', { ...event, device_seq: 0 }],
  ['device_seq null', { ...event, device_seq: null }],
  ['no device_seq', Object.fromEntries(Object.entries(event).filter(([k]) => k !== 'device_seq'))],
  ['no at', Object.fromEntries(Object.entries(event).filter(([k]) => k !== 'at'))],
  ['an unknown kind', { ...event, kind: 'cheat' }],
  ['a time that is not one', { ...event, at: 'yesterday' }],
  ['a time with no zone', { ...event, at: '2026-09-01T03:39:12' }],
  ['a field more', { ...event, extra: 1 }],
  ['a "__proto__" field', JSON.parse(`{"__proto__": 1, ${JSON.stringify(event).slice(1)}`)],
  ['another line type', { ...event, t: 'pupil' }],
  ['null', null],
  ['an array', [event]],
  ['a string', JSON.stringify(event)],
];

describe('the compiled check of event lines', () => {
  const check = fastCheck(BundleEvent, [hasLesson]);

  it.each(cases)('takes or refuses %s exactly as the zod schema does, and answers the same', (_, raw) => {
    const fast = check(raw);
    const zod = BundleEvent.safeParse(raw);
    expect(fast.success).toBe(zod.success);
    if (fast.success && zod.success) expect(fast.data).toEqual(zod.data);
    if (!fast.success && !zod.success) expect(fast.error.issues[0]?.message).toBe(zod.error.issues[0]?.message);
  });

  it('refuses to stand for a schema whose refinements it was not given', () => {
    const refined = z.object({ a: z.number() }).refine((v) => v.a > 0).refine((v) => v.a < 9);
    expect(() => fastCheck(refined, [(v) => v.a > 0])).toThrow(/2 refinements, 1 given/);
    expect(fastCheck(refined, [(v) => v.a > 0, (v) => v.a < 9])({ a: 9 }).success).toBe(false);
  });
});
