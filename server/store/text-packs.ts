import type { Queryable } from './database.js';

/** A text pack as an admin installed it (migration 017): its JSON as checked at install, and who and when. */
export interface InstalledTextPackRow {
  questionnaire: string;
  language: string;
  content: unknown;
  installedAt: Date;
  /** the admin's username */
  installedBy: string;
}

interface DbTextPack {
  questionnaire: string;
  language: string;
  content: unknown;
  installed_at: Date | string;
  installed_by: string;
}

const toRow = (r: DbTextPack): InstalledTextPackRow => ({
  questionnaire: r.questionnaire,
  language: r.language,
  content: r.content,
  installedAt: new Date(r.installed_at),
  installedBy: r.installed_by,
});

/** Installs a pack, replacing the one for the same questionnaire and language. */
export async function upsertTextPack(q: Queryable, row: InstalledTextPackRow): Promise<void> {
  await q.query(
    `INSERT INTO text_pack (questionnaire, language, content, installed_at, installed_by) VALUES ($1, $2, $3::jsonb, $4, $5)
     ON CONFLICT (questionnaire, language) DO UPDATE SET content = EXCLUDED.content, installed_at = EXCLUDED.installed_at, installed_by = EXCLUDED.installed_by`,
    [row.questionnaire, row.language, JSON.stringify(row.content), row.installedAt, row.installedBy],
  );
}

/** The installed pack for one questionnaire name and language, if any. */
export async function findInstalledTextPack(q: Queryable, questionnaire: string, language: string): Promise<InstalledTextPackRow | undefined> {
  const { rows } = await q.query<DbTextPack>('SELECT * FROM text_pack WHERE questionnaire = $1 AND language = $2', [questionnaire, language]);
  return rows[0] ? toRow(rows[0]) : undefined;
}

export type InstalledTextPackSummary = Omit<InstalledTextPackRow, 'content'> & { reviewStatus: string };

/** Every installed pack without its wording (but with who checked it), by questionnaire and language. */
export async function listInstalledTextPacks(q: Queryable): Promise<InstalledTextPackSummary[]> {
  const { rows } = await q.query<Omit<DbTextPack, 'content'> & { review_status: string }>(
    `SELECT questionnaire, language, installed_at, installed_by, content->>'reviewStatus' AS review_status
       FROM text_pack ORDER BY questionnaire, language`,
  );
  return rows.map((r) => ({
    questionnaire: r.questionnaire,
    language: r.language,
    reviewStatus: r.review_status,
    installedAt: new Date(r.installed_at),
    installedBy: r.installed_by,
  }));
}
