import { parseArgs } from 'node:util';
import { z } from 'zod';

export const backupFlags = z.object({
  out: z.string({ error: '--out FILE is required' }).min(1, '--out FILE is required'),
});
export const restoreFlags = z.object({
  file: z.string({ error: 'the backup FILE to restore is required' }).min(1, 'the backup FILE to restore is required'),
  force: z.boolean(),
});

/** `npm run backup -- --out FILE`: unknown flags stop parseArgs, missing ones stop zod, each with its message. */
export function parseBackupArgs(args: string[]): z.infer<typeof backupFlags> {
  const { values } = parseArgs({ args, options: { out: { type: 'string' } }, strict: true, allowPositionals: false });
  return backupFlags.parse(values);
}

/** `npm run restore -- FILE [--force]` */
export function parseRestoreArgs(args: string[]): z.infer<typeof restoreFlags> {
  const { values, positionals } = parseArgs({ args, options: { force: { type: 'boolean' } }, strict: true, allowPositionals: true });
  if (positionals.length > 1) throw new z.ZodError([{ code: 'custom', path: ['file'], message: 'one backup FILE at a time', input: positionals }]);
  return restoreFlags.parse({ file: positionals[0], force: values.force === true });
}
