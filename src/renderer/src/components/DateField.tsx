import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A date as three big selects (year, month, day) in the app's language and order: 2026年 12月 2日,
 * or 2 December 2026. The browser's own date field follows the system's locale instead (MM/DD/YYYY
 * in a Chinese UI on an English Windows) and is fiddly by touch. Value: "YYYY-MM-DD", or "" for no date.
 */
export function DateField({ label, value, onChange, firstYear = 2000 }: { label: string; value: string; onChange: (value: string) => void; firstYear?: number }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [parts, setParts] = useState(() => split(value));
  const thisYear = new Date().getFullYear();
  const years = range(Math.min(firstYear, parts.year || thisYear), Math.max(thisYear + 1, parts.year)).reverse();
  const days = range(1, parts.year && parts.month ? daysIn(parts.year, parts.month) : 31);
  const set = (change: Partial<Parts>) => {
    const next = { ...parts, ...change };
    if (next.year && next.month && next.day > daysIn(next.year, next.month)) next.day = daysIn(next.year, next.month);
    setParts(next);
    onChange(next.year && next.month && next.day ? `${next.year}-${pad(next.month)}-${pad(next.day)}` : '');
  };
  const monthName = (m: number) => new Intl.DateTimeFormat(language, { month: language.startsWith('zh') ? 'numeric' : 'long', timeZone: 'UTC' }).format(Date.UTC(2000, m - 1, 1));
  const yearName = (y: number) => new Intl.DateTimeFormat(language, { year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(y, 0, 1));
  const dayName = (d: number) => new Intl.DateTimeFormat(language, { day: 'numeric', timeZone: 'UTC' }).format(Date.UTC(2000, 0, d));
  const select = (part: keyof Parts, options: number[], name: (n: number) => string) => (
    <select key={part} aria-label={t(`app.date.${part}`)} value={parts[part] || ''} onChange={(e) => set({ [part]: Number(e.target.value) || 0 })}>
      <option value="">{t(`app.date.${part}`)}</option>
      {options.map((n) => (
        <option key={n} value={n}>
          {name(n)}
        </option>
      ))}
    </select>
  );
  const fields = { year: select('year', years, yearName), month: select('month', range(1, 12), monthName), day: select('day', days, dayName) };
  const order: (keyof Parts)[] = language.startsWith('zh') ? ['year', 'month', 'day'] : ['day', 'month', 'year'];
  return (
    <fieldset className="field date-field">
      <legend>{label}</legend>
      <div className="date-selects">
        {order.map((p) => fields[p])}
        {(parts.year > 0 || parts.month > 0 || parts.day > 0) && (
          <button type="button" className="secondary" onClick={() => set({ year: 0, month: 0, day: 0 })}>
            {t('app.date.clear')}
          </button>
        )}
      </div>
    </fieldset>
  );
}

interface Parts {
  year: number;
  month: number;
  day: number;
}

function split(value: string): Parts {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : { year: 0, month: 0, day: 0 };
}
const pad = (n: number) => String(n).padStart(2, '0');
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
