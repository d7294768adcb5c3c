/** Sends raw RFC 822 bytes over real SMTP (nodemailer) and returns the server's reply. */
import nodemailer from "nodemailer";

export async function sendRaw(port: number, raw: Uint8Array, to = "postkorb@amt.example"): Promise<string> {
  const transport = nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true });
  try {
    const info = await transport.sendMail({
      envelope: { from: "scanterminal@kundencenter.example", to: [to] },
      raw: Buffer.from(raw),
    });
    return info.response;
  } finally {
    transport.close();
  }
}
