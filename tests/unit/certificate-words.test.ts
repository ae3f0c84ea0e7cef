import { describe, expect, it } from 'vitest';
import { countWords } from '../../src/renderer/src/features/progress/words';

describe('certificates count in words', () => {
  it('writes Chinese counts as a teacher would write them by hand', () => {
    expect([1, 2, 3, 10, 11, 12, 20, 21, 45, 100, 101, 110, 1005].map((n) => countWords(n, 'zh-CN'))).toEqual([
      '一', '两', '三', '十', '十一', '十二', '二十', '二十一', '四十五', '一百', '一百零一', '一百一十', '一千零五',
    ]);
  });

  it('writes English counts in words up to ninety-nine', () => {
    expect([1, 2, 12, 20, 21, 99, 100].map((n) => countWords(n, 'en'))).toEqual(['one', 'two', 'twelve', 'twenty', 'twenty-one', 'ninety-nine', '100']);
  });
});
