import type { QueryName } from '../../../shared/contract/index.js';

/** What a receipt or a collection changes on the screen. */
export const COLLECTION_QUERIES: QueryName[] = ['licences.list', 'licence.detail', 'batches.list', 'sms.summary'];
