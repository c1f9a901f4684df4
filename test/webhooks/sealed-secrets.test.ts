import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../src/config';
import { SecretBox, secretsKey } from '../../src/store/secret-box';
import { verifySignature } from '../../src/webhooks/signature';
import { useTestService } from '../support/service';
import { startReceiver } from './receiver';

const svc = useTestService({ webhookDelivery: { baseDelayMs: 20, maxAttempts: 2, sweepIntervalMs: 60_000 } });
const ctx = () => svc().runtime.context;

it('keeps a subscription\'s signing secret sealed in the database, and still signs with it', async () => {
  const receiver = await startReceiver([200]);
  try {
    const created = await svc().as('admin').post('/v1/webhook-subscriptions').send({ url: receiver.url, topics: ['sealed.event'] });
    expect(created.status).toBe(201);
    const { id, secret } = created.body as { id: string; secret: string };
    const stored = (await ctx().models.webhookSubscriptions.findById(id).lean())!.secret;
    expect(stored).toMatch(/^aes-256-gcm:/);
    expect(stored).not.toContain(secret);
    expect(JSON.stringify(await ctx().models.webhookSubscriptions.find().lean())).not.toContain(secret);

    await ctx().webhooks.publish('sealed.event', { n: 1 });
    await ctx().webhooks.dispatcher.idle();
    expect(receiver.received).toHaveLength(1);
    expect(verifySignature(secret, receiver.received[0]!.headers['x-webhook-signature'] as string, receiver.received[0]!.body)).toBe(true);
  } finally {
    await receiver.close();
  }
});

it('signs with a secret stored before sealing, as it was', async () => {
  const receiver = await startReceiver([200]);
  try {
    const plain = 'whsec_' + randomBytes(24).toString('hex');
    const created = await svc().as('admin').post('/v1/webhook-subscriptions').send({ url: receiver.url, topics: ['legacy.event'] });
    // as an earlier version stored it: in plain text
    await ctx().models.webhookSubscriptions.updateOne({ _id: created.body.id }, { $set: { secret: plain } });
    await new Promise((r) => setTimeout(r, 1100)); // the subscriptions a publisher knows are read again after a second
    await ctx().webhooks.publish('legacy.event', { n: 2 });
    await ctx().webhooks.dispatcher.idle();
    expect(verifySignature(plain, receiver.received[0]!.headers['x-webhook-signature'] as string, receiver.received[0]!.body)).toBe(true);
  } finally {
    await receiver.close();
  }
});

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32));

  it('opens what it sealed for the same owner only, and refuses another key or an altered value', () => {
    const sealed = box.seal('s3cret', 'whs_a');
    expect(sealed).not.toContain('s3cret');
    expect(box.seal('s3cret', 'whs_a')).not.toBe(sealed); // a fresh nonce each time
    expect(box.open(sealed, 'whs_a')).toBe('s3cret');
    expect(() => box.open(sealed, 'whs_b')).toThrow(); // moved to another subscription
    expect(() => new SecretBox(randomBytes(32)).open(sealed, 'whs_a')).toThrow();
    const altered = sealed.slice(0, -4) + (sealed.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect(() => box.open(altered, 'whs_a')).toThrow();
  });

  it('takes its key from WEBHOOK_SECRETS_KEY, or makes one key file (0600) on first use', () => {
    const dir = mkdtempSync(join(tmpdir(), 'secrets-key-'));
    try {
      const file = join(dir, 'nested', 'webhook-secrets.key');
      const first = secretsKey({ file });
      expect(first).toHaveLength(32);
      expect(secretsKey({ file })).toEqual(first);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readFileSync(file, 'utf8').trim()).toBe(first.toString('hex'));
      const given = randomBytes(32).toString('hex');
      expect(secretsKey({ value: given, file }).toString('hex')).toBe(given);
      expect(() => loadConfig({ WEBHOOK_SECRETS_KEY: 'short' })).toThrow('WEBHOOK_SECRETS_KEY must be 64 hexadecimal digits');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
