import { useState } from 'react';
import type { LicenceDetail } from '../../../shared/contract/licences.js';
import { useApiQuery } from '../api/hooks.js';
import { ActionButtons } from '../components/ActionButtons.js';
import { DetailPanel } from '../components/DetailPanel.js';
import { useCanRun } from '../session/useCanRun.js';
import { CertificatesButton } from './CertificatesButton.js';
import { LicenceActionForm, type LicenceAction } from './LicenceActionForm.js';
import { LicenceDetailView } from './LicenceDetailView.js';
import { LicenceStateBadge } from './LicenceStateBadge.js';

function possibleActions(l: LicenceDetail): LicenceAction[] {
  const actions: LicenceAction[] = [];
  if (l.state === 'issued') actions.push('reassign');
  if (l.state !== 'collected' && l.state !== 'revoked') actions.push('revoke');
  return actions;
}

const ACTION_LABEL: Record<LicenceAction, string> = { reassign: 'Reassign', revoke: 'Revoke' };

/** One licence: where it is, who collected it, its history; Reassign, Revoke and Print for officers. */
export function LicencePanel({ id, onClose }: { id: string; onClose: () => void }) {
  const detail = useApiQuery('licence.detail', { id });
  const canManage = useCanRun('licence.revoke');
  const [action, setAction] = useState<{ id: string; kind: LicenceAction } | null>(null);
  const licence = detail.data?.id === id ? detail.data : undefined;
  const possible = licence && canManage ? possibleActions(licence) : [];
  const open = action && action.id === id && possible.includes(action.kind) ? action.kind : null;

  return (
    <DetailPanel label="Licence details" query={detail} item={licence} loadingText="Loading the licence…" onClose={onClose}>
      {(licence) => (
        <>
          <div className="detail-title">
            <h2>{licence.licenceNo}</h2>
            <LicenceStateBadge state={licence.state} />
          </div>
          {canManage && (
            <ActionButtons
              label="Licence actions"
              kinds={possible}
              name={(kind) => ACTION_LABEL[kind]}
              pressed={open}
              onPress={(kind) => setAction({ id, kind })}
            >
              {licence.state !== 'revoked' && <CertificatesButton licenceIds={[licence.id]} label="Print certificate" />}
            </ActionButtons>
          )}
          {open && <LicenceActionForm key={`${id}-${open}`} licence={licence} kind={open} onDone={() => setAction(null)} />}
          <LicenceDetailView licence={licence} />
        </>
      )}
    </DetailPanel>
  );
}
