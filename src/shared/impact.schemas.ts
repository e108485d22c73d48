/**
 * The impact contract: impact factors, dashboard figures and their drill-down lists.
 * Masses are whole grams, CO2e whole grams, machine time thousandths of an hour: every total is
 * an exact sum of integers, and every figure names the list whose rows sum to it.
 */
import { z } from 'zod';
import { ZHubSummary } from './hubs.schemas';
import { ZMethod, ZNetworkHub } from './networks.schemas';

export const ZImpactFactor = z.object({
  id: z.number().int(),
  category: z.string(),
  /** kg CO2e avoided per kg reused. */
  kgCo2ePerKg: z.number(),
  label: z.string(),
  source: z.string(),
  sourceUrl: z.string().nullable(),
  year: z.number().int(),
  licence: z.string(),
  version: z.number().int(),
  validFrom: z.string(),
  note: z.string(),
});
export type TImpactFactor = z.infer<typeof ZImpactFactor>;

export const ZTransportFactor = z.object({
  id: z.number().int(),
  mode: z.string(),
  /** kg CO2e per vehicle-km. */
  kgCo2ePerKm: z.number(),
  source: z.string(),
  year: z.number().int(),
  licence: z.string(),
  version: z.number().int(),
  validFrom: z.string(),
  note: z.string(),
});
export type TTransportFactor = z.infer<typeof ZTransportFactor>;

export const ZFactorTable = z.object({
  factors: z.array(ZImpactFactor),
  transport: z.array(ZTransportFactor),
});
export type TFactorTable = z.infer<typeof ZFactorTable>;

// ---------- dashboard ----------

