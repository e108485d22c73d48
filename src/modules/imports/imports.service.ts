/**
 * Bulk import and export of a hub's listings. Rows are validated with ZListingInput (the API's
 * own schema); a commit stages the valid rows in chunks and then creates them all with one
 * statement, so a failure anywhere leaves no listing behind.
 */
import type { Deps, SessionUser } from '../../env';
import { ApiError, validationError } from '../../http/errors';
import {
  MAX_IMPORT_ROWS,
  type TImport,
  type TImportInput,
  type TImportList,
  type TImportMapping,
} from '../../shared/imports.schemas';
import type { Locale } from '../../shared/taxonomy';
import { requireHubRef, roleIn, type HubRef } from '../hubs/hubs.service';
import { newListingValues } from '../listings/listings.domain';
import { exportListings, insertImportedStatement } from '../listings/listings.service';
import { queueImportStatement } from '../matching/matching.service';
import {
  chunks,
  defaultMapping,
  parseCsv,
  PREVIEW_ROWS,
  previewRow,
  toCsv,
  unknownColumns,
  validateRows,
} from './imports.domain';
import * as repo from './imports.repo';
import { recordEvent } from '../events/events.service';

async function requireManagerOf(deps: Deps, slug: string, user: SessionUser): Promise<HubRef> {
  const hub = await requireHubRef(deps, slug);
  if ((await roleIn(deps, hub.id, user.id)) !== 'manager') throw new ApiError('FORBIDDEN');
  return hub;
}

function toImport(
  r: repo.ImportRow,
  extra: Pick<TImport, 'errors' | 'errorsTruncated' | 'mapping' | 'preview'>,
): TImport {
  return {
    id: r.id,
    status: r.status,
    rowsTotal: r.rows_total,
    rowsValid: r.rows_total - r.rows_skipped,
    rowsDone: r.rows_done,
    ...extra,
    createdAt: r.created_at,
    finishedAt: r.finished_at,
  };
}

/** Dry run (validates, creates nothing) or commit (creates every valid row at once, or none). */
export async function runImport(
  deps: Deps,
  { slug, user, input, locale }: { slug: string; user: SessionUser; input: TImportInput; locale: Locale },
): Promise<TImport> {
  const hub = await requireManagerOf(deps, slug, user);
  const records = parseCsv(input.csv);
  const [header, ...rows] = records;
  if (!header || rows.length === 0)
    throw new ApiError('IMPORT_NO_ROWS', { details: { fields: [{ path: 'csv', message: '' }] } });
  if (rows.length > MAX_IMPORT_ROWS)
    throw new ApiError('IMPORT_TOO_MANY_ROWS', {
      details: { fields: [{ path: 'csv', message: '' }], rows: rows.length, max: MAX_IMPORT_ROWS },
    });
  const mapping: TImportMapping = input.mapping ?? defaultMapping(header);
  if (Object.keys(mapping).length === 0) throw validationError([{ path: 'mapping', message: '' }]);
  const unknown = unknownColumns(header, mapping);
  if (unknown.length)
    throw new ApiError('IMPORT_UNKNOWN_COLUMN', {
      details: { fields: unknown.map((f) => ({ path: `mapping.${f}`, message: '' })), header },
    });

  const result = validateRows({ header, rows, mapping, hub: hub.slug, locale });
  const extra = {
    errors: result.errors,
    errorsTruncated: result.errorCount > result.errors.length,
    mapping: mapping as Record<string, string>,
    preview: result.valid.slice(0, PREVIEW_ROWS).map((r) => previewRow(r.input)),
  };
  if (input.dryRun)
    return {
      id: null,
      status: 'dry_run',
      rowsTotal: rows.length,
      rowsValid: result.valid.length,
      rowsDone: 0,
      ...extra,
      createdAt: null,
      finishedAt: null,
    };
  if (result.valid.length === 0)
    throw new ApiError('IMPORT_NO_ROWS', { details: { fields: [{ path: 'csv', message: '' }] } });

  const now = deps.now().toISOString();
  const id = await repo.createImport(deps.db, {
    hubId: hub.id,
    userId: user.id,
    rowsTotal: rows.length,
    rowsSkipped: rows.length - result.valid.length,
    mapping: JSON.stringify(mapping),
    now,
  });
  try {
    // Each chunk is its own atomic batch; the listings appear only with the final statement.
    for (const chunk of chunks(result.valid)) {
      const staged = chunk.map((r) => ({ rowNumber: r.rowNumber, ...newListingValues(r.input) }));
      await deps.db.batch(repo.stageChunkStatements(deps.db, id, staged));
    }
    const finishedAt = deps.now().toISOString();
    const [, completed] = await deps.db.batch([
      insertImportedStatement(deps, { importId: id, hubId: hub.id, authorId: user.id, now: finishedAt }),
      ...repo.completeStatements(deps.db, id, finishedAt),
      // Queued in the same batch: the new listings are matched right after the response.
      queueImportStatement(deps, { importId: id, now: finishedAt }),
      recordEvent(deps.db, 'import.finished', {
        subject: { id },
        actorId: user.id,
        payload: {},
        now: finishedAt,
      }),
    ]);
    if (!completed || completed.meta.changes !== 1) throw new Error('import was no longer staging');
  } catch (err) {
    console.error(JSON.stringify({ importId: id, error: String(err) }));
    await repo.failImport(deps.db, id, deps.now().toISOString()).catch(() => undefined);
    throw new ApiError('IMPORT_FAILED', { details: { importId: id } });
  }
  const row = await repo.findImport(deps.db, hub.id, id);
  if (!row) throw new ApiError('IMPORT_NOT_FOUND');
  return toImport(row, extra);
}

export async function getImport(
  deps: Deps,
  { slug, id, user }: { slug: string; id: number; user: SessionUser },
): Promise<TImport> {
  const hub = await requireManagerOf(deps, slug, user);
  const row = await repo.findImport(deps.db, hub.id, id);
  if (!row) throw new ApiError('IMPORT_NOT_FOUND');
  const mapping = (await repo.mappingOf(deps.db, hub.id)) ?? {};
  return toImport(row, { errors: [], errorsTruncated: false, mapping, preview: [] });
}

export async function listImports(
  deps: Deps,
  { slug, user }: { slug: string; user: SessionUser },
): Promise<TImportList> {
  const hub = await requireManagerOf(deps, slug, user);
  const [mapping, rows] = await Promise.all([
    repo.mappingOf(deps.db, hub.id),
    repo.recentImports(deps.db, hub.id, 20),
  ]);
  return {
    mapping,
    items: rows.map((r) => ({
      id: r.id,
      status: r.status,
      rowsTotal: r.rows_total,
      rowsValid: r.rows_total - r.rows_skipped,
      rowsDone: r.rows_done,
      createdAt: r.created_at,
      finishedAt: r.finished_at,
    })),
  };
}

/** The hub's active listings as CSV in the import format (members of the hub). */
export async function exportCsv(
  deps: Deps,
  { slug, user }: { slug: string; user: SessionUser },
): Promise<string> {
  const hub = await requireHubRef(deps, slug);
  if (!(await roleIn(deps, hub.id, user.id))) throw new ApiError('NOT_A_MEMBER');
  return toCsv((await exportListings(deps, hub.id)) as Parameters<typeof toCsv>[0]);
}
