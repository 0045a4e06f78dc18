import crypto from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A random identifier of letters and digits (16 of them carry 95 bits). Room names and URLs would
 * take '-' and '_' too, but a command line reads an argument starting with '-' as an option: the
 * CLI refused one report in 64 when ids were base64url.
 */
export function randomId(length = 16): string {
  let id = '';
  for (let i = 0; i < length; i++) id += ALPHABET[crypto.randomInt(ALPHABET.length)];
  return id;
}
