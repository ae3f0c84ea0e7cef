import { useEffect, useState } from 'react';

/**
 * A run of text: a Chinese word with its pinyin (one syllable per character, space-separated) or a
 * plain run (punctuation, Latin, numbers).
 */
export type PinyinPiece = { text: string; ruby?: string };
export type Annotate = (text: string) => PinyinPiece[];

const HAN = /\p{Script=Han}/u;
// ICU's dictionary segmenter (in Chromium, Electron and Node) finds the words, so pinyin can be
// spaced by word as textbooks print it: "shàng wǎng  xiǎo  kè táng", not one run of syllables.
const words = new Intl.Segmenter('zh-CN', { granularity: 'word' });

// The app's own words that ICU splits ("上 / 一步"): kept whole, as a child reads them on a button.
const APP_WORDS = new Set(['上一步', '下一步', '小提示']);

/** ICU's words, with neighbours joined back where they make one of the app's words. */
function segmentWords(text: string): string[] {
  const out: string[] = [];
  for (const { segment } of words.segment(text)) {
    const last = out[out.length - 1];
    if (last !== undefined && APP_WORDS.has(last + segment)) out[out.length - 1] = last + segment;
    else out.push(segment);
  }
  return out;
}

type PinyinFn = (text: string, options: { type: 'array' }) => string[];

/** Split `text` into words with one syllable per character, reading the whole run at once (polyphones need context). */
export function annotateWith(pinyin: PinyinFn): Annotate {
  return (text) => {
    if (!HAN.test(text)) return [{ text }];
    const chars = [...text];
    const syllables = pinyin(text, { type: 'array' });
    // pinyin-pro gives one entry per character; if it ever does not, fall back to plain text.
    if (syllables.length !== chars.length) return [{ text }];
    const pieces: PinyinPiece[] = [];
    const plain = (s: string) => {
      const last = pieces[pieces.length - 1];
      if (last && last.ruby === undefined) last.text += s;
      else pieces.push({ text: s });
    };
    let at = 0;
    for (const segment of segmentWords(text)) {
      const segChars = [...segment];
      const readings = syllables.slice(at, at + segChars.length);
      at += segChars.length;
      // A word is Han all through (mixed runs are rare: split them character by character).
      if (segChars.every((c) => HAN.test(c))) pieces.push({ text: segment, ruby: readings.join(' ') });
      else segChars.forEach((c, i) => (HAN.test(c) ? pieces.push({ text: c, ruby: readings[i] }) : plain(c)));
    }
    return pieces;
  };
}

let loading: Promise<Annotate> | undefined;

/** pinyin-pro is large (its dictionary): load it only when something shows pinyin. */
export function loadPinyin(): Promise<Annotate> {
  loading ??= import('pinyin-pro').then(({ pinyin }) => annotateWith((text, options) => pinyin(text, options)));
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
