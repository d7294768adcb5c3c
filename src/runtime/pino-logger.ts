/** The Logger port on pino: one JSON line per event on stderr (stdout stays free for CLI output). */
import pino from "pino";
import type { Logger } from "../log.js";

export function createPinoLogger(level: string): Logger {
  const log = pino(
    { level, base: { service: "postkorb" }, timestamp: pino.stdTimeFunctions.isoTime },
    pino.destination(2),
  );
  return {
    info: (fields, msg) => log.info(fields, msg),
    warn: (fields, msg) => log.warn(fields, msg),
    error: (fields, msg) => log.error(fields, msg),
    debug: (fields, msg) => log.debug(fields, msg),
  };
}
