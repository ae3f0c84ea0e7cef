import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { generateKeyPair, type PublisherKey } from '../../src/core/packs/signing';
import { attempt, progressSetup } from './progress';
import { tempDir } from './temp';

export const LESSON = { packId: 'org.kite.safe-online', lessonId: 'passwords' };

/** A school PC with a class, named pupils with pictures and picture passwords, and answers: made through the app's API. */
export async function schoolWithWork({ pupils = ['小明', '小红'], answers = 3, className = '四年级一班', dataDir = tempDir() } = {}) {
  const school = progressSetup(dataDir);
  const cls = await school.teacher('classes.create', { name: className, grade: 4 });
  const ids: string[] = [];
  const avatars = ['panda', 'elephant', 'butterfly', 'whale'] as const;
  for (const [i, name] of pupils.entries()) {
    const p = await school.teacher('pupils.add', { classId: cls.id, name, avatar: avatars[i % avatars.length] });
    await school.teacher('pupils.update', { pupilId: p.id, picturePassword: ['apple', 'heart', 'moon'] });
    ids.push(p.id);
    await answer(school, p.id, answers);
  }
  return { ...school, cls, pupilIds: ids };
}

/** A pupil signs in (with the picture password) and answers, then finishes the lesson. */
export async function answer(school: ReturnType<typeof progressSetup>, pupilId: string, answers: number): Promise<void> {
  const child = school.pupil();
  await child('pupils.signIn', { pupilId, pictures: ['apple', 'heart', 'moon'] });
  for (let i = 0; i < answers; i++) await child('attempts.record', attempt(`q${i}`, i % 2 === 0));
  await child('progress.finishLesson', { ...LESSON, packVersion: '1.0.0' });
}

/** The decompressed text of a bundle file. */
export const bundleText = (file: string) => zlib.gunzipSync(fs.readFileSync(file)).toString('utf8');

/** A copy of a bundle with its lines changed (recompressed, not re-signed): how a tamperer would. */
export function rewrite(file: string, change: (lines: string[]) => string[]): string {
  const lines = bundleText(file).split('\n').filter((l) => l !== '');
  const out = path.join(path.dirname(file), `changed-${path.basename(file)}`);
  fs.writeFileSync(out, zlib.gzipSync(change(lines).join('\n') + '\n'));
  return out;
}

/** A county's key pair, as county-store makes on first start. */
export function countyKeys(): { privateKeyPem: string; publicKey: PublisherKey } {
  return generateKeyPair();
}
