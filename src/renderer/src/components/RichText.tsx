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
  let withRuby = false;
  const nodes = parseMarkup(text).map((token, i) => {
    if (token.kind === 'break') return <br key={i} />;
    let content: ReactNode;
    if (token.kind === 'ruby' && showRuby) {
      withRuby = true;
      content = <Ruby base={token.base} ruby={token.ruby} />;
    } else if (token.kind === 'ruby') content = token.base;
    else if (annotate && showRuby) {
      const pieces = annotate(token.text);
      withRuby ||= pieces.some((p) => p.ruby);
      content = pieces.map((p, j) => (p.ruby ? <Ruby key={j} base={p.text} ruby={p.ruby} /> : <Fragment key={j}>{p.text}</Fragment>));
    } else content = token.text;
    return token.emphasis ? <strong key={i}>{content}</strong> : <Fragment key={i}>{content}</Fragment>;
  });
  if (!withRuby) return <>{nodes}</>;
  // Screen readers get the sentence once, as one run of text (ruby boxes would be read character
  // by character); the children see the characters with their pinyin.
  return (
    <>
      <span aria-hidden="true">{nodes}</span>
      <span className="visually-hidden">{plainText(text)}</span>
    </>
  );
}
