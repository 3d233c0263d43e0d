import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ZodError } from 'zod';
import { loadDefinitions, loadShippedTextPacks, parseTextPack, type TextPack } from '../../questionnaires/index.js';
import { allItems } from '../../questionnaires/questionnaire-items.js';
import type { Logger } from '../logger.js';

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
  const linkIdsByName = new Map(loadDefinitions().map((q) => [q.name ?? '', new Set(allItems(q.item).map((item) => item.linkId))]));
  const packs: TextPack[] = [];
  for (const language of readdirSync(dir).sort()) {
    const languageDir = path.join(dir, language);
    if (!statSync(languageDir).isDirectory()) continue;
    for (const file of readdirSync(languageDir).filter((f) => f.endsWith('.json')).sort()) {
      const filePath = path.join(languageDir, file);
      try {
        packs.push(readPack(filePath, language, path.basename(file, '.json'), linkIdsByName));
        logger.info({ file: filePath }, 'text pack installed');
      } catch (err) {
        logger.error({ file: filePath, problem: describe(err) }, `text pack refused: ${filePath}`);
      }
    }
  }
  return packs;
}

function readPack(filePath: string, language: string, name: string, linkIdsByName: ReadonlyMap<string, ReadonlySet<string>>): TextPack {
  const pack = parseTextPack(JSON.parse(readFileSync(filePath, 'utf8')));
  if (pack.language !== language) throw new Error(`its language is "${pack.language}" but it sits in the folder "${language}"`);
  if (pack.questionnaire !== name) throw new Error(`it is for "${pack.questionnaire}" but the file is named "${name}.json"`);
  const known = linkIdsByName.get(name);
  const unknown = known === undefined ? [] : Object.keys(pack.items).filter((linkId) => !known.has(linkId));
  // Wording for items the form does not have means a pack for another version: none of it is used.
  if (unknown.length > 0) throw new Error(`items not in the ${name} form: ${unknown.join(', ')}`);
  return pack;
}

function describe(err: unknown): string {
  if (err instanceof ZodError) return err.issues.map((i) => `${i.path.join('.') || '(pack)'}: ${i.message}`).join('; ');
  return err instanceof Error ? err.message : String(err);
}
