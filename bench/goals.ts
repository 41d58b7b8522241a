/**
 * The goal rows (#16): each bench group records what it measured against its goal, and
 * `npm run bench` prints them together at the end with a pass/miss mark. One registry so the
 * groups stay independent and the summary cannot drift from the figures printed above it.
 */
export interface GoalRow {
  /** The row's name as in the README's measurements table, e.g. "Peak RSS, 64 concurrent 1 MB submissions". */
  what: string;
  /** What this run measured, in words with units, e.g. "612 MB". */
  measured: string;
  /** The goal in words, e.g. "≤ 400 MB". */
  goal: string;
  pass: boolean;
}

const rows: GoalRow[] = [];

export function recordGoal(row: GoalRow): void {
  rows.push(row);
}

export function goalRows(): readonly GoalRow[] {
  return rows;
}

/** A Markdown table (pasted into the README's measurements section as it is). */
export function formatGoals(list: readonly GoalRow[] = rows): string {
  if (list.length === 0) return '';
  const lines = ['| what | measured | goal | |', '|---|---|---|---|'];
  for (const r of list) lines.push(`| ${r.what} | ${r.measured} | ${r.goal} | ${r.pass ? 'pass' : 'MISS'} |`);
  return lines.join('\n');
}
