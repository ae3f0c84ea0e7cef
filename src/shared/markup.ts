/**
 * The small text markup used in lessons and UI strings. Lesson text is data, never HTML:
 *   {网络|wǎng luò}  base text with ruby (pinyin) above it
 *   *word*           emphasis
 *   a newline        a line break
 * Anything else is plain text. `\{`, `\}`, `\*` and `\|` escape the markup characters.
 */
export type MarkupToken =
  | { kind: 'text'; text: string; emphasis: boolean }
  | { kind: 'ruby'; base: string; ruby: string; emphasis: boolean }
  | { kind: 'break' };

export function parseMarkup(source: string): MarkupToken[] {
  const tokens: MarkupToken[] = [];
  let emphasis = false;
  let buffer = '';
  const flush = () => {
    if (buffer) tokens.push({ kind: 'text', text: buffer, emphasis });
    buffer = '';
  };
  for (let i = 0; i < source.length; i++) {
    const ch = source[i] as string;
    if (ch === '\\' && i + 1 < source.length && '{}*|\\'.includes(source[i + 1] as string)) {
      buffer += source[++i];
    } else if (ch === '\n') {
      flush();
      tokens.push({ kind: 'break' });
    } else if (ch === '*') {
      flush();
      emphasis = !emphasis;
    } else if (ch === '{') {
      const close = source.indexOf('}', i);
      const bar = source.indexOf('|', i);
      if (close > 0 && bar > i && bar < close) {
        flush();
        tokens.push({ kind: 'ruby', base: source.slice(i + 1, bar), ruby: source.slice(bar + 1, close).trim(), emphasis });
        i = close;
      } else {
        buffer += ch;
      }
    } else {
      buffer += ch;
    }
  }
  flush();
  return tokens;
}

/** The text without markup, e.g. for speech synthesis or search. */
export function plainText(source: string): string {
  return parseMarkup(source)
    .map((t) => (t.kind === 'break' ? '\n' : t.kind === 'ruby' ? t.base : t.text))
    .join('');
}
