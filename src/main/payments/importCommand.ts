import { createHash } from 'node:crypto';
import type { PaymentImportReport } from '../../shared/contract/payments.js';
import { UserError } from '../../shared/errors.js';
import { newId } from '../core/ids.js';
import { inChunks } from '../core/inChunks.js';
import { defineCommand } from '../core/registry.js';
import { autoMatch } from './match.js';
import { parsePaymentsFile, type ParsedPaymentsFile } from './parse/index.js';
import { settleInvoices } from './settle.js';
import { applyReversals, storePayments } from './store.js';

interface Prepared {
  parsed: ParsedPaymentsFile;
  sha256: string;
}

/**
 * `payments.import`: an eCitizen notification export or an M-Pesa statement. One transaction:
 * the file lands whole, or not at all. New payments are auto-matched at once. A dry run shows
 * exactly what would happen (it runs and is rolled back).
 */
export const importPayments = defineCommand(
  'payments.import',
  async (ctx, input, { parsed, sha256 }: Prepared) => {
    const report: PaymentImportReport = {
      fileName: input.fileName,
      dryRun: input.dryRun,
      format: parsed.format,
      rowsRead: parsed.rowsRead,
      added: 0,
      alreadyKnown: 0,
      notCounted: parsed.notCounted,
      problems: parsed.problems,
      warnings: parsed.warnings,
      referenceFrom: parsed.referenceFrom,
      matched: { exact_reference: 0, check_character: 0, national_id: 0 },
      unmatched: 0,
    };
    if (parsed.problems.length > 0) {
      if (input.dryRun) {
        ctx.changedNothing();
        return report;
      }
      throw new UserError(
        'import_failed',
        `${input.fileName}: ${parsed.problems.length} problem${parsed.problems.length === 1 ? '' : 's'}; nothing was imported`,
        {
          issues: parsed.problems.map((p) => ({ where: `line ${p.line}${p.field ? `, ${p.field}` : ''}`, message: p.message })),
        },
      );
    }
    const importId = newId();
    const stored = { added: [] as string[], alreadyKnown: 0 };
    await inChunks(parsed.payments, ctx.progress, (chunk) => {
      const part = storePayments(ctx.db, chunk, { sourceFile: input.fileName, importId, now: ctx.now });
      stored.added.push(...part.added);
      stored.alreadyKnown += part.alreadyKnown;
    });
    const reversals = parsed.notCounted.flatMap((n) => (n.reverses ? [{ line: n.line, reverses: n.reverses }] : []));
    const reversed = applyReversals(ctx.db, reversals, { sourceFile: input.fileName, now: ctx.now });
    if (reversed.invoiceIds.length) settleInvoices(ctx, reversed.invoiceIds);
    const matching = autoMatch(ctx, stored.added);
    Object.assign(report, { added: stored.added.length, alreadyKnown: stored.alreadyKnown, matched: matching.matched, unmatched: matching.unmatched });
    if (input.dryRun) {
      ctx.changedNothing();
      return report;
    }
    ctx.db.run(
      ctx.db.insertInto('imports').values({
        id: importId,
        kind: 'payments',
        file_name: input.fileName,
        file_sha256: sha256,
        rows: parsed.rowsRead,
        imported: stored.added.length,
        at: ctx.now,
        actor_name: ctx.actor.username,
      }),
    );
    const m = matching.matched;
    ctx.audit({
      action: 'payments.import',
      entity: 'import',
      entityId: importId,
      summary: `${input.fileName}: ${parsed.rowsRead} rows, ${stored.added.length} new payments, ${stored.alreadyKnown} already known, ${parsed.notCounted.length} not counted, ${reversed.reversed} earlier payments reversed; matched ${m.exact_reference + m.check_character + m.national_id}, unmatched ${matching.unmatched}`,
      after: {
        fileName: input.fileName,
        sha256,
        format: parsed.format,
        referenceFrom: parsed.referenceFrom,
        warnings: parsed.warnings.length,
        rows: parsed.rowsRead,
        added: stored.added.length,
        alreadyKnown: stored.alreadyKnown,
        matched: m,
        unmatched: matching.unmatched,
      },
    });
    return report;
  },
  {
    prepare: async (input, desk): Promise<Prepared> => {
      const bytes = Buffer.from(input.dataBase64, 'base64');
      return {
        parsed: parsePaymentsFile(input.fileName, bytes, { now: desk.clock().toISOString() }),
        sha256: createHash('sha256').update(bytes).digest('hex'),
      };
    },
  },
);
