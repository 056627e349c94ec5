/**
 * Whether a test file skips because tools it runs are not installed. Outside CI it skips and says
 * so; CI installs them (.ci/run), so there a missing tool fails the file instead of letting it pass
 * without running a single test.
 */
export function skipWithout(file: string, missing: (string | false)[]): boolean {
  const names = missing.filter((m): m is string => typeof m === 'string');
  if (!names.length) return false;
  const message = `${file}: ${names.join(' and ')} not installed (CI installs ${names.length > 1 ? 'both' : 'it'})`;
  if (process.env.CI) throw new Error(message);
  console.warn(`${message}; skipped`);
  return true;
}
