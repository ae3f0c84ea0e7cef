import { useTranslation } from 'react-i18next';
import type { HeadsetItem } from '../../../../shared/headset';
import { RichText } from '../../components/RichText';
import { SpokenHeading } from './SpokenHeading';
import { VR_DEMOS, type VrDemoId } from '../vr/demos';

/** Where the headset app is: the list, one 360° photo or video, or one demo (kept in the address's #, so Back and a reload come back). */
export type HeadsetPlace = { kind: 'home' } | { kind: 'tour' } | { kind: 'item'; sha256: string } | { kind: 'demo'; id: VrDemoId };

export const placeHash = (place: HeadsetPlace): string => (place.kind === 'home' ? '#/' : place.kind === 'tour' ? '#/tour' : place.kind === 'item' ? `#/item/${place.sha256}` : `#/demo/${place.id}`);

/**
 * A card's picture: the gallery's small picture, or a sign of the kind until a PC's gallery has drawn one
 * (never the full 360° photo: a page of 4096×2048 pictures is more than a headset's browser can hold).
 */
export function CardPicture({ item }: { item: HeadsetItem }) {
  return item.thumbnailUrl ? (
    <img src={item.thumbnailUrl} alt="" loading="lazy" decoding="async" />
  ) : (
    <span className="headset-card-glyph" aria-hidden="true">
      {item.kind === 'video' ? '▶' : '360°'}
    </span>
  );
}

/** The headset's home: big cards for every 360° photo and video the teacher has, and the demos that have a headset view. */
export function HeadsetHome({ items, tourCard }: { items: HeadsetItem[]; tourCard?: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="headset-home">
      {tourCard}
      <SpokenHeading text={t('headset.home.pick')} />
      <section aria-labelledby="headset-pictures">
        <h2 id="headset-pictures">
          <RichText text={t('headset.home.pictures')} />
        </h2>
        {items.length === 0 ? (
          <p className="notice info">
            <RichText text={t('headset.home.none')} />
          </p>
        ) : (
          <ul className="headset-cards">
            {items.map((item) => (
              <li key={item.sha256}>
                <a className="headset-card" href={placeHash({ kind: 'item', sha256: item.sha256 })}>
                  <CardPicture item={item} />
                  <span className="headset-card-title">{item.title}</span>
                  <span className="headset-card-kind">{t(item.kind === 'video' ? 'headset.home.video' : 'headset.home.photo')}</span>
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="headset-demos">
        <h2 id="headset-demos">
          <RichText text={t('headset.home.demos')} />
        </h2>
        <ul className="headset-cards">
          {(Object.keys(VR_DEMOS) as VrDemoId[]).map((id) => (
            <li key={id}>
              <a className="headset-card" href={placeHash({ kind: 'demo', id })}>
                <span className="headset-card-glyph" aria-hidden="true">
                  ✈
                </span>
                <span className="headset-card-title">{t(`demos.${id}.title`)}</span>
                <span className="headset-card-kind">{t('headset.home.demo')}</span>
              </a>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
