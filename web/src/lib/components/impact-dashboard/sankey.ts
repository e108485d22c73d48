/** Sankey layout: sources on the left, targets on the right, bands as thick cubic curves. */
import type { TSankeyLink } from '$shared/impact.schemas';

const GAP = 14;

export type SankeyNode = { slug: string; total: number; y: number; h: number; offset: number };

function column(links: TSankeyLink[], key: 'from' | 'to', scale: number): Map<string, SankeyNode> {
  const totals = new Map<string, number>();
  for (const l of links) totals.set(l[key], (totals.get(l[key]) ?? 0) + l.grams);
  const nodes = new Map<string, SankeyNode>();
  let y = 20;
  for (const [slug, total] of [...totals.entries()].sort((a, b) => b[1] - a[1])) {
    const h = Math.max(2, total * scale);
    nodes.set(slug, { slug, total, y, h, offset: 0 });
    y += h + GAP;
  }
  return nodes;
}

export function sankeyLayout(links: TSankeyLink[], o: { left: number; right: number; nodeWidth: number }) {
  const total = links.reduce((s, l) => s + l.grams, 0);
  const rows = Math.max(new Set(links.map((l) => l.from)).size, new Set(links.map((l) => l.to)).size, 1);
  const height = Math.max(160, rows * 48);
  const scale = total > 0 ? (height - 40 - GAP * (rows - 1)) / total : 0;
  const left = column(links, 'from', scale);
  const right = column(links, 'to', scale);
  const bands = [...links]
    .sort((a, b) => b.grams - a.grams)
    .map((l) => {
      const s = left.get(l.from)!;
      const t = right.get(l.to)!;
      const w = Math.max(1, l.grams * scale);
      const y0 = s.y + s.offset + w / 2;
      const y1 = t.y + t.offset + w / 2;
      s.offset += w;
      t.offset += w;
      const x0 = o.left + o.nodeWidth;
      const mid = (x0 + o.right) / 2;
      return {
        link: l,
        w,
        mid,
        yMid: (y0 + y1) / 2,
        d: `M${x0},${y0} C${mid},${y0} ${mid},${y1} ${o.right},${y1}`,
      };
    });
  const bottom = Math.max(height, ...[...left.values(), ...right.values()].map((n) => n.y + n.h));
  return { height: bottom + 20, left: [...left.values()], right: [...right.values()], bands };
}
