/**
 * The `family` column of listings and requests (a generated column, migration 0011) is what the
 * matching indexes are keyed by. Its CASE is written in SQL; this test holds it to the taxonomy in
 * src/shared/taxonomy.ts, category by category, so the two cannot drift apart unnoticed.
 */
import { describe, expect, it } from 'vitest';
import { CATEGORIES, categoryFamily } from '../../src/shared/taxonomy';
import { db, makerWithHub } from '../helpers';

describe('category families in the database', () => {
  it('every category of the taxonomy has its family in listings and requests', async () => {
    const m = await makerWithHub();
    const hub = (await db
      .prepare('SELECT id FROM hubs WHERE slug = ?1')
      .bind(m.hub.slug)
      .first<{ id: number }>())!.id;
    const now = '2026-11-27T00:00:00Z';
    const slugs = CATEGORIES.map((c) => c.slug);
    await db.batch(
      slugs.flatMap((category) => [
        db
          .prepare(
            `INSERT INTO listings (hub_id, author_id, kind, title, category, quantity_milli, unit, condition,
               price_type, created_at, updated_at)
             VALUES (?1, ?2, 'offcut', 'Family check', ?3, 1000, 'pieces', 'good', 'free', ?4, ?4)`,
          )
          .bind(hub, m.me.user.id, category, now),
        db
          .prepare(
            `INSERT INTO requests (hub_id, author_id, title, category, quantity_milli, unit, fetch_radius_km,
               created_at, updated_at)
             VALUES (?1, ?2, 'Family check', ?3, 1000, 'pieces', 50, ?4, ?4)`,
          )
          .bind(hub, m.me.user.id, category, now),
      ]),
    );
    for (const table of ['listings', 'requests'] as const) {
      const { results } = await db
        .prepare(`SELECT category, family FROM ${table} WHERE hub_id = ?1`)
        .bind(hub)
        .all<{ category: string; family: string }>();
      expect(results).toHaveLength(slugs.length);
      for (const r of results) expect(r.family, `${table}: ${r.category}`).toBe(categoryFamily(r.category));
    }
  });
});
