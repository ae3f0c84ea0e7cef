import fs from 'node:fs';
import { z } from 'zod';
import { ContentItem } from '../../../shared/contract/hub-content';
import type { ErrorPayload } from '../../../shared/errors';
import type { EventBus } from '../../events';
import type { Jobs } from '../../jobs';
import type { Logger } from '../../log/logger';
import type { MediaService } from '../../media';
import { inLanguage } from '../../packs/lesson-text';
import { compareVersions } from '../../packs/semver';
import type { PackService } from '../../packs/service';
import type { HubClient } from '../client';
import { fetchVerified } from './fetch';
import type { HoldingsReport } from './holdings';
import { importFetched } from './install';

/** Failures that pass when the hub is back: the item waits at the head of the queue. */
const TRANSIENT = new Set(['hub_unreachable', 'job_interrupted']);
const REPORT_MS = 1000;
const RETRY_MS = 2000;
const Offer = z.array(ContentItem);

export interface FollowDeps {
  client: HubClient;
  jobs: Jobs;
  packs: PackService;
  media: MediaService;
  events: EventBus;
  log: Logger;
  /** Where partial downloads wait (<data>/hub/downloads). */
  dir: string;
  language: () => string;
}

/**
 * A pupil PC's side of distribution: fetch what the hub offers (and the pack of the lesson the hub's
 * session follows) one file at a time, each as a hub.fetch job, and tell the hub what this PC has,
 * including packs and videos copied in by hand from a USB stick.
 */
export function followContent({ client, jobs, packs, media, events, log, dir, language }: FollowDeps): () => void {
  const queue: ContentItem[] = [];
  const failed = new Map<string, { item: ContentItem; error: ErrorPayload }>();
  let current: { item: ContentItem; bytesDone: number } | undefined;
  let stopped = false;
  let reportTimer: NodeJS.Timeout | undefined;
  let lastReport = 0;

  /** A pack counts as held in the offered version or a newer one (a hub never takes a PC's pack back to an older version). */
  const holds = (item: ContentItem) => (item.kind === 'pack' ? packs.list().some((p) => p.id === item.packId && compareVersions(p.version, item.version ?? '0.0.0') >= 0) : media.has(item.sha256));

  function want(items: ContentItem[], front = false): void {
    for (const item of items) {
      if (holds(item) || current?.item.sha256 === item.sha256 || queue.some((q) => q.sha256 === item.sha256)) continue;
      failed.delete(item.sha256);
      if (front) queue.unshift(item);
      else queue.push(item);
    }
    report();
    void pump();
  }

  async function pump(): Promise<void> {
    if (stopped || current || queue.length === 0 || client.status().link !== 'online') return;
    const item = queue.shift() as ContentItem;
    if (holds(item)) return void pump();
    current = { item, bytesDone: 0 };
    const { jobId } = jobs.start('hub.fetch', async (job) => {
      const progress = (bytesDone: number) => {
        if (current) current.bytesDone = bytesDone;
        job.progress({ sha256: item.sha256, name: item.name, bytesDone, bytesTotal: item.size });
        report();
      };
      const file = await fetchVerified(item, { client, dir, log, signal: job.signal, onBytes: progress });
      try {
        await importFetched(item, file, { packs, media, staging: job.staging(), signal: job.signal });
      } finally {
        fs.rmSync(file, { force: true });
      }
      log.info('a file from the hub is in use', { sha256: item.sha256, kind: item.kind, name: item.name });
      return { sha256: item.sha256, kind: item.kind };
    });
    const ended = await jobs.wait<'hub.fetch'>(jobId);
    current = undefined;
    if (ended.status === 'failed' && ended.error && TRANSIENT.has(ended.error.code) && !stopped) {
      queue.unshift(item);
      setTimeout(() => void pump(), RETRY_MS).unref();
    } else if (ended.status !== 'finished' && ended.error) {
      failed.set(item.sha256, { item, error: ended.error });
      log.warn('a file from the hub could not be used', { sha256: item.sha256, code: ended.error.code });
    }
    report(true);
    void pump();
  }

  function holdings(): HoldingsReport {
    const transfers: HoldingsReport['transfers'] = [];
    const base = (item: ContentItem) => ({ sha256: item.sha256, name: item.name, kind: item.kind, bytesTotal: item.size });
    if (current) transfers.push({ ...base(current.item), status: 'downloading', bytesDone: current.bytesDone });
    for (const item of queue) transfers.push({ ...base(item), status: 'queued', bytesDone: 0 });
    for (const { item, error } of failed.values()) transfers.push({ ...base(item), status: 'failed', bytesDone: 0, error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } });
    return {
      packs: packs.list().map((p) => ({ id: p.id, version: p.version, title: inLanguage(p.title, language()).slice(0, 300) })),
      media: media.list().map((m) => ({ sha256: m.sha256, title: m.title.slice(0, 300) })),
      transfers,
    };
  }

  /** Tell the hub (at most once a second; `now` for an end or a change of what is held). */
  function report(now = false): void {
    if (stopped || client.status().link !== 'online') return;
    const wait = now ? 0 : Math.max(0, lastReport + REPORT_MS - Date.now());
    if (reportTimer && !now) return;
    clearTimeout(reportTimer);
    reportTimer = setTimeout(() => {
      reportTimer = undefined;
      lastReport = Date.now();
      // A core closed without stopping its room (a power cut in the tests) has nothing to say any more.
      let held: HoldingsReport;
      try {
        held = holdings();
      } catch {
        return;
      }
      client.call('content.report', held).catch((error: unknown) => log.warn('could not tell the hub what this PC has', { error: String(error) }));
    }, wait);
    reportTimer.unref();
  }

  const askOffer = () =>
    client
      .call('content.offer', {})
      .then((offer) => want(Offer.parse(offer)))
      .catch((error: unknown) => log.warn("could not read what the teacher's PC sends", { error: String(error) }));

  /** The hub's session follows a lesson this PC lacks: fetch its pack first. */
  const sessionPack = (state: unknown) => {
    const packId = (state as { live?: { lesson?: { packId?: unknown } } | null } | null)?.live?.lesson?.packId;
    if (typeof packId !== 'string' || packs.list().some((p) => p.id === packId)) return;
    client
      .call('content.pack', { packId })
      .then((item) => want([ContentItem.parse(item)], true))
      .catch((error: unknown) => log.warn("could not fetch the session's lesson pack", { packId, error: String(error) }));
  };

  const offs = [
    client.onMessage('content.offer', (offer) => want(Offer.parse(offer))),
    client.onMessage('session.state', sessionPack),
    client.onStatus((status) => {
      if (status.link !== 'online') return;
      report(true);
      void askOffer();
    }),
    events.subscribe((name) => (name === 'packs.changed' || name === 'media.changed') && report()),
  ];
  if (client.status().link === 'online') void askOffer();
  return () => {
    stopped = true;
    clearTimeout(reportTimer);
    offs.forEach((off) => off());
  };
}
