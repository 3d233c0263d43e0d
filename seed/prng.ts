/**
 * A small deterministic random source for generated data. Each record gets its own stream, derived from
 * (seed, stream name, index), so record 73,512 comes out the same whether or not records 0–73,511 were made:
 * generators stay pure functions of their index and can be run in any order or in parallel.
 */
export interface Random {
  /** uniform in [0, 1) */
  next(): number;
  /** integer in [min, max], both inclusive */
  int(min: number, max: number): number;
  /** true with probability p */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** an item chosen with probability proportional to its weight */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
}

/** The stream of record `index` of kind `stream` under `seed`. */
export function randomFor(seed: number, stream: string, index: number): Random {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b);
  for (let i = 0; i < stream.length; i++) h = Math.imul(h ^ stream.charCodeAt(i), 0xcc9e2d51);
  h = Math.imul(h ^ index, 0x1b873593);
  return mulberry32(h ^ (h >>> 15));
}

/** mulberry32: 32-bit state, good enough spread for test data, and fast. */
function mulberry32(state: number): Random {
  let a = state >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)],
    weighted: (items) => {
      const total = items.reduce((sum, [, w]) => sum + w, 0);
      let r = next() * total;
      for (const [item, w] of items) {
        r -= w;
        if (r < 0) return item;
      }
      return items[items.length - 1][0];
    },
  };
  // Mixing the first outputs away: neighbouring indexes start from close states.
  next();
  next();
  return random;
}
