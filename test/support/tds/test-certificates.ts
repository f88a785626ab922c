/**
 * A throwaway certificate authority and a server certificate for localhost/127.0.0.1, so tests
 * run the driver with encryption AND certificate validation on, trusting only this CA.
 *
 * Keys come from Node's native RSA generator (node-forge's pure-JS one takes seconds); node-forge
 * builds and signs the X.509 certificates. Generated once per process and kept in memory only.
 */
import { generateKeyPairSync } from 'crypto';
import forge from 'node-forge';

export interface TestCertificates {
  /** PEM of the CA the client must trust. */
  caPem: string;
  /** PEM of the server certificate (leaf, signed by the CA). */
  certPem: string;
  /** PEM of the server's private key. */
  keyPem: string;
}

let cached: TestCertificates | undefined;

function newKeyPair(): { privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey; privatePem: string } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privatePem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const forgeKey = forge.pki.privateKeyFromPem(privatePem) as forge.pki.rsa.PrivateKey;
  return { privateKey: forgeKey, publicKey: forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e), privatePem };
}

function validity(certificate: forge.pki.Certificate): void {
  const now = Date.now();
  certificate.validity.notBefore = new Date(now - 60 * 60 * 1000); // tolerate clock skew
  certificate.validity.notAfter = new Date(now + 7 * 24 * 60 * 60 * 1000);
}

function serialNumber(): string {
  // Positive (leading byte < 0x80) random serial, as RFC 5280 requires.
  return '01' + forge.util.bytesToHex(forge.random.getBytesSync(15));
}

export function getTestCertificates(): TestCertificates {
  if (cached) return cached;

  const caKeys = newKeyPair();
  const ca = forge.pki.createCertificate();
  ca.publicKey = caKeys.publicKey;
  ca.serialNumber = serialNumber();
  validity(ca);
  const caSubject = [{ name: 'commonName', value: 'pulumi-azure-sql-migration test CA' }];
  ca.setSubject(caSubject);
  ca.setIssuer(caSubject);
  ca.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  ca.sign(caKeys.privateKey, forge.md.sha256.create());

  const serverKeys = newKeyPair();
  const server = forge.pki.createCertificate();
  server.publicKey = serverKeys.publicKey;
  server.serialNumber = serialNumber();
  validity(server);
  server.setSubject([{ name: 'commonName', value: 'localhost' }]);
  server.setIssuer(caSubject);
  server.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        { type: 2, value: 'localhost' }, // dNSName
        { type: 7, ip: '127.0.0.1' }, // iPAddress
        { type: 7, ip: '::1' },
      ],
    },
    { name: 'authorityKeyIdentifier', keyIdentifier: ca.generateSubjectKeyIdentifier().getBytes() },
  ]);
  server.sign(caKeys.privateKey, forge.md.sha256.create());

  cached = {
    caPem: forge.pki.certificateToPem(ca),
    certPem: forge.pki.certificateToPem(server),
    keyPem: serverKeys.privatePem,
  };
  return cached;
}
