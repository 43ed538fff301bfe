// CSV in and out: what a spreadsheet pastes (comma- or tab-separated, quoted
// fields, CRLF, a byte-order mark), how its header names the columns of a
// list of candidates, and what a spreadsheet reads back. No DOM here
// (tests/js/csv.test.mjs runs it in Node).

/** Parses text into rows of trimmed cells; the delimiter is a tab if the first line has one. Blank lines are dropped. */
export function parseCsv(text) {
  const src = text.replace(/^\uFEFF/, '');
  const firstLine = src.split(/\r?\n/, 1)[0] ?? '';
  const delim = firstLine.includes('\t') ? '\t' : ',';
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (c === delim) {
      row.push(cell.trim()); cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      row.push(cell.trim()); cell = '';
      rows.push(row); row = [];
    } else {
      cell += c;
    }
  }
  if (cell !== '' || row.length) { row.push(cell.trim()); rows.push(row); }
  return rows.filter((r) => r.some((c) => c !== ''));
}

/** Formats rows as CSV, quoting cells that need it; CRLF line ends. */
export function formatCsv(rows) {
  const quote = (v) => {
    const s = String(v ?? '');
    return /[",\r\n\t]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return rows.map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
}

// ── A pasted list of candidates ─────────────────────────────────────────────

/** Columns a ranking written out by the page carries that are results, not inputs (compared in lower case, spaces dropped). */
const RESULT_COLUMNS = new Set(['rank', 'composite', 'recognised', 'tiedatcutoff', 'tiedatthecut-off', '名次', '综合得分', '结果', '估算认定', '名额线并列']);
const NAME_HEADERS = ['name', '名称', '候选', '候选名称', '单位'];
/** Columns a pasted sheet may carry that the estimate does not use. */
const IGNORED_HEADERS = ['序号', 'no', '#'];
const SECTOR_HEADERS = ['sector', '行业', '所属行业'];
const LOCATION_HEADERS = ['location', '所在县区', '县区', 'countyordistrict']; // brackets are dropped first: 所在县（市）区 → 所在县区
const FLAG_LIST_HEADERS = ['excludedby', '负面清单', 'negativelist'];
const TRUE = /^(1|true|yes|y|是|√|✓)$/i;

/** A header cell as spreadsheets write it, compared: units in brackets and spaces dropped. */
export const headerKey = (cell) => cell.replace(/[（(][^）)]*[）)]/g, '').replace(/\s+/g, '');

/**
 * A pasted choice as its code. `choices`: [[code, name, …]]; a cell matches
 * a code or a name (brackets dropped, any case), or else a part of exactly one
 * name. Anything else is kept as typed, for the engine to name.
 */
export function codeOf(value, choices) {
  const v = value.trim().toLowerCase();
  if (!v) return '';
  const names = ([code, ...texts]) => [code, ...texts.map((x) => x.replace(/[（(][^）)]*[）)]/g, '').trim())].map((x) => x.toLowerCase());
  const exact = choices.find((c) => names(c).includes(v));
  if (exact) return exact[0];
  const part = choices.filter((c) => names(c).some((x) => x.includes(v)));
  return part.length === 1 ? part[0][0] : value.trim();
}

/**
 * What each header cell names: {name}, {key} (an indicator, by key or by its
 * Chinese or English name), {key, extra} (a column of the user's own),
 * {sector}, {location}, {flag: code} (a negative-list flag by code or name),
 * {flags} (a list of codes), or null (a column to skip).
 * `spec`: {indicators: [{key, labelZh, labelEn}], flags: [{code, labelZh, labelEn}], sectors, locations (true when the level has them)}.
 */
export function matchHeader(header, spec) {
  const cells = header.map(headerKey);
  const nameCol = cells.findIndex((c) => NAME_HEADERS.includes(c.toLowerCase()) || /(名称|名)$/.test(c));
  const same = (a, b) => a.replace(/\s+/g, '').toLowerCase() === b.toLowerCase();
  const columns = cells.map((c, i) => {
    if (i === nameCol) return { name: true };
    const lower = c.toLowerCase();
    const known = spec.indicators.find((x) => [x.key, x.labelZh, x.labelEn].some((n) => n && same(n, c)));
    if (known) return { key: known.key };
    if (SECTOR_HEADERS.includes(lower)) return spec.sectors ? { sector: true } : null;
    if (LOCATION_HEADERS.includes(lower)) return spec.locations ? { location: true } : null;
    if (FLAG_LIST_HEADERS.includes(lower)) return { flags: true };
    if (RESULT_COLUMNS.has(lower) || lower.endsWith('score') || c.endsWith('得分') || IGNORED_HEADERS.includes(lower)) return null;
    const flag = c.length >= 4 && spec.flags.find((x) => x.code === c || [x.labelZh, x.labelEn].some((n) => n?.includes(c)));
    if (flag) return { flag: flag.code };
    return { key: c, extra: true };
  });
  return { nameCol, columns };
}

