import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';

describe('instrument settings of a deployment', () => {
  it('SRQ20_CUTOFF defaults to 8 (positive at 8 or more Yes answers)', () => {
    expect(loadConfig({}).srq20Cutoff).toBe(8);
    expect(loadConfig({ SRQ20_CUTOFF: '6' }).srq20Cutoff).toBe(6);
  });

  it.each(['0', '21', '7.5', 'eight'])('SRQ20_CUTOFF=%s is refused at start, naming the setting', (value) => {
    expect(() => loadConfig({ SRQ20_CUTOFF: value })).toThrow(/SRQ20_CUTOFF/);
  });

  it('TEXT_PACKS_DIR defaults to <DATA_DIR>/text-packs', () => {
    expect(loadConfig({ DATA_DIR: '/srv/hiwa' }).textPacksDir).toBe(path.resolve('/srv/hiwa/text-packs'));
    expect(loadConfig({ TEXT_PACKS_DIR: '/etc/hiwa/packs' }).textPacksDir).toBe('/etc/hiwa/packs');
  });
});
