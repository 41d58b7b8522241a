/**
 * A command line that runs `command` ahead of the busy test processes (niceness -10, every thread of it), where the
 * OS lets us (root; elsewhere `nice` says it could not and runs it as it is). A vendor's front door is not on our
 * box, and neither would a deployment's app processes share two cores with the test workers: their timing (the
 * arrivals a simulator counts, the moment a process sends) should not be the test machine's scheduler's.
 */
export function aheadOfTests(command: string, args: string[]): [string, string[]] {
  return ['nice', ['-n', '-10', command, ...args]];
}
