import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadSchoolIdentity, readBundle, signReceipt } from '../../src/core/county/bundle';
import { signChain, startChain } from '../../src/core/county/bundle/chain';
import { createKv } from '../../src/core/db/kv';
import { writeStreamAtomic } from '../../src/core/fs/atomic';
import { parsePublicKey, type PublisherKey } from '../../src/core/packs/signing';
import { BundleHeader, type Receipt } from '../../src/shared/county/bundle';
import { KiteError } from '../../src/shared/errors';
import { message } from '../../src/shared/messages';
import { answer, bundleText, countyKeys, rewrite, schoolWithWork } from '../support/county';
import { progressSetup } from '../support/progress';
import { tempDir } from '../support/temp';
import { kite } from '../support/cli';

const trustOnly = (key: PublisherKey) => (keyId: string) => (keyId === key.keyId ? key : undefined);

async function refusal(promise: Promise<unknown>): Promise<KiteError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KiteError);
  return error as KiteError;
}

async function schoolBundle(options: Parameters<typeof schoolWithWork>[0] = {}) {
  const school = await schoolWithWork(options);
  const file = path.join(tempDir('kite-bundle-'), 'school.kbundle');
  const summary = await school.core.county.writeBundle(file);
  return { school, file, summary, key: school.core.county.publicKey() };
}

/** A receipt as the county signs it: every device acknowledged through what the bundle held. */
function receiptFor(bundle: Awaited<ReturnType<typeof readBundle>>, countyPem: string, extra: Partial<Receipt> = {}): Receipt {
  return signReceipt(
    {
      schoolKeyId: bundle.header.schoolKeyId,
      bundleChain: bundle.chain,
      receivedAt: '2026-12-03T06:00:00.000Z',
      added: bundle.events.length,
      again: 0,
      watermarks: bundle.header.ranges.map((r) => ({ deviceId: r.deviceId, through: r.to })),
      gaps: [],
      ...extra,
    },
    countyPem,
  );
}

