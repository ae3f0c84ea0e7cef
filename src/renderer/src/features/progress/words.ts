/**
 * Counts written as words, for certificates: 三节课 and 两颗星 read as praise; "3 节课" reads like a
 * report. Chinese up to 9999 (两 before a measure word), English up to 99; digits beyond.
 */
export function countWords(n: number, language: string): string {
  if (!Number.isInteger(n) || n < 0) return String(n);
  return language.startsWith('zh') ? chinese(n) : english(n);
}

const ZH = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

function chinese(n: number): string {
  if (n === 2) return '两';
  if (n >= 10000) return String(n);
  if (n < 10) return ZH[n] as string;
  if (n < 20) return `十${n % 10 ? ZH[n % 10] : ''}`;
  const units = ['', '十', '百', '千'];
  const digits = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    const unit = units[digits.length - 1 - i] as string;
    if (d === 0) zero = out !== '';
    else {
      out += `${zero ? '零' : ''}${ZH[d]}${unit}`;
      zero = false;
    }
  });
  return out;
}

const ONES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

function english(n: number): string {
  if (n < 20) return ONES[n] as string;
  if (n < 100) return `${TENS[Math.floor(n / 10)]}${n % 10 ? `-${ONES[n % 10]}` : ''}`;
  return String(n);
}
