import { smsLength } from '../../../shared/smsSegments.js';

const EXTENSION = /[\^{}[\]~|€\\]/u;

/** Characters that force UCS-2, each once, in order of appearance. */
function nonGsm(text: string): string[] {
  return [...new Set([...text].filter((ch) => smsLength(ch).encoding === 'UCS-2'))];
}

/** The live length of a rendered SMS: characters, parts and encoding, with what makes it longer. */
export function SmsLengthInfo({ text, id }: { text: string; id: string }) {
  const { encoding, units, parts } = smsLength(text);
  const others = encoding === 'UCS-2' ? nonGsm(text) : [];
  return (
    <div className="sms-length" id={id}>
      <p>
        <strong>
          {units} characters, {parts} SMS part{parts === 1 ? '' : 's'} ({encoding})
        </strong>
      </p>
      {encoding === 'GSM-7' && EXTENSION.test(text) && (
        <p className="hint">
          Each of ^ {'{'} {'}'} [ ] ~ | € \ counts as two characters.
        </p>
      )}
      {encoding === 'UCS-2' && (
        <p className="hint">
          {others.map((c) => `“${c}”`).join(' ')} {others.length === 1 ? 'is' : 'are'} outside GSM-7, so the whole message is sent as UCS-2: 70 characters in
          one part, 67 per part when longer.
        </p>
      )}
      {parts > 1 && (
        <p className="warn">
          ⚠ Over one SMS part: every message from this template is {parts} parts, and each part is paid for. One part holds{' '}
          {encoding === 'GSM-7' ? '160 characters (153 per part when longer)' : '70 characters (67 per part when longer)'}.
        </p>
      )}
    </div>
  );
}
