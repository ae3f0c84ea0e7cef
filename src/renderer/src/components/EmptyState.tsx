import { useTranslation } from 'react-i18next';
import { EmptyBoxArt } from './icons';
import { SpeakButton } from './SpeakButton';

/** An honest "nothing here yet" that says what a teacher does about it. */
export function EmptyState({ title, body }: { title: string; body: string }) {
  const { i18n } = useTranslation();
  return (
    <section className="empty-state" aria-labelledby="empty-title">
      <EmptyBoxArt />
      <div>
        <h2 id="empty-title">{title}</h2>
        <p>{body}</p>
      </div>
      <SpeakButton text={`${title}。${body}`} lang={i18n.language} />
    </section>
  );
}
