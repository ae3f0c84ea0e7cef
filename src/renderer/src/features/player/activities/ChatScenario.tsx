import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { chatNodeAfter, type StepOf } from '../../../../../shared/pack';
import { LessonText, useLesson } from '../context';
import { ListenButton } from '../ListenButton';
import { playSound } from '../sounds';
import { useActivityHost } from '../context';
import { Picture } from './common';
import { useElapsed } from '../useActivity';

/**
 * A simulated chat (e.g. a stranger in a game). The pupil picks replies; the path ends safe or
 * unsafe with an explanation. An unsafe ending can be tried again; each ending is an attempt.
 */
export function ChatScenario({ step }: { step: StepOf<'chat-scenario'> }) {
  const { t } = useTranslation();
  const lesson = useLesson();
  const host = useActivityHost();
  const [path, setPath] = useState<number[]>([]);
  const elapsed = useElapsed();
  const [endings, setEndings] = useState(0);
  const [done, setDone] = useState(false);

  // Every node visited so far, with the reply chosen at it.
  const visited = [0, ...path.map((_, i) => i + 1)].map((n) => chatNodeAfter(step, path.slice(0, n)));
  // A reply leading nowhere is a broken pack (validation should stop it): the step boundary shows a friendly card.
  if (visited.some((entry) => !entry)) throw new Error(`chat scenario ${step.id} leads to a missing node`);
  const here = visited[visited.length - 1];
  const contact = lesson.plain(step.contact.name);

  const choose = (index: number) => {
    const nextPath = [...path, index];
    const next = chatNodeAfter(step, nextPath);
    setPath(nextPath);
    if (!next) return;
    if (next.node.ending) {
      const safe = next.node.ending.safe;
      playSound(safe ? 'right' : 'wrong');
      host.record({ stepId: step.id, activityType: step.type, answer: { path: nextPath, ending: next.id }, correct: safe, hintsUsed: Math.min(endings, 10), timeMs: elapsed.ms() });
      setEndings((n) => n + 1);
      lesson.say(next.node.ending.explanation);
      if (safe || endings + 1 >= 2) {
        setDone(true);
        host.done(step.id);
      }
    } else {
      playSound('tap');
    }
  };

  return (
    <div className="activity chat">
      {/* Focusable: a long conversation scrolls, and keyboard users scroll it with the arrow keys. */}
      <div className="chat-window" role="log" tabIndex={0} aria-label={t('player.chat.with', { name: contact })}>
        <div className="chat-contact">
          {step.contact.avatar ? <Picture image={step.contact.avatar} className="chat-avatar" /> : <span className="chat-avatar chat-avatar-blank" aria-hidden="true">?</span>}
          <strong>
            <LessonText text={step.contact.name} />
          </strong>
        </div>
        {visited.map((entry, i) =>
          entry && (
            <div key={i} className="chat-turn">
              {entry.node.messages.map((m, j) => (
                <div key={j} className={`bubble bubble-${m.from}`}>
                  <span className="visually-hidden">{m.from === 'me' ? t('player.chat.me') : contact}: </span>
                  <LessonText text={m.text} />
                  {m.image && <Picture image={m.image} className="bubble-picture" />}
                </div>
              ))}
              {i < path.length && entry.node.choices?.[path[i] as number] && (
                <div className="bubble bubble-me">
                  <span className="visually-hidden">{t('player.chat.me')}: </span>
                  <LessonText text={entry.node.choices[path[i] as number]?.text} />
                </div>
              )}
            </div>
          ),
        )}
      </div>
      {here?.node.choices && (
        <div className="chat-choices" role="group" aria-label={t('player.chat.reply')}>
          {here.node.choices.map((choice, i) => (
            <button key={i} type="button" className="option chat-choice" aria-label={lesson.plain(choice.text)} onClick={() => choose(i)}>
              {/* One inline box: bare ruby elements would each become a flex item (one word per line). */}
              <span className="chat-choice-text">
                <LessonText text={choice.text} />
              </span>
            </button>
          ))}
        </div>
      )}
      {here?.node.ending && (
        <div className={`feedback feedback-${here.node.ending.safe ? 'right' : 'reveal'} chat-ending`} role="status">
          <div className="feedback-body">
            <p className="feedback-title">{here.node.ending.safe ? t('player.chat.safe') : t('player.chat.unsafe')}</p>
            <LessonText as="p" text={here.node.ending.explanation} />
            {!here.node.ending.safe && step.hint && (
              <p>
                <span className="feedback-label">{t('player.feedback.hint')}</span> <LessonText text={step.hint} />
              </p>
            )}
            {step.explanation && (here.node.ending.safe || done) && <LessonText as="p" text={step.explanation} />}
          </div>
          <ListenButton text={here.node.ending.explanation} />
          {!here.node.ending.safe && (
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setPath([]);
                elapsed.reset();
              }}
            >
              {t('player.chat.retry')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
