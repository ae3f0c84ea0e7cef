import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InputOf, SessionDashboard } from '../../../../shared/contract';
import { api } from '../../api/client';
import { errorText } from '../../lib/errors';
import { timed } from './hubClock';

type TeacherMethod =
  | 'session.start'
  | 'session.end'
  | 'session.setMode'
  | 'session.goToStep'
  | 'session.setStuckMinutes'
  | 'session.pause'
  | 'session.resume'
  | 'session.clearHands'
  | 'session.startPoll'
  | 'session.showResults'
  | 'session.endPoll'
  | 'session.showAnswer'
  | 'session.openTour'
  | 'session.pointTour'
  | 'session.recentreTour'
  | 'session.playTour'
  | 'session.closeTour';

/** The teacher's live dashboard: pushed on every change, read again every few seconds (online / stuck follow the clock). */
export function useTeacherSession() {
  const { t } = useTranslation();
  const [board, setBoard] = useState<SessionDashboard>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    // Each answer also sets this screen's reading of the hub's clock (a video tour's clock runs on it).
    const read = () => timed(() => api.invoke('session.dashboard')).then(setBoard, (e: Error) => setError(errorText(t, e)));
    void read();
    const off = api.on('session.dashboard', setBoard);
    const timer = setInterval(() => void read(), 5000);
    return () => {
      off();
      clearInterval(timer);
    };
  }, [t]);

  const act = useCallback(
    async <M extends TeacherMethod>(method: M, input: InputOf<M>): Promise<boolean> => {
      setError(undefined);
      try {
        setBoard(await timed(async () => (await api.invoke(method as TeacherMethod, input as never)) as SessionDashboard));
        return true;
      } catch (e) {
        setError(errorText(t, e));
        return false;
      }
    },
    [t],
  );
  return { board, error, act };
}
export type SessionAct = ReturnType<typeof useTeacherSession>['act'];
