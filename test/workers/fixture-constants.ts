/** Values both sides share: the Node-side fixture builder and the tests inside workerd (no imports here). */

/** The test Worker's POSTKORB_SECRET (a binding in vitest.config.ts); the cover sheets are signed with it. */
export const TEST_SECRET = "workers-test-secret-workers-test-secret";
/** sb1's password in the workerd tests; hashed on Node (build-fixtures.ts), so the Worker verifies a Node hash. */
export const TEST_PASSWORD = "Sachbearbeitung-im-Test-1";
