// Numbers as people type and read them, and as the engine takes them: exact
// decimal strings throughout (nothing passes through a float). A percentage
// field shows percent and sends a fraction; money reads with thousands
// separators. No DOM here (tests/js/numbers.test.mjs runs it in Node).

const FULL_WIDTH = /[０-９．－＋％]/g;

/** What was typed, tidied: spaces trimmed, full-width digits (１２０．５) as ASCII. Anything else is left for the engine to name. */
export function normalizeNumber(text) {
  return String(text ?? '').trim().replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/**
 * Moves the decimal point of a plain decimal string `by` places (right when
 * positive), exactly: shiftDecimal('86.5', -2) → '0.865'. Null when the text
 * is not a plain decimal.
 */
export function shiftDecimal(text, by) {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!m || (m[2] === '' && !m[3])) return null;
  const [, sign, int, frac = ''] = m;
  let digits = int + frac;
  let point = int.length + by;
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits += '0'.repeat(point - digits.length);
  const whole = digits.slice(0, point).replace(/^0+/, '') || '0';
  const part = digits.slice(point).replace(/0+$/, '');
  const out = part ? `${whole}.${part}` : whole;
  return out === '0' || sign !== '-' ? out : `-${out}`;
}

/** "86.5" (percent, as typed; "86.5%" too) → "0.865" (the fraction the engine takes). Anything that is not a plain number is passed on for the engine to refuse. */
export function percentToFraction(text) {
  const v = normalizeNumber(text).replace(/\s*%$/, '');
  return shiftDecimal(v, -2) ?? v;
}

/** "0.865" (a fraction) → "86.5" (percent, for people). */
export function fractionToPercent(text) {
  const v = String(text);
  return shiftDecimal(v, 2) ?? v;
}

/** "13959.49" → "13,959.49": thousands separators on an exact decimal string. */
export function groupDigits(amount) {
  const [int, frac] = String(amount).split('.');
  const sign = int.startsWith('-') ? '-' : '';
  const digits = sign ? int.slice(1) : int;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return sign + grouped + (frac !== undefined ? `.${frac}` : '');
}

/** A figure as read in a sentence: separators from five digits on ("12,345,678", but "2026" and "1200" as they are). */
export const readable = (value) => (/^-?\d{5,}/.test(String(value)) ? groupDigits(value) : String(value));

/** An amount in yuan with thousands separators: "13959.49" → "13,959.49". */
export const yuan = groupDigits;

/** Whether an exact decimal string is zero ("0", "0.00"). */
export const isZero = (amount) => /^[+-]?0*(\.0*)?$/.test(String(amount).trim()) && /\d/.test(String(amount));

/** An amount in yuan, in words of `tr`'s language: "13,959.49 元" / "¥13,959.49". */
export const money = (amount, tr) => tr.t(`${yuan(amount)} 元`, `¥${yuan(amount)}`);

/** A number with its unit, as a language writes it: "12 元/亩", "7%", "3 years". */
export function withUnit(value, unit) {
  if (!unit) return value;
  return unit === '%' ? `${value}%` : `${value} ${unit}`;
}
