/**
 * Files people attach in a modal's `file_input`: the view_submission carries only the file's description, and the
 * bytes are fetched from `url_private_download` with the bot token (docs.slack.dev, "Accessing file content").
 */

/** A file as a `file_input`'s submitted state (view.state.values…files[]) describes it. */
export interface SlackFileObject {
  id: string;
  name?: string;
  title?: string;
  filetype?: string;
  mimetype?: string;
  size?: number;
  url_private?: string;
  url_private_download?: string;
}

export type DownloadedSlackFile =
  | { ok: true; fileName: string; filetype: string; data: Buffer }
  /** `tooLarge`: over the cap (the bytes Slack reported, or those read); `unreachable`: no file content came back. */
  | { ok: false; reason: 'tooLarge'; fileName: string; bytes: number }
  | { ok: false; reason: 'unreachable'; fileName: string; detail: string };

/** Beyond any rule we check (an MMS image is ≤ 300 KB): the rule reports the size, this only bounds memory. */
const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 2_000;

/** The submitted files of one `file_input` (its block and action id), as Slack sends them. */
export function filesOf(values: Record<string, Record<string, object>>, blockId: string): SlackFileObject[] {
  const key = Object.keys(values).find((k) => k === blockId || new RegExp(`^${blockId}_\\d+$`).test(k));
  const input = (key ? Object.values(values[key] ?? {})[0] : undefined) as { files?: unknown } | undefined;
  const files = Array.isArray(input?.files) ? (input.files as unknown[]) : [];
  return files.filter(
    (f): f is SlackFileObject =>
      typeof f === 'object' && f !== null && typeof (f as SlackFileObject).id === 'string',
  );
}

/**
 * Downloads one attached file with the bot token, reading at most `maxBytes`. Slack answers a wrong or missing
 * token with its sign-in page (HTML, or a redirect to it), never with an error status: anything that is not the
 * file is `unreachable`, so a sign-in page is never taken for an image.
 */
export async function downloadSlackFile(
  token: string | { token?: string },
  file: SlackFileObject,
  options: { maxBytes?: number; timeoutMs?: number } = {},
): Promise<DownloadedSlackFile> {
  const bearer = typeof token === 'string' ? token : token.token;
  const fileName = file.name ?? file.title ?? file.id;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const filetype = (file.filetype ?? fileName.split('.').pop() ?? '').toLowerCase();
  if (file.size !== undefined && file.size > maxBytes)
    return { ok: false, reason: 'tooLarge', fileName, bytes: file.size };
  const url = file.url_private_download ?? file.url_private;
  if (!url || !bearer) return { ok: false, reason: 'unreachable', fileName, detail: 'no url or token' };

  let response: Response;
  try {
    response = await fetch(url, {
      headers: { authorization: `Bearer ${bearer}` },
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
  } catch (error) {
    return { ok: false, reason: 'unreachable', fileName, detail: String(error) };
  }
  const contentType = response.headers.get('content-type') ?? '';
  if (response.status !== 200 || contentType.startsWith('text/html')) {
    await response.body?.cancel().catch(() => undefined);
    return { ok: false, reason: 'unreachable', fileName, detail: `HTTP ${response.status} ${contentType}` };
  }
  const chunks: Buffer[] = [];
  let read = 0;
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      read += value.length;
      if (read > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return { ok: false, reason: 'tooLarge', fileName, bytes: Math.max(read, file.size ?? 0) };
      }
      chunks.push(Buffer.from(value));
    }
  }
  return { ok: true, fileName, filetype, data: Buffer.concat(chunks) };
}