/** A figure as a spreadsheet writes it: "1,200", "-3.5", "6%". */
const FIGURE = /^[-+]?[\d,\s]*\.?\d+\s*%?$/;

/** The codes a cell of a negative-list column names: codes or names, separated by ; or ；, or codes by spaces. */
function flagCodes(value, flags) {
  const byName = (part) => flags.find((x) => [x.code, x.labelZh, x.labelEn].some((n) => n && n.toLowerCase() === part.toLowerCase()))?.code;
  return value.split(/[;；]/).map((x) => x.trim()).filter(Boolean).flatMap((part) => byName(part) ?? part.split(/\s+/));
}

/**
 * Reads a pasted sheet of candidates: {rows: [{name, values, flags, sector,
 * location}], extras (the user's own indicator keys), ignored (the headers of
 * columns left out), notice ({messageZh, messageEn} naming them, or null)} or
 * {error: {messageZh, messageEn}}. `spec` as for matchHeader, plus
 * `extrasAllowed` (how many indicators of their own the level takes),
 * `sectorChoices` and `locationChoices` ([[code, name, …]], for codeOf).
 * A column nobody knows is an indicator of the user's own when the level
 * takes them and it holds figures; otherwise (a town's name beside a
 * village, a note) it is left out, and the notice says so.
 */
export function readCandidates(text, spec) {
  const rows = parseCsv(text);
  if (rows.length < 2) return { error: { messageZh: 'CSV 至少需要一行表头和一行候选。', messageEn: 'The CSV needs a header row and at least one candidate.' } };
  const { nameCol, columns } = matchHeader(rows[0], spec);
  if (nameCol < 0) return { error: { messageZh: 'CSV 表头须有名称列（如 name、名称、村名、企业名称）。', messageEn: 'The CSV header needs a name column (such as name).' } };
  const extras = [];
  const ignored = [];
  columns.forEach((col, i) => {
    if (!col?.extra) return;
    const values = rows.slice(1).map((cells) => (cells[i] ?? '').trim()).filter(Boolean);
    const figures = values.length > 0 && values.every((v) => FIGURE.test(v));
    if (figures && !extras.includes(col.key) && extras.length < (spec.extrasAllowed ?? 0)) {
      extras.push(col.key);
    } else {
      ignored.push(rows[0][i]);
      columns[i] = null;
    }
  });
  const notice = ignored.length ? {
    messageZh: `已忽略无法识别的列：${ignored.join('、')}。估算只读名称、各指标、负面清单及所属行业、所在县（市）区列；指标列：${spec.indicators.map((x) => `${x.labelZh}（${x.key}）`).join('、')}。`,
    messageEn: `Columns not recognised were left out: ${ignored.join(', ')}. The estimate reads the name, the indicators, the negative list, and the sector and location columns; indicator columns: ${spec.indicators.map((x) => `${x.labelEn} (${x.key})`).join(', ')}.`,
  } : null;
  const candidates = rows.slice(1).map((cells) => {
    const row = { name: cells[nameCol] ?? '', values: {}, flags: [], sector: '', location: '' };
    columns.forEach((col, i) => {
      const v = cells[i] ?? '';
      if (!col || col.name) return;
      // Figures as spreadsheets write them: "1,200" is 1200.
      if (col.key) row.values[col.key] = v.replace(/[,\s]/g, '');
      else if (col.sector) row.sector = codeOf(v, spec.sectorChoices ?? []);
      else if (col.location) row.location = codeOf(v, spec.locationChoices ?? []);
      else if (col.flag && TRUE.test(v)) row.flags.push(col.flag);
      else if (col.flags) row.flags.push(...flagCodes(v, spec.flags));
    });
    return row;
  });
  return { rows: candidates, extras, ignored, notice };
}
