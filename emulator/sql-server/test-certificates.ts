/**
 * The SQL test server's TLS identity: the same local CA and localhost/127.0.0.1/::1 server certificate the ARM
 * emulator uses (generated on this machine, never downloaded), so tests run the driver with encryption AND
 * certificate validation on, trusting only this CA.
 */
import { ensureEmulatorCertificates } from "../tls/certificates";

export interface TestCertificates {
  /** PEM of the CA the client must trust. */
  caPem: string;
  /** PEM of the server certificate (leaf, signed by the CA). */
  certPem: string;
  /** PEM of the server's private key. */
  keyPem: string;
}

export function getTestCertificates(): TestCertificates {
  const { caPem, certPem, keyPem } = ensureEmulatorCertificates();
  return { caPem, certPem, keyPem };
}
