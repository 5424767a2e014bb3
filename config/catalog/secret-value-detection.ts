/**
 * Recognises strings that look like credentials, so a key pasted into the catalog (from
 * JavaScript, or into a field meant for a NAME) is refused instead of being rendered into
 * config.yaml and uploaded to S3 in plain text.
 */

interface SecretPattern {
  readonly description: string;
  readonly pattern: RegExp;
}

const SECRET_PATTERNS: readonly SecretPattern[] = [
  // sk-ant-... (Anthropic) is also caught here; LiteLLM master and virtual keys start with sk- too.
  // Real ones carry 20 or more characters after the prefix; 16 keeps names such as "m-sk-a-a" legal.
  { description: "an OpenAI, Anthropic or LiteLLM key (sk-...)", pattern: /(?:^|[^A-Za-z0-9])sk-[A-Za-z0-9_-]{16,}/ },
  { description: "an AWS access key id (AKIA.../ASIA...)", pattern: /(?:AKIA|ASIA|A3T[A-Z0-9])[A-Z0-9]{16}/ },
  { description: "a Google API key (AIza...)", pattern: /AIza[0-9A-Za-z_-]{20,}/ },
  { description: "a Groq key (gsk_...)", pattern: /gsk_[A-Za-z0-9]{10,}/ },
  { description: "a PEM private key or certificate", pattern: /-----BEGIN [A-Z0-9 ]+-----/ },
  {
    description: "a JSON credential (service-account file)",
    pattern: /"(?:private_key|private_key_id|client_secret|refresh_token)"\s*:|"type"\s*:\s*"service_account"/,
  },
];

/**
 * Unbroken runs this long are not how people name models, projects or variables (those use
 * hyphens, dots and underscores), but they are how keys look: Azure keys are 32 hex digits.
 */
const MIN_OPAQUE_RUN_LENGTH = 24;
/** Shannon entropy per character above which an opaque run is random rather than a word. */
const MIN_RANDOM_BITS_PER_CHARACTER = 3.5;
const OPAQUE_RUN = new RegExp(`[A-Za-z0-9+=]{${MIN_OPAQUE_RUN_LENGTH},}`, "g");

function bitsPerCharacter(text: string): number {
  const counts = new Map<string, number>();
  for (const character of text) {
    counts.set(character, (counts.get(character) ?? 0) + 1);
  }
  let bits = 0;
  for (const count of counts.values()) {
    const probability = count / text.length;
    bits -= probability * Math.log2(probability);
  }
  return bits;
}

function looksRandom(run: string): boolean {
  return /[0-9]/.test(run) && /[A-Za-z]/.test(run) && bitsPerCharacter(run) >= MIN_RANDOM_BITS_PER_CHARACTER;
}

/**
 * No pattern above matches fewer characters (gsk_ and 10 more is the shortest), so shorter text
 * is let through without running them: a large catalog is mostly short names.
 */
const MIN_SECRET_LENGTH = 14;

/** What kind of credential `value` looks like, or `undefined` when it looks like an ordinary setting. */
export function describeSecretValue(value: string): string | undefined {
  if (value.length < MIN_SECRET_LENGTH) {
    return undefined;
  }
  for (const { description, pattern } of SECRET_PATTERNS) {
    if (pattern.test(value)) {
      return description;
    }
  }
  const randomRun = (value.match(OPAQUE_RUN) ?? []).find(looksRandom);
  return randomRun === undefined ? undefined : "a long random string (an API key or token)";
}
