// Types of the browser API (docs/rulebook.md §5): `createEngine()` from
// www/engine.js gives `evaluate` and `catalog`, which never throw. The request
// types follow the catalog's fields (tests/js/types.test.mjs checks that every
// field the catalog lists is declared here); decimals may be strings or numbers
// and come back as strings.

/** A decimal: "120.5" or 120.5 (at most 4 places unless the field says fewer). */
export type DecimalIn = string | number;
/** A decimal as the engine writes it: always a string, money with 2 decimals. */
export type DecimalOut = string;
/** An ISO date, YYYY-MM-DD. */
export type IsoDate = string;
export type Location = 'xingqing' | 'jinfeng' | 'xixia' | 'yongning' | 'helan' | 'lingwu';

export interface Text { messageZh: string; messageEn: string }
export interface Citation { document: string; article: string }
export interface Reason extends Text { code: string; article: string }
export interface Note extends Text { code: string }
/**
 * One line of the computation (docs/rulebook.md §5, "Steps"): the article it applies, the
 * formula with its figures, and the figure it comes to (null for a decision, such as a band).
 * With `detail: "codes"` only `article` and `value`.
 */
export interface Step { article: string; formulaZh: string; formulaEn: string; value: DecimalOut | null }

/** Common to every result. */
export interface ResultBase<C extends CalculatorId> {
  calculator: C;
  asOf: IsoDate;
  citations: Citation[];
  reasons: Reason[];
  warnings: Note[];
  interpretations: Note[];
  /** The computation, in order. */
  steps: Step[];
}

// ── Requests ────────────────────────────────────────────────────────────────

export interface StandRequest {
  asOf?: IsoDate;
  location: Location;
  forestType: 'arbor' | 'mixed' | 'shrub';
  arborShareByArea?: DecimalIn;
  arborShareByStems?: DecimalIn;
  areaMu?: DecimalIn;
  areaHectares?: DecimalIn;
  plantingYear?: number | string;
  standAgeYears?: number | string;
  survivalRate?: DecimalIn;
  retentionRate?: DecimalIn;
  canopyClosure?: DecimalIn;
  shrubCoverage?: DecimalIn;
  jointApplication: boolean;
  landRightsClear: boolean;
  meetsTechnicalStandards: boolean;
  compartmentManaged: boolean;
}

export interface ForestConstructionRequest extends StandRequest {
  priorPublicFunding: boolean;
}

export interface ForestMaintenanceRequest extends StandRequest {
  zone: 'sandy' | 'oasis';
  selfSustaining?: boolean;
  applicationDate?: IsoDate;
  horizonYears?: number | string;
  cityDirectedTask?: boolean;
}

export type Disqualifier = 'safetyAccident' | 'groupPetition' | 'majorDecisionFailure' | 'blacklisted'
  | 'noIntegrityRecord' | 'falseMaterials' | 'privacyBreach' | 'otherSerious';

export interface PropertyStarRequest {
  asOf?: IsoDate;
  location?: Location;
  scores: { contract?: DecimalIn; satisfaction: DecimalIn; governance: DecimalIn; rectification: DecimalIn };
  contractItems?: {
    basicManagement: DecimalIn; publicDisclosure: DecimalIn; sanitation: DecimalIn; orderMaintenance: DecimalIn;
    greening: DecimalIn; sharedFacilities: DecimalIn; renovation: DecimalIn; bonus: DecimalIn;
  };
  disqualifiers?: Disqualifier[];
  hasContract?: boolean;
  serviceMonths?: number | string;
  platformRegistered?: boolean;
  newlyDelivered?: boolean;
  occupancyRate?: DecimalIn;
  previousStars?: number | string;
}

export type Level = 'county' | 'district' | 'town' | 'village' | 'enterprise';
export type Sector = 'industry' | 'services' | 'agriculture' | 'construction';

