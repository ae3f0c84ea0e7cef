import { useTranslation } from 'react-i18next';
import type { Phase } from './usePackImport';
import { formatBytes } from './text';

/** Sending or checking a pack: how far, how long still, and a way to stop. */
export function PackImportProgress({ phase }: { phase: Extract<Phase, { kind: 'working' }> }) {
  const { t, i18n } = useTranslation();
  const elapsed = (phase.at - phase.startedAt) / 1000;
  const rate = elapsed > 0.5 ? phase.done / elapsed : 0;
  const secondsLeft = rate > 0 && phase.total > phase.done ? Math.ceil((phase.total - phase.done) / rate) : undefined;
  const label = t(phase.step === 'upload' ? 'packs.progress.upload' : 'packs.progress.check');
  return (
    <div className="import-progress">
      <p id="import-progress-label">{label}</p>
      <progress aria-labelledby="import-progress-label" max={Math.max(phase.total, 1)} value={Math.min(phase.done, phase.total)} />
      <p role="status" className="progress-text">
        {t('packs.progress.bytes', { done: formatBytes(phase.done, i18n.language), total: formatBytes(phase.total, i18n.language) })}
        {secondsLeft !== undefined && ` · ${t('packs.progress.left', { seconds: secondsLeft })}`}
      </p>
      <button type="button" className="secondary" onClick={phase.cancel}>
        {t('packs.progress.cancel')}
      </button>
    </div>
  );
}
