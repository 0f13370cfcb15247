import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { QueryName } from '../../../shared/contract/index.js';
import { queryKey } from '../api/hooks.js';

/** What a payment changes: the grids and totals here, and (when an invoice settles) applications and their SMS. */
const AFFECTED: QueryName[] = [
  'payments.list',
  'payment.detail',
  'invoices.list',
  'payments.totals',
  'applications.list',
  'application.detail',
  'sms.summary',
  'sms.list',
];

export function useReconcileRefresh(): () => Promise<void> {
  const client = useQueryClient();
  return useCallback(async () => {
    await Promise.all(AFFECTED.map((q) => client.invalidateQueries({ queryKey: queryKey(q) })));
  }, [client]);
}
