/** A one-line progress bar on stderr (only on a terminal). */
export function createProgress(total: number, enabled: boolean) {
  let done = 0;
  const show = enabled && process.stderr.isTTY;
  const draw = () => {
    const width = 30;
    const filled = Math.round((done / total) * width);
    process.stderr.write(`\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total}`);
  };
  return {
    tick() {
      done++;
      if (show) draw();
    },
    done() {
      if (show) process.stderr.write("\n");
    },
  };
}
