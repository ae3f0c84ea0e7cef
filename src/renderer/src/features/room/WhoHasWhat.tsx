import { useTranslation } from 'react-i18next';
import { errorText } from '../../lib/errors';
import type { ContentItem, PcHoldings, RoomContent } from '../../../../shared/contract';
import { KiteError } from '../../../../shared/errors';

/** How one pupil PC stands with one item the teacher sent. */
function cellOf(pc: PcHoldings, item: ContentItem): { state: 'has' | 'otherVersion' | 'downloading' | 'queued' | 'failed' | 'missing'; percent?: number; version?: string; error?: KiteError } {
  const transfer = pc.transfers.find((x) => x.sha256 === item.sha256);
  if (item.kind === 'pack') {
    const pack = pc.packs.find((p) => p.id === item.packId);
    if (pack?.version === item.version) return { state: 'has' };
    if (!transfer && pack) return { state: 'otherVersion', version: pack.version };
  } else if (pc.media.some((m) => m.sha256 === item.sha256)) return { state: 'has' };
  if (!transfer) return { state: 'missing' };
  if (transfer.status === 'failed') return { state: 'failed', error: transfer.error ? KiteError.fromPayload(transfer.error) : undefined };
  const percent = transfer.bytesTotal > 0 ? Math.floor((transfer.bytesDone / transfer.bytesTotal) * 100) : 0;
  return { state: transfer.status, percent };
}

/** The teacher's "who has what": per pupil PC, each sent item (has it, downloading n %, failed and why) and what else it holds. */
export function WhoHasWhat({ content }: { content: RoomContent }) {
  const { t } = useTranslation();
  const { offer, pcs } = content;
  const other = (pc: PcHoldings) => [
    ...pc.packs.filter((p) => !offer.some((o) => o.packId === p.id)).map((p) => `${p.title} ${t('room.content.version', { version: p.version })}`),
    ...pc.media.filter((m) => !offer.some((o) => o.sha256 === m.sha256)).map((m) => m.title),
  ];
  return (
    <section className="card room-holdings" aria-labelledby="room-holdings-title">
      <h2 id="room-holdings-title">{t('room.content.who.title')}</h2>
      {pcs.length === 0 ? (
        <p>{t('room.devices.none')}</p>
      ) : (
        <div className="room-holdings-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('room.content.who.pc')}</th>
                {offer.map((item) => (
                  <th scope="col" key={item.sha256}>
                    {item.name}
                    <span className="room-small"> {item.kind === 'pack' ? t('room.content.version', { version: item.version }) : t('room.content.who.video')}</span>
                  </th>
                ))}
                <th scope="col">{t('room.content.who.other')}</th>
              </tr>
            </thead>
            <tbody>
              {pcs.map((pc) => (
                <tr key={pc.deviceId}>
                  <th scope="row">
                    {pc.name}
                    <span className={`room-online ${pc.online ? 'on' : 'off'}`}>{pc.online ? t('room.content.who.online') : t('room.content.who.offline')}</span>
                  </th>
                  {offer.map((item) => (
                    <td key={item.sha256}>
                      <Cell cell={cellOf(pc, item)} />
                    </td>
                  ))}
                  <td>{other(pc).join('、') || '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Cell({ cell }: { cell: ReturnType<typeof cellOf> }) {
  const { t } = useTranslation();
  if (cell.state === 'downloading') {
    return (
      <span className="room-cell downloading">
        {t('room.content.who.downloading', { percent: cell.percent })}
        <progress max={100} value={cell.percent} aria-label={t('room.content.who.downloading', { percent: cell.percent })} />
      </span>
    );
  }
  if (cell.state === 'failed') {
    return (
      <span className="room-cell failed">
        <strong>{t('room.content.who.failed')}</strong> {cell.error ? errorText(t, cell.error).split('\n')[0] : ''}
      </span>
    );
  }
  return <span className={`room-cell ${cell.state}`}>{t(`room.content.who.${cell.state}`, { version: cell.version })}</span>;
}
