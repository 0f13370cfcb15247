/** The pure half of payment imports: a file (or JSON objects) in, payments and problems out. */
export { parsePaymentRecords, parsePaymentsFile } from './parseFile.js';
export type { NotCounted, ParsedPayment, ParsedPaymentsFile, ParseOptions, ParseProblem, PaymentSource, PaymentsFormat } from './types.js';