const ZDay = z.iso.date();
export const GROUP_BYS = ['month', 'hub', 'category'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

export const ZImpactQuery = z.object({
  from: ZDay.optional(),
  to: ZDay.optional(),
  group_by: z.enum(GROUP_BYS).optional(),
});
export type TImpactQuery = z.infer<typeof ZImpactQuery>;

/**
 * The hub filter's value for "any hub outside the network": the per-hub table's last row holds what
 * was given to or received from hubs outside, so each of its columns sums to the network's totals.
 */
export const OUTSIDE_HUBS = '~outside';

/** Filters of a drill-down list; the same filters produce the figure that links to it. */
export const ZFlowQuery = z.object({
  from: ZDay.optional(),
  to: ZDay.optional(),
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional(),
  hub: z.string().min(1).max(60).optional(),
  direction: z.enum(['given', 'received']).optional(),
  from_hub: z.string().min(1).max(60).optional(),
  to_hub: z.string().min(1).max(60).optional(),
  category: z.string().min(1).max(60).optional(),
  family: z.string().min(1).max(60).optional(),
  mass_source: z.enum(['weighed', 'estimated', 'unknown']).optional(),
  kind: z.enum(['material', 'machine_time']).optional(),
});
export type TFlowQuery = z.infer<typeof ZFlowQuery>;

/** Which list of the drill-down a figure sums, and how. */
export const ZSumOf = z.object({
  list: z.enum(['flows', 'impacts']),
  /** A numeric field of each row, or "count" / "distinctHubs". */
  field: z.string(),
});

export const ZFigure = z.object({
  value: z.number().int(),
  low: z.number().int().nullable(),
  high: z.number().int().nullable(),
  unit: z.enum(['g', 'g_co2e', 'count', 'hours_milli']),
  /** API path of the list whose rows sum to this figure. */
  drillDown: z.string(),
  sumOf: ZSumOf,
});
export type TFigure = z.infer<typeof ZFigure>;

export const ZTotals = z.object({
  massWeighed: ZFigure,
  massEstimated: ZFigure,
  massUnknown: ZFigure,
  co2eGross: ZFigure,
  co2eAttributed: ZFigure,
  co2eTransport: ZFigure,
  co2eNet: ZFigure,
  exchanges: ZFigure,
  hubsActive: ZFigure,
  machineHours: ZFigure,
});
export type TTotals = z.infer<typeof ZTotals>;

export const ZGroup = z.object({
  key: z.string(),
  label: z.string(),
  totals: ZTotals,
  /**
   * For hubs: what it gave and what it received. A hub's `totals` are its `received` (figures
   * counted once per exchange are credited to the receiving hub), so each column sums to the
   * network's totals; the row OUTSIDE_HUBS holds the exchanges with hubs outside the network.
   */
  given: ZTotals.nullable(),
  received: ZTotals.nullable(),
});
export type TGroup = z.infer<typeof ZGroup>;

export const ZSankeyLink = z.object({
  from: z.string(),
  to: z.string(),
  family: z.string(),
  grams: z.number().int(),
  drillDown: z.string(),
});
export type TSankeyLink = z.infer<typeof ZSankeyLink>;

export const ZFactorUse = z.object({
  id: z.number().int(),
  category: z.string(),
  version: z.number().int(),
  year: z.number().int(),
  licence: z.string(),
  source: z.string(),
  kgCo2ePerKg: z.number(),
});

export const ZImpactReport = z.object({
  network: z.object({ slug: z.string(), name: z.string() }),
  period: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
  /** The network's method now; each exchange row carries the method it was computed with. */
  method: ZMethod,
  /** Methods the summed rows were computed with, when they differ from today's. */
  methodsUsed: z.array(ZMethod),
  factorsUsed: z.array(ZFactorUse),
  hubs: z.array(ZNetworkHub),
  totals: ZTotals,
  groupBy: z.enum(GROUP_BYS).nullable(),
  groups: z.array(ZGroup),
  sankey: z.array(ZSankeyLink),
});
export type TImpactReport = z.infer<typeof ZImpactReport>;

/**
 * A network's dashboard in one answer: the report for a period (its `groups` empty), its table
 * per month, per hub and per category — all from one read of the kept totals — and, for a period
 * with both ends, the report of the period it is compared with (as many whole months just before
 * it for whole months, else as many days).
 */
export const ZImpactDashboard = z.object({
  report: ZImpactReport,
  tables: z.object({ month: z.array(ZGroup), hub: z.array(ZGroup), category: z.array(ZGroup) }),
  previous: ZImpactReport.nullable(),
});
export type TImpactDashboard = z.infer<typeof ZImpactDashboard>;

export const ZFlowRow = z.object({
  id: z.number().int(),
  exchangeId: z.number().int(),
  fromHub: z.string(),
  toHub: z.string(),
  category: z.string(),
  family: z.string(),
  quantityMilli: z.number().int(),
  unit: z.string(),
  massGrams: z.number().int().nullable(),
  massSource: z.enum(['weighed', 'estimated', 'unknown']),
  completedAt: z.string(),
  reversesFlowId: z.number().int().nullable(),
});
export type TFlowRow = z.infer<typeof ZFlowRow>;

export const IMPACT_REASONS = ['completion', 'ledger_correction', 'recalculation'] as const;

export const ZImpactRow = z.object({
  id: z.number().int(),
  exchangeId: z.number().int(),
  revision: z.number().int(),
  reason: z.enum(IMPACT_REASONS),
  fromHub: z.string(),
  toHub: z.string(),
  completedAt: z.string(),
  category: z.string(),
  family: z.string(),
  flowIds: z.array(z.number().int()),
  massSource: z.enum(['weighed', 'estimated', 'unknown', 'none']),
  massGrams: z.number().int(),
  massLowGrams: z.number().int(),
  massHighGrams: z.number().int(),
  machineHoursMilli: z.number().int(),
  factorId: z.number().int().nullable(),
  transportMode: z.string().nullable(),
  transportFactorId: z.number().int().nullable(),
  distanceM: z.number().int(),
  grossG: z.number().int(),
  grossLowG: z.number().int(),
  grossHighG: z.number().int(),
  attributedG: z.number().int(),
  attributedLowG: z.number().int(),
  attributedHighG: z.number().int(),
  transportG: z.number().int(),
  netG: z.number().int(),
  netLowG: z.number().int(),
  netHighG: z.number().int(),
  method: z.record(z.string(), z.unknown()),
  computedAt: z.string(),
  supersededBy: z.number().int().nullable(),
});
export type TImpactRow = z.infer<typeof ZImpactRow>;

export const ZFlowList = z.object({
  filters: z.record(z.string(), z.string()),
  flows: z.array(ZFlowRow),
  impacts: z.array(ZImpactRow),
  /** What the rows' slugs and exchange numbers stand for: hub names, and each exchange's listing title. */
  names: z.object({
    hubs: z.record(z.string(), z.string()),
    exchanges: z.record(z.string(), z.string()),
  }),
});
export type TFlowList = z.infer<typeof ZFlowList>;

export const ZRecalculation = z.object({
  impact: ZImpactRow,
  superseded: z.array(z.number().int()),
});
export type TRecalculation = z.infer<typeof ZRecalculation>;

export const ZHubImpact = z.object({
  hub: z.string(),
  method: ZMethod,
  factorsUsed: z.array(ZFactorUse),
  exchanges: z.number().int(),
  givenGrams: z.number().int(),
  receivedGrams: z.number().int(),
  massUnknownExchanges: z.number().int(),
  /** CO2e of what this hub received (each exchange credited once, to its receiving hub). */
  co2eNetG: z.number().int(),
  co2eNetLowG: z.number().int(),
  co2eNetHighG: z.number().int(),
  co2eGrossG: z.number().int(),
  co2eTransportG: z.number().int(),
  machineHoursMilli: z.number().int(),
});
export type THubImpact = z.infer<typeof ZHubImpact>;

/**
 * What one completed exchange saved, with Omloop's default method (the figures its hubs' pages
 * count): null figures until it completes. Net = gross × attribution × (1 − deadweight) − transport.
 */
export const ZExchangeImpact = z.object({
  exchangeId: z.number().int(),
  counted: z.boolean(),
  method: ZMethod,
  impact: z
    .object({
      category: z.string(),
      massSource: ZImpactRow.shape.massSource,
      massGrams: z.number().int(),
      massLowGrams: z.number().int(),
      massHighGrams: z.number().int(),
      machineHoursMilli: z.number().int(),
      co2eGrossG: z.number().int(),
      co2eAttributedG: z.number().int(),
      co2eTransportG: z.number().int(),
      co2eNetG: z.number().int(),
      co2eNetLowG: z.number().int(),
      co2eNetHighG: z.number().int(),
      transportMode: z.string().nullable(),
      distanceM: z.number().int(),
      factor: ZFactorUse.nullable(),
      computedAt: z.string(),
    })
    .nullable(),
});
export type TExchangeImpact = z.infer<typeof ZExchangeImpact>;

export const ZOpenData = z.object({
  licenceNote: z.string(),
  network: z.object({ slug: z.string(), name: z.string(), description: z.string() }),
  hubs: z.array(ZHubSummary),
  method: ZMethod,
  factors: ZFactorTable,
  flows: z.array(ZFlowRow),
  impacts: z.array(ZImpactRow),
  generatedAt: z.string(),
});
export type TOpenData = z.infer<typeof ZOpenData>;
