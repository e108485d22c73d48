/**
 * The per-group export rows (CSV and JSON tables), pure. One convention for per-hub figures (see
 * `groupsOf`): given and received mass in separate columns; every figure counted once per exchange
 * credited to the receiving hub. Every numeric column here sums, over a table's rows, to the
 * network's total for the same period (tested for random ledgers in impact.exports.test.ts).
 */
import type { TGroup, TTotals } from '../../shared/impact.schemas';
import type { Cell } from './impact.csv';

/** Columns of the hubs, months and categories tables, in order. */
export const GROUP_COLUMNS = [
  'key',
  'label',
  'givenMassG',
  'receivedMassG',
  'massWeighedG',
  'massEstimatedG',
  'massEstimatedLowG',
  'massEstimatedHighG',
  'massUnknownRows',
  'co2eGrossG',
  'co2eAttributedG',
  'co2eTransportG',
  'co2eNetG',
  'co2eNetLowG',
  'co2eNetHighG',
  'exchanges',
  'machineHoursMilli',
] as const;
export type GroupColumn = (typeof GROUP_COLUMNS)[number];

/** Each summed column and the network total it sums to. */
export const COLUMN_TOTALS: Record<Exclude<GroupColumn, 'key' | 'label'>, (t: TTotals) => number> = {
  givenMassG: knownMass,
  receivedMassG: knownMass,
  massWeighedG: (t) => t.massWeighed.value,
  massEstimatedG: (t) => t.massEstimated.value,
  massEstimatedLowG: (t) => t.massEstimated.low ?? 0,
  massEstimatedHighG: (t) => t.massEstimated.high ?? 0,
  massUnknownRows: (t) => t.massUnknown.value,
  co2eGrossG: (t) => t.co2eGross.value,
  co2eAttributedG: (t) => t.co2eAttributed.value,
  co2eTransportG: (t) => t.co2eTransport.value,
  co2eNetG: (t) => t.co2eNet.value,
  co2eNetLowG: (t) => t.co2eNet.low ?? 0,
  co2eNetHighG: (t) => t.co2eNet.high ?? 0,
  exchanges: (t) => t.exchanges.value,
  machineHoursMilli: (t) => t.machineHours.value,
};

/** Weighed plus estimated grams: the mass known. */
export function knownMass(t: TTotals): number {
  return t.massWeighed.value + t.massEstimated.value;
}

/**
 * One table row. Months and categories: given and received are the row's known mass (each
 * exchange gives once and receives once). Hubs: what the hub gave, what it received, and the
 * once-per-exchange figures credited to it as receiver.
 */
export function groupRow(g: TGroup): Record<GroupColumn, Cell> {
  const t = g.totals;
  return {
    key: g.key,
    label: g.label,
    givenMassG: knownMass(g.given ?? t),
    receivedMassG: knownMass(g.received ?? t),
    massWeighedG: t.massWeighed.value,
    massEstimatedG: t.massEstimated.value,
    massEstimatedLowG: t.massEstimated.low,
    massEstimatedHighG: t.massEstimated.high,
    massUnknownRows: t.massUnknown.value,
    co2eGrossG: t.co2eGross.value,
    co2eAttributedG: t.co2eAttributed.value,
    co2eTransportG: t.co2eTransport.value,
    co2eNetG: t.co2eNet.value,
    co2eNetLowG: t.co2eNet.low,
    co2eNetHighG: t.co2eNet.high,
    exchanges: t.exchanges.value,
    machineHoursMilli: t.machineHours.value,
  };
}
