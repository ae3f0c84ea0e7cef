// Proposes {汉字|pīn yīn} markup for Chinese that has none. pinyin-pro reads each run of Chinese as a
// whole (its word segmentation picks polyphone readings from context: 银行 yín háng, 长大 zhǎng dà);
// Intl.Segmenter groups the characters into words so the ruby sits per word. Existing markup is
// never touched: hand-written readings always win. A person reviews every proposal.
import { customPinyin, pinyin } from 'pinyin-pro';

/**
 * Readings as Chinese primary-school textbooks print them, where pinyin-pro's dictionary differs:
 * neutral tones in everyday words, 着 after a verb, ordinal 第一 (no tone change).
 */
export const TEXTBOOK_READINGS: Record<string, string> = {
  东西: 'dōng xi',
  名字: 'míng zi',
  告诉: 'gào su',
  看看: 'kàn kan',
  做得: 'zuò de',
  拿着: 'ná zhe',
  连着: 'lián zhe',
  看着: 'kàn zhe',
  第一: 'dì yī',
  一站: 'yí zhàn',
  一点: 'yì diǎn',
  路由器: 'lù yóu qì',
  朋友: 'péng you',
  衣服: 'yī fu',
  时候: 'shí hou',
  喜欢: 'xǐ huan',
  明白: 'míng bai',
  清楚: 'qīng chu',
  漂亮: 'piào liang',
  地方: 'dì fang',
  事情: 'shì qing',
  爸爸: 'bà ba',
  哥哥: 'gē ge',
  姐姐: 'jiě jie',
  爷爷: 'yé ye',
  眼睛: 'yǎn jing',
  晚上: 'wǎn shang',
  想一想: 'xiǎng yi xiǎng',
  说一说: 'shuō yi shuō',
  排一排: 'pái yi pái',
  小芳: 'xiǎo fāng',
  小明: 'xiǎo míng',
  停一停: 'tíng yi tíng',
  找一找: 'zhǎo yi zhǎo',
  点一点: 'diǎn yi diǎn',
  分一分: 'fēn yi fēn',
  听一听: 'tīng yi tīng',
  中大奖: 'zhòng dà jiǎng',
  中奖: 'zhòng jiǎng',
  消息: 'xiāo xi',
  谁: 'shéi',
  玩得: 'wán de',
  舒服: 'shū fu',
  哦: 'o',
  选一选: 'xuǎn yi xuǎn',
  翻一翻: 'fān yi fān',
  跑一跑: 'pǎo yi pǎo',
  跳一跳: 'tiào yi tiào',
  一下子: 'yí xià zi',
  作业: 'zuò yè',
  充值: 'chōng zhí',
  主播: 'zhǔ bō',
  跑得: 'pǎo de',
  睡好觉: 'shuì hǎo jiào',
  早上: 'zǎo shang',
  星星: 'xīng xing',
  月亮: 'yuè liang',
  停不下来: 'tíng bu xià lái',
  拿不准: 'ná bu zhǔn',
  骗子: 'piàn zi',
  问一问: 'wèn yi wèn',
  收不回来: 'shōu bu huí lái',
};
customPinyin(TEXTBOOK_READINGS);

const HAN_RUN = /\p{Script=Han}+/gu;
const wordSegmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** Words to keep whole: the textbook readings (the segmenter splits some, e.g. 路由器). */
const KEEP_WHOLE = new RegExp(`(${Object.keys(TEXTBOOK_READINGS).sort((a, b) => b.length - a.length).join('|')})`, 'u');

function words(run: string): string[] {
  return run
    .split(KEEP_WHOLE)
    .filter(Boolean)
    .flatMap((part) => (TEXTBOOK_READINGS[part] ? [part] : [...wordSegmenter.segment(part)].map((s) => s.segment)));
}

/** `电脑能上网` → `{电脑|diàn nǎo}{能|néng}{上网|shàng wǎng}`. */
export function markRun(run: string): string {
  const syllables = pinyin(run, { type: 'array', toneType: 'symbol', nonZh: 'removed' });
  if (syllables.length !== [...run].length) throw new Error(`pinyin-pro gave ${syllables.length} syllables for "${run}"`);
  let out = '';
  let at = 0;
  for (const word of words(run)) {
    const length = [...word].length;
    out += `{${word}|${syllables.slice(at, at + length).join(' ')}}`;
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
