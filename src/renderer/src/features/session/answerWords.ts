import type { Step } from '../../../../shared/pack';
import { splitSentence, wordsFor } from '../../../../shared/pack/answers';
import { plainText } from '../../../../shared/markup';
import { plainIn } from './lessonText';

type Translate = (key: string) => string;
const ids = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
const record = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

/**
 * A pupil's recorded answer to a step as a few short lines for the class to read (the answers are
 * ids; this gives them back their words). null when the activity's answer has no words to show
 * (pairs turned over, spots found, cards seen): then the class just sees that it was answered.
 */
export function answerWords(step: Step, answer: unknown, language: string, t: Translate): string[] | null {
  const a = record(answer);
  const text = (value: Parameters<typeof plainIn>[0]) => plainIn(value, language);
  switch (step.type) {
    case 'single-choice':
    case 'multiple-choice': {
      const chosen = step.type === 'single-choice' ? ids([a.option]) : ids(a.options);
      const lines = chosen.map((id) => step.options.find((o) => o.id === id)).map((o) => (o ? text(o.text) || text(o.image?.alt) : ''));
      return lines.filter(Boolean).length > 0 ? lines.filter(Boolean) : null;
    }
    case 'true-false':
      return typeof a.value === 'boolean' ? [t(a.value ? 'session.poll.true' : 'session.poll.false')] : null;
    case 'sequence': {
      const lines = ids(a.order).map((id) => text(step.items.find((i) => i.id === id)?.text));
      return lines.length > 0 ? lines.map((line, i) => `${i + 1}. ${line}`) : null;
    }
    case 'sort-bins': {
      const placement = record(a.placement);
      const lines = step.bins.map((bin) => {
        const items = step.items.filter((item) => placement[item.id] === bin.id).map((item) => text(item.text) || text(item.image?.alt));
        return `${text(bin.label)}${language.startsWith('zh') ? '：' : ': '}${items.join(language.startsWith('zh') ? '、' : ', ') || '—'}`;
      });
      return Object.keys(placement).length > 0 ? lines : null;
    }
    case 'fill-blanks': {
      const filled = record(a.filled);
      const bank = (id: unknown) => text(step.bank.find((w) => w.id === id)?.text) || '___';
      const sentence = splitSentence(step.sentence[language] ?? Object.values(step.sentence)[0] ?? '');
      return [sentence.map((part) => (typeof part === 'string' ? plainText(part) : `【${bank(filled[part.blank])}】`)).join('')];
    }
    case 'mark-words': {
      const words = wordsFor(step, language);
      const marked = Array.isArray(a.marked) ? a.marked.filter((i): i is number => typeof i === 'number') : [];
      const lines = marked.map((i) => words[i]?.text).filter((w): w is string => Boolean(w));
      return lines.length > 0 ? [lines.join(language.startsWith('zh') ? '、' : ', ')] : null;
    }
    case 'chat-scenario': {
      const path = Array.isArray(a.path) ? a.path.filter((i): i is number => typeof i === 'number') : [];
      const lines: string[] = [];
      let node = step.nodes[step.start];
      for (const choice of path) {
        const picked = node?.choices?.[choice];
        if (!picked) break;
        lines.push(text(picked.text));
        node = step.nodes[picked.next];
      }
      return lines.length > 0 ? lines : null;
    }
    case 'self-check': {
      const answers = record(a.answers);
      const lines = step.questions.flatMap((q) => (typeof answers[q.id] === 'number' ? [`${text(q.text)} ${text(q.options[answers[q.id] as number])}`] : []));
      return lines.length > 0 ? lines : null;
    }
    default:
      return null;
  }
}
