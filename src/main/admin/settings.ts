import type { SettingRow } from '../../shared/contract/admin.js';
import { UserError, type ErrorIssue } from '../../shared/errors.js';
import { defineCommand, defineQuery, type CommandContext } from '../core/registry.js';
import { refreshStoredFlags } from '../applications/flags.js';
import { SETTINGS, settingDef, type SettingDef } from '../settings/keys.js';
import { isSettingStored, settingSource } from '../settings/read.js';
import { isSecretName } from '../settings/secretNames.js';

const MASK = '••••••••';

function row(def: SettingDef, value: string, placeholder: boolean): SettingRow {
  const source = settingSource(def.key);
  return {
    key: def.key,
    label: def.label,
    group: def.group,
    value,
    description: def.description,
    placeholder,
    secret: Boolean(def.secret),
    environment: source === def.key ? null : source,
  };
}

export const settingsList = defineQuery('settings.list', async ({ db, desk }) =>
  SETTINGS.map((def): SettingRow => {
    // A secret is not read to be listed: plain Node cannot open one the desktop app sealed, and shows it set all the same.
    const value = isSecretName(def.key) ? (desk.secrets.has(def.key) ? MASK : '') : desk.setting(def.key);
    return row(def, value, Boolean(def.placeholder) && !isSettingStored(db, def.key));
  }),
);

interface Checked {
  def: SettingDef;
  value: string;
  secret: boolean;
}

/** The setting and its trimmed value, or what is wrong with them. */
function check(key: string, raw: string): Checked | ErrorIssue {
  const def = settingDef(key);
  if (!def) return { where: key, message: `There is no setting '${key}'.` };
  const value = raw.trim();
  const problem = def.validate?.(value);
  if (problem) return { where: key, message: `${def.key} ${problem}.` };
  return { def, value, secret: isSecretName(def.key) };
}

/** Writes one checked setting; answers its value before (never a secret's: it is not read here). */
function write(ctx: CommandContext, { def, value }: Checked): string | undefined {
  if (isSecretName(def.key)) {
    // A secret's value is never read here: plain Node cannot open one the desktop app sealed, yet may replace it.
    if (value) ctx.desk.secrets.set(def.key, value);
    else ctx.desk.secrets.delete(def.key);
    return undefined;
  }
  const before = ctx.desk.setting(def.key);
  const { db } = ctx;
  db.run(
    db
      .insertInto('settings')
      .values({ key: def.key, value, updated_at: ctx.now, updated_by: ctx.actor.id })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet((eb) => ({
          value: eb.ref('excluded.value'),
          updated_at: eb.ref('excluded.updated_at'),
          updated_by: eb.ref('excluded.updated_by'),
        })),
      ),
  );
  if (def.key === 'review.cpdThreshold') refreshStoredFlags(db, Number(value));
  return before;
}

function written({ def, value, secret }: Checked): SettingRow {
  return row(def, secret && value ? MASK : value, false);
}

/** The gateway's settings changed: the worker looks again (messages waiting for a gateway may go now). */
function wakeSmsWorker(ctx: CommandContext, changed: Checked[]): void {
  if (changed.some((c) => c.def.group === 'sms')) ctx.afterCommit(() => ctx.desk.notifySmsQueued());
}

export const settingSet = defineCommand('setting.set', async (ctx, input) => {
  const checked = check(input.key, input.value);
  if ('where' in checked) throw new UserError('invalid_input', checked.message, { field: settingDef(input.key) ? 'value' : 'key' });
  // Each desk keeps its own secrets: the op is never put in the outbox, and the central service refuses it from a desk.
  if (checked.secret) ctx.deskLocal();
  const before = write(ctx, checked);
  wakeSmsWorker(ctx, [checked]);
  const { def, value, secret } = checked;
  ctx.audit({
    action: 'setting.set',
    entity: 'setting',
    entityId: def.key,
    summary: secret ? `Secret setting ${def.key} ${value ? 'set' : 'cleared'}` : `Setting ${def.key} changed`,
    before: secret ? undefined : before,
    after: secret ? undefined : value,
  });
  return written(checked);
});

/**
 * A group of settings saved with one Save: every value is checked first, then all are written in
 * the one transaction, or none (a problem names each setting it is about). A save that sets or
 * clears a secret stays on this desk with the rest of its values, as a secret's `setting.set` does.
 */
export const settingsSave = defineCommand('settings.save', async (ctx, input) => {
  const results = input.values.map((v) => check(v.key, v.value));
  const issues = results.filter((r): r is ErrorIssue => 'where' in r);
  const keys = input.values.map((v) => v.key);
  const twice = keys.find((k, i) => keys.indexOf(k) !== i);
  if (twice) issues.push({ where: twice, message: `${twice} is given twice.` });
  if (issues.length) {
    throw new UserError(
      'invalid_input',
      issues.length === 1 ? issues[0]!.message : `${issues.length} settings cannot be saved: ${issues.map((i) => i.message).join(' ')}`,
      {
        field: issues[0]!.where,
        issues,
      },
    );
  }
  const checked = results as Checked[];
  if (checked.some((c) => c.secret)) ctx.deskLocal();
  const before: Record<string, string> = {};
  const after: Record<string, string> = {};
  for (const c of checked) {
    const was = write(ctx, c);
    if (!c.secret) {
      before[c.def.key] = was!;
      after[c.def.key] = c.value;
    }
  }
  wakeSmsWorker(ctx, checked);
  const named = checked.map((c) => (c.secret ? `${c.def.key} (secret, ${c.value ? 'set' : 'cleared'})` : c.def.key));
  ctx.audit({
    action: 'settings.save',
    entity: 'setting',
    entityId: keys.join(','),
    summary: `Settings changed: ${named.join(', ')}`,
    before,
    after,
  });
  return checked.map(written);
});
