/** A start-up failure the user can fix from its message alone: printed as one line, no stack. */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}
