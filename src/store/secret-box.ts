import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const PREFIX = 'aes-256-gcm:';

/**
 * Secrets the service must be able to use again (a webhook subscription's signing secret), kept
 * sealed at rest: AES-256-GCM under a key that is not in the database, with the owning
 * document's id as associated data, so a copy of the database (a dump, a backup, a replica)
 * reveals no secret, and a sealed value moved to another document does not open. A value
 * without the prefix was stored before sealing and is read as it is.
 */
export class SecretBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error(`a secrets key is 32 bytes, not ${key.length}`);
  }

  seal(plain: string, owner: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(owner, 'utf8'));
    const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${PREFIX}${iv.toString('base64')}:${cipher.getAuthTag().toString('base64')}:${sealed.toString('base64')}`;
  }

  /** The plain value; throws when the value was sealed under another key or for another owner, or altered. */
  open(stored: string, owner: string): string {
    if (!stored.startsWith(PREFIX)) return stored;
    const [iv, tag, sealed] = stored.slice(PREFIX.length).split(':');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv ?? '', 'base64'));
    decipher.setAAD(Buffer.from(owner, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag ?? '', 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed ?? '', 'base64')), decipher.final()]).toString('utf8');
  }
}

export function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

/**
 * The secrets key: `value` (64 hex digits, e.g. from WEBHOOK_SECRETS_KEY) when given, else the
 * key file, made on first use (mode 0600; two processes starting at once make one).
 */
export function secretsKey(options: { value?: string; file: string }): Buffer {
  const fromHex = (text: string, where: string) => {
    const hex = text.trim();
    if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error(`${where} must be 64 hexadecimal digits (32 bytes)`);
    return Buffer.from(hex, 'hex');
  };
  if (options.value) return fromHex(options.value, 'WEBHOOK_SECRETS_KEY');
  mkdirSync(dirname(options.file), { recursive: true, mode: 0o700 });
  // written whole under a private name, then linked into place: a process starting at the same
  // time sees no file or the whole key, never half of one; the first link wins
  const draft = `${options.file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(draft, randomBytes(32).toString('hex') + '\n', { flag: 'wx', mode: 0o600 });
  try {
    linkSync(draft, options.file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  } finally {
    rmSync(draft, { force: true });
  }
  return fromHex(readFileSync(options.file, 'utf8'), options.file);
}
