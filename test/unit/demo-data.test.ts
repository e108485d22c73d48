import { describe, expect, it } from 'vitest';
import { ZHubInput, ZListingInput, ZRequestInput } from '../../src/shared/schemas';

type Entry = Record<string, unknown> & { hub: string; author: string; createdDaysAgo: number };
type DemoData = {
  DEMO_PASSWORD: string;
  hubs: (Record<string, unknown> & { slug: string })[];
  users: { email: string; displayName: string; memberships: { hub: string; role: string }[] }[];
  listings: Entry[];
  requests: Entry[];
};

// scripts/ are plain JavaScript without declarations; the cast gives the shape this test relies on.
// @ts-expect-error TS7016: no declaration file for a .mjs script
const demo = (await import('../../scripts/demo-data.mjs')) as DemoData;

const SLUGS = [
  'broei',
  'buda-factory',
  'atelier-groot-eiland',
  't2-campus',
  'rdm-rotterdam',
  'm4h-rotterdam',
  'maakleerplek-leuven',
];

/** An entry as the API would receive it: without the seed's own fields. */
function asInput({ author: _author, createdDaysAgo: _days, ...input }: Entry) {
  return input;
}

describe('demo data', () => {
  it('has the seven hubs, each a valid hub', () => {
    expect(demo.hubs.map((h) => h.slug).sort()).toEqual([...SLUGS].sort());
    for (const hub of demo.hubs) {
      const r = ZHubInput.safeParse(hub);
      expect(r.success, `${hub.slug}: ${JSON.stringify(r.error?.issues)}`).toBe(true);
    }
  });

  it('has enough listings and requests to show the app, including machine time', () => {
    expect(demo.listings.length).toBeGreaterThanOrEqual(35);
    expect(demo.requests.length).toBeGreaterThanOrEqual(8);
    expect(demo.listings.filter((l) => l.kind === 'machine_time').length).toBeGreaterThanOrEqual(3);
  });

  it('has only listings the API would accept', () => {
    for (const listing of demo.listings) {
      const r = ZListingInput.safeParse(asInput(listing));
      expect(r.success, `${String(listing.title)}: ${JSON.stringify(r.error?.issues)}`).toBe(true);
      expect(listing.createdDaysAgo).toBeGreaterThanOrEqual(0);
    }
  });

  it('has only requests the API would accept', () => {
    for (const request of demo.requests) {
      const r = ZRequestInput.safeParse(asInput(request));
      expect(r.success, `${String(request.title)}: ${JSON.stringify(r.error?.issues)}`).toBe(true);
      expect(request.createdDaysAgo).toBeGreaterThanOrEqual(0);
    }
  });

  it('has every author be a member of the hub they post for', () => {
    const memberships = new Set(demo.users.flatMap((u) => u.memberships.map((m) => `${u.email} ${m.hub}`)));
    for (const entry of [...demo.listings, ...demo.requests])
      expect(memberships.has(`${entry.author} ${entry.hub}`), `${entry.author} in ${entry.hub}`).toBe(true);
  });

  it('gives every hub a manager, and people unique emails and known hubs', () => {
    const emails = demo.users.map((u) => u.email);
    expect(new Set(emails).size).toBe(emails.length);
    for (const u of demo.users) for (const m of u.memberships) expect(SLUGS).toContain(m.hub);
    for (const slug of SLUGS)
      expect(
        demo.users.some((u) => u.memberships.some((m) => m.hub === slug && m.role === 'manager')),
        slug,
      ).toBe(true);
  });
});
