import type { LicenceState } from '../../../shared/contract/licences.js';
import { LICENCE_STATE_LABEL } from './labels.js';

export function LicenceStateBadge({ state }: { state: LicenceState }) {
  return <span className={`badge licence-${state}`}>{LICENCE_STATE_LABEL[state]}</span>;
}
