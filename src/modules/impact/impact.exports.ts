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

/**
 * The tables as a spreadsheet shows them: masses and CO2e in kg, machine time in hours (exact
 * decimals of the grams and thousandths kept, so the columns still sum to the totals). Each CSV
 * column, the group column it shows and its divisor.
 */
export const CSV_GROUP_COLUMNS = [
  ['key', 'key', 1],
  ['label', 'label', 1],
  ['givenMassKg', 'givenMassG', 1000],
  ['receivedMassKg', 'receivedMassG', 1000],
  ['massWeighedKg', 'massWeighedG', 1000],
  ['massEstimatedKg', 'massEstimatedG', 1000],
  ['massEstimatedLowKg', 'massEstimatedLowG', 1000],
  ['massEstimatedHighKg', 'massEstimatedHighG', 1000],
  ['massUnknownRows', 'massUnknownRows', 1],
  ['co2eGrossKg', 'co2eGrossG', 1000],
  ['co2eAttributedKg', 'co2eAttributedG', 1000],
  ['co2eTransportKg', 'co2eTransportG', 1000],
  ['co2eNetKg', 'co2eNetG', 1000],
  ['co2eNetLowKg', 'co2eNetLowG', 1000],
  ['co2eNetHighKg', 'co2eNetHighG', 1000],
  ['exchanges', 'exchanges', 1],
  ['machineHours', 'machineHoursMilli', 1000],
] as const satisfies readonly (readonly [string, GroupColumn, 1 | 1000])[];
export type CsvGroupColumn = (typeof CSV_GROUP_COLUMNS)[number][0];

/** One table row for the CSV: `groupRow` with grams as kg and thousandths of hours as hours. */
export function groupCsvRow(g: TGroup): Record<CsvGroupColumn, Cell> {
  const row = groupRow(g);
  return Object.fromEntries(
    CSV_GROUP_COLUMNS.map(([name, col, div]) => {
      const v = row[col];
      return [name, typeof v === 'number' && div !== 1 ? v / div : v];
    }),
  ) as Record<CsvGroupColumn, Cell>;
}
