import { useState } from 'react';
import { displayPhone } from '../../../shared/phone.js';
import { useApiQuery } from '../api/hooks.js';
import { ActionButtons } from '../components/ActionButtons.js';
import { DetailPanel } from '../components/DetailPanel.js';
import { useCanRun } from '../session/useCanRun.js';
import { SmsActionForm, type SmsAction } from './SmsActionForm.js';
import { SmsDetailView } from './SmsDetailView.js';
import { SmsStateBadge } from './SmsStateBadge.js';

const ACTION_LABEL: Record<SmsAction, string> = { resend: 'Resend', cancel: 'Cancel' };

interface Props {
  id: string;
  onClose: () => void;
}

/** One message: what was sent, to whom, every attempt, and Resend or Cancel for those who may. */
export function SmsPanel({ id, onClose }: Props) {
  const detail = useApiQuery('sms.detail', { id });
  const canManage = useCanRun('sms.resend');
  const [action, setAction] = useState<{ id: string; kind: SmsAction } | null>(null);
  const sms = detail.data?.id === id ? detail.data : undefined;

  const possible: SmsAction[] = !sms ? [] : sms.state === 'queued' ? ['cancel'] : sms.state === 'failed' || sms.state === 'uncertain' ? ['resend'] : [];
  const open = action && action.id === id && possible.includes(action.kind) ? action.kind : null;

  return (
    <DetailPanel label="SMS details" query={detail} item={sms} loadingText="Loading the message…" onClose={onClose}>
      {(sms) => (
        <>
          <div className="detail-title">
            <h2>SMS to {displayPhone(sms.phone)}</h2>
            <SmsStateBadge state={sms.state} />
          </div>
          {canManage && possible.length > 0 && (
            <ActionButtons
              label="SMS actions"
              kinds={possible}
              name={(kind) => ACTION_LABEL[kind]}
              pressed={open}
              onPress={(kind) => setAction({ id, kind })}
            />
          )}
          {canManage && open && <SmsActionForm key={`${id}-${open}`} sms={sms} kind={open} onDone={() => setAction(null)} />}
          <SmsDetailView sms={sms} />
        </>
      )}
    </DetailPanel>
  );
}
