import type { Questionnaire } from '@medplum/fhirtypes';
import { loadDefinitions, textPackMisfits, textPackSchema, type TextPack } from '../../questionnaires/index.js';
import { parseInput } from '../auth/parse-input.js';
import { issue, unprocessable } from '../fhir/outcomes.js';
import type { Queryable } from '../store/database.js';
import type { Repository } from '../store/repository.js';
import { upsertTextPack, type InstalledTextPackSummary } from '../store/text-packs.js';
import { findResources } from './find-resources.js';

/**
 * Installs a text pack an admin sent: checked by the pack schema (400 naming the field, e.g. `language`),
 * then against the form it words, every stored and shipped version of it (422: no such questionnaire, or
 * an item or option the form does not have, named by its path in the pack). Replaces the pack for the same
 * questionnaire and language; `$localize` in every process uses it from then on.
 */
export async function installTextPack(
  repo: Repository,
  db: Queryable,
  body: unknown,
  installer: { username: string; at: Date },
): Promise<InstalledTextPackSummary> {
  const pack: TextPack = parseInput(textPackSchema, body);
  const versions = await versionsOf(repo, pack.questionnaire);
  if (versions.length === 0) {
    throw unprocessable([issue('not-found', `No questionnaire is named '${pack.questionnaire}' (Questionnaire.name, e.g. SDQ_P4_17)`, 'questionnaire')]);
  }
  const misfits = textPackMisfits(pack, versions);
  if (misfits.length > 0) throw unprocessable(misfits.map((m) => issue('value', m.message, m.path)));
  const row = { questionnaire: pack.questionnaire, language: pack.language, content: pack, installedAt: installer.at, installedBy: installer.username };
  await upsertTextPack(db, row);
  return { questionnaire: row.questionnaire, language: row.language, reviewStatus: pack.reviewStatus, installedAt: row.installedAt, installedBy: row.installedBy };
}

/** The stored versions of a form by its name, and the shipped ones (in case the store is still being filled at start). */
async function versionsOf(repo: Repository, name: string): Promise<Questionnaire[]> {
  const stored = await findResources<Questionnaire>(repo, 'Questionnaire', [['name:exact', name]]);
  return [...stored, ...loadDefinitions().filter((q) => q.name === name)];
}
