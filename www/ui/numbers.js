// Numbers as people type and read them, and as the engine takes them: exact
// decimal strings throughout (nothing passes through a float). A percentage
// field shows percent and sends a fraction; money reads with thousands
// separators. No DOM here (tests/js/numbers.test.mjs runs it in Node).

// Full-width digits and signs (a Chinese input method), and 。 typed for the point.
const FULL_WIDTH = /[０-９．－＋％，]/g;

/** What was typed, tidied: spaces trimmed, full-width digits (１２０．５) and 。 as ASCII. Anything else is left for the engine to name. */
export function normalizeNumber(text) {
  return String(text ?? '').replace(/\u3000/g, ' ').trim()
    .replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/。/g, '.');
}

const PLAIN = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;
/** Thousands separators only in groups of three: "1,200", "12,345.6". */
const GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;

/**
 * What a person typed in a number box, read as the page takes it: full-width
 * digits, "。" or "．" for the point, a trailing unit that is one of `units`
 * (the field's, from the catalog: "320亩", "2026年", "86%"), thousands
 * separators in groups of three ("1,200"). Returns
 * - {value, unit}: the plain decimal string ("120.5") and the unit typed, if any;
 * - {refused: 'grouping' | 'unit', number}: commas out of their groups, or a
 *   unit that is not one of `units` (`number`: the digits typed, for the message);
 * - {other: text}: not a number at all, passed on for the engine to name;
 * - {empty: true}.
 */
export function readNumber(text, { units = [] } = {}) {
  const t = normalizeNumber(text);
  if (t === '') return { empty: true };
  // The digits (with their point and commas), then what follows them.
  const m = /^([+-]?[\d,.]*\d[\d,.]*)\s*(.*)$/.exec(t);
  if (!m) return { other: t };
  let [, number] = m;
  const tail = m[2];
  let unit = null;
  if (tail) {
    unit = units.filter(Boolean).find((u) => u.toLowerCase() === tail.toLowerCase()) ?? null;
    if (!unit) return /\d/.test(tail) ? { other: t } : { refused: 'unit', number, typed: tail };
  }
  if (number.includes(',')) {
    if (!GROUPED.test(number)) return { refused: 'grouping', number };
    number = number.replace(/,/g, '');
  }
  return PLAIN.test(number) ? { value: number, unit } : { other: t };
}

/**
 * A percentage typed as a fraction: the percent it most likely means, or null.
 * "0.9" → "90", ".5" → "50", "1.0" and "1" → "100" (1 is how a fraction
 * writes 100%); "0", "1.5", "86" → null. Only for a value typed without "%".
 */
export function likelyPercent(value) {
  const m = /^\+?(\d*)(?:(\.)(\d*))?$/.exec(String(value));
  if (!m) return null;
  const int = m[1].replace(/^0+/, '');
  const frac = m[3] ?? '';
  const positive = /[1-9]/.test(int + frac);
  const atMostOne = int === '' || (int === '1' && !/[1-9]/.test(frac));
  if (!positive || !atMostOne || (!m[2] && int !== '1')) return null;
  return fractionToPercent(`${int || '0'}${frac ? `.${frac}` : ''}`);
}

/** Plain decimal strings added exactly, to the most decimals of any of them: addDecimals('10.5', '0.25') → '10.75', ('6416.38', '5633.62') → '12050.00'. Null if one is no plain decimal. */
export function addDecimals(...values) {
  const parsed = values.map((v) => /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(String(v).trim()));
  if (parsed.some((m) => !m || (m[2] === '' && !m[3]))) return null;
  const places = Math.max(0, ...parsed.map((m) => (m[3] ?? '').length));
  let sum = 0n;
  for (const [, sign, int, frac = ''] of parsed) {
    const n = BigInt((int || '0') + frac.padEnd(places, '0'));
    sum += sign === '-' ? -n : n;
  }
  const negative = sum < 0n;
  const digits = (negative ? -sum : sum).toString().padStart(places + 1, '0');
  const out = places ? `${digits.slice(0, -places)}.${digits.slice(-places)}` : digits;
  return negative ? `-${out}` : out;
}

/** Compares plain decimal strings exactly: -1, 0 or 1. */
export function compareDecimals(a, b) {
  const d = addDecimals(a, String(b).startsWith('-') ? String(b).slice(1) : `-${String(b).replace(/^\+/, '')}`);
  if (d === null) return NaN;
  return !/[1-9]/.test(d) ? 0 : d.startsWith('-') ? -1 : 1;
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
