/**
 * A teacher PIN anyone in the room would guess first: one digit repeated (0000, 777777) or a plain
 * run up or down (1234, 4321, 123456, 7890). Refused when the PIN is set or changed, and by
 * `kite config hash-pin`.
 */
export function isWeakPin(pin: string): boolean {
  if (!/^\d+$/.test(pin)) return false;
  const digits = [...pin].map(Number);
  const steps = new Set(digits.slice(1).map((d, i) => (d - (digits[i] as number) + 10) % 10));
  return steps.size === 1 && [0, 1, 9].includes([...steps][0] as number);
}
