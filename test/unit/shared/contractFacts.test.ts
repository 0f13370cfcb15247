import { describe, expect, it } from 'vitest';
import { commands, ENTITIES, queries, type CommandName, type QueryName } from '../../../src/shared/contract/index.js';
import { commandLabel, DESK_LOCAL_COMMANDS, entitiesChangedBy, PUSHED_COMMANDS, queriesReading } from '../../../src/shared/contract/facts.js';

const refreshedBy = (name: CommandName) => queriesReading(entitiesChangedBy(name));

describe("a command's facts, from its contract entry", () => {
  it('the commands about a desk itself stay on it; every other one is pushed', () => {
    expect([...DESK_LOCAL_COMMANDS].sort()).toEqual([
      'backup.create',
      'backup.restoreAtStart',
      'sync.dismiss',
      'sync.join',
      'sync.joinAgain',
      'sync.leave',
      'sync.registerDesk',
    ]);
    expect([...PUSHED_COMMANDS].sort()).toEqual(
      Object.keys(commands)
        .filter((n) => !DESK_LOCAL_COMMANDS.has(n))
        .sort(),
    );
    expect(PUSHED_COMMANDS.has('sync.withdrawDesk')).toBe(true);
  });

  it('labels a refused change in the words staff use; a name it does not know is shown as it is', () => {
    expect(
      Object.fromEntries(
        (
          [
            'application.approve',
            'application.reject',
            'application.return',
            'payment.match',
            'payment.unmatch',
            'licence.issue',
            'batch.create',
            'batch.receive',
            'licence.collect',
          ] as const
        ).map((n) => [n, commandLabel(n)]),
      ),
    ).toEqual({
      'application.approve': 'Approve',
      'application.reject': 'Reject',
      'application.return': 'Return',
      'payment.match': 'Match payment',
      'payment.unmatch': 'Unmatch payment',
      'licence.issue': 'Issue licence',
      'batch.create': 'Dispatch batch',
      'batch.receive': 'Confirm received',
      'licence.collect': 'Mark collected',
    });
    expect(commandLabel('licence.teleport')).toBe('licence.teleport');
    const labels = Object.keys(commands).map(commandLabel);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('every query reads something, and every entity is read by some query', () => {
    for (const [name, spec] of Object.entries(queries)) expect(spec.reads.length, name).toBeGreaterThan(0);
    for (const entity of ENTITIES) expect(queriesReading([entity]).length, entity).toBeGreaterThan(0);
  });

  it('every command makes the audit trail stale', () => {
    for (const name of Object.keys(commands) as CommandName[]) expect(refreshedBy(name)).toContain('audit.list');
  });

  it('refreshes at least what the screens refreshed by hand before', () => {
    const LICENCE: QueryName[] = ['applications.list', 'application.detail', 'applications.facets', 'licences.list', 'licence.detail', 'batches.list'];
    const RECONCILE: QueryName[] = [
      'payments.list',
      'payment.detail',
      'invoices.list',
      'payments.totals',
      'applications.list',
      'application.detail',
      'sms.summary',
      'sms.list',
    ];
    const SMS: QueryName[] = ['sms.list', 'sms.detail', 'sms.summary'];
    // Some lists were wider than the change: dispatching, reassigning or revoking licences changes
    // no licence year or county (applications.facets), and a collection queues no SMS (sms.summary).
    const before: Partial<Record<CommandName, QueryName[]>> = {
      'application.approve': ['applications.list', 'application.detail', 'applications.facets', 'sms.summary', 'sms.list'],
      'application.reject': ['applications.list', 'application.detail', 'applications.facets', 'sms.summary', 'sms.list'],
      'application.return': ['applications.list', 'application.detail', 'applications.facets', 'sms.summary', 'sms.list'],
      'applications.import': ['applications.list', 'applications.facets', 'application.detail'],
      'licence.issue': LICENCE,
      'licence.reassign': LICENCE.filter((q) => q !== 'applications.facets'),
      'licence.revoke': LICENCE.filter((q) => q !== 'applications.facets'),
      'batch.create': LICENCE.filter((q) => q !== 'applications.facets'),
      'batch.receive': ['licences.list', 'licence.detail', 'batches.list', 'sms.summary'],
      'licence.collect': ['licences.list', 'licence.detail', 'batches.list'],
      'payments.import': RECONCILE,
      'payments.autoMatch': RECONCILE,
      'payment.match': RECONCILE,
      'payment.unmatch': RECONCILE,
      'payment.ignore': RECONCILE.filter((q) => !q.startsWith('sms.')),
      'payment.flagRefund': RECONCILE.filter((q) => !q.startsWith('sms.')),
      'payment.refundMade': RECONCILE.filter((q) => !q.startsWith('sms.')),
      'invoice.refundMade': RECONCILE.filter((q) => !q.startsWith('sms.')),
      'sms.resend': SMS,
      'sms.cancel': SMS,
      'sms.resume': SMS,
      'sms.sendTest': ['sms.summary'],
      'settings.save': ['settings.list', 'sms.summary'],
      'smsTemplate.set': ['smsTemplates.list'],
      'fee.set': ['fees.list'],
      'user.create': ['users.list'],
      'user.update': ['users.list'],
      'user.setPassword': ['users.list'],
      'centre.create': ['centres.list'],
      'centre.update': ['centres.list'],
      'backup.create': ['backups.list'],
      'backup.restoreAtStart': ['backups.list'],
      'sync.join': ['sync.status'],
      'sync.joinAgain': ['sync.status', 'sync.desks'],
      'sync.leave': ['sync.status'],
      'sync.dismiss': ['sync.status'],
      'sync.withdrawDesk': ['sync.desks', 'sync.status'],
    };
    for (const [name, list] of Object.entries(before) as [CommandName, QueryName[]][]) {
      expect(refreshedBy(name), name).toEqual(expect.arrayContaining(list));
    }
  });
});
