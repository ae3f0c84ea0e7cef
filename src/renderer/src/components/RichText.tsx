import { Fragment } from 'react';
import { parseMarkup } from '../../../shared/markup';

/** Renders lesson/UI markup ({汉字|pīn yīn}, *emphasis*, line breaks) as React elements, never as HTML. */
export function RichText({ text, showRuby = true }: { text: string; showRuby?: boolean }) {
  return (
    <>
      {parseMarkup(text).map((token, i) => {
        if (token.kind === 'break') return <br key={i} />;
        const content =
          token.kind === 'ruby' && showRuby ? (
            <ruby>
              {token.base}
              <rp>(</rp>
              <rt>{token.ruby}</rt>
              <rp>)</rp>
            </ruby>
          ) : token.kind === 'ruby' ? (
            token.base
          ) : (
            token.text
          );
        return token.emphasis ? <strong key={i}>{content}</strong> : <Fragment key={i}>{content}</Fragment>;
      })}
    </>
  );
}