describe('the county bundle', () => {
  it('round-trips every event with pseudonymous pupils, a contiguous per-device range and a signed chain', async () => {
    const { school, file, summary, key } = await schoolBundle();
    const stored = school.core.db.prepare('SELECT id, device_id, device_seq FROM progress_events ORDER BY seq').all() as { id: string; device_id: string; device_seq: number }[];
    expect(stored.map((e) => e.device_seq)).toEqual(stored.map((_, i) => i + 1)); // the device numbers its own events 1, 2, 3…

    const bundle = await readBundle(file, trustOnly(key));
    expect(bundle.header).toMatchObject({ t: 'kbundle', format: 1, schoolKeyId: key.keyId, events: stored.length, ranges: [{ deviceId: stored[0]?.device_id, from: 1, to: stored.length }] });
    expect(bundle.events.map((e) => e.id)).toEqual(stored.map((e) => e.id));
    expect(bundle.chain).toBe(summary.chain);
    expect(bundle.pupils).toHaveLength(2);
    for (const p of bundle.pupils) expect(p).toMatchObject({ grade: 4, classId: bundle.pupils[0]?.classId });
    expect(new Set(bundle.events.map((e) => e.pupil_id))).toEqual(new Set(bundle.pupils.map((p) => p.id)));
    expect(bundle.events.filter((e) => e.kind === 'finish').map((e) => e.stars)).toEqual([expect.any(Number), expect.any(Number)]);
    // The same pupil gets the same pseudonym in the next bundle (the county counts pupils across bundles).
    const again = path.join(path.dirname(file), 'again.kbundle');
    await school.core.county.writeBundle(again);
    expect((await readBundle(again, trustOnly(key))).pupils.map((p) => p.id)).toEqual(bundle.pupils.map((p) => p.id));
  });

  it('carries no name, picture, picture password, class name or local id anywhere in its bytes', async () => {
    const { school, file } = await schoolBundle({ pupils: ['王小明', '李小红'] });
    const text = bundleText(file);
    const rows = school.core.db.prepare('SELECT p.id, p.name, p.avatar, p.picture_hash, p.picture_password, c.id AS class_id, c.name AS class_name FROM pupils p JOIN classes c ON c.id = p.class_id').all() as Record<string, string>[];
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      for (const secret of [row.id, row.name, row.avatar, row.picture_hash, row.picture_password, row.class_id, row.class_name]) expect(text).not.toContain(secret);
    }
    for (const word of ['name', 'avatar', 'picture', '小明', '小红', '四年级']) expect(text).not.toContain(word);
    // A class name travels only when the school opted in.
    const optedIn = await schoolWithWork({ className: '五年级二班' });
    const link = (await import('../../src/core/county/bundle')).createCountyLink({ db: optedIn.core.db, dataDir: optedIn.dataDir, config: { url: 'https://county.invalid', sendClassNames: true } });
    const named = path.join(tempDir(), 'named.kbundle');
    await link.writeBundle(named);
    const pupils = (await readBundle(named, trustOnly(link.publicKey()))).pupils;
    expect(pupils.map((p) => p.className)).toEqual(['五年级二班', '五年级二班']);
    expect(bundleText(named)).not.toContain('小明');
  });

  it('refuses a bundle cut short, with one event changed, with its chain broken, signed by another key or from an unknown school', async () => {
    const { file, key } = await schoolBundle();
    const trust = trustOnly(key);
    const bytes = fs.readFileSync(file);
    const cut = path.join(path.dirname(file), 'cut.kbundle');
    fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect((await refusal(readBundle(cut, trust))).code).toBe('bundle_truncated');
    expect((await refusal(readBundle(rewrite(file, (l) => l.slice(0, -1)), trust))).code).toBe('bundle_truncated'); // no end line

    const changed = rewrite(file, (lines) => lines.map((l) => (l.includes('"kind":"attempt"') && l.includes('"correct":0') ? l.replace('"correct":0', '"correct":1') : l)));
    expect(bundleText(changed)).not.toBe(bundleText(file));
    const tampered = await refusal(readBundle(changed, trust));
    expect(tampered.code).toBe('bundle_tampered');
    // Two events swapped, or one dropped (with the counts made to fit): the chain no longer matches.
    const swapped = rewrite(file, (l) => [l[0]!, l[1]!, l[2]!, l[4]!, l[3]!, ...l.slice(5)]);
    expect((await refusal(readBundle(swapped, trust))).code).toBe('bundle_tampered');
    const dropped = rewrite(file, (lines) => {
      const n = lines.length - 4; // header, 2 pupils, trailer
      const fix = (l: string) => l.replace(`"events":${n}`, `"events":${n - 1}`);
      return [fix(lines[0]!), ...lines.slice(1, 5), ...lines.slice(6, -1), fix(lines.at(-1)!)];
    });
    expect((await refusal(readBundle(dropped, trust))).code).toBe('bundle_tampered');

    const other = countyKeys().publicKey;
    const wrongKey = await refusal(readBundle(file, () => other));
    expect(wrongKey.code).toBe('bundle_bad_signature');
    const unknown = await refusal(readBundle(file, () => undefined));
    expect(unknown).toMatchObject({ code: 'bundle_unknown_school', details: { keyId: key.keyId } });
    // Each refusal has a sentence in both languages, with its facts filled in.
    for (const error of [tampered, wrongKey, unknown]) {
      for (const lang of ['en', 'zh-CN'] as const) expect(message(lang, `errors.${error.code}`, error.details as Record<string, string>)).not.toMatch(/\{\{|errors\./);
    }
    expect(message('zh-CN', 'errors.bundle_unknown_school', { keyId: key.keyId })).toContain(key.keyId);
  });

  it('refuses what is not a bundle, a newer format, and lines after the end', async () => {
    const { file, key } = await schoolBundle();
    const trust = trustOnly(key);
    const dir = path.dirname(file);
    expect((await refusal(readBundle(path.join(dir, 'missing.kbundle'), trust))).code).toBe('path_not_found');
    fs.writeFileSync(path.join(dir, 'plain.kbundle'), 'hello\n');
    expect((await refusal(readBundle(path.join(dir, 'plain.kbundle'), trust))).code).toBe('bundle_not_ours');
    fs.writeFileSync(path.join(dir, 'progress.kbundle'), zlib.gzipSync('{"app":"kite-classroom","kind":"progress","formatVersion":1}\n'));
    expect((await refusal(readBundle(path.join(dir, 'progress.kbundle'), trust))).code).toBe('bundle_not_ours');
    const newer = rewrite(file, (l) => [l[0]!.replace('"format":1', '"format":2'), ...l.slice(1)]);
    expect(await refusal(readBundle(newer, trust))).toMatchObject({ code: 'bundle_too_new', details: { format: 2 } });
    const after = rewrite(file, (l) => [...l, l[3]!]);
    expect((await refusal(readBundle(after, trust))).code).toBe('bundle_tampered');
    const header = BundleHeader.parse(JSON.parse(bundleText(file).split('\n')[0]!));
    expect(header.appVersion).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('a bundle signed by its school but not sound', () => {
  it('is refused as damaged when an event names a pupil the bundle does not hold, or falls outside its range', async () => {
    const { school, file, key } = await schoolBundle();
    const identity = loadSchoolIdentity(school.dataDir);
    /** The lines changed and then signed again with the school's own key: a faulty school, not a tamperer. */
    const resigned = (change: (lines: string[]) => string[]) =>
      rewrite(file, (lines) => {
        const body = change(lines.slice(0, -1));
        const chain = startChain(body[0]!);
        for (const line of body.slice(1)) chain.add(line);
        const n = body.filter((l) => l.startsWith('{"t":"event"')).length;
        return [...body, JSON.stringify({ t: 'end', events: n, chain: chain.hex(), ...signChain(chain.hex(), identity.privateKeyPem) })];
      });
    expect((await readBundle(resigned((l) => l), trustOnly(key))).events).toHaveLength(school.core.county.pending()); // the helper itself is sound
    const orphan = await refusal(readBundle(resigned((l) => [l[0]!, l[1]!, ...l.slice(3)]), trustOnly(key)));
    expect(orphan.code).toBe('bundle_damaged');
    expect(orphan.message).toMatch(/\(line (\d+)\) of the bundle names a pupil the bundle does not hold/);
    expect(orphan.details?.line).toBe(Number(/\(line (\d+)\)/.exec(orphan.message)?.[1]));
    expect(orphan.details?.line).toBeGreaterThan(3); // after the header and the pupil kept
    const outside = await refusal(readBundle(resigned((l) => l.map((x) => x.replace('"device_seq":1}', '"device_seq":99}'))), trustOnly(key)));
    expect(outside.message).toContain("outside its device's range");
  });

  it('reads lines cut across gunzip chunks, Chinese characters cut included, and refuses a line far too long', async () => {
    const { school, file, key } = await schoolBundle();
    const identity = loadSchoolIdentity(school.dataDir);
    // Events ~12 KB each (an answer of 4 000 Chinese characters): gunzip's 64 KB chunks cut lines, and one
    // cuts a character (the first chunk ends inside one: 0–2 ASCII letters before the first answer move it there).
    let answers: string[] = [];
    const withAnswers = (pad: number) =>
      rewrite(file, (lines) => {
        answers = [];
        const body = lines.slice(0, -1).map((l) => {
          if (!l.startsWith('{"t":"event"')) return l;
          const answer = `${'a'.repeat(answers.length === 0 ? pad : 0)}${answers.length}`.padEnd(4000, '选');
          answers.push(answer);
          return JSON.stringify({ ...(JSON.parse(l) as object), answer_json: answer });
        });
        const chain = startChain(body[0]!);
        for (const line of body.slice(1)) chain.add(line);
        return [...body, JSON.stringify({ t: 'end', events: answers.length, chain: chain.hex(), ...signChain(chain.hex(), identity.privateKeyPem) })];
      });
    const cutsACharacter = (bundle: string) => ((zlib.gunzipSync(fs.readFileSync(bundle))[65_536] ?? 0) & 0xc0) === 0x80; // a UTF-8 continuation byte
    let long = withAnswers(0);
    for (let pad = 1; pad <= 2 && !cutsACharacter(long); pad++) long = withAnswers(pad);
    expect(cutsACharacter(long)).toBe(true);
    const read = await readBundle(long, trustOnly(key));
    expect(read.events.map((e) => e.answer_json)).toEqual(answers);
    // One line of 2 MB with no end: refused without reading it whole.
    const endless = path.join(path.dirname(file), 'endless.kbundle');
    fs.writeFileSync(endless, zlib.gzipSync(bundleText(file).split('\n')[0] + '\n' + '{"t":"event","id":"'.padEnd(2 << 20, 'x')));
    expect(await refusal(readBundle(endless, trustOnly(key)))).toMatchObject({ code: 'bundle_damaged', details: { line: 2 } });
  });

  it('reads from a stream as well as from a file', async () => {
    const { file, key } = await schoolBundle();
    expect((await readBundle(fs.createReadStream(file), trustOnly(key))).chain).toBe((await readBundle(file, trustOnly(key))).chain);
  });
});

describe('receipts', () => {
  it('after a receipt the next bundle holds only the new events, numbered on from the acknowledged ones', async () => {
    const { school, file, key } = await schoolBundle();
    const county = countyKeys();
    const first = await readBundle(file, trustOnly(key));
    const result = school.core.county.importReceipt(JSON.stringify(receiptFor(first, county.privateKeyPem)));
    expect(result).toMatchObject({ countyKeyId: county.publicKey.keyId, pinned: true, advanced: 1 });
    expect(school.core.county.pending()).toBe(0);

    await answer(school, school.pupilIds[0]!, 2);
    const next = path.join(path.dirname(file), 'next.kbundle');
    const summary = await school.core.county.writeBundle(next);
    const second = await readBundle(next, trustOnly(key));
    const n = first.events.length;
    expect(summary.events).toBe(3); // two answers and a finish
    expect(second.events.map((e) => e.device_seq)).toEqual([n + 1, n + 2, n + 3]);
    expect(second.header.ranges).toEqual([{ deviceId: first.header.ranges[0]?.deviceId, from: n + 1, to: n + 3 }]);
    expect(second.pupils.map((p) => p.id)).toEqual([first.events.find((e) => e.kind === 'attempt')?.pupil_id]);

    // An old receipt imported again moves nothing back.
    school.core.county.importReceipt(receiptFor(first, county.privateKeyPem, { watermarks: [{ deviceId: first.header.ranges[0]!.deviceId, through: 2 }] }));
    expect(school.core.county.pending()).toBe(3);
  });

  it('a receipt with a bad signature, for another school or from another county changes nothing', async () => {
    const { school, file, key } = await schoolBundle();
    const county = countyKeys();
    const bundle = await readBundle(file, trustOnly(key));
    const pending = school.core.county.pending();
    const watermarks = () => school.core.db.prepare('SELECT * FROM county_watermarks').all();
    const pinned = () => createKv(school.core.db).get('county.publicKey');

    const forged = { ...receiptFor(bundle, county.privateKeyPem), watermarks: [{ deviceId: bundle.header.ranges[0]!.deviceId, through: 999 }] };
    expect(() => school.core.county.importReceipt(JSON.stringify(forged))).toThrow(expect.objectContaining({ code: 'receipt_bad_signature' }));
    expect(() => school.core.county.importReceipt('{"t":"kreceipt"')).toThrow(expect.objectContaining({ code: 'receipt_invalid' }));
    const otherSchool = receiptFor(bundle, county.privateKeyPem, { schoolKeyId: '0123456789abcdef' });
    expect(() => school.core.county.importReceipt(otherSchool)).toThrow(expect.objectContaining({ code: 'receipt_other_school' }));
    expect({ pending: school.core.county.pending(), watermarks: watermarks(), pinned: pinned() }).toEqual({ pending, watermarks: [], pinned: undefined });

    // Once a county key is pinned, a receipt signed by another key is refused, however well signed.
    // (A receipt for some other bundle: it pins the key and acknowledges nothing of this one.)
    school.core.county.importReceipt(receiptFor(bundle, county.privateKeyPem, { watermarks: [], bundleChain: '0'.repeat(64) }));
    expect(pinned()).toBe(county.publicKey.publicKey);
    const impostor = countyKeys();
    expect(() => school.core.county.importReceipt(receiptFor(bundle, impostor.privateKeyPem))).toThrow(expect.objectContaining({ code: 'receipt_other_county' }));
    expect(school.core.county.pending()).toBe(pending);
  });
});

describe('the command line', () => {
  it('kite progress school-key, bundle and receipt: a USB round trip, then only new events', async () => {
    const { school } = await schoolBundle();
    const dir = tempDir('kite-usb-');
    const pub = path.join(dir, 'school.pub');
    const keyOut = await kite(['progress', 'school-key', '--out', pub, '--data', school.dataDir, '--lang', 'en']);
    expect(keyOut.code).toBe(0);
    const key = parsePublicKey(fs.readFileSync(pub, 'utf8'));
    expect(keyOut.stdout).toContain(`kite county school add ${pub}`);
    expect(key).toEqual(school.core.county.publicKey());

    const usb = path.join(dir, 'school.kbundle');
    const made = await kite(['progress', 'bundle', '--out', usb, '--data', school.dataDir, '--lang', 'zh-CN']);
    expect(made.code).toBe(0);
    expect(made.stdout).toContain('县级数据包已写入');
    const bundle = await readBundle(usb, trustOnly(key));

    const county = countyKeys();
    const receiptFile = path.join(dir, 'receipt.json');
    fs.writeFileSync(receiptFile, JSON.stringify(receiptFor(bundle, county.privateKeyPem)));
    const imported = await kite(['progress', 'receipt', receiptFile, '--data', school.dataDir, '--lang', 'en']);
    expect(imported).toMatchObject({ code: 0 });
    expect(imported.stdout).toContain('0 event(s) still to send');
    expect(imported.stdout).toContain(`county key ${county.publicKey.keyId} is now pinned`);

    const empty = await kite(['progress', 'bundle', '--out', usb, '--data', school.dataDir, '--lang', 'en']);
    expect(empty.stdout).toContain('no new events');
    expect((await readBundle(usb, trustOnly(key))).events).toEqual([]);

    fs.writeFileSync(receiptFile, JSON.stringify({ ...receiptFor(bundle, countyKeys().privateKeyPem) }));
    const refused = await kite(['progress', 'receipt', receiptFile, '--data', school.dataDir, '--lang', 'zh-CN']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('不是本校信任的县里密钥');
  });
});

describe("the school's county identity", () => {
  it('comes back with a restored backup: a new PC keeps signing as the same school, with the same pupil pseudonyms', async () => {
    const { school, file, key } = await schoolBundle();
    const before = await readBundle(file, trustOnly(key));
    await school.core.backups.create('manual');
    const backups = path.join(school.dataDir, 'backups');
    school.core.close();
    // A new PC: its data folder is the old one's backups and nothing else (no county/ folder).
    const restored = tempDir('kite-restored-');
    fs.cpSync(backups, path.join(restored, 'backups'), { recursive: true });
    const again = progressSetup(restored);
    try {
      expect(fs.existsSync(path.join(restored, 'county'))).toBe(false);
      expect(again.core.county.publicKey().keyId).toBe(key.keyId);
      const out = path.join(tempDir('kite-bundle-'), 'again.kbundle');
      await again.core.county.writeBundle(out);
      const after = await readBundle(out, trustOnly(key));
      expect(after.pupils.map((p) => p.id).sort()).toEqual(before.pupils.map((p) => p.id).sort());
      expect(fs.statSync(path.join(restored, 'county', 'school-key.pem')).mode & 0o777).toBe(0o600);
    } finally {
      again.core.close();
    }
  });
});

describe('writing a bundle file', () => {
  it('a write that fails keeps the old file whole and leaves no temp file, whether it fails at once or part-way', async () => {
    const dir = tempDir('kite-bundle-');
    const target = path.join(dir, 'school.kbundle');
    fs.writeFileSync(target, 'the bundle before');
    // A source that has already failed fails the pipeline before the temp file is even opened (the
    // opening still lands afterwards, sometimes: hence several tries, and a moment for a late one).
    for (let i = 0; i < 20; i++) {
      const failAtOnce = new Readable({ read() {} });
      failAtOnce.destroy(new Error('source failed'));
      await expect(writeStreamAtomic(target, failAtOnce, i % 2 ? zlib.createGzip() : undefined)).rejects.toThrow('source failed');
    }
    const failPartWay = Readable.from((function* () {
      yield 'x'.repeat(200_000);
      throw new Error('source failed later');
    })());
    await expect(writeStreamAtomic(target, failPartWay)).rejects.toThrow('source failed later');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fs.readdirSync(dir)).toEqual(['school.kbundle']);
    expect(fs.readFileSync(target, 'utf8')).toBe('the bundle before');
    await writeStreamAtomic(target, Readable.from(['the bundle after']), zlib.createGzip());
    expect(fs.readdirSync(dir)).toEqual(['school.kbundle']);
    expect(zlib.gunzipSync(fs.readFileSync(target)).toString('utf8')).toBe('the bundle after');
  });
});

describe('the hash chain', () => {
  it('is SHA-256 of the header line, then of the previous link and each line, over the lines\' UTF-8 bytes (docs/en/county.md)', () => {
    const lines = ['{"t":"event","id":"a"}', '{"t":"pupil","name":"小明 👋"}', 'x'.repeat(10_000), '', '{"t":"end"}'];
    const chain = startChain('{"t":"kbundle"}');
    let expected = crypto.createHash('sha256').update('{"t":"kbundle"}', 'utf8').digest();
    for (const line of lines) {
      chain.add(line);
      expected = crypto.createHash('sha256').update(expected).update(Buffer.from(line, 'utf8')).digest();
      expect(chain.hex()).toBe(expected.toString('hex'));
    }
    // The same lines as the bytes a reader holds (each in the middle of a larger buffer) link the same chain.
    const fromBytes = startChain('{"t":"kbundle"}');
    for (const line of lines) {
      const bytes = Buffer.concat([Buffer.from('ab\n'), Buffer.from(line, 'utf8'), Buffer.from('\ncd')]);
      fromBytes.addBytes(bytes, 3, bytes.length - 3);
    }
    expect(fromBytes.hex()).toBe(chain.hex());
  });
});
