import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { errorText } from '../../lib/errors';
import { useAsync } from '../../lib/useAsync';
import { ErrorNotice } from '../../components/ErrorNotice';
import { SendToRoom } from './SendToRoom';
import { WhoHasWhat } from './WhoHasWhat';

/** Online/offline is not an event of its own: look again now and then. */
const REFRESH_MS = 10_000;

/** On the hub: send packs and videos to the room, and see who has what (updated as pupil PCs report). */
export function RoomContentPanel() {
  const { t } = useTranslation();
  const loaded = useAsync(() => api.invoke('room.content'));
  const { reload } = loaded;
  useEffect(() => {
    const off = api.on('room.content', () => reload());
    const timer = setInterval(() => reload(), REFRESH_MS);
    return () => (off(), clearInterval(timer));
  }, [reload]);
  const content = loaded.data;
  if (loaded.error !== undefined) return <ErrorNotice>{errorText(t, loaded.error)}</ErrorNotice>;
  if (!content) return null;
  return (
    <>
      <SendToRoom content={content} onSent={reload} />
      <WhoHasWhat content={content} />
    </>
  );
}
