import path from 'node:path';
import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { RoomContent } from '../../../shared/contract/hub-content';
import { KiteError } from '../../../shared/errors';
import type { EventBus } from '../../events';
import { sendFile } from '../../fs/send-file';
import type { Jobs } from '../../jobs';
import type { Logger } from '../../log/logger';
import type { MediaService } from '../../media';
import { inLanguage } from '../../packs/lesson-text';
import type { PackService } from '../../packs/service';
import type { Hub } from '../index';
import { followContent } from './follow';
import { createGate } from './gate';
import { createHoldings, HoldingsReport } from './holdings';
import { createOffer } from './offer';

/** Transfers the hub serves at once; the others wait their turn (FIFO). */
export const DEFAULT_TRANSFERS = 3;
const QUEUE_PING_MS = 4000;

export interface DistributionDeps {
  db: Database.Database;
  dataDir: string;
  hub: Hub;
  packs: PackService;
  media: MediaService;
  jobs: Jobs;
  events: EventBus;
  log: Logger;
  now: () => number;
  language: () => string;
  transfers?: number;
}

/**
 * Content goes out from the hub (issue 15): the teacher sends packs and videos to the room, pupil
 * PCs fetch them by SHA-256 over the room's HTTPS port (resumable, checked before use, a few at a
 * time), and the teacher sees who has what. See README.md in this folder.
 */
export function createDistribution({ db, dataDir, hub, packs, media, jobs, events, log, now, language, transfers = DEFAULT_TRANSFERS }: DistributionDeps) {
  const offer = createOffer({ db, dir: path.join(dataDir, 'hub', 'content'), packs, media, language });
  const holdings = createHoldings(db, now);
  const gate = createGate(transfers);
  const changed = (deviceId: string | null) => events.emit('room.content', { deviceId });

  /** What the teacher sees, pack titles in the language of the teacher's window. */
  function view(lang = language()): RoomContent {
    const installed = packs.list();
    const titleOf = (packId: string | undefined) => installed.find((p) => p.id === packId)?.title;
    return {
      sendable: {
        packs: installed.map((p) => ({ id: p.id, version: p.version, title: inLanguage(p.title, lang), signature: p.signature })),
        media: media.list().map((m) => ({ sha256: m.sha256, title: m.title, size: m.size })),
      },
      offer: offer.list().map((item) => {
        const title = titleOf(item.packId);
        return title ? { ...item, name: inLanguage(title, lang) } : item;
      }),
      // Headsets hold no packs or videos: only pupil PCs are listed.
      pcs: holdings.view(hub.devices.list('pupil-pc'), hub.roomHandler().connectedIds()),
    };
  }

  return {
    /** Register the hub's room routes: the offer, one session pack, holdings reports, and GET /room/content/<sha256>. */
    serve(): void {
      hub.routes.add('content.offer', z.object({}).strict(), () => offer.list());
      hub.routes.add('content.pack', z.object({ packId: z.string().min(1).max(200) }).strict(), (_device, { packId }) => offer.packItem(packId));
      hub.routes.add('content.report', HoldingsReport, (device, report) => {
        holdings.record(device.id, report);
        changed(device.id);
        return { ok: true };
      });
      hub.routes.addDownload('content', async (device, sha256, req, res) => {
        const file = offer.fileOf(sha256);
        if (!file) throw new KiteError('not_found', 'The teacher\'s PC does not have that file (any more).');
        const hungUp = new AbortController();
        res.on('close', () => hungUp.abort());
        // While it waits its turn, a "102 Processing" every few seconds tells the PC the hub is alive (no idle timeout).
        const waiting = setInterval(() => res.writeProcessing(), QUEUE_PING_MS);
        const release = await gate.acquire(hungUp.signal).finally(() => clearInterval(waiting));
        try {
          log.info('sending a file to a pupil PC', { device: device.name, sha256, range: req.headers.range ?? null });
          await new Promise<void>((resolve) => {
            res.on('close', resolve);
            sendFile(req, res, file, 'no-store', { 'Content-Type': 'application/octet-stream' });
          });
        } finally {
          release();
        }
      });
    },
    /** The teacher's "send to the room": remember the offer and tell every connected pupil PC. */
    async send(packIds: string[], mediaShas: string[], lang?: string): Promise<RoomContent> {
      if (hub.role() !== 'hub') throw new KiteError('conflict', "Only the teacher's PC of a room (hub mode) sends to the room.");
      const items = await offer.send(packIds, mediaShas);
      hub.routes.broadcast('content.offer', items);
      log.info('content sent to the room', { packs: packIds, media: mediaShas.length });
      changed(null);
      return view(lang);
    },
    view,
    /** How the hub's transfer limit is used (tests, bench). */
    transfers: () => gate.stats(),
    /** On a pupil PC: fetch what the hub sends and report what this PC has; returns stop. */
    follow(): () => void {
      return followContent({ client: hub.client, jobs, packs, media, events, log, dir: path.join(dataDir, 'hub', 'downloads'), language });
    },
  };
}
export type Distribution = ReturnType<typeof createDistribution>;
