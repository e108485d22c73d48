import { describe, expect, it } from 'vitest';
import {
  CATEGORIES,
  CATEGORY_SLUGS,
  categoryFamily,
  categoryTree,
  categoryWithDescendants,
  findCategory,
} from '../../src/shared/taxonomy';

describe('taxonomy', () => {
  it('lists every parent before its children', () => {
    const seen = new Set<string>();
    for (const cat of CATEGORIES) {
      if (cat.parent !== null) expect(seen.has(cat.parent), `${cat.slug} → ${cat.parent}`).toBe(true);
      seen.add(cat.slug);
    }
  });

  it('has unique, slug-shaped slugs', () => {
    expect(new Set(CATEGORY_SLUGS).size).toBe(CATEGORIES.length);
    for (const slug of CATEGORY_SLUGS) expect(slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it('labels every category in nl, fr and en', () => {
    for (const cat of CATEGORIES) {
      expect(Object.keys(cat.label).sort(), cat.slug).toEqual(['en', 'fr', 'nl']);
      for (const text of Object.values(cat.label)) expect(text.trim().length, cat.slug).toBeGreaterThan(0);
    }
  });

  it('finds a category with everything below it', () => {
    const wood = categoryWithDescendants('wood');
    expect(wood[0]).toBe('wood');
    expect(wood).toEqual(expect.arrayContaining(['plywood', 'birch-plywood', 'mdf', 'hardwood', 'pallets']));
    expect(wood).not.toContain('acrylic');
    expect(categoryWithDescendants('plywood')).toEqual(['plywood', 'birch-plywood']);
    expect(categoryWithDescendants('birch-plywood')).toEqual(['birch-plywood']);
    expect(categoryWithDescendants('unobtainium')).toEqual([]);
  });

  it('finds the family of a category', () => {
    expect(categoryFamily('birch-plywood')).toBe('wood');
    expect(categoryFamily('hardwood')).toBe('wood');
    expect(categoryFamily('wood')).toBe('wood');
    expect(categoryFamily('laser-cutting')).toBe('machine-time');
    expect(categoryFamily('unknown')).toBe('unknown');
  });

  it('builds a tree holding every category once', () => {
    const flat: string[] = [];
    const walk = (nodes: ReturnType<typeof categoryTree>) =>
      nodes.forEach((n) => {
        flat.push(n.slug);
        walk(n.children);
      });
    walk(categoryTree());
    expect(flat.sort()).toEqual([...CATEGORY_SLUGS].sort());
    expect(findCategory('birch-plywood')?.parent).toBe('plywood');
    expect(findCategory('nope')).toBeUndefined();
  });
});
