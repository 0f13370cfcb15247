import type { SettingRow } from '../../shared/contract/admin.js';
import { UserError } from '../../shared/errors.js';
import { defineCommand, defineQuery } from '../core/registry.js';
import { refreshStoredFlags } from '../applications/flags.js';
import { SETTINGS, settingDef } from '../settings/keys.js';
import { isSettingStored } from '../settings/read.js';
import { isSecretName } from '../settings/secretNames.js';

const MASK = '••••••••';

export const settingsList = defineQuery('settings.list', async (_db, { sqlite, desk }) =>
  SETTINGS.map((def): SettingRow => {
    // A secret is not read to be listed: plain Node cannot open one the desktop app sealed, and shows it set all the same.
    const value = isSecretName(def.key) ? (desk.secrets.has(def.key) ? MASK : '') : desk.setting(def.key);
    return {
      key: def.key,
      value,
      description: def.description,
      placeholder: Boolean(def.placeholder) && !isSettingStored(sqlite, def.key),
      secret: Boolean(def.secret),
    };
  }));

export const settingSet = defineCommand('setting.set', async (_tx, ctx, input) => {
  const def = settingDef(input.key);
  if (!def) throw new UserError('invalid_input', `There is no setting '${input.key}'.`, { field: 'key' });
  const value = input.value.trim();
  const problem = def.validate?.(value);
  if (problem) throw new UserError('invalid_input', `${input.key} ${problem}.`, { field: 'value' });
  const secretName = isSecretName(def.key) ? def.key : null;
  const secret = secretName !== null;
  // A secret's value is never read here: plain Node cannot open one the desktop app sealed, yet may replace it.
  const before = secret ? undefined : ctx.desk.setting(def.key);
  if (secretName) {
    // Each desk keeps its own secrets: the op is never put in the outbox, and the central service refuses it from a desk.
    ctx.deskLocal();
    if (value) ctx.desk.secrets.set(secretName, value);
    else ctx.desk.secrets.delete(secretName);
  } else {
    ctx.sqlite
      .prepare(
        `INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      )
      .run(def.key, value, ctx.now, ctx.actor.id);
  }
  if (def.key === 'review.cpdThreshold') refreshStoredFlags(ctx.sqlite, Number(value));
  ctx.audit({
    action: 'setting.set', entity: 'setting', entityId: def.key,
    summary: secret ? `Secret setting ${def.key} ${value ? 'set' : 'cleared'}` : `Setting ${def.key} changed`,
    before: secret ? undefined : before,
    after: secret ? undefined : value,
  });
  return { key: def.key, value: secret && value ? MASK : value, description: def.description, placeholder: false, secret };
});
