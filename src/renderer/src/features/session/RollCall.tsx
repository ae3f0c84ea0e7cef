import { useTranslation } from 'react-i18next';
import type { SessionDashboard } from '../../../../shared/contract';
import type { SessionAct } from './useTeacherSession';
import { HandIcon } from './HandIcon';

/** "Where" in words: a window of this PC, or a pupil PC's name. */
export function placeWords(place: string | null, t: (key: string, options?: Record<string, unknown>) => string): string {
  if (!place) return '';
  const [kind, ...rest] = place.split(':');
  return kind === 'window' ? t('session.roll.window', { n: rest.join(':') }) : rest.join(':') || place;
}

/** 电子点名 and 电子举手: who is here (and where), who is missing, and the raised hands in order. */
export function RollCall({ board, act }: { board: SessionDashboard; act: SessionAct }) {
  const { t } = useTranslation();
  const here = board.pupils.filter((p) => p.online);
  const missing = board.pupils.filter((p) => !p.online);
  return (
    <div className="session-side">
      <section className="card session-hands" aria-labelledby="hands-title">
        <h2 id="hands-title">
          {t('session.hands.title')} <span className="count-badge">{board.hands.length}</span>
        </h2>
        {board.hands.length === 0 ? (
          <p className="muted">{t('session.hands.none')}</p>
        ) : (
          <>
            <ol className="hands-queue">
              {board.hands.map((h) => (
                <li key={h.pupilId}>
                  <HandIcon size={28} /> {h.name}
                  <button type="button" className="secondary small" aria-label={t('session.hands.lower', { name: h.name })} onClick={() => void act('session.clearHands', { pupilId: h.pupilId })}>
                    {t('session.hands.lowerShort')}
                  </button>
                </li>
              ))}
            </ol>
            <button type="button" className="secondary" onClick={() => void act('session.clearHands', {})}>
              {t('session.hands.clear')}
            </button>
          </>
        )}
      </section>
      <section className="card session-roll" aria-labelledby="roll-title">
        <h2 id="roll-title">{t('session.roll.title', { here: here.length, total: board.pupils.length })}</h2>
        <ul className="roll-list">
          {here.map((p) => (
            <li key={p.id}>
              <span className="dot online" aria-hidden="true" /> {p.name} <span className="muted">{placeWords(p.place, t)}</span>
            </li>
          ))}
        </ul>
        {missing.length > 0 && (
          <>
            <h3>{t('session.roll.missing', { count: missing.length })}</h3>
            <p className="roll-missing">{missing.map((p) => p.name).join('、')}</p>
          </>
        )}
      </section>
    </div>
  );
}
