// The county simulator: schools × pupils × lessons × attempts → signed .kbundle files, as schools make
// them (src/shared/county/bundle.ts). Deterministic (a seeded generator), so a run can be repeated.
// Full scale: 200 schools × 300 pupils × 14 lessons × ~12 attempts ≈ 10M events; KITE_COUNTY_SCALE
// (0 < s ≤ 1) shrinks schools and pupils. Used by the county benches and the county tests.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { BUNDLE_FORMAT, type BundleEvent, type BundleHeader, type BundlePupil, type BundleTrailer } from '../src/shared/county/bundle';
import { signChain, startChain } from '../src/core/county/bundle/chain';
import { generateKeyPair, type PublisherKey } from '../src/core/packs/signing';

export interface SimSchool {
  index: number;
  name: string;
  privateKeyPem: string;
  key: PublisherKey;
  pupils: BundlePupil[];
  devices: string[];
}

export interface SimShape {
  schools: number;
  pupils: number;
  lessons: number;
  /** Scored attempts per pupil and lesson, about. */
  attempts: number;
  /** How many bundles each school's events are cut into (syncs), in time order. */
  bundlesPerSchool: number;
}

export const FULL_SCALE: SimShape = { schools: 200, pupils: 300, lessons: 14, attempts: 12, bundlesPerSchool: 1 };

export function scaled(scale = Number(process.env.KITE_COUNTY_SCALE ?? '0.02')): SimShape {
  const s = Math.min(1, Math.max(0.001, scale));
  return { ...FULL_SCALE, schools: Math.max(2, Math.round(FULL_SCALE.schools * Math.sqrt(s))), pupils: Math.max(10, Math.round(FULL_SCALE.pupils * Math.sqrt(s))) };
}

/** mulberry32: a small seeded generator. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

export function simSchool(index: number, pupils: number): SimSchool {
  const { privateKeyPem, publicKey } = generateKeyPair();
  const rand = random(index * 7919 + 1);
  const classes = Math.max(1, Math.ceil(pupils / 40));
  return {
    index,
    name: `Test school ${index + 1}`,
    privateKeyPem,
    key: publicKey,
    pupils: Array.from({ length: pupils }, (_, p) => {
      const klass = Math.floor(rand() * classes);
      return { t: 'pupil', id: hex(`pupil ${index} ${p}`), grade: (klass % 6) + 1, classId: hex(`class ${index} ${klass}`) };
    }),
    devices: Array.from({ length: Math.max(2, Math.ceil(pupils / 30)) }, (_, d) => `pc-${index}-${d + 1}`),
  };
}

/**
 * A school's events in time order, each with its device's next sequence number: per pupil and lesson a
 * position, about `attempts` scored attempts over six questions, and (for most) a finish with stars.
 */
export function simEvents(school: SimSchool, shape: Pick<SimShape, 'lessons' | 'attempts'>, start = Date.parse('2026-09-01T00:00:00Z')): BundleEvent[] {
  const rand = random(school.index * 104729 + 17);
  const events: Omit<BundleEvent, 'device_seq'>[] = [];
  const day = 86_400_000;
  for (const pupil of school.pupils) {
    const device = school.devices[Math.floor(rand() * school.devices.length)] as string;
    for (let lesson = 0; lesson < shape.lessons; lesson++) {
      let at = start + lesson * 7 * day + Math.floor(rand() * 5 * day);
      const base = { t: 'event' as const, device_id: device, pupil_id: pupil.id, pack_id: 'org.kite.safe-online', pack_version: '1.0.0', lesson_id: `lesson-${lesson + 1}` };
      const none = { step_id: null, activity_type: null, answer_json: null, correct: null, hints_used: null, time_ms: null, score: null, stars: null };
      const tick = () => new Date((at += 1000 + Math.floor(rand() * 60_000))).toISOString();
      events.push({ ...base, ...none, id: '', kind: 'position', step_id: 'q1', at: tick() });
      const tries = Math.max(1, Math.round(shape.attempts * (0.6 + rand() * 0.8)));
      for (let i = 0; i < tries; i++) {
        const step = `q${(i % 6) + 1}`;
        const correct = rand() < 0.35 + (lesson % 5) * 0.1 ? 1 : 0;
        events.push({ ...base, ...none, id: '', kind: 'attempt', step_id: step, activity_type: 'single-choice', answer_json: `{"chosen":[${i % 3}]}`, correct, hints_used: correct ? 0 : 1, time_ms: 2000 + Math.floor(rand() * 20_000), at: tick() });
      }
      if (rand() < 0.8) events.push({ ...base, ...none, id: '', kind: 'finish', score: 60 + Math.floor(rand() * 41), stars: 1 + Math.floor(rand() * 3), at: tick() });
    }
  }
  events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const seqs = new Map<string, number>();
  return events.map((e) => {
    const seq = (seqs.get(e.device_id) ?? 0) + 1;
    seqs.set(e.device_id, seq);
    return { ...e, id: `ev-${school.index}-${e.device_id}-${seq}`, device_seq: seq };
  });
}