/** The negative list (二（四））: true = applies. */
export interface NegativeFlags {
  vetoed?: boolean;
  badCredit?: boolean;
  ecologicalDamage?: boolean;
  safetyAccident?: boolean;
  wageArrears?: boolean;
  seriousDishonesty?: boolean;
  excludedByLeadingGroup?: boolean;
}

export interface FiveStrongRequest extends NegativeFlags {
  asOf?: IsoDate;
  level: Level;
  location?: Location;
}

export interface Candidate extends NegativeFlags {
  name: string;
  location?: Location;
  sector?: Sector;
  /** The level's indicators (see the catalog), plus up to two of the user's own for counties and districts. */
  indicators: Record<string, DecimalIn>;
}

export interface FiveStrongRankingRequest {
  asOf?: IsoDate;
  level: Level;
  quota?: number | string;
  sectorQuotas?: { industry?: number | string; services?: number | string; agriculture?: number | string; construction?: number | string };
  weights?: Record<string, DecimalIn>;
  candidates: Candidate[];
}

// ── Results ─────────────────────────────────────────────────────────────────

export type Payer = 'city' | 'county';
export type RatedAs = 'arbor' | 'shrub';

export interface ForestConstructionResult extends ResultBase<'forest-construction'> {
  eligible: boolean;
  ratedAs: RatedAs;
  ratePerMu: DecimalOut;
  areaMu: DecimalOut;
  standAge: number;
  amount: DecimalOut;
  payer: Payer;
  approvalRoute: Text[];
  documents: Text[];
  notes: Reason[];
}

export interface ScheduleRow {
  year: number;
  age: number;
  band: 'base' | 'declining' | 'reduced' | 'mature' | 'selfSustaining';
  ratePerMu: DecimalOut;
  amount: DecimalOut;
  beyondValidity: boolean;
}

export interface ForestMaintenanceResult extends ResultBase<'forest-maintenance'> {
  eligible: boolean;
  ratedAs: RatedAs;
  zone: 'sandy' | 'oasis';
  areaMu: DecimalOut;
  applicationDate: IsoDate;
  standAge: number;
  firstFundedYear: number;
  schedule: ScheduleRow[];
  total: DecimalOut;
  totalWithinValidity: DecimalOut;
  yearsWithinValidity: number;
  cityDirectedTask: boolean;
  payer: Payer;
  approvalRoute: Text[];
  documents: Text[];
  notes: Reason[];
}

export interface PropertyStarResult extends ResultBase<'property-star'> {
  stars: 0 | 1 | 2 | 3 | 4 | 5;
  label: Text;
  total: DecimalOut;
  maxTotal: DecimalOut;
  categories: Array<Text & { key: string; score: DecimalOut; max: DecimalOut; share: DecimalOut }>;
  disqualified: boolean;
  disqualifiers: Disqualifier[];
  scoreStars: number;
  eligibleToApply: boolean | null;
  applicationConditions: Array<Text & { code: string; article: string; status: 'met' | 'unmet' | 'unknown' }>;
  location: Location | null;
  creditPoints: number | null;
  creditPointsNote: Reason;
  ratedBy: 'streetOffice' | 'districtAuthority';
  ratedByNote: Reason;
  consequences: Reason[];
  nextStar: null | {
    stars: number; pointsNeeded: DecimalOut; totalNeeded: DecimalOut; freePoints: DecimalOut;
    categoryMinimums: Array<{ key: string; minimum: DecimalOut; increase: DecimalOut }>;
  };
  timing: Reason[];
}

export interface FiveStrongResult extends ResultBase<'five-strong'> {
  eligible: boolean;
  level: Level;
  levelName: Text;
  location: Location | null;
  reward: DecimalOut;
  quota: {
    recognised: number; approximate: boolean; candidatePool: number | null; poolDescription: Text;
    recommendedPerUnit: { min: number; max: number } | null;
    sectors: Array<Text & { code: Sector; approximately: number }> | null;
  };
  benefits: Reason[];
  indicators: Array<Text & { key: string }>;
  recognitionCycleYears: number;
  cityTotalWhenFull: DecimalOut;
}

