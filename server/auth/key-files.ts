import fs from 'node:fs';
import path from 'node:path';

/**
 * Reads a secret kept under DATA_DIR/keys, creating it on first use. The file is created exclusively, so
 * when two processes start at once on one DATA_DIR the loser reads the winner's key instead of replacing it.
 */
export function loadOrCreateKeyFile(dataDir: string, name: string, create: () => string): string {
  const file = path.join(dataDir, 'keys', name);
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const content = create();
  try {
    fs.writeFileSync(file, content, { mode: 0o600, flag: 'wx' });
    return content;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return fs.readFileSync(file, 'utf8');
    throw err;
  }
}
