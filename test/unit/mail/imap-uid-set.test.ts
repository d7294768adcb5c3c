import { describe, expect, it } from "vitest";
import { uidSet } from "../../../src/mail/imap-move.js";

describe("UID set of a batch", () => {
  it("writes runs of consecutive UIDs as ranges, so one UID MOVE names the whole batch briefly", () => {
    expect(uidSet([3, 5, 6, 7, 8, 9, 12])).toBe("3,5:9,12");
    expect(uidSet([1, 2, 3])).toBe("1:3");
    expect(uidSet([7])).toBe("7");
  });

  it("sorts and drops repeats, whatever order the UIDs came in", () => {
    expect(uidSet([9, 2, 3, 3, 1])).toBe("1:3,9");
  });
});
