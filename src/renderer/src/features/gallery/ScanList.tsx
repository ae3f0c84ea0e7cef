import { useTranslation } from 'react-i18next';
import type { ScanEntry, ScanResult } from '../../../../shared/contract';
import type { Playback } from './playable';
import { formatBytes } from '../packs/text';

export const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : bytes < 10 * 1024 * 1024 ? 1 : 0);

/**
 * What a scan found, each file with a box to leave it out. Before anything is copied, the teacher
 * is told in plain words which videos this PC plays only from the small copy, or not at all.
 */
export function ScanList({ scan, playback, chosen, onToggle }: { scan: ScanResult; playback: Map<string, Playback> | undefined; chosen: Set<string>; onToggle: (path: string) => void }) {
  const { t, i18n } = useTranslation();
  const size = (bytes: number) => formatBytes(bytes, i18n.language);
  const cannotPlay = scan.entries.filter((e) => playback?.get(e.path) === 'none').length;
  const note = (e: ScanEntry) => {
    const how = e.kind === 'video' ? playback?.get(e.path) : undefined;
    if (how === 'proxy') return <span> · {t('gallery.teacher.willUseProxy')}</span>;
    if (how === 'none') return <span className="scan-warning"> · {t('gallery.teacher.cannotPlayHere')}</span>;
    return null;
  };
  return (
    <>
      <p role="status">{t('gallery.teacher.found', { videos: scan.videos, photos: scan.photos, srts: scan.srts, lrfs: scan.lrfs, size: size(scan.totalBytes), free: size(scan.freeBytes) })}</p>
      {cannotPlay > 0 && (
        <p role="alert" className="notice warn">
          {t('gallery.teacher.scanCannotPlay', { count: cannotPlay })}
        </p>
      )}
      {scan.entries.length > 0 && (
        <ul className="scan-list">
          {scan.entries.map((e) => (
            <li key={e.path}>
              <label className="check">
                <input type="checkbox" checked={chosen.has(e.path)} disabled={!!e.problem} onChange={() => onToggle(e.path)} />
                <span>
                  <b>{e.path}</b> · {t(e.kind === 'video' ? 'gallery.teacher.video' : 'gallery.teacher.photo')} · {size(e.size)}
                  {e.srt && ` · ${t('gallery.teacher.withSrt')}`}
                  {e.lrf && ` · ${t('gallery.teacher.withLrf')}`}
                  {e.problem && ` · ${t('gallery.teacher.emptyFile')}`}
                  {note(e)}
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
