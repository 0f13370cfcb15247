import { useState } from 'react';
import { SMS_EVENTS, SMS_LANGUAGES, type SmsEvent, type SmsTemplateRow } from '../../../shared/contract/sms.js';
import { useApiQuery } from '../api/hooks.js';
import { SimpleTable } from '../components/SimpleTable.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { SMS_EVENT_LABEL, SMS_LANGUAGE_LABEL } from '../sms/labels.js';
import { SmsTemplateEditor } from './SmsTemplateEditor.js';

type Language = (typeof SMS_LANGUAGES)[number];
interface Slot {
  event: SmsEvent;
  language: Language;
}

function slotLabel(s: Slot): string {
  return `${SMS_EVENT_LABEL[s.event]} (${SMS_LANGUAGE_LABEL[s.language]})`;
}

/** The SMS each event sends, in English and Kiswahili; one is edited at a time. */
export function SmsTemplatesSection() {
  const templates = useApiQuery('smsTemplates.list', {});
  const [editing, setEditing] = useState<Slot | null>(null);
  const byKey = new Map((templates.data ?? []).map((t) => [`${t.event}:${t.language}`, t]));
  const slots: (Slot & { row: SmsTemplateRow | undefined })[] = SMS_EVENTS.flatMap((event) =>
    SMS_LANGUAGES.map((language) => ({ event, language, row: byKey.get(`${event}:${language}`) })),
  );
  const current = editing ? slots.find((s) => s.event === editing.event && s.language === editing.language) : undefined;

  return (
    <section aria-labelledby="sms-templates-title">
      <h2 id="sms-templates-title">SMS templates</h2>
      <p className="muted">
        Each event sends an SMS in the applicant's language. Lengths are counted with sample values: one SMS part holds 160 GSM-7 characters, or 70 when any
        character is outside GSM-7.
      </p>
      <ErrorAlert error={templates.error} />
      <SimpleTable
        label="SMS templates"
        headings={['Event', 'Language', 'Template', 'Length', 'Actions']}
        empty={!templates.data && { text: 'No templates.', loading: templates.isPending }}
      >
        {templates.data &&
          slots.map((s) => (
            <tr key={`${s.event}:${s.language}`} className={current === s ? 'selected' : undefined}>
              <td>{SMS_EVENT_LABEL[s.event]}</td>
              <td>{SMS_LANGUAGE_LABEL[s.language]}</td>
              <td className="sms-cell">{s.row?.body ?? <span className="muted">No template yet</span>}</td>
              <td className="nowrap">{s.row ? `${s.row.units} characters, ${s.row.parts} part${s.row.parts === 1 ? '' : 's'} (${s.row.encoding})` : '—'}</td>
              <td>
                <button
                  type="button"
                  aria-label={`Edit ${slotLabel(s)}`}
                  aria-pressed={current === s}
                  onClick={() => setEditing({ event: s.event, language: s.language })}
                >
                  Edit
                </button>
              </td>
            </tr>
          ))}
      </SimpleTable>
      {current && (
        <SmsTemplateEditor
          key={`${current.event}:${current.language}`}
          template={{ event: current.event, language: current.language, body: current.row?.body ?? '' }}
          label={slotLabel(current)}
          onClose={() => setEditing(null)}
        />
      )}
    </section>
  );
}
