import { useEffect, useState } from 'react';

/** A run of text split into characters with pinyin (Chinese) or plain runs (everything else). */
export type PinyinPiece = { text: string; ruby?: string };
export type Annotate = (text: string) => PinyinPiece[];

const HAN = /\p{Script=Han}/u;
let loading: Promise<Annotate> | undefined;

/** pinyin-pro is large (its dictionary): load it only when a lesson shows pinyin. */
export function loadPinyin(): Promise<Annotate> {
  loading ??= import('pinyin-pro').then(({ pinyin }) => (text: string) => {
    if (!HAN.test(text)) return [{ text }];
    // Whole runs go to pinyin-pro so it can pick the right reading of polyphones from context.
    const readings = pinyin(text, { type: 'all' });
    const pieces: PinyinPiece[] = [];
    for (const r of readings) {
      if (r.isZh && HAN.test(r.origin)) pieces.push({ text: r.origin, ruby: r.pinyin });
      else if (pieces.length && pieces[pieces.length - 1]?.ruby === undefined) (pieces[pieces.length - 1] as PinyinPiece).text += r.origin;
      else pieces.push({ text: r.origin });
    }
    return pieces;
  });
  return loading;
}

/** The annotator once loaded, while `enabled`; undefined otherwise. */
export function usePinyin(enabled: boolean): Annotate | undefined {
  const [annotate, setAnnotate] = useState<Annotate>();
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    loadPinyin().then((fn) => live && setAnnotate(() => fn), () => undefined);
    return () => {
      live = false;
    };
  }, [enabled]);
  return enabled ? annotate : undefined;
}
