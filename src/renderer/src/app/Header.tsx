import { useTranslation } from 'react-i18next';
import { useApp } from '../lib/store';
import { hrefFor, useRoute } from '../lib/router';
import { KiteLogo, TeacherIcon } from '../components/icons';
import { RichText } from '../components/RichText';
import { PupilBadge } from '../features/pupils/PupilBadge';

export function Header() {
  const { t, i18n } = useTranslation();
  const { settings, setLanguage } = useApp();
  const route = useRoute();
  const other = i18n.language === 'en' ? 'zh-CN' : 'en';
  return (
    <header className="app-header">
      <a className="brand" href={hrefFor('home')} aria-label={t('nav.home')}>
        <KiteLogo />
        <span className="brand-name">
          <RichText text={t('app.nameRuby')} showRuby={settings?.pinyinDefault ?? true} />
        </span>
      </a>
      <div className="header-actions">
        <PupilBadge />
        <button type="button" className="chip" onClick={() => void setLanguage(other)} aria-label={t('lang.switchLabel')} lang={other}>
          {t('lang.switch')}
        </button>
        <a className={`chip${route === 'teacher' ? ' active' : ''}`} href={hrefFor('teacher')} aria-current={route === 'teacher' ? 'page' : undefined}>
          <TeacherIcon />
          <span>{t('nav.teacher')}</span>
        </a>
      </div>
    </header>
  );
}
