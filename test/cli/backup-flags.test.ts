import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseBackupArgs, parseRestoreArgs } from '../../server/cli/backup-flags.js';

const messagesOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (err) {
    if (err instanceof z.ZodError) return err.issues.map((i) => i.message);
    throw err;
  }
  throw new Error('the flags were accepted');
};

describe('npm run backup flags', () => {
  it('takes the file to write from --out', () => {
    expect(parseBackupArgs(['--out', '/backups/hiwa.dump'])).toEqual({ out: '/backups/hiwa.dump' });
  });

  it('requires --out, saying so', () => {
    expect(messagesOf(() => parseBackupArgs([]))).toEqual(['--out FILE is required']);
    expect(messagesOf(() => parseBackupArgs(['--out', '']))).toEqual(['--out FILE is required']);
  });

  it('refuses flags it does not know and stray arguments', () => {
    expect(() => parseBackupArgs(['--out', 'a', '--compress'])).toThrow(/Unknown option '--compress'/);
    expect(() => parseBackupArgs(['a.dump'])).toThrow(/Unexpected argument 'a.dump'/);
  });
});

describe('npm run restore flags', () => {
  it('takes one backup file, and --force to replace a database that holds data', () => {
    expect(parseRestoreArgs(['hiwa.dump'])).toEqual({ file: 'hiwa.dump', force: false });
    expect(parseRestoreArgs(['--force', 'hiwa.dump'])).toEqual({ file: 'hiwa.dump', force: true });
  });

  it('requires exactly one file, saying so', () => {
    expect(messagesOf(() => parseRestoreArgs([]))).toEqual(['the backup FILE to restore is required']);
    expect(messagesOf(() => parseRestoreArgs(['a.dump', 'b.dump']))).toEqual(['one backup FILE at a time']);
  });

  it('refuses flags it does not know', () => {
    expect(() => parseRestoreArgs(['hiwa.dump', '--yes'])).toThrow(/Unknown option '--yes'/);
  });
});
