import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ZodError } from 'zod';
import type { Questionnaire } from '@medplum/fhirtypes';
import { loadDefinitions, loadShippedTextPacks, parseTextPack, textPackMisfits, type TextPack } from '../../questionnaires/index.js';
import type { Logger } from '../logger.js';
import type { Queryable } from '../store/database.js';
import { findInstalledTextPack } from '../store/text-packs.js';

/**
 * The text packs in use: those Hiwa ships, each replaced whole by a pack the organisation installed for the
 * same questionnaire and language. Installed packs are files `<dir>/<lang>/<NAME>.json`, read once at start.
 * A pack that fails its check is refused whole, with a log line naming the file, and the server goes on.
 */
export function loadTextPacks(dir: string, logger: Logger): TextPack[] {
  const installed = readInstalledPacks(dir, logger);
  const key = (pack: TextPack) => `${pack.questionnaire}\u0000${pack.language}`;
  const replaced = new Set(installed.map(key));
  return [...loadShippedTextPacks().filter((pack) => !replaced.has(key(pack))), ...installed];
}

function readInstalledPacks(dir: string, logger: Logger): TextPack[] {
  if (!existsSync(dir)) return [];
  const definitions = loadDefinitions();
  const packs: TextPack[] = [];
  for (const language of readdirSync(dir).sort()) {
    const languageDir = path.join(dir, language);
    if (!statSync(languageDir).isDirectory()) continue;
    for (const file of readdirSync(languageDir).filter((f) => f.endsWith('.json')).sort()) {
      const filePath = path.join(languageDir, file);
      try {
        packs.push(readPack(filePath, language, path.basename(file, '.json'), definitions));
        logger.info({ file: filePath }, 'text pack installed');
      } catch (err) {
        logger.error({ file: filePath, problem: describe(err) }, `text pack refused: ${filePath}`);
      }
    }
  }
  return packs;
}

function readPack(filePath: string, language: string, name: string, definitions: readonly Questionnaire[]): TextPack {
  const pack = parseTextPack(JSON.parse(readFileSync(filePath, 'utf8')));
  if (pack.language !== language) throw new Error(`its language is "${pack.language}" but it sits in the folder "${language}"`);
  if (pack.questionnaire !== name) throw new Error(`it is for "${pack.questionnaire}" but the file is named "${name}.json"`);
  // Wording for items the form does not have means a pack for another version: none of it is used.
  const versions = definitions.filter((q) => q.name === name);
  const misfits = versions.length === 0 ? [] : textPackMisfits(pack, versions);
  if (misfits.length > 0) throw new Error(misfits.map((m) => m.message).join('; '));
  return pack;
}

/**
 * The pack an admin installed through the admin API for a questionnaire name and language (stored in the
 * database, so every API process finds the same one, from the moment it is installed). Looked up by its key
 * on each `$localize`, which is one indexed row: no cache to fall out of step between processes.
 */
export function databaseTextPacks(db: Queryable): (questionnaire: string, language: string) => Promise<TextPack | undefined> {
  return async (questionnaire, language) => {
    const row = await findInstalledTextPack(db, questionnaire, language);
    return row === undefined ? undefined : parseTextPack(row.content);
  };
}

function describe(err: unknown): string {
  if (err instanceof ZodError) return err.issues.map((i) => `${i.path.join('.') || '(pack)'}: ${i.message}`).join('; ');
  return err instanceof Error ? err.message : String(err);
}
