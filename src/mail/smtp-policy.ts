/** What the SMTP ingress accepts: recipients, credentials, TLS files and per-client limits, from the config. */
import type { Config } from "../config.js";

export interface SmtpPolicy {
  /** Lower-cased accepted RCPT TO addresses; empty = accept any. */
  recipients: string[];
  auth: { user: string; password: string } | undefined;
  tls: { certPath: string; keyPath: string } | undefined;
  maxRecipients: number;
  maxConnectionsPerClient: number;
  /** Mail transactions (MAIL FROM) per client address and minute. */
  ratePerMinute: number;
}

export const openSmtpPolicy: SmtpPolicy = {
  recipients: [],
  auth: undefined,
  tls: undefined,
  maxRecipients: 50,
  maxConnectionsPerClient: 20,
  ratePerMinute: 6000,
};

export function smtpPolicyFromConfig(config: Readonly<Config>): SmtpPolicy {
  return {
    recipients: config.smtpRecipients,
    auth: config.smtpAuth,
    tls: config.smtpTls,
    maxRecipients: config.smtpMaxRecipients,
    maxConnectionsPerClient: config.smtpMaxConnectionsPerClient,
    ratePerMinute: config.smtpRatePerMinute,
  };
}
