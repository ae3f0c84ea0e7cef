import { useTranslation } from 'react-i18next';
import { RichText } from '../../components/RichText';
import { SpeakButton } from '../../components/SpeakButton';

/** A headset page's big heading that a pupil who reads little can also hear: the text (with pinyin) and its speak button. */
export function SpokenHeading({ as: Tag = 'h1', id, text }: { as?: 'h1' | 'h2'; id?: string; text: string }) {
  const { i18n } = useTranslation();
  return (
    <Tag id={id} className="headset-say">
      <RichText text={text} />
      <SpeakButton text={text} lang={i18n.language} />
    </Tag>
  );
}
