import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kite } from '../support/cli';
import { tempDir } from '../support/temp';
import { generateKeyPair, keyIdOf, parsePublicKey, publicKeyFromPrivatePem, signBytes, signManifest, verifyBytes, verifyManifest } from '../../src/core/packs/signing';

/**
 * The publisher keys a teacher or IT person handles: pasted into the trust list as base64 or PEM,
 * shown by key id, and used to check that a pack's manifest is the one the publisher signed.
 */
describe('publisher keys and signatures', () => {
  it('shows a key by the first 16 hex digits of the SHA-256 of its 32 raw bytes, the same id everywhere', () => {
    const { privateKeyPem, publicKey } = generateKeyPair();
    const raw = Buffer.from(publicKey.publicKey, 'base64');
    expect(raw).toHaveLength(32);
    expect(publicKey.keyId).toBe(crypto.createHash('sha256').update(raw).digest('hex').slice(0, 16));
    expect(keyIdOf(raw)).toBe(publicKey.keyId);
    expect(publicKeyFromPrivatePem(privateKeyPem)).toEqual(publicKey);
    expect(signManifest(Buffer.from('{}'), privateKeyPem).keyId).toBe(publicKey.keyId);
  });

  it('accepts a public key pasted as base64 or as PEM, with stray spaces and line ends around it', () => {
    const { privateKeyPem, publicKey } = generateKeyPair();
    const pem = crypto.createPublicKey(privateKeyPem).export({ type: 'spki', format: 'pem' }).toString();
    expect(parsePublicKey(`  ${publicKey.publicKey}\n`)).toEqual(publicKey);
    expect(parsePublicKey(`\n${pem}\n\n`)).toEqual(publicKey);
  });

  it('refuses a key that is not Ed25519, or not 32 bytes, with a reason', () => {
    const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 });
    const rsaPrivate = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const rsaPublic = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(() => parsePublicKey(rsaPublic)).toThrow('the key is not an Ed25519 public key');
    expect(() => signManifest(Buffer.from('{}'), rsaPrivate)).toThrow('the key is not an Ed25519 private key');
    expect(() => publicKeyFromPrivatePem(rsaPrivate)).toThrow('the key is not an Ed25519 private key');
    const short = Buffer.alloc(31, 1).toString('base64');
    expect(() => parsePublicKey(short)).toThrow('an Ed25519 public key is 32 bytes (44 characters of base64)');
    expect(() => parsePublicKey(Buffer.alloc(33, 1).toString('base64'))).toThrow(/32 bytes/);
  });

  it('says a damaged or foreign signature does not match, rather than failing', () => {
    const { privateKeyPem, publicKey } = generateKeyPair();
    const bytes = Buffer.from('{"id":"org.example.x"}');
    const good = signManifest(bytes, privateKeyPem);
    expect(good.algorithm).toBe('ed25519');
    expect(verifyManifest(bytes, good, publicKey)).toBe(true);
    expect(verifyManifest(bytes, { ...good, signature: 'AAAA' }, publicKey)).toBe(false);
    expect(verifyManifest(bytes, { ...good, signature: '' }, publicKey)).toBe(false);
    const flipped = Buffer.from(good.signature, 'base64');
    flipped[0] = flipped[0]! ^ 1;
    expect(verifyManifest(bytes, { ...good, signature: flipped.toString('base64') }, publicKey)).toBe(false);
  });

  it('signs county bundles and receipts with the same code', () => {
    const { privateKeyPem, publicKey } = generateKeyPair();
    const receipt = Buffer.from('receipt 42');
    expect(verifyBytes(receipt, signBytes(receipt, privateKeyPem), publicKey)).toBe(true);
    expect(verifyBytes(Buffer.from('receipt 43'), signBytes(receipt, privateKeyPem), publicKey)).toBe(false);
  });
});

describe('kite pack sign', () => {
  it('given the pack folder instead of the built file, says what to do instead of "unexpected error"', async () => {
    const folder = tempDir();
    const keyFile = path.join(tempDir(), 'key.pem');
    fs.writeFileSync(keyFile, generateKeyPair().privateKeyPem);
    const run = await kite(['pack', 'sign', folder, '--key', keyFile]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(`${folder} is a folder. Sign a built pack file, or build and sign in one step: kite pack build <folder> -o <file.kpack> --sign <key.pem>`);
    expect(run.stderr).not.toMatch(/unexpected/);
    expect(fs.readdirSync(folder)).toEqual([]);
  });
});
