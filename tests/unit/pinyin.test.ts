import { describe, expect, it } from 'vitest';
import { pinyin } from 'pinyin-pro';
import { annotateWith } from '../../src/renderer/src/lib/pinyin';

const annotate = annotateWith((text, options) => pinyin(text, options));

describe('pinyin for the youngest readers', () => {
  it('groups syllables by word, one syllable per character', () => {
    expect(annotate('上网小课堂')).toEqual([
      { text: '上网', ruby: 'shàng wǎng' },
      { text: '小', ruby: 'xiǎo' },
      { text: '课堂', ruby: 'kè táng' },
    ]);
  });

  it("reads the app's own words right, polyphones from context", () => {
    const words = (text: string) => annotate(text).map((p) => (p.ruby ? `${p.text}=${p.ruby}` : p.text));
    expect(words('还差一点，再试一次！')).toEqual(['还=hái', '差一点=chà yì diǎn', '，', '再试一次=zài shì yí cì', '！']);
    expect(words('答对了，真棒！')).toEqual(['答对=dá duì', '了=le', '，', '真=zhēn', '棒=bàng', '！']);
    // 行 is xíng in 不行 and háng in 银行: the whole run is read at once.
    expect(words('不行')).toEqual(['不行=bù xíng']);
    expect(words('银行')).toEqual(['银行=yín háng']);
    // The buttons' words stay whole.
    expect(words('上一步')).toEqual(['上一步=shàng yí bù']);
    expect(words('小提示：')).toEqual(['小提示=xiǎo tí shì', '：']);
  });

  it('keeps numbers, Latin and punctuation as plain runs', () => {
    expect(annotate('第 3 步：Wi-Fi 密码')).toEqual([
      { text: '第', ruby: 'dì' },
      { text: ' 3 ' },
      { text: '步', ruby: 'bù' },
      { text: '：Wi-Fi ' },
      { text: '密码', ruby: 'mì mǎ' },
    ]);
    expect(annotate('Hello')).toEqual([{ text: 'Hello' }]);
  });
});
