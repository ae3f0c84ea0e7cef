import { Fragment, type ReactNode } from 'react';
import { parseMarkup, plainText } from '../../../shared/markup';
import type { Annotate } from '../lib/pinyin';
import { Ruby } from './Ruby';

/**
 * Renders lesson/UI markup ({汉字|pīn yīn}, *emphasis*, line breaks) as React elements, never as
 * HTML. With `showRuby`, explicit pinyin shows above its characters; with `annotate` (the pinyin
 * dictionary, loaded when pinyin is on) Chinese without markup gets pinyin word by word too.
 */
export function RichText({ text, showRuby = true, annotate }: { text: string; showRuby?: boolean; annotate?: Annotate }) {
  const tokens = parseMarkup(text);
  const annotated = tokens.map((token) => (token.kind === 'text' && annotate && showRuby ? annotate(token.text) : undefined));
  const withRuby = showRuby && tokens.some((token, i) => token.kind === 'ruby' || annotated[i]?.some((p) => p.ruby));
  const nodes = tokens.map((token, i) => {
    if (token.kind === 'break') return <br key={i} />;
    const pieces = annotated[i];
    let content: ReactNode;
    if (token.kind === 'ruby') content = showRuby ? <Ruby base={token.base} ruby={token.ruby} /> : token.base;
    else if (pieces) content = pieces.map((p, j) => (p.ruby ? <Ruby key={j} base={p.text} ruby={p.ruby} /> : <Fragment key={j}>{p.text}</Fragment>));
    else content = token.text;
    return token.emphasis ? <strong key={i}>{content}</strong> : <Fragment key={i}>{content}</Fragment>;
  });
  if (!withRuby) return <>{nodes}</>;
  // Screen readers get the sentence once, as one run of text (ruby boxes would be read character
  // by character); the children see the characters with their pinyin.
  return (
    <>
      <span aria-hidden="true">{nodes}</span>
      <span className="visually-hidden ruby-plain">{plainText(text)}</span>
    </>
  );
}
