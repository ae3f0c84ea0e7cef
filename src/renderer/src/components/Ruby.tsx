import { Fragment } from 'react';

/**
 * One word with pinyin above it, each syllable over its own character (as textbooks print it)
 * when there is one syllable per character (RichText gives screen readers the plain text instead).
 */
export function Ruby({ base, ruby }: { base: string; ruby: string }) {
  const chars = [...base];
  const syllables = ruby.split(/\s+/).filter(Boolean);
  const pairs: [string, string][] = syllables.length === chars.length ? chars.map((c, i) => [c, syllables[i] as string]) : [[base, ruby]];
  return (
    <ruby className="pinyin-word">
      {pairs.map(([b, r], i) => (
        <Fragment key={i}>
          {b}
          <rp>(</rp>
          <rt>{r}</rt>
          <rp>)</rp>
        </Fragment>
      ))}
    </ruby>
  );
}
