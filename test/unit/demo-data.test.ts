import { describe, expect, it } from 'vitest';
import { ZMachineInput } from '../../src/shared/machines.schemas';
import { ZHubInput } from '../../src/shared/hubs.schemas';
import { ZListingInput } from '../../src/shared/listings.schemas';
import { ZRequestInput } from '../../src/shared/requests.schemas';

type Entry = Record<string, unknown> & { hub: string; author: string; createdDaysAgo: number };
type DemoData = {
  DEMO_PASSWORD: string;
  hubs: (Record<string, unknown> & { slug: string })[];
  users: { email: string; displayName: string; memberships: { hub: string; role: string }[] }[];
  listings: Entry[];
  requests: Entry[];
  machines: (Record<string, unknown> & { hub: string; createdBy: string; training: string | null })[];
  trainings: { hub: string; name: string; level: number }[];
  demoExchanges: {
    receiver: string;
    hub: string;
    listing: string;
    quantity: number;
    massGrams: number;
    transportMode: string;
  }[];
  demoPending: {
    claim: { receiver: string; hub: string; listing: string; quantity: number; message: string };
    join: { person: string; hub: string; message: string };
  };
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

  it('has demo exchanges a member of another hub can claim, within what each listing offers', () => {
    expect(demo.demoExchanges.length).toBeGreaterThanOrEqual(3);
    const memberships = new Set(demo.users.flatMap((u) => u.memberships.map((m) => `${u.email} ${m.hub}`)));
    for (const e of demo.demoExchanges) {
      const listing = demo.listings.find((l) => l.title === e.listing);
      expect(listing, e.listing).toBeDefined();
      expect(demo.listings.filter((l) => l.title === e.listing)).toHaveLength(1);
      expect(memberships.has(`${e.receiver} ${e.hub}`), `${e.receiver} in ${e.hub}`).toBe(true);
      expect(listing!.hub, `${e.listing} goes to another hub`).not.toBe(e.hub);
      expect(e.quantity).toBeGreaterThan(0);
      expect(e.quantity).toBeLessThanOrEqual(listing!.quantity as number);
      expect(e.massGrams).toBeGreaterThan(0);
    }
  });

  it('leaves a claim to answer and a request to join to decide, each for a hub with a manager', () => {
    const { claim, join } = demo.demoPending;
    const memberships = new Set(demo.users.flatMap((u) => u.memberships.map((m) => `${u.email} ${m.hub}`)));
    const managed = new Set(
      demo.users.flatMap((u) => u.memberships.filter((m) => m.role === 'manager').map((m) => m.hub)),
    );
    const listing = demo.listings.find((l) => l.title === claim.listing);
    expect(listing, claim.listing).toBeDefined();
    expect(demo.listings.filter((l) => l.title === claim.listing)).toHaveLength(1);
    // Not a listing the completed exchanges take from: its quantity is all there when claimed.
    expect(demo.demoExchanges.map((e) => e.listing)).not.toContain(claim.listing);
    expect(memberships.has(`${claim.receiver} ${claim.hub}`), `${claim.receiver} in ${claim.hub}`).toBe(true);
    expect(listing!.hub).not.toBe(claim.hub);
    expect(managed.has(listing!.hub), `${listing!.hub} has a manager`).toBe(true);
    expect(claim.quantity).toBeGreaterThan(0);
    expect(claim.quantity).toBeLessThanOrEqual(listing!.quantity as number);
    expect(claim.message.trim().length).toBeGreaterThan(0);
    expect(demo.users.some((u) => u.email === join.person)).toBe(true);
    expect(memberships.has(`${join.person} ${join.hub}`), `${join.person} is not in ${join.hub} yet`).toBe(
      false,
    );
    expect(managed.has(join.hub), `${join.hub} has a manager`).toBe(true);
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

  it('puts the Rotterdam hubs in Amsterdam time and the others in Brussels time', () => {
    for (const hub of demo.hubs)
      expect(ZHubInput.parse(hub).timezone, hub.slug).toBe(
        hub.slug.endsWith('rotterdam') ? 'Europe/Amsterdam' : 'Europe/Brussels',
      );
  });

  it('has machines the API would accept, by managers, needing trainings of their own hub', () => {
    expect(demo.machines.length).toBeGreaterThanOrEqual(4);
    const laser = demo.machines.find((m) => m.hub === 'broei' && m.type === 'laser_cutter');
    expect(laser).toMatchObject({ bedXMm: 600, bedYMm: 400 });
    expect(laser?.materialsForbidden).toContain('PVC');
    for (const { hub, createdBy, training, ...input } of demo.machines) {
      const r = ZMachineInput.safeParse(input);
      expect(r.success, `${String(input.name)}: ${JSON.stringify(r.error?.issues)}`).toBe(true);
      expect(
        demo.users.some(
          (u) => u.email === createdBy && u.memberships.some((m) => m.hub === hub && m.role === 'manager'),
        ),
      ).toBe(true);
      if (training) expect(training.startsWith(`${hub}/`), training).toBe(true);
    }
  });
});
