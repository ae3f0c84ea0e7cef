import { useTranslation } from 'react-i18next';
import type { LocalText, PollOption, PublicPoll } from '../../../../shared/contract';
import { PictureArt } from '../pupils/avatars';

/** A question's text in the screen's language, else the lesson's first (a typed question has one, "any"). */
export function localText(text: LocalText, language: string): string {
  return text[language] ?? text.any ?? Object.values(text)[0] ?? '';
}

/** What a choice says: its picture, ✓ / ✗ for true and false, or its text. */
export function optionWords(option: PollOption, language: string, t: (key: string) => string): string {
  if (option.picture) return t(`pictures.${option.picture}`);
  if (option.label) return localText(option.label, language);
  return t(option.id === 'true' ? 'session.poll.true' : 'session.poll.false');
}

export function OptionFace({ option, size = 56 }: { option: PollOption; size?: number }) {
  const { t, i18n } = useTranslation();
  const words = optionWords(option, i18n.language, t);
  if (option.picture) return <PictureArt picture={option.picture} size={size} />;
  if (!option.label)
    return (
      <span className={`tf-face tf-${option.id}`}>
        <span aria-hidden="true">{option.id === 'true' ? '✓' : '✗'}</span> {words}
      </span>
    );
  return <span className="option-words">{words}</span>;
}

/** Answers per choice as bars: on the teacher's screen, on every pupil's screen when shown, and on the projector. */
export function PollChart({ poll, counts, correct = null }: { poll: Pick<PublicPoll, 'options'>; counts: number[]; correct?: string | null }) {
  const { t, i18n } = useTranslation();
  const total = counts.reduce((a, b) => a + b, 0);
  const most = Math.max(1, ...counts);
  return (
    <ul className="poll-chart" aria-label={t('session.poll.chart')}>
      {poll.options.map((option, i) => {
        const n = counts[i] ?? 0;
        return (
          <li key={option.id} className={correct === option.id ? 'right' : undefined}>
            <span className="poll-chart-face">
              <OptionFace option={option} size={40} />
            </span>
            <span className="poll-chart-bar-holder">
              <span className="poll-chart-bar" style={{ width: `${(n / most) * 100}%` }} />
            </span>
            <span className="poll-chart-count" aria-label={t('session.poll.count', { n, answer: optionWords(option, i18n.language, t), total })}>
              {n}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
