import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * Secrets and personal data never reach the log. A log line travels further than the database (shippers,
 * dashboards, support tickets), and a wall screen's link lives a year, so the redaction works on the finished JSON
 * line: whatever a request log, an error stack or a message string carries is scrubbed the same way.
 */
const REDACTED = '[redacted]';

/** Query and form fields whose value is a secret: signed links, Slack's reply URL and verification token. */
const SECRET_PARAMETERS = /\b(token|access_token|api_key|apikey|response_url|signature)=[^&\s"'#\\]+/gi;
/** JSON keys whose value is a secret, at any depth of a logged object. */
const SECRET_KEYS =
  /("(?:token|access_token|apiKey|api_key|response_url|responseUrl|authorization|x-api-key|cookie|set-cookie)"\s*:\s*")(?:[^"\\]|\\.)*"/gi;
/** Path tokens of signed-link routes (`/exports/:token`, reserved by the product for download links). */
const SIGNED_PATHS = /(\/exports\/)[^/?\s"'#\\]+/g;
const WALLBOARD_COOKIE = /\b(sb_wallboard=)[^;\s"'\\]+/g;
const BEARER = /\b(Bearer\s+)[^\s"'\\]+/gi;
/** Our API keys (`sbk_` + 43 base64url characters) and Slack tokens, wherever they appear. */
const API_KEY = /\bsbk_[\w-]{8,}/g;
const SLACK_TOKEN = /\bx(?:ox[abposr]|app)-[\w-]+/g;
/** Slack's `response_url`s (`https://hooks.slack.com/commands/…`, `/actions/…`) post into the person's channel. */
const SLACK_HOOK = /(https:\/\/hooks\.slack\.com\/)[^\s"'\\]+/g;
/**
 * Phone numbers: Korean forms with separators (`010-5000-1234`, `02 123 4567`, `+82 10-5000-1234`) and plain digit
 * runs as we store them (9–13 digits from 0, or `+82…`). A digit run glued to letters, dots or dashes (ids, hashes,
 * UUID parts, decimals) is not a phone; epoch times start with 1 and are left alone.
 */
const PHONE_SEPARATED = /(?<![\w.+-])(?:\+82[ -]?0?\d{1,2}|0\d{1,3})[ -]\d{3,4}[ -]\d{4}(?!\w)/g;
const PHONE_DIGITS = /(?<![\w.+-])(?:\+82\d{8,11}|0\d{8,12})(?!\w)/g;

/** Every digit but the last four becomes `*`; separators stay, so the shape is still recognisable. */
function maskPhone(phone: string): string {
  let keep = 4;
  let masked = '';
  for (let i = phone.length - 1; i >= 0; i--) {
    const c = phone[i]!;
    if (/\d/.test(c) && keep-- <= 0) masked = '*' + masked;
    else masked = c + masked;
  }
  return masked;
}

/** The text with every secret and phone number above replaced; safe on a JSON line (it never adds `"` or `\`). */
export function redactSecrets(text: string): string {
  return text
    .replace(SECRET_KEYS, `$1${REDACTED}"`)
    .replace(SECRET_PARAMETERS, `$1=${REDACTED}`)
    .replace(SIGNED_PATHS, `$1${REDACTED}`)
    .replace(WALLBOARD_COOKIE, `$1${REDACTED}`)
    .replace(BEARER, `$1${REDACTED}`)
    .replace(API_KEY, `sbk_${REDACTED}`)
    .replace(SLACK_TOKEN, REDACTED)
    .replace(SLACK_HOOK, `$1${REDACTED}`)
    .replace(PHONE_SEPARATED, maskPhone)
    .replace(PHONE_DIGITS, maskPhone);
}

/** A destination that scrubs each finished line before handing it on. */
export function redactingDestination(destination: DestinationStream): DestinationStream {
  return { write: (line: string) => destination.write(redactSecrets(line)) };
}

/**
 * The process's logger: JSON lines (pino) with every line redacted. `destination` defaults to stdout; tests pass a
 * stream to read what would have been written.
 */
export function createRedactingLogger(options: {
  level: string;
  base?: Record<string, unknown>;
  destination?: DestinationStream;
}): Logger {
  return pino(
    { level: options.level, base: options.base },
    redactingDestination(options.destination ?? pino.destination(1)),
  );
}