export interface Ranked {
  name: string;
  sector: Sector | null;
  rank: number | null;
  composite: DecimalOut | null;
  scores: Array<{ key: string; value: DecimalOut; rank: number | null; score: DecimalOut | null }>;
  recognised: boolean;
  tiedAtCutoff: boolean;
  excludedBy: string[];
}

export interface FiveStrongRankingResult extends ResultBase<'five-strong-ranking'> {
  level: Level;
  levelName: Text;
  quota: number;
  reward: DecimalOut;
  indicators: string[];
  weights: Array<[string, DecimalOut]>;
  ranking: Ranked[];
  recognisedCount: number;
  tieAtCutoff: boolean;
  placesLeftForTied: number;
  totalReward: DecimalOut;
  sectors: Array<Text & { sector: Sector; quota: number; candidates: number; recognisedCount: number; tieAtCutoff: boolean; placesLeftForTied: number }> | null;
  estimate: true;
}

// ── The API ─────────────────────────────────────────────────────────────────

export interface Requests {
  'forest-construction': ForestConstructionRequest;
  'forest-maintenance': ForestMaintenanceRequest;
  'property-star': PropertyStarRequest;
  'five-strong': FiveStrongRequest;
  'five-strong-ranking': FiveStrongRankingRequest;
}
export interface Results {
  'forest-construction': ForestConstructionResult;
  'forest-maintenance': ForestMaintenanceResult;
  'property-star': PropertyStarResult;
  'five-strong': FiveStrongResult;
  'five-strong-ranking': FiveStrongRankingResult;
}
export type CalculatorId = keyof Requests;

export type ErrorCode = 'invalidJson' | 'unknownCalculator' | 'unknownField' | 'missingField' | 'invalidNumber'
  | 'outOfRange' | 'conflictingFields' | 'invalidDate' | 'invalidEnum' | 'invalidType' | 'internal';

export interface EngineError {
  code: ErrorCode;
  /** The key path, for programs: "areaMu", "scores.contract", "candidates[1].name". */
  field: string | null;
  /** The field's label, for people (rows counted from 1). */
  label: { zh: string; en: string } | null;
  params: Record<string, unknown>;
  messageZh: string;
  messageEn: string;
}

export type Response<C extends CalculatorId> = { ok: true; result: Results[C] } | { ok: false; error: EngineError };

export interface Options {
  /** "full" (default) or "codes": the same figures, codes and articles without the human texts. */
  detail?: 'full' | 'codes';
  /** Only these keys of a result (e.g. ["stars", "total"]); an error is always whole. */
  fields?: string[];
}

export interface CatalogField {
  key: string;
  kind: 'decimal' | 'integer' | 'boolean' | 'date' | 'enum' | 'codes' | 'list' | 'object' | 'text';
  labelZh: string;
  labelEn: string;
  unitZh?: string;
  unitEn?: string;
  min?: DecimalOut;
  max?: DecimalOut;
  maxPlaces?: number;
  required: boolean | Text;
  percent?: boolean;
  options?: Array<{ value: string; labelZh: string; labelEn: string; article?: string }>;
  hintZh?: string;
  hintEn?: string;
  article?: string;
  fields?: CatalogField[];
}

export interface CatalogEntry {
  id: CalculatorId;
  titleZh: string;
  titleEn: string;
  document: string;
  inForce: { from: IsoDate; to: IsoDate | null };
  version: string;
  fields: CatalogField[];
  figures: Array<{ key: string; value: DecimalOut; labelZh: string; labelEn: string; unitZh?: string; unitEn?: string; percent?: boolean; article: string }>;
}