export interface BundleContent {
  events: BundleEvent[];
  /** Default: the pupils the events name. */
  pupils?: BundlePupil[];
  /** The school's clock when it made the bundle. Default: the last event's time. */
  createdAt?: string;
  /** Default: per device, from its lowest to its highest device_seq in `events`. */
  ranges?: BundleHeader['ranges'];
  /** Sign with another key than the school's (a forged bundle). */
  signWith?: string;
}

export function rangesOf(events: BundleEvent[]): BundleHeader['ranges'] {
  const ranges = new Map<string, { deviceId: string; from: number; to: number }>();
  for (const e of events) {
    const r = ranges.get(e.device_id);
    if (!r) ranges.set(e.device_id, { deviceId: e.device_id, from: e.device_seq, to: e.device_seq });
    else [r.from, r.to] = [Math.min(r.from, e.device_seq), Math.max(r.to, e.device_seq)];
  }
  return [...ranges.values()];
}

/** Write a signed .kbundle exactly as a school does (gzip JSON lines, hash chain, Ed25519). */
export async function writeSimBundle(file: string, school: SimSchool, content: BundleContent): Promise<{ chain: string }> {
  const named = new Set(content.events.map((e) => e.pupil_id));
  const pupils = content.pupils ?? school.pupils.filter((p) => named.has(p.id));
  const header: BundleHeader = {
    t: 'kbundle',
    format: BUNDLE_FORMAT,
    schoolKeyId: school.key.keyId,
    schoolName: school.name,
    createdAt: content.createdAt ?? content.events[content.events.length - 1]?.at ?? new Date().toISOString(),
    appVersion: '0.1.0',
    ranges: content.ranges ?? rangesOf(content.events),
    events: content.events.length,
  };
  const result = { chain: '' };
  function* lines(): Generator<string> {
    const headerLine = JSON.stringify(header);
    const chain = startChain(headerLine);
    yield headerLine + '\n';
    for (const item of [...pupils, ...content.events]) {
      const line = JSON.stringify(item);
      chain.add(line);
      yield line + '\n';
    }
    result.chain = chain.hex();
    const trailer: BundleTrailer = { t: 'end', events: content.events.length, chain: result.chain, ...signChain(result.chain, content.signWith ?? school.privateKeyPem) };
    if (content.signWith) trailer.keyId = school.key.keyId;
    yield JSON.stringify(trailer) + '\n';
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await pipeline(Readable.from(lines()), zlib.createGzip({ level: 1 }), fs.createWriteStream(file));
  return result;
}

/** Split a school's events into `parts` bundles in time order (each covers a contiguous range per device). */
export function cut<T>(items: T[], parts: number): T[][] {
  const size = Math.ceil(items.length / parts);
  return Array.from({ length: parts }, (_, i) => items.slice(i * size, (i + 1) * size)).filter((part) => part.length > 0);
}
