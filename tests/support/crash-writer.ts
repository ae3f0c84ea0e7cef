// Child process for the crash test: records attempts through the core as fast as it can and
// prints each attemptId only after the call returned (the acknowledgement the parent checks).
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createCore } from '../../src/core';
import { createDispatcher } from '../../src/handlers/dispatch';

const [dataDir, pupilId] = process.argv.slice(2) as [string, string];
const core = createCore({ dataDir });
const dispatch = createDispatcher(core);
const session = core.sessions.create();
core.sessions.setPupil(session.id, { mode: 'pupil', id: pupilId });

for (let i = 0; ; i++) {
  const attemptId = crypto.randomUUID();
  const input = {
    attemptId, packId: 'org.kite.safe-online', packVersion: '1.0.0', lessonId: `lesson-${i % 5}`, stepId: `q${i % 12}`,
    activityType: 'single-choice', answer: { chosen: [i % 3] }, correct: i % 4 !== 0, hintsUsed: 0, timeMs: 900,
  };
  const envelope = await dispatch(i % 10 === 9 ? 'progress.finishLesson' : 'attempts.record', i % 10 === 9 ? { packId: input.packId, lessonId: input.lessonId, packVersion: '1.0.0' } : input, { session });
  if (!envelope.ok) throw new Error(JSON.stringify(envelope.error));
  if (i % 10 !== 9) fs.writeSync(1, attemptId + '\n');
}
