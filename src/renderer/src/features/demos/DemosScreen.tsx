import { useTranslation } from 'react-i18next';
import { DEMO_IDS } from '../../../../shared/pack/steps';
import { hrefFor, useLocation } from '../../lib/router';
import { useApp } from '../../lib/store';
import { DemoView } from './DemoView';
import { DemoArt } from './DemoArt';
import type { DemoId } from './model/types';

const isDemo = (id: string | undefined): id is DemoId => (DEMO_IDS as readonly string[]).includes(id ?? '');

/** #/demos: the five demos to choose from; #/demos/<id>: one demo full screen. */
export function DemosScreen() {
  const { t } = useTranslation();
  const { params } = useLocation();
  const id = params[0];
  const autoplayNarration = useApp((s) => s.settings?.autoplayNarration ?? false);
  if (isDemo(id)) {
    return (
      <div className="section demo-screen">
        <DemoView
          key={id}
          demo={id}
          autoplayNarration={autoplayNarration}
          // #/demos/look-around/<picture path>: the gallery opens an imported drone panorama this way.
          options={id === 'look-around' && params[1] ? { image: params[1] } : undefined}
          headerStart={
            <a className="back-link" href={hrefFor('demos')}>
              ← {t('demos.backToList')}
            </a>
          }
        />
      </div>
    );
  }
  return (
    <div className="section">
      <a className="back-link" href={hrefFor('home')}>
        ← {t('nav.back')}
      </a>
      <h1>{t('demos.title')}</h1>
      <p className="demo-intro">{t('demos.intro')}</p>
      <ul className="demo-list">
        {DEMO_IDS.map((demo) => (
          <li key={demo}>
            <a className="tile demo-tile" href={hrefFor('demos', demo)}>
              <DemoArt demo={demo} />
              <span className="tile-title">{t(`demos.${demo}.title`)}</span>
              <span className="tile-count">{t(`demos.${demo}.short`)}</span>
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
