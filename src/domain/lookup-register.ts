/** Aktenregister lookup: the case reference first, then the customer number. */

import type { DocumentMetadata } from "./metadata.js";
import type { RegisterEntry } from "./office.js";
import {
  type Reason,
  registerHitReason,
  unknownCaseRefReason,
  unknownCustomerNoReason,
} from "./route-reason.js";

export type RegisterLookup =
  | { entry: RegisterEntry; rule: "register-case" | "register-customer"; reasons: Reason[] }
  | { entry: null; reasons: Reason[] };

/** People type "50 - 1234/2026" or "50-1234/2026 "; case and whitespace carry no meaning in a reference. */
function toRefKey(ref: string): string {
  return ref.replace(/\s+/g, "").toUpperCase();
}

function presentValue(value: string | null): string | null {
  const trimmed = value?.trim() ?? "";
  return trimmed.length > 0 ? trimmed : null;
}

function findEntry(
  register: readonly RegisterEntry[],
  value: string | null,
  field: (e: RegisterEntry) => string | null,
): RegisterEntry | null {
  if (value === null) return null;
  const key = toRefKey(value);
  return (
    register.find((e) => {
      const candidate = field(e);
      return candidate !== null && toRefKey(candidate) === key;
    }) ?? null
  );
}

/** A hit carries the clause naming it; a miss carries clauses naming what was not found. */
export function lookupRegister(meta: DocumentMetadata, register: readonly RegisterEntry[]): RegisterLookup {
  const caseRef = presentValue(meta.caseRef);
  const customerNo = presentValue(meta.customerNo);
  const byCase = findEntry(register, caseRef, (e) => e.caseRef);
  if (byCase !== null && caseRef !== null) {
    return {
      entry: byCase,
      rule: "register-case",
      reasons: [registerHitReason("caseRef", caseRef, byCase.assignee)],
    };
  }
  const byCustomer = findEntry(register, customerNo, (e) => e.customerNo);
  const reasons = caseRef === null ? [] : [unknownCaseRefReason(caseRef, byCustomer !== null)];
  if (byCustomer !== null && customerNo !== null) {
    reasons.push(registerHitReason("customerNo", customerNo, byCustomer.assignee));
    return { entry: byCustomer, rule: "register-customer", reasons };
  }
  if (customerNo !== null) reasons.push(unknownCustomerNoReason(customerNo));
  return { entry: null, reasons };
}
