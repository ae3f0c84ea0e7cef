import { Instruction } from './common';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StepOf } from '../../../../../shared/pack';
import { useActivityHost } from '../context';
import { playSound } from '../sounds';
import { useElapsed } from '../useActivity';

type Estimator = (password: string) => number;
let loading: Promise<Estimator> | undefined;

/** zxcvbn-ts and its word lists are big: load them only when this step opens. */
function loadEstimator(): Promise<Estimator> {
  loading ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common'), import('@zxcvbn-ts/language-en')]).then(([core, common, en]) => {
    const zxcvbn = new core.ZxcvbnFactory({ dictionary: { ...common.dictionary, ...en.dictionary }, graphs: common.adjacencyGraphs, translations: en.translations });
    return (password: string) => zxcvbn.check(password).score;
  });
  return loading;
}

/** Tips in the lesson's UI language from what the password lacks (no text from the estimator). */
function tipsFor(password: string): string[] {
  const tips: string[] = [];
  if (password.length < 12) tips.push('longer');
  if (!/[A-Z]/.test(password) || !/[a-z]/.test(password)) tips.push('mixCase');
  if (!/\d/.test(password)) tips.push('digits');
  if (!/[^A-Za-z0-9]/.test(password)) tips.push('symbols');
  if (/(.)\1\1/.test(password) || /(123|abc|qwe|password|000)/i.test(password)) tips.push('patterns');
  return tips;
}

/**
 * Try passwords and see how strong they are (0–4), computed on this PC. The typed text stays in
 * this component: it is never stored, logged or sent; the attempt carries only the score.
 */
export function PasswordTester({ step }: { step: StepOf<'password-tester'> }) {
  const { t } = useTranslation();
  const host = useActivityHost();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const elapsed = useElapsed();
  const [estimate, setEstimate] = useState<Estimator>();
  const [score, setScore] = useState<number>();
  const [tips, setTips] = useState<string[]>([]);
  const [visible, setVisible] = useState(false);
  const [best, setBest] = useState(0);
  const [done, setDone] = useState(false);
  const target = step.targetScore;

  useEffect(() => {
    let live = true;
    loadEstimator().then((fn) => live && setEstimate(() => fn), () => undefined);
    const field = input.current;
    return () => {
      live = false;
      // Forget what was typed when the step closes.
      if (field) field.value = '';
    };
  }, []);

  const onInput = () => {
    const value = input.current?.value ?? '';
    if (!estimate || !value) {
      setScore(undefined);
      setTips([]);
      return;
    }
    const s = estimate(value);
    setScore(s);
    setTips(s >= 4 ? [] : tipsFor(value));
    if (s > best) setBest(s);
    if (s >= target && best < target) playSound('right');
  };

  const finish = () => {
    host.record({ stepId: step.id, activityType: step.type, answer: { score: best, target }, correct: null, hintsUsed: 0, timeMs: elapsed.ms() });
    setDone(true);
    host.done(step.id);
    if (input.current) input.current.value = '';
    setScore(undefined);
    setTips([]);
  };

  const level = score ?? 0;
  return (
    <div className="activity password">
      <Instruction text={t('player.password.private')} />
      <div className="password-row">
        <label htmlFor={id} className="password-label">
          {t('player.password.label')}
        </label>
        <input
          ref={input}
          id={id}
          className="password-input"
          type={visible ? 'text' : 'password'}
          autoComplete="off"
          autoCorrect="off"
          autoCapitalize="off"
          spellCheck={false}
          disabled={!estimate || done}
          onInput={onInput}
          aria-describedby={`${id}-meter`}
        />
        <button type="button" className="secondary" aria-pressed={visible} onClick={() => setVisible((v) => !v)}>
          {visible ? t('player.password.hide') : t('player.password.show')}
        </button>
      </div>
      <div id={`${id}-meter`} className="strength" aria-live="polite">
        <div className="strength-bar" role="meter" aria-valuemin={0} aria-valuemax={4} aria-valuenow={level} aria-label={t('player.password.strength')}>
          {[0, 1, 2, 3].map((i) => (
            <span key={i} className={`strength-cell${score !== undefined && i < Math.max(level, 1) ? ` level-${level}` : ''}`} />
          ))}
        </div>
        <p className="strength-text">{score === undefined ? (estimate ? t('player.password.typeToTry') : t('player.password.loading')) : t(`player.password.score${level}`)}</p>
        {tips.length > 0 && (
          <ul className="tips">
            {tips.map((tip) => (
              <li key={tip}>{t(`player.password.tips.${tip}`)}</li>
            ))}
          </ul>
        )}
      </div>
      {done ? (
        <p className="feedback feedback-done" role="status">
          {best >= target ? t('player.password.reached') : t('player.password.doneTip')}
        </p>
      ) : (
        <button type="button" className="primary" onClick={finish}>
          {best >= target ? t('player.password.reachedDone') : t('player.password.finish')}
        </button>
      )}
    </div>
  );
}
