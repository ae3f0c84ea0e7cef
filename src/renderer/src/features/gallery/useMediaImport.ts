import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportProgress, ImportReport, ScanResult } from '../../../../shared/contract';
import { api } from '../../api/client';
import { followJob, resultOf } from '../../api/jobs';
import { errorText } from '../../lib/errors';
import { playbackOf } from './playable';
import { ensurePictures } from './thumbnails';

/** The names of imported videos this PC cannot play (pupils will not see them). */
async function unplayable(shas: string[]): Promise<string[]> {
  const items = await Promise.all(shas.map((ref) => api.invoke('media.get', { ref })));
  const how = await Promise.all(items.map(playbackOf));
  return items.filter((_, i) => how[i] === 'none').map((item) => item.originalName.split('/').pop() ?? item.title);
}

export type ThumbsState = { done: number; total: number; failed: number };

/**
 * The import's steps and their state: scan a folder, choose files, import them as a job with
 * progress and cancel, then make the thumbnails and preview strips here in the renderer.
 */
export function useMediaImport(onImported: () => void) {
  const { t } = useTranslation();
  const [scan, setScan] = useState<ScanResult>();
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [progress, setProgress] = useState<ImportProgress>();
  const [report, setReport] = useState<ImportReport>();
  const [thumbs, setThumbs] = useState<ThumbsState>();
  const [error, setError] = useState<string>();
  const [cannotPlay, setCannotPlay] = useState<string[]>([]);
  const jobId = useRef<string | undefined>(undefined);

  /** Thumbnails and preview strips, made here in the renderer after the copy. */
  const pictures = async (shas: string[]) => {
    if (shas.length === 0) return;
    const state = { done: 0, total: shas.length, failed: 0 };
    setThumbs({ ...state });
    for (const sha256 of shas) {
      try {
        await ensurePictures(await api.invoke('media.get', { ref: sha256 }));
      } catch {
        state.failed++;
      }
      state.done++;
      setThumbs({ ...state });
    }
    onImported();
  };

  const finish = (r: ImportReport) => {
    setReport(r);
    onImported();
    void unplayable(r.imported).then(setCannotPlay);
    void pictures(r.imported);
  };

  const scanFolder = async (dir: string) => {
    setError(undefined);
    setReport(undefined);
    setCannotPlay([]);
    try {
      const result = await api.invoke('media.scan', { path: dir });
      setScan(result);
      setChosen(new Set(result.entries.filter((e) => !e.problem).map((e) => e.path)));
    } catch (e) {
      setScan(undefined);
      setError(errorText(t, e));
    }
  };
  const start = async () => {
    if (!scan) return;
    setError(undefined);
    setProgress({ importId: '', filesDone: 0, filesTotal: chosen.size, bytesDone: 0, bytesTotal: 0, etaSeconds: null, current: null });
    try {
      const job = await followJob<'media.import'>(() => api.invoke('media.import', { scanId: scan.scanId, paths: [...chosen] }), {
        onStarted: (id) => (jobId.current = id),
        onProgress: setProgress,
      });
      finish(resultOf(job));
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      jobId.current = undefined;
      setProgress(undefined);
    }
  };
  const toggle = (p: string) => {
    const next = new Set(chosen);
    if (next.has(p)) next.delete(p);
    else next.add(p);
    setChosen(next);
  };
  const cancel = () => jobId.current && void api.invoke('jobs.cancel', { jobId: jobId.current });

  return { scan, chosen, progress, report, thumbs, error, cannotPlay, scanFolder, start, toggle, cancel };
}
