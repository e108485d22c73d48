/** Moderation and import test helpers: a moderated pair of hubs, reports, hiding, CSV files. */
import { expect } from 'vitest';
import { ZModerationState, ZReport } from '../src/shared/moderation.schemas';
import { IMPORT_FIELDS } from '../src/shared/imports.schemas';
import { call, db, expectJson, invite, signup, type Session } from './helpers';
import { createNetwork, addHub } from './impact-helpers';
import { newArea, newListing, newRequest } from './matching-helpers';

/**
 * Two hubs in one region (Ghent gives, Kortrijk asks) in a network run by a coordinator who is in
 * neither hub; the Ghent listing is written by a plain member; plus an outsider.
 */
export async function moderatedHubs() {
  const makerAt = newArea();
  const giver = await makerAt('ghent');
  const asker = await makerAt('kortrijk');
  const author = await signup();
  await invite(giver.session, giver.hub.slug, author.session);
  const coordinator = await signup({ displayName: 'Coordinator' });
  const outsider = await signup();
  const network = await createNetwork(coordinator.session);
  for (const side of [giver, asker]) {
    expect((await addHub(coordinator.session, network.slug, side.hub.slug)).status).toBe(200);
    expect((await addHub(side.session, network.slug, side.hub.slug)).status).toBe(200);
  }
  const listing = await newListing(author.session, giver.hub.slug);
  const request = await newRequest(asker.session, asker.hub.slug);
  return {
    giver,
    asker,
    author: { ...author, hub: giver.hub },
    coordinator,
    outsider,
    network,
    listing,
    request,
  };
}

export async function report(session: Session, body: Record<string, unknown>) {
  return call('/reports', { session, body });
}

export async function reportOk(session: Session, itemType: string, itemId: number) {
  return expectJson(
    await report(session, { itemType, itemId, reason: 'misleading', text: 'This is not what it says' }),
    201,
    ZReport,
  );
}

export async function hide(
  session: Session,
  itemType: string,
  id: number,
  reason = 'Misleading description',
) {
  return call(`/moderation/${itemType}/${id}/hide`, { session, body: { reason } });
}

export async function hideOk(session: Session, itemType: string, id: number) {
  return expectJson(await hide(session, itemType, id), 200, ZModerationState);
}

export async function restore(session: Session, itemType: string, id: number) {
  return call(`/moderation/${itemType}/${id}/restore`, { session, body: {} });
}

export async function hiddenColumns(table: 'listings' | 'requests', id: number) {
  return db
    .prepare(`SELECT hidden_at, hidden_by, hidden_reason FROM ${table} WHERE id = ?1`)
    .bind(id)
    .first<{ hidden_at: string | null; hidden_by: number | null; hidden_reason: string | null }>();
}

// ---------- CSV ----------

export const CSV_HEADER = IMPORT_FIELDS.join(',');

/** One valid CSV line in the export format; `n` makes the title unique. */
export function csvLine(n: number, o: Partial<Record<(typeof IMPORT_FIELDS)[number], string>> = {}): string {
  const row: Record<string, string> = {
    kind: 'offcut',
    title: `Birch offcut batch ${n}`,
    description: 'From the workshop, "clean"',
    category: 'birch-plywood',
    quantity: '2.5',
    unit: 'sheets',
    lengthMm: '600',
    widthMm: '400',
    thicknessMm: '18',
    condition: 'good',
    priceType: 'free',
    priceCents: '',
    availableFrom: '',
    availableUntil: '',
    ...o,
  };
  return IMPORT_FIELDS.map((f) => {
    const v = row[f] ?? '';
    return /[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
  }).join(',');
}

export function csvOf(lines: string[]): string {
  return [CSV_HEADER, ...lines].join('\r\n') + '\r\n';
}

export async function importCsv(session: Session, hub: string, body: Record<string, unknown>) {
  return call(`/hubs/${hub}/imports`, { session, body });
}

export async function listingsOfImport(importId: number) {
  return (
    await db
      .prepare('SELECT count(*) AS n FROM listings WHERE import_id = ?1')
      .bind(importId)
      .first<{ n: number }>()
  )?.n;
}
