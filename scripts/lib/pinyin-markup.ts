// Proposes {汉字|pīn yīn} markup for Chinese that has none. pinyin-pro reads each run of Chinese as a
// whole (its word segmentation picks polyphone readings from context: 银行 yín háng, 长大 zhǎng dà);
// Intl.Segmenter groups the characters into words so the ruby sits per word. Existing markup is
// never touched: hand-written readings always win. A person reviews every proposal.
import { pinyin } from 'pinyin-pro';

const HAN_RUN = /\p{Script=Han}+/gu;
const wordSegmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** `电脑能上网` → `{电脑|diàn nǎo}{能|néng}{上网|shàng wǎng}`. */
export function markRun(run: string): string {
  const syllables = pinyin(run, { type: 'array', toneType: 'symbol', nonZh: 'removed' });
  if (syllables.length !== [...run].length) throw new Error(`pinyin-pro gave ${syllables.length} syllables for "${run}"`);
  let out = '';
  let at = 0;
  for (const { segment } of wordSegmenter.segment(run)) {
    const length = [...segment].length;
    out += `{${segment}|${syllables.slice(at, at + length).join(' ')}}`;
    at += length;
  }
  return out;
}

/**
 * Adds markup to the Chinese of one marked-up string, leaving existing ruby, escapes and
 * everything else exactly as written.
 */
export function addPinyin(source: string): string {
  let out = '';
  let plain = '';
  const flush = () => {
    out += plain.replace(HAN_RUN, markRun);
    plain = '';
  };
  for (let i = 0; i < source.length; i++) {
    const ch = source[i] as string;
    if (ch === '\\' && i + 1 < source.length) {
      plain += ch + source[i + 1];
      i++;
      continue;
    }
    if (ch === '{') {
      const close = source.indexOf('}', i);
      const bar = source.indexOf('|', i);
      if (close > 0 && bar > i && bar < close) {
        flush();
        out += source.slice(i, close + 1);
        i = close;
        continue;
      }
    }
    plain += ch;
  }
  flush();
  return out;
}
