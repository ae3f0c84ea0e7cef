import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/core';
import { startPackImport } from '../../src/core/packs/import-job';
import { createDispatcher } from '../../src/handlers/dispatch';
import type { EventName, JobView, PackPreview } from '../../src/shared/contract';
import { KiteError } from '../../src/shared/errors';
import { buildFixturePack } from '../support/packs';
import { tempDir } from '../support/temp';

const RUNNER = path.join(__dirname, '../support/job-runner.ts');
const cores: Core[] = [];
afterEach(() => {
  for (const core of cores.splice(0)) core.close();
});
function open(dataDir = tempDir('kite-jobs-')): Core {
  const core = createCore({ dataDir });
  cores.push(core);
  return core;
}
/** Every jobs.* event the core sends, in order. */
function record(core: Core): { name: EventName; job: JobView }[] {
  const seen: { name: EventName; job: JobView }[] = [];
  core.events.subscribe((name, payload) => name.startsWith('jobs.') && seen.push({ name, job: payload as JobView }));
  return seen;
}
const preview = (bytes: number): PackPreview => ({ stagingId: `s${bytes}` }) as PackPreview;

describe('one job model for long work', () => {
  it('reports progress and its result as jobs.progress / jobs.finished, and keeps the end for jobs.get', async () => {
    const core = open();
    const events = record(core);
    const { jobId } = core.jobs.start('packs.import', async (job) => {
      for (const bytesDone of [0, 50, 100]) job.progress({ bytesDone, bytesTotal: 100 }, true);
      return preview(100);
    });
    expect(core.jobs.get(jobId)).toMatchObject({ jobId, kind: 'packs.import', status: 'running', result: null, error: null });
    const ended = await core.jobs.wait(jobId);
    expect(ended).toMatchObject({ status: 'finished', result: { stagingId: 's100' }, progress: { bytesDone: 100 }, finishedAt: expect.any(String) });
    expect(events.map((e) => [e.name, e.job.progress && 'bytesDone' in e.job.progress ? e.job.progress.bytesDone : null])).toEqual([
      ['jobs.progress', 0],
      ['jobs.progress', 50],
      ['jobs.progress', 100],
      ['jobs.finished', 100],
    ]);
    expect(core.jobs.get(jobId)).toEqual(ended);
  });

  it('cancels: the job sees its signal, ends as cancelled, and a second cancel finds nothing running', async () => {
    const core = open();
    const { jobId } = core.jobs.start('packs.import', (job) => new Promise((_, reject) => job.signal.addEventListener('abort', () => reject(new KiteError('cancelled', 'stopped')))));
    expect(core.jobs.cancel(jobId)).toEqual({ cancelled: true });
    expect(await core.jobs.wait(jobId)).toMatchObject({ status: 'cancelled', result: null, error: { code: 'cancelled' } });
    expect(core.jobs.cancel(jobId)).toEqual({ cancelled: false });
    await expect(core.jobs.run('packs.import', async (job) => (core.jobs.cancel(job.jobId), preview(1)))).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('fails with the KiteError payload the UI translates; anything else is an internal error, logged', async () => {
    const core = open();
    const full = await core.jobs.wait(core.jobs.start('backups.create', () => Promise.reject(new KiteError('disk_full', 'full', { details: { need: 5 } }))).jobId);
    expect(full).toMatchObject({ status: 'failed', result: null, error: { code: 'disk_full', details: { need: 5 } } });
    await expect(core.jobs.run('backups.create', () => Promise.reject(new Error('boom')))).rejects.toMatchObject({ code: 'internal', message: expect.stringContaining('boom') });
    // The system's own errors a teacher can act on: a full disk, and a file the app may not open (a pack on a locked stick).
    const systemError = (code: string, file?: string) => Object.assign(new Error(`${code}: from the system`), { code, path: file });
    await expect(core.jobs.run('packs.import', () => Promise.reject(systemError('EDQUOT')))).rejects.toMatchObject({ code: 'disk_full' });
    await expect(core.jobs.run('packs.import', () => Promise.reject(systemError('EACCES', '/media/usb/safe-online.kpack')))).rejects.toMatchObject({
      code: 'file_not_allowed',
      message: expect.stringContaining('not allowed to open /media/usb/safe-online.kpack'),
      details: { path: '/media/usb/safe-online.kpack' },
    });
    const log = fs.readdirSync(core.layout.logs).map((f) => fs.readFileSync(path.join(core.layout.logs, f), 'utf8')).join('');
    expect(log).toMatch(/a job failed.*boom/);
    // Removes its staging folder however it ends.
    let staging = '';
    await core.jobs.wait(core.jobs.start('packs.import', async (job) => {
      staging = job.staging();
      fs.writeFileSync(path.join(staging, 'part'), 'x');
      throw new KiteError('pack_invalid', 'bad');
    }).jobId);
    expect(fs.existsSync(staging)).toBe(false);
  });

  it('gives a client that learns the id after the end the result, even after a restart', async () => {
    const dataDir = tempDir('kite-jobs-');
    const core = open(dataDir);
    const dispatch = createDispatcher(core);
    const session = core.sessions.create();
    await dispatch('auth.setPin', { pin: '2468' }, { session });
    const finished = new Promise<JobView>((resolve) => core.events.subscribe((name, payload) => name === 'jobs.finished' && resolve(payload as JobView)));
    const pack = await buildFixturePack(tempDir());
    const started = await dispatch('packs.preview', { source: { kind: 'path', path: pack } }, { session });
    if (!started.ok) throw new Error(started.error.message);
    const { jobId } = started.result as { jobId: string };
    // The UI only now reads the id: the end event has long gone by.
    const end = await finished;
    const late = await dispatch('jobs.get', { jobId }, { session });
    expect(late).toEqual({ ok: true, result: end });
    expect(end).toMatchObject({ status: 'finished', result: { id: 'org.example.test-pack', version: '1.0.0' } });
    core.close();
    cores.length = 0;
    expect(open(dataDir).jobs.get(jobId)).toEqual(end);
  });

  it('cancels a pack import while it unpacks: nothing staged is left and nothing installed', async () => {
    const core = open();
    core.events.subscribe((name, payload) => name === 'jobs.progress' && core.jobs.cancel((payload as JobView).jobId));
    const { jobId } = startPackImport(core.packs, core.jobs, { kind: 'path', path: await buildFixturePack(tempDir()) });
    expect(await core.jobs.wait(jobId)).toMatchObject({ kind: 'packs.import', status: 'cancelled', result: null, progress: { bytesDone: expect.any(Number) } });
    expect(fs.readdirSync(core.layout.tmp)).toEqual([]);
    expect(core.packs.list()).toEqual([]);
  });

  it('is the teacher\'s: a pupil can neither read nor cancel a job (its events are teacher events, see server-hostile)', async () => {
    const core = open();
    const dispatch = createDispatcher(core);
    const session = core.sessions.create();
    const { jobId } = core.jobs.start('backups.create', () => core.backups.create('manual'));
    for (const method of ['jobs.get', 'jobs.cancel'] as const) expect(await dispatch(method, { jobId }, { session })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await core.jobs.wait(jobId)).toMatchObject({ status: 'finished', result: { name: expect.stringMatching(/manual/) } });
  });

  it('reports a job cut off by a kill as interrupted at the next start, its staging gone; a live process\'s job is left alone', { timeout: 60_000 }, async () => {
    const dataDir = tempDir('kite-jobs-');
    const child = spawn(process.execPath, ['--import', 'tsx', RUNNER, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const started = await new Promise<{ jobId: string; staging: string }>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => resolve(JSON.parse(chunk.toString()) as { jobId: string; staging: string }));
      child.on('exit', () => reject(new Error(`the job runner stopped by itself:\n${err}`)));
    });
    expect(fs.readdirSync(started.staging)).toEqual(['half-unpacked.bin']);

    // While the runner lives, another process on the same data folder leaves its job running.
    const beside = open(dataDir);
    expect(beside.jobs.get(started.jobId).status).toBe('running');
    beside.close();
    cores.length = 0;

    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    const core = open(dataDir);
    expect(core.jobs.get(started.jobId)).toMatchObject({ status: 'interrupted', kind: 'packs.import', error: { code: 'job_interrupted' }, finishedAt: expect.any(String) });
    expect(fs.existsSync(started.staging)).toBe(false);
  });
});
