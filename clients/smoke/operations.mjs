// The named operations of graphql/operations (the ones the README quotes), and fresh XRPL
// wallets, with the proof registerUser takes, for the users a check registers.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gql } from '@apollo/client/core/index.js';
import keypairs from 'ripple-keypairs';

const root = fileURLToPath(new URL('../../graphql/operations/', import.meta.url));

export function operation(path) {
  return gql(readFileSync(root + path + '.graphql', 'utf8'));
}

/** A fresh XRPL wallet (ripple-keypairs), as a wallet app holds one. */
export function newWallet() {
  const keys = keypairs.deriveKeypair(keypairs.generateSeed());
  return { ...keys, address: keypairs.deriveAddress(keys.publicKey) };
}

/**
 * The proof registerUser and signIn take: the wallet's signature of a challenge the service
 * issued for its address, made as XRPL tooling makes it (ripple-keypairs sign(messageHex, key)).
 * {@code request(query, variables)} sends a GraphQL document and resolves to its data.
 */
export async function proofFor(wallet, request) {
  const { requestSignInChallenge: { challenge } } = await request(
    'mutation($a: String!) { requestSignInChallenge(input: {address: $a}) { challenge } }', { a: wallet.address });
  const signature = keypairs.sign(Buffer.from(challenge, 'utf8').toString('hex'), wallet.privateKey);
  return { address: wallet.address, publicKey: wallet.publicKey, signature, challenge };
}
