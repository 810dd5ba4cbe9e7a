// Reading the e-mail the API delivered to the test mail sink: each message is a file
// `<millis>-<seq>.eml` in FERRODESK_MAIL_DIR (set by `cargo xtask test`).
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Decodes quoted-printable text (soft line breaks and `=XX` escapes). */
function decodeQuotedPrintable(text: string): string {
  const joined = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Every readable form of a message: as stored, quoted-printable decoded, and base64 blocks decoded. */
function readableForms(raw: string): string[] {
  const forms = [raw, decodeQuotedPrintable(raw)];
  for (const block of raw.split(/\r?\n\r?\n/)) {
    const compact = block.replace(/\s+/g, '');
    if (compact.length >= 16 && /^[A-Za-z0-9+/]+=*$/.test(compact)) {
      forms.push(Buffer.from(compact, 'base64').toString('utf8'));
    }
  }
  return forms;
}

/** The `To:` header of a raw message (with folded continuation lines). */
function toHeader(raw: string): string {
  const head = raw.split(/\r?\n\r?\n/, 1)[0];
  const match = /^To:(.*(?:\r?\n[ \t].*)*)/im.exec(head);
  return match ? match[1] : '';
}

function mailDir(): string {
  const dir = process.env.FERRODESK_MAIL_DIR;
  if (!dir) throw new Error('FERRODESK_MAIL_DIR is not set: run the browser tests with `cargo xtask test --only-browser`');
  return dir;
}

/**
 * Waits (up to `timeoutMs`) for the newest message to `address` whose text matches
 * `pattern`, and returns the first match (e.g. a link).
 */
export async function waitForMailLink(address: string, pattern: RegExp, timeoutMs = 15_000): Promise<string> {
  const dir = mailDir();
  const deadline = Date.now() + timeoutMs;
  const wanted = address.toLowerCase();
  for (;;) {
    const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.eml'));
    // `<millis>-<seq>.eml`: newest first.
    names.sort((a, b) => {
      const [ma, sa] = a.replace('.eml', '').split('-').map(Number);
      const [mb, sb] = b.replace('.eml', '').split('-').map(Number);
      return mb - ma || sb - sa;
    });
    for (const name of names) {
      const raw = await readFile(join(dir, name), 'utf8');
      if (!toHeader(raw).toLowerCase().includes(wanted)) continue;
      for (const text of readableForms(raw)) {
        const found = pattern.exec(text);
        if (found) return found[0];
      }
    }
    if (Date.now() > deadline) {
      throw new Error(`No e-mail to ${address} matching ${pattern} in ${dir} within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The path and query of a link, so the test opens it on the SPA it is testing. */
export function localPath(link: string): string {
  const url = new URL(link);
  return url.pathname + url.search;
}
