// A portal developer's typed use of the browser API (www/engine.d.ts):
// tests/js/types.test.mjs compiles this with tsc; a wrong field or a wrong
// reading of a result fails the build of this file.
import { createEngine, type CatalogField, type ForestMaintenanceRequest } from '../../www/engine.js';

export async function example(): Promise<string> {
  const engine = await createEngine();
  await engine.ensure('forest-maintenance');

  const request: ForestMaintenanceRequest = {
    zone: 'sandy', forestType: 'shrub', areaMu: '120.5', plantingYear: 2014,
    applicationDate: '2026-05-10', asOf: '2026-05-10', horizonYears: 3, retentionRate: '0.86',
    jointApplication: false, landRightsClear: true, meetsTechnicalStandards: true, compartmentManaged: true,
    location: 'lingwu',
  };
  const r = engine.evaluate('forest-maintenance', request);
  if (!r.ok) return `${r.error.label?.zh ?? ''}: ${r.error.messageZh}`;
  const within: string = r.result.totalWithinValidity;
  const years: number[] = r.result.schedule.map((row) => row.year);

  const star = engine.evaluate('property-star', { scores: { contract: 46, satisfaction: '27', governance: 18, rectification: 9 } }, { detail: 'codes' });
  const stars = star.ok ? star.result.stars : null;

  // A form built from the catalog alone.
  const fields: CatalogField[] = engine.catalog().find((c) => c.id === 'forest-maintenance')?.fields ?? [];
  const labels = fields.map((f) => `${f.labelZh}${f.unitZh ? `（${f.unitZh}）` : ''}${f.required === true ? ' *' : ''}`);
  return `${within} ${years.join(',')} ${stars} ${labels.length}`;
}
