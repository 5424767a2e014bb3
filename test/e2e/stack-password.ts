import { randomInt } from "node:crypto";

/**
 * The alphabet of `@pulumi/random` RandomPassword with `special: false` (upper, lower, numeric):
 * what the stack generates for the database user. Nothing in it needs escaping in a URL, in SQL
 * or in a shell, and RDS accepts all of it.
 */
export const STACK_PASSWORD_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
export const STACK_PASSWORD_LENGTH = 32;

export function generateStackPassword(length = STACK_PASSWORD_LENGTH): string {
  return Array.from({ length }, () => STACK_PASSWORD_ALPHABET[randomInt(STACK_PASSWORD_ALPHABET.length)]).join("");
}