export interface Engine {
  /** Loads the module of calculator (or group) `id`, once: evaluate answers for the modules loaded. */
  ensure(id: CalculatorId | 'forest' | 'star' | 'five'): Promise<void>;
  /** Loads every module (for a portal that builds its own forms from the whole catalog). */
  ensureAll(): Promise<void>;
  evaluate<C extends CalculatorId>(calculator: C, input: Requests[C] | string, options?: Options): Response<C>;
  /** One response per input, in order: the list crosses into the engine and back once. */
  evaluateMany<C extends CalculatorId>(calculator: C, inputs: Array<Requests[C]> | string, options?: Options): Array<Response<C>>;
  /** The same answers as `evaluateMany`, as one JSON text (a list), for callers that pass them on as text. */
  evaluateManyText<C extends CalculatorId>(calculator: C, inputs: Array<Requests[C]> | string, options?: Options): string;
  catalog(): CatalogEntry[];
  /** Resolves once every loaded module can answer (a replacement after a trap is made at once). */
  whenReady(): Promise<void>;
  trapForTests(id?: CalculatorId): Response<CalculatorId>;
}

/**
 * What `ensure` rejects with when the page's Content-Security-Policy forbids
 * compiling WebAssembly (script-src without 'wasm-unsafe-eval'); the texts say
 * so, naming the directive, for a host to show.
 */
export interface EngineLoadError extends Error, Text {
  name: 'EngineLoadError';
  code: 'wasmBlockedByCsp';
  directive: string;
}
export const WASM_BLOCKED: Readonly<Text & { code: 'wasmBlockedByCsp'; directive: string }>;

/** Which module holds which calculator. */
export const GROUPS: Record<CalculatorId, 'forest' | 'star' | 'five'>;
export function wasmUrl(group: 'forest' | 'star' | 'five' | 'fast'): URL;
/** Whether `text`, the engine's answers (a JSON list) to `count` requests, holds one answer for each (a list it could not read as one gets one short error). */
export function answersEach(text: string, count: number): boolean;

/**
 * The engine.
 * `load(group)`: the module's bytes (Node, tests); in a browser the module is fetched.
 * `fast`: every calculator from the one module built for speed (pkg/fast/: about twice as fast
 * and twice the size), for programs with many requests; pages use the small modules.
 */
export function createEngine(options?: {
  load?: (group: 'forest' | 'star' | 'five' | 'fast') => BufferSource | Promise<BufferSource>;
  fast?: boolean;
}): Promise<Engine>;

/**
 * The answer to a call the engine could not make (a trap; in the pool, a worker that died):
 * `{ok: false, error: {code: 'internal', …}}`, with texts for people.
 */
export const INTERNAL: Readonly<{ ok: false; error: Readonly<EngineError> }>;

// ── The pool (www/pool.js) ──────────────────────────────────────────────────

export interface PoolOptions {
  /** How many workers (default: one per core the platform reports, at least 1). */
  workers?: number;
  /** The module built for speed (pkg/fast/), as `createEngine({fast: true})`; default true. */
  fast?: boolean;
  /** The module's bytes, read once and sent to each worker; otherwise each worker fetches it (in Node: reads its file). */
  load?: (group: 'forest' | 'star' | 'five' | 'fast') => BufferSource | Promise<BufferSource>;
}

/**
 * The same engine in each of a few workers, for programs with many requests: each call goes to
 * the least busy worker. Calls never reject; a worker that dies has its calls answered `internal`
 * and is replaced.
 */
export interface Pool {
  /** Loads the module of calculator (or group) `id` in every worker; rejects as the engine's `ensure` does. */
  ensure(id: CalculatorId | 'forest' | 'star' | 'five' | 'fast'): Promise<void>;
  ensureAll(): Promise<void>;
  /** One response per input, in order, as `Engine.evaluateMany` gives them; never rejects. */
  evaluateMany<C extends CalculatorId>(calculator: C, inputs: Array<Requests[C]> | string, options?: Options): Promise<Array<Response<C>>>;
  /** How many workers run (0 until they have started). */
  readonly size: number;
  /** Ends the workers (in Node, so that the process can exit); calls waiting, and later ones, are answered `internal`. */
  close(): Promise<void>;
  trapForTests(id?: CalculatorId): Promise<Response<CalculatorId>>;
  crashForTests(index?: number): Promise<void>;
}
