import crypto from 'node:crypto';

/** A random identifier in the alphabet room names accept ([A-Za-z0-9_-]). */
export function randomId(bytes = 12): string {
  return crypto.randomBytes(bytes).toString('base64url');
}
