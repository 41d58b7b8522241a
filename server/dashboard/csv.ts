/**
 * CSV for spreadsheets (RFC 4180, CRLF lines). Cells a spreadsheet would run as a formula — text
 * starting with = + - @ or a tab/CR — get a leading apostrophe (OWASP "CSV injection"), so an
 * applicant's reference or a reviewer's note cannot execute on the manager's machine.
 */
export type CsvValue = string | number | boolean | Date | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (values: readonly CsvValue[]): string => `${values.map(csvCell).join(',')}\r\n`;
