import { z } from "zod";

/**
 * The one rule for the alarm topic's subscriber: the alarmEmail setting and the GatewayAlarms
 * component's email arg are both checked with isEmailAddress (zod's e-mail format).
 */
const EMAIL_ADDRESS = z.email();

export function isEmailAddress(value: string): boolean {
  return EMAIL_ADDRESS.safeParse(value).success;
}
